"""执法动态 / 法律法规解读: draft → review → publish, sanitised rich text, checked attachments, journaled."""

import io
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from eduenforce.core.errors import DomainError
from eduenforce.portal.choices import ArticleStatus, PublicationState
from eduenforce.portal.models import Article
from eduenforce.portal.richtext import sanitise
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _files(settings, tmp_path):
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }


def pdf(name="通报.pdf", size=100):
    return SimpleUploadedFile(name, b"%PDF-1.4\n" + b"0" * size, "application/pdf")


def docx(name="解读.docx", marker="word/document.xml"):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr(marker, "<w:document/>")
    return SimpleUploadedFile(name, buffer.getvalue())


def draft(officer, **kwargs):
    data = {
        "kind": "news",
        "title": "区教育局开展暑期校外培训治理",
        "summary": "联合检查",
        "body": "第一段\n\n第二段",
    }
    return Article.draft(by=officer, **{**data, **kwargs})


def test_an_article_goes_from_draft_through_review_to_the_portal(officer, section_head, client):
    article = draft(officer)
    assert article.body == "<p>第一段</p><p>第二段</p>"
    attachment = article.add_attachment(pdf(), by=officer)
    article.submit(by=officer)
    publication = article.approve(by=section_head)
    article.refresh_from_db()
    assert article.status == ArticleStatus.PUBLISHED and article.reviewed_by == section_head
    assert publication.state == PublicationState.PUBLISHED and publication.kind == "news"
    page = client.get(publication.get_absolute_url()).content.decode()
    assert "第二段" in page and attachment.original_name in page
    assert publication.title in client.get("/portal/list/news/").content.decode()
    actions = set(JournalEntry.objects.filter(object_type="portal.article").values_list("action", flat=True))
    assert actions == {"article.created", "article.attachment_added", "article.submitted", "article.approved"}


def test_the_author_cannot_approve_their_own_article(section_head):
    article = draft(section_head)
    article.submit(by=section_head)
    with pytest.raises(DomainError, match="审核人不能是撰稿人"):
        article.approve(by=section_head)


def test_a_returned_article_needs_a_reason_and_becomes_editable_again(officer, leader):
    article = draft(officer)
    article.submit(by=officer)
    with pytest.raises(DomainError, match="审核意见"):
        article.return_for_revision(by=leader, note="  ")
    with pytest.raises(DomainError, match="不能修改"):
        article.edit(by=officer, title="新标题", summary="", body="x")
    article.return_for_revision(by=leader, note="请补充执法依据")
    article.edit(by=officer, title="新标题", summary="", body="依据《民办教育促进法》")
    assert article.status == ArticleStatus.DRAFT and article.title == "新标题"


def test_only_a_draft_in_review_can_be_approved(officer, leader):
    article = draft(officer)
    with pytest.raises(DomainError, match="不能审核发布"):
        article.approve(by=leader)


def test_withdrawing_a_published_article_takes_it_off_the_portal(officer, leader, client):
    article = draft(officer)
    article.submit(by=officer)
    publication = article.approve(by=leader)
    article.withdraw(by=leader, note="信息有误")
    assert client.get(publication.get_absolute_url()).status_code == 410


@pytest.mark.parametrize(
    "dirty, clean",
    [
        ("<p>正文<script>alert(1)</script></p>", "<p>正文</p>"),
        ('<p onclick="steal()" style="color:red">段落</p>', "<p>段落</p>"),
        ('<a href="javascript:alert(1)">链接</a>', '<a rel="noopener noreferrer nofollow">链接</a>'),
        (
            '<a href="https://www.tjdl.gov.cn/">区政府</a>',
            '<a href="https://www.tjdl.gov.cn/" rel="noopener noreferrer nofollow">区政府</a>',
        ),
        ("<iframe src='https://evil'></iframe><strong>要点</strong>", "<strong>要点</strong>"),
        ("1 < 2 且 3 > 2", "<p>1 &lt; 2 且 3 &gt; 2</p>"),
    ],
)
def test_rich_text_keeps_only_the_allowed_html(dirty, clean):
    assert sanitise(dirty) == clean


def test_an_empty_title_or_body_is_refused_with_the_field_named(officer):
    with pytest.raises(DomainError) as error:
        draft(officer, title=" ")
    assert error.value.field == "title"
    with pytest.raises(DomainError) as error:
        draft(officer, body="<script>x</script>")
    assert error.value.field == "body"


@pytest.mark.parametrize(
    "upload, message",
    [
        (SimpleUploadedFile("程序.exe", b"MZ\x90\x00"), "类型不允许"),
        (SimpleUploadedFile("伪装.pdf", b"\x89PNG\r\n\x1a\n1234"), "内容与扩展名不符"),
        (docx(marker="other.xml"), "内容与扩展名不符"),
        (SimpleUploadedFile("空.pdf", b""), "空文件"),
    ],
)
def test_attachments_are_checked_by_content_and_type(officer, upload, message):
    article = draft(officer)
    with pytest.raises(DomainError, match=message):
        article.add_attachment(upload, by=officer)
    assert not article.attachments.exists()


def test_an_attachment_over_the_size_limit_is_refused(officer, sys_admin):
    from eduenforce.core import config

    config.set_value("portal.attachment_max_mb", 1, by=None)
    with pytest.raises(DomainError, match="超过大小上限 1 MB"):
        draft(officer).add_attachment(pdf(size=1024 * 1024 + 1), by=officer)


def test_an_attachment_keeps_a_clean_name_and_a_random_stored_name(officer):
    attachment = draft(officer).add_attachment(docx("../../etc/pass<wd>.docx"), by=officer)
    assert attachment.original_name == "passwd.docx"
    assert attachment.file.name.startswith("portal-attachments/") and "passwd" not in attachment.file.name
    assert len(attachment.sha256) == 64


def test_an_attachment_is_not_public_before_its_article_is(officer, client):
    attachment = draft(officer).add_attachment(pdf(), by=officer)
    assert client.get(f"/portal/attachments/{attachment.token}/").status_code == 404


def test_attachments_can_be_removed_only_from_a_draft(officer):
    article = draft(officer)
    attachment = article.add_attachment(pdf(), by=officer)
    article.submit(by=officer)
    with pytest.raises(DomainError, match="不能删除附件"):
        article.remove_attachment(attachment, by=officer)


def test_a_public_attachment_whose_file_is_gone_is_a_404_not_an_error(officer, leader, client):
    article = draft(officer)
    attachment = article.add_attachment(pdf(), by=officer)
    article.submit(by=officer)
    article.approve(by=leader)
    attachment.file.storage.delete(attachment.file.name)
    response = client.get(f"/portal/attachments/{attachment.token}/")
    assert response.status_code == 404 and "无法读取" in response.content.decode()
