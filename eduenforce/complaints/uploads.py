"""Complaint attachments: a size limit enforced while the upload streams, and content checks.

Only pictures (JPEG, PNG) and PDF are accepted. The extension, the declared type and the
file's first bytes must agree; images must decode with Pillow; a file that carries HTML or
script markup in its head (a polyglot) is refused. Stored names are generated.
"""

import hashlib
import io
import uuid
from dataclasses import dataclass
from pathlib import PurePath

from django.core.files.uploadhandler import FileUploadHandler, SkipFile

from eduenforce.core import config

ALLOWED = {
    ".jpg": ("image/jpeg", b"\xff\xd8\xff"),
    ".jpeg": ("image/jpeg", b"\xff\xd8\xff"),
    ".png": ("image/png", b"\x89PNG\r\n\x1a\n"),
    ".pdf": ("application/pdf", b"%PDF-"),
}
_MARKUP = (b"<html", b"<script", b"<svg", b"<!doctype", b"<body", b"<iframe", b"javascript:")


def max_bytes() -> int:
    return config.get("complaints.max_attachment_mb") * 1024 * 1024


class LimitedUploadHandler(FileUploadHandler):
    """Stops reading a file once it passes the limit (nothing oversize is kept in memory or on disk).

    The names of the skipped files are left on ``request.oversize_uploads`` for the form's error.
    """

    def __init__(self, request=None):
        super().__init__(request)
        self.limit = max_bytes()
        self.received = 0
        request.oversize_uploads = []

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > self.limit:
            self.request.oversize_uploads.append(self.file_name)
            raise SkipFile()
        return raw_data

    def file_complete(self, file_size):
        return None


@dataclass
class CheckedFile:
    name: str
    content_type: str
    data: bytes
    sha256: str
    sm3: str

    @property
    def size(self) -> int:
        return len(self.data)

    @property
    def stored_name(self) -> str:
        return f"{uuid.uuid4().hex}{PurePath(self.name).suffix.lower()}"


def clean_name(name: str) -> str:
    """Keep only the final path component, printable characters, at most 100 characters."""
    base = PurePath((name or "").replace("\\", "/")).name
    base = "".join(ch for ch in base if ch.isprintable() and ch not in '<>:"|?*')
    return base[-100:] or "附件"


def check_file(upload) -> CheckedFile:
    """Read and check one upload; raises ``ValueError`` with a Chinese message naming the file."""
    name = clean_name(upload.name)
    suffix = PurePath(name).suffix.lower()
    if suffix not in ALLOWED:
        raise ValueError(f"附件“{name}”的格式不受支持，仅限 JPG、PNG 图片或 PDF 文件")
    content_type, magic = ALLOWED[suffix]
    if upload.size > max_bytes():
        raise ValueError(f"附件“{name}”超过 {config.get('complaints.max_attachment_mb')}MB 的大小限制")
    data = upload.read()
    if not data.startswith(magic):
        raise ValueError(f"附件“{name}”的内容与其扩展名不符，请上传真实的图片或 PDF 文件")
    head = data[:4096].lower()
    if any(marker in head for marker in _MARKUP):
        raise ValueError(f"附件“{name}”含有网页代码，不予接收")
    if content_type.startswith("image/"):
        _check_image(data, name)
    return CheckedFile(
        name=name,
        content_type=content_type,
        data=data,
        sha256=hashlib.sha256(data).hexdigest(),
        sm3=hashlib.new("sm3", data).hexdigest(),
    )


def _check_image(data: bytes, name: str) -> None:
    from PIL import Image, UnidentifiedImageError

    try:
        with Image.open(io.BytesIO(data)) as image:
            image.verify()
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError, Image.DecompressionBombError):
        raise ValueError(f"附件“{name}”不是有效的图片文件") from None
