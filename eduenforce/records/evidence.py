"""Evidence files: checked, streamed to storage with their hashes, served only through a guard.

The one entry point for storing a file is ``store(uploaded, owner=…, by=…)``; any app that
takes evidence (the on-site record, penalty cases) calls it from its own upload view and
wraps that view with ``evidence_upload_view`` so that the size limit is enforced while the
request body streams in, before anything reaches memory or disk.

- Type: the extension must be on the allow-list *and* the first bytes must be that format
  (JPEG/PNG/PDF signatures, an ISO media box for MP4/MOV, a ZIP with the Office parts for
  DOCX/XLSX); images are additionally parsed by Pillow. An ``.exe`` renamed ``.jpg`` is refused.
- Size: ``settings.EVIDENCE_MAX_BYTES`` (500 MB by default, video included), counted while
  streaming, never trusted from the client.
- Storage: Django's default storage (filesystem outside the web root, or S3-compatible),
  under a random name; the original name is metadata only.
- Integrity: SHA-256 and SM3 are computed in the same pass that writes the file and go into
  the journal; ``verify_file`` re-hashes, ``open_for_download`` refuses a file that no longer
  matches, and every view or download is a custody event (and a journal entry).
"""

import hashlib
import uuid
import zipfile
from dataclasses import dataclass
from functools import wraps

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.db import transaction
from django.utils import timezone
from django.views.decorators.csrf import csrf_exempt, csrf_protect

from eduenforce.core.errors import DomainError
from eduenforce.core.middleware import current_ip, current_request_id
from eduenforce.records.journal import append
from eduenforce.records.models import CustodyAction, CustodyEvent, EvidenceFile, EvidenceKind

CHUNK = 256 * 1024
HEAD = 64


@dataclass(frozen=True)
class FileType:
    ext: str
    label: str
    content_type: str
    kind: str


TYPES = {
    t.ext: t
    for t in [
        FileType("jpg", "JPG 图片", "image/jpeg", EvidenceKind.PHOTO),
        FileType("png", "PNG 图片", "image/png", EvidenceKind.PHOTO),
        FileType("pdf", "PDF 文档", "application/pdf", EvidenceKind.DOCUMENT),
        FileType("mp4", "MP4 视频", "video/mp4", EvidenceKind.VIDEO),
        FileType("mov", "MOV 视频", "video/quicktime", EvidenceKind.VIDEO),
        FileType(
            "docx",
            "Word 文档",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            EvidenceKind.DOCUMENT,
        ),
        FileType(
            "xlsx",
            "Excel 表格",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            EvidenceKind.DOCUMENT,
        ),
    ]
}
ALIASES = {"jpeg": "jpg"}
ALLOWED_LABEL = "、".join(TYPES)
# Upload inputs use this as their ``accept`` attribute.
ACCEPT = ",".join(f".{ext}" for ext in [*TYPES, *ALIASES])

_ISO_MEDIA_BOXES = {b"ftyp", b"moov", b"mdat", b"wide", b"free", b"skip"}
_ZIP_PARTS = {"docx": "word/document.xml", "xlsx": "xl/workbook.xml"}
_ZIP_MAX_ENTRIES = 20_000
_PILLOW_FORMATS = {"jpg": "JPEG", "png": "PNG"}


def human_size(n: int) -> str:
    for unit in ("B", "KB", "MB", "GB"):
        if n < 1024 or unit == "GB":
            return f"{n:.0f} {unit}" if unit == "B" else f"{n:.1f} {unit}"
        n /= 1024
    return f"{n} B"  # pragma: no cover


def max_bytes() -> int:
    return settings.EVIDENCE_MAX_BYTES


# --------------------------------------------------------------------------- upload guard


class EvidenceSizeLimitHandler(FileUploadHandler):
    """Stops reading a file part as soon as it exceeds the limit (Django's own limits do not
    cap files). The view learns why from ``request.evidence_too_large``."""

    def receive_data_chunk(self, raw_data, start):
        if start + len(raw_data) > max_bytes():
            self.request.evidence_too_large = True
            raise StopUpload(connection_reset=False)
        return raw_data

    def file_complete(self, file_size):
        return None


def evidence_upload_view(view):
    """Wrap an upload view: the size guard must be installed before CSRF reads the body."""
    protected = csrf_protect(view)

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        request.evidence_too_large = False
        request.upload_handlers.insert(0, EvidenceSizeLimitHandler(request))
        return protected(request, *args, **kwargs)

    return csrf_exempt(wrapper)


def too_large_message() -> str:
    return f"文件超过大小上限 {human_size(max_bytes())}，未保存"


# --------------------------------------------------------------------------- checks


def file_type_of(name: str) -> FileType:
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    ext = ALIASES.get(ext, ext)
    if ext not in TYPES:
        shown = f"“.{ext}”" if ext else "（无扩展名）"
        raise DomainError(f"文件“{name}”的类型{shown}不允许上传，仅允许：{ALLOWED_LABEL}", field="file")
    return TYPES[ext]


def head_matches(ftype: FileType, head: bytes) -> bool:
    """Does the file start the way its format requires?"""
    ext = ftype.ext
    if ext == "jpg":
        return head[:3] == b"\xff\xd8\xff"
    if ext == "png":
        return head[:8] == b"\x89PNG\r\n\x1a\n"
    if ext == "pdf":
        return head[:5] == b"%PDF-"
    if ext == "mp4":
        return head[4:8] == b"ftyp"
    if ext == "mov":
        return head[4:8] in _ISO_MEDIA_BOXES
    return head[:4] == b"PK\x03\x04"  # docx, xlsx: ZIP containers, checked further after storing


def _check_structure(ftype: FileType, name: str) -> None:
    """Deeper checks that need the whole file (read back from storage)."""
    if ftype.ext in _ZIP_PARTS:
        with default_storage.open(name, "rb") as f:
            try:
                with zipfile.ZipFile(f) as archive:
                    entries = archive.infolist()
                    names = {e.filename for e in entries}
            except zipfile.BadZipFile:
                raise DomainError(f"文件内容不是有效的{ftype.label}", field="file") from None
        if (
            len(entries) > _ZIP_MAX_ENTRIES
            or "[Content_Types].xml" not in names
            or _ZIP_PARTS[ftype.ext] not in names
        ):
            raise DomainError(f"文件内容不是有效的{ftype.label}", field="file")
    elif ftype.ext in _PILLOW_FORMATS:
        from PIL import Image

        with default_storage.open(name, "rb") as f:
            try:
                with Image.open(f) as image:
                    image_format = image.format
                    image.verify()
            except Exception:  # noqa: BLE001 (Pillow raises many types for a damaged file)
                raise DomainError(f"图片已损坏或不是有效的{ftype.label}", field="file") from None
        if image_format != _PILLOW_FORMATS[ftype.ext]:
            raise DomainError(f"文件内容不是有效的{ftype.label}", field="file")


class _HashingReader(File):
    """Feeds every byte the storage reads through SHA-256 and SM3, and counts them.

    A storage that rewinds and reads again (seek(0)) restarts the digests, so the hashes
    always describe exactly the bytes written.
    """

    def __init__(self, source, limit: int):
        super().__init__(source, name=getattr(source, "name", None))
        self._limit = limit
        self._restart()

    def _restart(self):
        self.sha256, self.sm3, self.count = hashlib.sha256(), hashlib.new("sm3"), 0

    def read(self, size=-1):
        data = self.file.read(size)
        self.count += len(data)
        if self.count > self._limit:
            raise DomainError(too_large_message(), field="file")
        self.sha256.update(data)
        self.sm3.update(data)
        return data

    def seek(self, offset, whence=0):
        if offset == 0 and whence == 0:
            self._restart()
        return self.file.seek(offset, whence)

    def chunks(self, chunk_size=None):
        self.seek(0)
        while data := self.read(chunk_size or CHUNK):
            yield data

    def __iter__(self):
        return self.chunks()


def hashes_of(name: str) -> tuple[str, str, int]:
    """(sha256, sm3, size) of a stored file, streamed."""
    sha, sm, size = hashlib.sha256(), hashlib.new("sm3"), 0
    with default_storage.open(name, "rb") as f:
        while data := f.read(CHUNK):
            sha.update(data)
            sm.update(data)
            size += len(data)
    return sha.hexdigest(), sm.hexdigest(), size


# --------------------------------------------------------------------------- service


def store(uploaded, *, owner, by, kind: str | None = None, description: str = "") -> EvidenceFile:
    """Check, stream to storage with hashes, and record one evidence file attached to ``owner``.

    ``uploaded`` is any Django ``File`` (an ``UploadedFile`` from a form, or a ``ContentFile``
    for a signature drawn on screen). Raises ``DomainError`` with a Chinese message naming the
    file for a refused type, a content that does not match, or a file over the limit; nothing is
    kept in that case.
    """
    original_name = (getattr(uploaded, "name", "") or "").rsplit("/", 1)[-1][:255]
    ftype = file_type_of(original_name)
    if kind is not None and kind not in EvidenceKind.values:
        raise DomainError("未知的证据类别", field="kind")
    declared = getattr(uploaded, "size", None)
    if declared is not None and declared > max_bytes():
        raise DomainError(
            f"文件“{original_name}”（{human_size(declared)}）超过大小上限 {human_size(max_bytes())}",
            field="file",
        )
    uploaded.seek(0)
    head = uploaded.read(HEAD)
    uploaded.seek(0)
    if not head:
        raise DomainError(f"文件“{original_name}”是空文件", field="file")
    if not head_matches(ftype, head):
        raise DomainError(
            f"文件“{original_name}”的内容与扩展名不符（不是真正的{ftype.label}），已拒绝上传", field="file"
        )

    now = timezone.now()
    reader = _HashingReader(uploaded, max_bytes())
    candidate = f"evidence/{now:%Y/%m}/{uuid.uuid4().hex}.{ftype.ext}"
    try:
        name = default_storage.save(candidate, reader)
    except BaseException:
        # A refused stream (over the limit) may have left a partial file behind.
        if default_storage.exists(candidate):
            default_storage.delete(candidate)
        raise
    try:
        _check_structure(ftype, name)
        return _record(
            ftype,
            name,
            reader,
            owner=owner,
            by=by,
            kind=kind or ftype.kind,
            description=description,
            original_name=original_name,
            now=now,
        )
    except BaseException:
        default_storage.delete(name)
        raise


@transaction.atomic
def _record(ftype, name, reader, *, owner, by, kind, description, original_name, now) -> EvidenceFile:
    evidence = EvidenceFile.objects.create(
        uid=uuid.uuid4(),
        object_type=owner._meta.label_lower,
        object_id=str(owner.pk),
        kind=kind,
        description=description[:200],
        original_name=original_name,
        file_type=ftype.ext,
        content_type=ftype.content_type,
        storage_name=name,
        size=reader.count,
        sha256=reader.sha256.hexdigest(),
        sm3=reader.sm3.hexdigest(),
        uploaded_by=by if getattr(by, "is_authenticated", False) else None,
        uploaded_at=now,
        uploaded_from=current_ip.get(),
        last_verified_at=now,
    )
    append(
        actor=by,
        action="evidence.uploaded",
        obj=evidence,
        changes={
            "owner": f"{evidence.object_type}:{evidence.object_id}",
            "kind": kind,
            "name": original_name,
            "type": ftype.ext,
            "size": evidence.size,
            "sha256": evidence.sha256,
            "sm3": evidence.sm3,
        },
    )
    _custody(evidence, CustodyAction.UPLOADED, by, journal=False)
    return evidence


def _custody(evidence: EvidenceFile, action: str, by, note: str = "", journal: bool = True) -> CustodyEvent:
    event = CustodyEvent.objects.create(
        evidence=evidence,
        action=action,
        actor=by if getattr(by, "is_authenticated", False) else None,
        at=timezone.now(),
        ip=current_ip.get(),
        request_id=current_request_id.get(),
        note=note[:200],
    )
    if journal:
        append(
            actor=by,
            action=f"evidence.{action}",
            obj=evidence,
            changes={"sha256": evidence.sha256, "note": note},
        )
    return event


@transaction.atomic
def record_view(evidence: EvidenceFile, *, by) -> None:
    """Someone opened the evidence's page (metadata and custody list)."""
    _custody(evidence, CustodyAction.VIEWED, by)


@transaction.atomic
def record_transfer(evidence: EvidenceFile, *, by, to, note: str = "") -> CustodyEvent:
    """The file is taken into another record (移送立案: an inspection's photo becomes a case's
    evidence) without re-upload: the same stored bytes and hashes, the chain of custody extended."""
    where = f"{to._meta.label_lower}:{to.pk}"
    return _custody(evidence, CustodyAction.TRANSFERRED, by, note=f"转入 {where} {note}".strip())


@dataclass
class Check:
    evidence: EvidenceFile
    ok: bool
    problem: str = ""


def verify_file(evidence: EvidenceFile) -> Check:
    """Re-hash the stored bytes and compare both digests and the size."""
    if not default_storage.exists(evidence.storage_name):
        return Check(evidence, False, "存储中找不到该文件")
    sha, sm, size = hashes_of(evidence.storage_name)
    if size != evidence.size:
        return Check(evidence, False, f"大小不符：登记 {evidence.size} 字节，现为 {size} 字节")
    if sha != evidence.sha256 or sm != evidence.sm3:
        return Check(evidence, False, "杂凑值不符：文件内容已被改动")
    return Check(evidence, True)


@transaction.atomic
def record_check(check: Check, *, by=None) -> None:
    """Write the outcome of a verification: a mismatch is a security event (custody + journal)."""
    evidence = EvidenceFile.objects.select_for_update().get(pk=check.evidence.pk)
    evidence.last_verified_at = timezone.now()
    evidence.integrity_ok = check.ok
    evidence.save(update_fields=["last_verified_at", "integrity_ok"])
    if not check.ok:
        _custody(evidence, CustodyAction.MISMATCH, by, note=check.problem, journal=False)
        append(
            actor=by,
            action="evidence.integrity_failed",
            obj=evidence,
            changes={"problem": check.problem, "sha256": evidence.sha256, "sm3": evidence.sm3},
        )


def open_for_download(evidence: EvidenceFile, *, by):
    """Verify, record the download in the chain of custody, and open the stored file.

    A file that no longer matches its recorded hashes is never served: the mismatch is
    recorded and a ``DomainError`` explains it.
    """
    check = verify_file(evidence)
    if not check.ok:
        record_check(check, by=by)
        raise DomainError(
            f"证据文件“{evidence.original_name}”完整性校验未通过（{check.problem}），"
            "已停止提供下载并记录安全事件，请联系安全管理员"
        )
    with transaction.atomic():
        _custody(evidence, CustodyAction.DOWNLOADED, by)
    return default_storage.open(evidence.storage_name, "rb")


def files_for(obj):
    return EvidenceFile.objects.attached_to(obj).select_related("uploaded_by")
