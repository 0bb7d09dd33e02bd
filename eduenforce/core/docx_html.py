"""The PDF of a generated .docx: its body (paragraphs, tables, images) as HTML, laid out by
WeasyPrint on the same GB/T 9704 page (``documents/docx_pdf.html``).

Because the PDF is read from the .docx itself, both formats carry the same text and tables,
and an administrator's edited template shows in both. Paragraph styles map to CSS classes
(``page_layout.STYLES``); the last paragraph and the signature block go into one
``break-inside: avoid`` block, as ``keep_with_next`` does in Word.
"""

import base64
import io

from django.utils.html import escape
from django.utils.safestring import mark_safe

from eduenforce.core import page_layout

_CLASSES = {
    page_layout.TITLE: "title",
    page_layout.ISSUER: "issuer",
    page_layout.DOC_NUMBER: "number",
    "Heading 1": "h1",
    "Heading 2": "h2",
    "Heading 3": "h3",
    page_layout.SIGNATURE: "signature",
    page_layout.NOTE: "imprint",
}


def body_html(data: bytes) -> str:
    from docx import Document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    doc = Document(io.BytesIO(data))
    paragraphs = doc.paragraphs
    closing = page_layout.closing_range(paragraphs)
    closing_elements = {paragraphs[i]._element for i in closing}
    parts: list[str] = []
    in_closing = False
    for element in doc.element.body.iterchildren():
        tag = element.tag.rsplit("}", 1)[-1]
        if tag == "p":
            if element in closing_elements and not in_closing:
                parts.append('<div class="closing">')
                in_closing = True
            parts.append(_paragraph(Paragraph(element, doc), doc))
        elif tag == "tbl":
            parts.append(_table(Table(element, doc), doc))
    if in_closing:
        parts.append("</div>")
    return mark_safe("\n".join(p for p in parts if p))  # noqa: S308 — every text run is escaped above


def _paragraph(p, doc) -> str:
    name = p.style.name if p.style is not None else ""
    css = _CLASSES.get(name, "")
    align = {1: "center", 2: "right"}.get(p.alignment if p.alignment is None else int(p.alignment))
    if align and css not in ("title", "issuer", "number", "signature"):
        css = f"{css} {align}".strip()
    content = _runs(p, doc)
    if not content.strip():
        return ""
    return f'<p class="{css}">{content}</p>' if css else f"<p>{content}</p>"


def _runs(p, doc) -> str:
    text = escape(p.text).replace("\n", "<br>").replace("\t", "　")
    images = "".join(_image(blip, doc) for blip in p._element.xpath(".//*[local-name()='blip']"))
    return images + text


def _image(blip, doc) -> str:
    rid = next((v for k, v in blip.attrib.items() if k.endswith("}embed")), None)
    part = doc.part.related_parts.get(rid) if rid else None
    if part is None:
        return ""
    src = f"data:{part.content_type};base64,{base64.b64encode(part.blob).decode()}"
    return f'<img class="seal" src="{src}" alt="印章">'


def _table(table, doc) -> str:
    from docx.oxml.ns import qn

    rows = []
    for tr in table._tbl.tr_lst:
        cells = []
        for tc in tr.tc_lst:
            texts = ["".join(t.text or "" for t in p.iter(qn("w:t"))) for p in tc.iter(qn("w:p"))]
            attr = f' colspan="{tc.grid_span}"' if tc.grid_span > 1 else ""
            cells.append(f"<td{attr}>" + "<br>".join(escape(t) for t in texts if t) + "</td>")
        rows.append("<tr>" + "".join(cells) + "</tr>")
    return '<table class="form">' + "".join(rows) + "</table>"
