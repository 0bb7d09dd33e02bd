"""Staff pages: publications due/overdue, withdrawals, and article editing — each view as the
role that owns it, a colleague without the right (403) and an anonymous visitor (login)."""

from datetime import date

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from eduenforce.core.roles import Role
from eduenforce.portal.choices import ArticleStatus, PublicationState
from eduenforce.portal.models import Article
from eduenforce.portal.tests.factories import publish, schedule

pytestmark = pytest.mark.django_db

VIEWERS = {Role.OFFICER, Role.SECTION_HEAD, Role.LEGAL_REVIEWER, Role.LEADER}
WRITERS = {Role.OFFICER, Role.SECTION_HEAD}


@pytest.fixture(autouse=True)
def _files(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


@pytest.fixture
def article(officer):
    article = Article.draft(
        kind="interpretation", title="《校外培训行政处罚暂行办法》解读", body="正文", by=officer
    )
    article.add_attachment(SimpleUploadedFile("解读.pdf", b"%PDF-1.4 x"), by=officer)
    return article


def pages(article, publication):
    attachment = article.attachments.get()
    return {
        "/publications/": VIEWERS,
        f"/publications/{publication.pk}/": VIEWERS,
        "/publications/articles/": VIEWERS,
        f"/publications/articles/{article.pk}/": VIEWERS,
        f"/publications/articles/{article.pk}/attachments/{attachment.pk}/": VIEWERS,
        "/publications/articles/new/": WRITERS,
        f"/publications/articles/{article.pk}/edit/": WRITERS,
    }


@pytest.mark.parametrize("role", list(Role))
def test_each_role_opens_only_the_staff_pages_it_may(make_user, client_for, article, role):
    client = client_for(make_user(role))
    for url, allowed in pages(article, schedule()).items():
        assert client.get(url).status_code == (200 if role in allowed else 403), url


def test_an_anonymous_visitor_is_sent_to_the_login_page(client, article):
    for url in pages(article, schedule()):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url


def test_the_dashboard_lists_overdue_and_due_publications_and_withdrawals(client_for, officer, section_head):
    overdue = schedule(occurred_on=date(2025, 9, 1), title="逾期的处罚决定")
    due = schedule(occurred_on=date(2025, 9, 30), title="未到期的处罚决定")
    revoked = publish(by=section_head, title="被撤销的处罚决定")
    from eduenforce.portal import services

    with time_machine.travel(date(2025, 10, 9)):
        services.request_withdrawal(revoked, by=section_head, reason="复议撤销", revoked_on=date(2025, 9, 1))
        page = client_for(officer).get("/publications/").content.decode()
    sections = {
        key: page.split(f'data-testid="section-{key}"')[1].split("</section>")[0]
        for key in ("overdue", "due", "withdrawal_overdue", "withdrawal_due")
    }
    assert overdue.title in sections["overdue"] and due.title in sections["due"]
    assert revoked.title in sections["withdrawal_overdue"] and "无。" in sections["withdrawal_due"]


def test_a_head_registers_a_revocation_and_withdraws_the_decision(client_for, section_head, officer):
    publication = publish(by=section_head, title="对某机构的处罚决定")
    head = client_for(section_head)
    head.post(
        f"/publications/{publication.pk}/request-withdrawal/",
        {"reason": "复议撤销", "revoked_on": "2025-06-03"},
    )
    publication.refresh_from_db()
    assert publication.withdraw_due_on is not None
    assert (
        client_for(officer).post(f"/publications/{publication.pk}/withdraw/", {"note": "x"}).status_code
        == 403
    )
    response = head.post(f"/publications/{publication.pk}/withdraw/", {"note": "复议撤销"}, follow=True)
    publication.refresh_from_db()
    assert publication.state == PublicationState.WITHDRAWN and "已撤回" in response.content.decode()


def test_withdrawing_twice_is_a_message_not_an_error(client_for, section_head):
    publication = publish(by=section_head)
    head = client_for(section_head)
    head.post(f"/publications/{publication.pk}/withdraw/", {"note": "撤销"})
    response = head.post(f"/publications/{publication.pk}/withdraw/", {"note": "再次"}, follow=True)
    assert response.status_code == 200 and "不能撤回" in response.content.decode()


def test_a_bad_revocation_date_is_a_form_message(client_for, section_head):
    publication = publish(by=section_head)
    response = client_for(section_head).post(
        f"/publications/{publication.pk}/request-withdrawal/",
        {"reason": "撤销", "revoked_on": "abc"},
        follow=True,
    )
    assert response.status_code == 200 and "撤销/变更日期" in response.content.decode()


def test_an_officer_writes_and_submits_and_a_leader_publishes_through_the_pages(
    client_for, officer, leader, client
):
    writer = client_for(officer)
    response = writer.post(
        "/publications/articles/new/",
        {
            "kind": "news",
            "title": "区教育局通报寒假校外培训检查情况",
            "summary": "",
            "body": "检查机构150家。",
        },
    )
    article = Article.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/publications/articles/{article.pk}/"
    writer.post(
        f"/publications/articles/{article.pk}/attachments/",
        {"file": SimpleUploadedFile("通报.pdf", b"%PDF-1.4 y")},
    )
    writer.post(f"/publications/articles/{article.pk}/submit/")
    assert writer.post(f"/publications/articles/{article.pk}/approve/").status_code == 403
    client_for(leader).post(f"/publications/articles/{article.pk}/approve/")
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED
    assert "检查机构150家" in client.get(article.publication.get_absolute_url()).content.decode()


def test_a_bad_article_form_keeps_what_was_typed(client_for, officer):
    response = client_for(officer).post(
        "/publications/articles/new/",
        {"kind": "news", "title": "", "summary": "摘要保留", "body": "<script>x</script>"},
    )
    text = response.content.decode()
    assert response.status_code == 200 and "摘要保留" in text and not Article.objects.exists()


def test_a_rejected_upload_is_a_message_and_the_article_is_unchanged(client_for, officer, article):
    response = client_for(officer).post(
        f"/publications/articles/{article.pk}/attachments/",
        {"file": SimpleUploadedFile("a.exe", b"MZ")},
        follow=True,
    )
    assert "类型不允许" in response.content.decode() and article.attachments.count() == 1


def test_editing_an_article_under_review_is_refused_politely(client_for, officer, article):
    article.submit(by=officer)
    response = client_for(officer).get(f"/publications/articles/{article.pk}/edit/", follow=True)
    assert response.status_code == 200 and "不能修改" in response.content.decode()


def test_the_home_page_cards_count_due_and_overdue_publications(client_for, officer):
    schedule(occurred_on=date(2025, 9, 1))
    with time_machine.travel(date(2025, 10, 9)):
        page = client_for(officer).get("/").content.decode()
    assert "待公示信息" in page and "逾期未公示" in page
