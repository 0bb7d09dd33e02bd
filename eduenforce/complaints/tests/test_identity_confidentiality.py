"""The complainant's identity: only the assigned handler and section heads see it, and never
the public, the institution, partner departments or colleagues."""

import pytest
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile

from eduenforce.complaints import actions
from eduenforce.complaints.tests.factories import InstitutionFactory, make_complaint
from eduenforce.complaints.uploads import check_file
from eduenforce.core.errors import DomainError
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db
NAME, PHONE = "王小明", "13812345678"


@pytest.fixture
def named(section_head, officer):
    cache.clear()
    complaint, code = make_complaint(named=True, institution=InstitutionFactory())
    complaint.accept(by=section_head, notice_channel="phone")
    complaint.assign(handler=officer, by=section_head)
    return complaint


def shows_identity(html: str) -> bool:
    return NAME in html or PHONE in html


def test_the_assigned_handler_and_the_section_head_see_who_complained(
    named, client_for, officer, section_head
):
    for user in (officer, section_head):
        client = client_for(user)
        detail = client.get(f"/complaints/{named.pk}/").content.decode()
        assert "查看投诉人信息" in detail and not shows_identity(detail)  # behind a journaled click
        identity = client.get(f"/complaints/{named.pk}/identity/")
        assert identity.status_code == 200 and shows_identity(identity.content.decode())
    viewers = JournalEntry.objects.filter(action="complaint.identity_viewed", object_id=str(named.pk))
    assert set(viewers.values_list("actor_id", flat=True)) == {officer.pk, section_head.pk}


@pytest.mark.parametrize("role", ["officer", "legal_reviewer", "leader"])
def test_colleagues_who_do_not_handle_it_never_see_the_identity(named, make_user, client_for, role):
    client = client_for(make_user(role))
    detail = client.get(f"/complaints/{named.pk}/")
    assert detail.status_code == 200
    html = detail.content.decode()
    assert not shows_identity(html) and "身份信息仅承办人和科室负责人可见" in html
    assert client.get(f"/complaints/{named.pk}/identity/").status_code == 403
    assert not shows_identity(client.get("/complaints/").content.decode())


def test_a_liaison_officer_cannot_open_complaints(named, liaison, client_for):
    client = client_for(liaison)
    assert client.get(f"/complaints/{named.pk}/").status_code == 403
    assert client.get(f"/complaints/{named.pk}/identity/").status_code == 403
    assert client.get("/complaints/").status_code == 403


def test_attachments_follow_the_identity_rule(section_head, officer, make_user, client_for):
    png = b"\x89PNG\r\n\x1a\n" + bytes.fromhex(
        "0000000d49484452000000010000000108020000009077"
        "53de0000000c4944415408d763f8cfc000000301010018dd8db00000000049454e44ae426082"
    )
    checked = check_file(SimpleUploadedFile("身份证照片.png", png))
    complaint, _ = make_complaint(named=True, attachments=[checked])
    complaint.accept(by=section_head, notice_channel="phone")
    complaint.assign(handler=officer, by=section_head)
    attachment = complaint.attachments.get()
    url = f"/complaints/{complaint.pk}/attachments/{attachment.pk}/"
    response = client_for(officer).get(url)
    assert response.status_code == 200 and b"".join(response.streaming_content) == png
    assert response["Content-Disposition"].startswith("attachment")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert client_for(make_user("officer")).get(url).status_code == 403


def test_public_pages_and_the_journal_never_carry_the_identity(named, client):
    for entry in JournalEntry.objects.filter(object_id=str(named.pk), object_type="complaints.complaint"):
        assert not shows_identity(entry.body_text), entry.action
    assert not shows_identity(client.get("/portal/complaints/").content.decode())


def test_a_referral_to_another_department_may_not_carry_the_identity(named, officer):
    from eduenforce.accounts.models import Department

    market = Department.objects.get(code="scjg")
    with pytest.raises(DomainError, match="不得包含投诉人身份信息"):
        actions.do_refer(
            named,
            to_department=market,
            subject="预收费问题",
            content=f"投诉人{NAME}（电话{PHONE}）反映该机构违规预收费。",
            by=officer,
        )
    draft = actions.referral_draft(named)
    assert not shows_identity(draft)
    handling = actions.do_refer(named, to_department=market, subject="预收费问题", content=draft, by=officer)
    assert not shows_identity(handling.referral.content)


def test_the_partner_departments_liaison_sees_the_referral_but_not_who_complained(
    named, officer, liaison, client_for
):
    from eduenforce.accounts.models import Department

    market = Department.objects.get(code="scjg")
    handling = actions.do_refer(
        named, to_department=market, subject="预收费问题", content=actions.referral_draft(named), by=officer
    )
    page = client_for(liaison).get(f"/coordination/referrals/{handling.referral.pk}/")
    assert page.status_code == 200 and not shows_identity(page.content.decode())


def test_the_draft_removes_a_name_and_a_phone_written_into_the_complaint_text(section_head, officer):
    complaint, _ = make_complaint(named=True, content=f"我是{NAME}，电话{PHONE}，该机构拒绝退费已经两个月。")
    complaint.accept(by=section_head, notice_channel="phone")
    complaint.assign(handler=officer, by=section_head)
    assert not shows_identity(actions.referral_draft(complaint))
