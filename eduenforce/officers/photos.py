"""Officer photos: decoded and re-encoded, so what is stored and served publicly is a plain JPEG.

Re-encoding drops anything appended to or hidden in the upload (a PNG+HTML polyglot, EXIF with
GPS positions) and bounds the size, because the photo is served on the public certificate page.
"""

import io

from django.core.files.base import ContentFile

from eduenforce.core.errors import DomainError

MAX_UPLOAD = 5 * 1024 * 1024
MAX_SIDE = 800
MAX_PIXELS = 40_000_000


def normalised_photo(upload) -> ContentFile:
    from PIL import Image, ImageOps, UnidentifiedImageError

    size = getattr(upload, "size", None)
    if size is not None and size > MAX_UPLOAD:
        raise DomainError("照片不能超过 5 MB", field="photo")
    try:
        upload.seek(0)
        with Image.open(upload) as image:
            if image.format not in ("JPEG", "PNG", "WEBP"):
                raise DomainError("照片应为 JPG 或 PNG 图片", field="photo")
            if image.width * image.height > MAX_PIXELS:
                raise DomainError("照片像素过大", field="photo")
            image = ImageOps.exif_transpose(image).convert("RGB")
            image.thumbnail((MAX_SIDE, MAX_SIDE))
            out = io.BytesIO()
            image.save(out, "JPEG", quality=85)
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError):
        raise DomainError("无法识别的图片文件", field="photo") from None
    return ContentFile(out.getvalue(), name="photo.jpg")
