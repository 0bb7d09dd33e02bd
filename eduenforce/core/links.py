"""Public addresses: every QR code, API link and feed link is built from ``settings.PUBLIC_URL``.

The request's host is never used for a link meant for the public: a clerk on an intranet
host (``http://10.1.2.3:8000``) would otherwise print cards that no citizen can open.
"""

from django.conf import settings
from django.urls import get_script_prefix, reverse


def public_url(path: str = "/") -> str:
    """``"/portal/"`` → ``"https://jyj.example.gov.cn/portal/"`` (``EDUENFORCE_PUBLIC_URL`` + path)."""
    if not path.startswith("/"):
        path = "/" + path
    return settings.PUBLIC_URL.rstrip("/") + path


def public_reverse(viewname: str, *, args=None, kwargs=None) -> str:
    """The public address of a named URL (the local script prefix is replaced by the public base)."""
    return public_absolute(reverse(viewname, args=args, kwargs=kwargs))


def public_absolute(path: str) -> str:
    """The public address of a local path as ``reverse``/``get_absolute_url`` give it (with the
    local script prefix); an address that is already absolute is returned unchanged."""
    if path.startswith(("http://", "https://")):
        return path
    prefix = get_script_prefix()
    if prefix != "/" and path.startswith(prefix):
        path = "/" + path[len(prefix) :]
    return public_url(path)
