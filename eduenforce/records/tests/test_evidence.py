"""Evidence files: allow-list by extension and content, size limit while streaming, hashes
computed on the way in, guarded download with custody, and tamper detection."""

import hashlib
import io
import zipfile
from pathlib import Path

import pytest
from django.core.files.base import ContentFile, File
from django.core.management import call_command
from django.urls import reverse

from eduenforce.core.errors import DomainError
from eduenforce.records import evidence
from eduenforce.records.models import CustodyEvent, EvidenceFile, JournalEntry

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def storage_dir(settings, tmp_path) -> Path:
    """Evidence goes to a per-test directory, never the data dir."""
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(tmp_path)},
        },
    }
    return tmp_path


@pytest.fixture
def owner(officer):
    """Any model instance can own evidence; the uploading user's account stands in here."""
    return officer


def jpeg(size=(8, 8)) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", size, (10, 120, 200)).save(out, "JPEG")
    return out.getvalue()


def docx() -> bytes:
    from docx import Document

    out = io.BytesIO()
    document = Document()
    document.add_paragraph("询问笔录")
    document.save(out)
    return out.getvalue()


def stored_files(root: Path) -> list[Path]:
    return [p for p in root.rglob("*") if p.is_file()]


def test_a_photo_is_stored_under_a_random_name_with_both_hashes_journaled(owner, officer, storage_dir):
    content = jpeg()
    item = evidence.store(
        ContentFile(content, name="门口照片.JPEG"), owner=owner, by=officer, description="正门"
    )
    assert item.sha256 == hashlib.sha256(content).hexdigest()
    assert item.sm3 == hashlib.new("sm3", content).hexdigest()
    assert item.size == len(content) and item.file_type == "jpg" and item.kind == "photo"
    assert item.original_name == "门口照片.JPEG" and "门口" not in item.storage_name
    [path] = stored_files(storage_dir)
    assert path.read_bytes() == content
    entry = JournalEntry.objects.get(action="evidence.uploaded")
    assert entry.changes["sm3"] == item.sm3 and entry.changes["sha256"] == item.sha256
    assert CustodyEvent.objects.get(evidence=item).action == "uploaded"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("现场照片.jpg", b"MZ\x90\x00\x03" + b"\x00" * 200, "内容与扩展名不符"),
        ("tool.exe", b"MZ\x90\x00" + b"\x00" * 50, "不允许上传"),
        ("page.html", b"<html><script>alert(1)</script></html>", "不允许上传"),
        ("noextension", b"%PDF-1.7", "无扩展名"),
        ("笔录.docx", b"PK\x03\x04" + b"\x00" * 100, "不是有效的Word 文档"),
        ("empty.pdf", b"", "空文件"),
        ("broken.png", b"\x89PNG\r\n\x1a\n" + b"\x00" * 40, "图片已损坏"),
    ],
)
def test_a_refused_file_leaves_nothing_behind(owner, officer, storage_dir, name, content, message):
    with pytest.raises(DomainError, match=message):
        evidence.store(ContentFile(content, name=name), owner=owner, by=officer)
    assert not EvidenceFile.objects.exists()
    assert stored_files(storage_dir) == []


def test_office_files_videos_and_pdfs_are_accepted_by_their_content(owner, officer):
    kinds = {}
    for name, content in [
        ("笔录.docx", docx()),
        ("执法记录仪.mp4", b"\x00\x00\x00\x18ftypmp42" + b"\x00" * 64),
        ("手机视频.mov", b"\x00\x00\x00\x14ftypqt  " + b"\x00" * 64),
        ("营业执照.pdf", b"%PDF-1.4\n%%EOF\n"),
    ]:
        kinds[name] = evidence.store(ContentFile(content, name=name), owner=owner, by=officer).kind
    assert kinds == {
        "笔录.docx": "document",
        "执法记录仪.mp4": "video",
        "手机视频.mov": "video",
        "营业执照.pdf": "document",
    }


def test_a_zip_that_is_not_a_workbook_is_refused_as_xlsx(owner, officer):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("[Content_Types].xml", "<Types/>")
        archive.writestr("payload.exe", "MZ")
    with pytest.raises(DomainError, match="Excel"):
        evidence.store(ContentFile(out.getvalue(), name="台账.xlsx"), owner=owner, by=officer)


def test_the_size_limit_is_enforced_on_the_declared_size_and_while_streaming(
    owner, officer, settings, storage_dir
):
    settings.EVIDENCE_MAX_BYTES = 1000
    with pytest.raises(DomainError, match="超过大小上限"):
        evidence.store(ContentFile(jpeg((64, 64)) + b"\x00" * 1000, name="big.jpg"), owner=owner, by=officer)

    class Lying(File):
        """A file whose declared size is small but whose stream is not."""

        size = 10

    with pytest.raises(DomainError, match="超过大小上限"):
        evidence.store(Lying(io.BytesIO(b"%PDF-" + b"0" * 5000), name="big.pdf"), owner=owner, by=officer)
    assert stored_files(storage_dir) == [] and not EvidenceFile.objects.exists()


def test_download_is_an_attachment_with_nosniff_and_every_view_is_in_the_chain_of_custody(
    owner, officer, client_for, make_user
):
    content = jpeg()
    item = evidence.store(ContentFile(content, name="现场.jpg"), owner=owner, by=officer)
    reader = make_user("legal_reviewer")
    client = client_for(reader)
    detail = client.get(reverse("records:evidence-detail", args=[item.uid]))
    assert item.sm3 in detail.content.decode()
    response = client.get(reverse("records:evidence-download", args=[item.uid]))
    assert b"".join(response.streaming_content) == content
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "sandbox" in response["Content-Security-Policy"]
    actions = list(item.custody.order_by("id").values_list("action", "actor"))
    assert actions == [("uploaded", officer.pk), ("viewed", reader.pk), ("downloaded", reader.pk)]
    assert JournalEntry.objects.filter(action="evidence.downloaded", object_id=str(item.pk)).count() == 1


def test_verify_evidence_reports_a_changed_byte_and_the_file_is_no_longer_served(
    owner, officer, storage_dir, client_for, capsys
):
    item = evidence.store(ContentFile(jpeg(), name="现场.jpg"), owner=owner, by=officer)
    evidence.store(ContentFile(b"%PDF-1.4\n", name="清单.pdf"), owner=owner, by=officer)
    call_command("verify_evidence")
    assert capsys.readouterr().out.strip() == "OK 2 evidence files"

    path = storage_dir / item.storage_name
    data = bytearray(path.read_bytes())
    data[-3] ^= 0xFF
    path.write_bytes(bytes(data))
    with pytest.raises(SystemExit) as exit_:
        call_command("verify_evidence")
    assert exit_.value.code == 1
    err = capsys.readouterr().err
    assert f"MISMATCH {item.uid}" in err and "杂凑值不符" in err and "1 of 2" in err
    item.refresh_from_db()
    assert not item.integrity_ok
    assert JournalEntry.objects.filter(action="evidence.integrity_failed", object_id=str(item.pk)).exists()

    response = client_for(officer).get(reverse("records:evidence-download", args=[item.uid]))
    assert response.status_code == 409 and "完整性校验未通过" in response.content.decode()


def test_a_missing_file_is_reported_too(owner, officer, storage_dir, capsys):
    item = evidence.store(ContentFile(b"%PDF-1.4\n", name="清单.pdf"), owner=owner, by=officer)
    (storage_dir / item.storage_name).unlink()
    with pytest.raises(SystemExit):
        call_command("verify_evidence")
    assert "找不到该文件" in capsys.readouterr().err
