"""Rich text for 执法动态 / 法律法规解读: an allow-list of harmless HTML (nh3, i.e. ammonia).

Staff may type plain text (blank lines make paragraphs) or simple HTML. Anything outside the
allow-list — scripts, styles, event handlers, ``javascript:`` links, iframes — is dropped, so
the stored body is safe to render as HTML on the public portal.
"""

import re

import nh3
from django.utils.html import escape

ALLOWED_TAGS = {
    "p",
    "br",
    "strong",
    "b",
    "em",
    "i",
    "u",
    "s",
    "ul",
    "ol",
    "li",
    "h3",
    "h4",
    "h5",
    "blockquote",
    "hr",
    "a",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "caption",
    "sub",
    "sup",
    "code",
    "pre",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}
_HAS_TAG = re.compile(r"<[A-Za-z/!]")


def sanitise(text: str) -> str:
    """Safe HTML from staff input: plain text becomes paragraphs, HTML is cleaned by the allow-list."""
    text = (text or "").replace("\r\n", "\n").strip()
    if not text:
        return ""
    if not _HAS_TAG.search(text):
        paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
        text = "".join(f"<p>{escape(p).replace(chr(10), '<br>')}</p>" for p in paragraphs)
    return nh3.clean(
        text,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    ).strip()


def plain_text(html: str) -> str:
    """The text of sanitised HTML (for feeds, CSV and search snippets)."""
    text = nh3.clean(re.sub(r"</(p|li|h[3-5]|tr|blockquote)>", "\n", html or ""), tags=set())
    return re.sub(r"\n{2,}", "\n", text).strip()
