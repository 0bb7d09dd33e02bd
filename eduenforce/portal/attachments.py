"""Checks on files attached to articles: type by content (magic bytes) and extension, size limit.

The file's own name is never trusted: it is kept as metadata (cleaned) and the stored name is
random; the public download sends it as an attachment with ``nosniff`` and a sandbox CSP.
"""

import hashlib
import os
import re
import zipfile
from dataclasses import dataclass

from eduenforce.core import config
from eduenforce.core.errors import DomainError

_TYPES = {
    ".pdf": ("application/pdf", (b"%PDF-",)),
    ".png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    ".jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    ".docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", (b"PK\x03\x04",)),
    ".xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", (b"PK\x03\x04",)),
}
_OFFICE_MARKER = {".docx": "word/document.xml", ".xlsx": "xl/workbook.xml"}
ALLOWED_EXTENSIONS = tuple(_TYPES)


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    extension: str
    content_type: str
    size: int
    sha256: str


def clean_name(name: str) -> str:
    """The uploader's file name without any path, control characters or quotes, at most 120 chars."""
    name = os.path.basename((name or "").replace("\\", "/"))
    name = re.sub(r"[\x00-\x1f\x7f\"'<>|*?:/]", "", name).strip(" .")
    return (name or "附件")[-120:]


def inspect_upload(upload) -> CheckedUpload:
    """Validate an uploaded file and hash it while reading; the file is rewound afterwards."""
    name = clean_name(getattr(upload, "name", ""))
    extension = os.path.splitext(name)[1].lower()
    if extension not in _TYPES:
        raise DomainError(
            f"附件“{name}”类型不允许：仅限 PDF、Word(.docx)、Excel(.xlsx)、JPG、PNG", field="file"
        )
    limit = config.get("portal.attachment_max_mb") * 1024 * 1024
    digest, size, head = hashlib.sha256(), 0, b""
    upload.seek(0)
    for chunk in upload.chunks():
        if not head:
            head = chunk[:16]
        size += len(chunk)
        if size > limit:
            raise DomainError(f"附件“{name}”超过大小上限 {limit // (1024 * 1024)} MB", field="file")
        digest.update(chunk)
    if size == 0:
        raise DomainError(f"附件“{name}”是空文件", field="file")
    content_type, signatures = _TYPES[extension]
    if not any(head.startswith(sig) for sig in signatures) or not _office_ok(upload, extension):
        raise DomainError(
            f"附件“{name}”的内容与扩展名不符，请上传真实的 {extension[1:].upper()} 文件", field="file"
        )
    upload.seek(0)
    return CheckedUpload(name, extension, content_type, size, digest.hexdigest())


def _office_ok(upload, extension: str) -> bool:
    marker = _OFFICE_MARKER.get(extension)
    if marker is None:
        return True
    upload.seek(0)
    try:
        with zipfile.ZipFile(upload) as archive:
            return marker in archive.namelist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
