"""亮证 QR codes: each certificate's code opens its public verification page."""

import io

from eduenforce.core.links import public_reverse


def verify_url(number: str) -> str:
    """The public check's address under ``EDUENFORCE_PUBLIC_URL``, never the host the clerk used:
    a card printed on an intranet host must verify for anyone who scans it."""
    return public_reverse("portal:officer-verify", args=[number])


def _code(data: str):
    import qrcode

    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_M, box_size=10, border=2)
    code.add_data(data)
    code.make(fit=True)
    return code


def png(data: str) -> bytes:
    buffer = io.BytesIO()
    _code(data).make_image().save(buffer, format="PNG")
    return buffer.getvalue()


def svg(data: str) -> str:
    """An SVG (path form) to embed in a page or a printed card; generated here, so safe to inline."""
    from qrcode.image.svg import SvgPathImage

    buffer = io.BytesIO()
    _code(data).make_image(image_factory=SvgPathImage).save(buffer)
    text = buffer.getvalue().decode()
    return text[text.index("<svg") :]  # drop the XML declaration for inline use
