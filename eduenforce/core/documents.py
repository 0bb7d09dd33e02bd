"""Official documents (执法文书) rendered from editable templates.

- Word: docxtpl templates. A packaged default lives at ``eduenforce/<app>/docx/<name>.docx``;
  an administrator's uploaded replacement (``records.DocumentTemplate``) takes precedence,
  so staff can edit wording and layout without a release.
- PDF: the filled-in .docx itself as HTML (``core.docx_html``), laid out by WeasyPrint with
  Debian's Noto CJK fonts on the same GB/T 9704 page (``core.page_layout``).

Issuing a document (number, hash, journal entry) is ``records.documents.issue``.
"""

import io
from dataclasses import dataclass
from pathlib import Path

from django.template.loader import render_to_string

from eduenforce.core import config, hooks, page_layout

PACKAGE_DIR = Path(__file__).resolve().parent.parent

# East-Asian fonts for Word (GB/T 9704): 仿宋 body, 黑体 first-level headings.
BODY_FONT = page_layout.BODY_FONT
HEADING_FONT = page_layout.HEADING_FONTS[0]


def template_path(name: str) -> Path:
    """``"inspections/notice.docx"`` → ``eduenforce/inspections/docx/notice.docx``."""
    app, _, filename = name.partition("/")
    return PACKAGE_DIR / app / "docx" / filename


@hooks.declare(provider="records")
def template_override(name: str) -> bytes | None:
    """The administrator's uploaded replacement of template ``name``, or None
    (``records.documents.template_override``, reading ``records.DocumentTemplate``)."""


def _template_bytes(name: str) -> bytes:
    override = template_override(name)
    return override if override is not None else template_path(name).read_bytes()


def render_docx(name: str, context: dict) -> bytes:
    from docxtpl import DocxTemplate

    doc = DocxTemplate(io.BytesIO(_template_bytes(name)))
    doc.render({"seal_text": seal_text(), **context}, autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return finish_docx(out.getvalue())


def finish_docx(data: bytes) -> bytes:
    """The GB/T 9704 page (``core.page_layout``) and the seal image, on any filled-in .docx."""
    from docx import Document

    doc = Document(io.BytesIO(data))
    page_layout.apply(doc)
    _place_seal(doc)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def seal_image() -> bytes | None:
    """The configured electronic seal (``documents.seal_image``, a PNG under the data directory)."""
    from django.conf import settings

    name = config.get("documents.seal_image")
    if not name:
        return None
    path = Path(settings.DATA_DIR) / name
    return path.read_bytes() if path.is_file() else None


def seal_text() -> str:
    """“（印章）” in the signature block only where no electronic seal is configured."""
    return "" if seal_image() else "（印章）"


def _place_seal(doc) -> None:
    from docx.shared import Mm

    image = seal_image()
    if image is None:
        return
    signature = [p for p in doc.paragraphs if p.style is not None and p.style.name == page_layout.SIGNATURE]
    if signature:
        signature[0].insert_paragraph_before(style=page_layout.SIGNATURE).add_run().add_picture(
            io.BytesIO(image), width=Mm(42)
        )


def docx_pdf(data: bytes, *, title: str = "") -> bytes:
    """The PDF of a generated .docx: the same paragraphs and tables on the same page."""
    from weasyprint import HTML

    from eduenforce.core.docx_html import body_html

    html = render_to_string("documents/docx_pdf.html", {"title": title, "body": body_html(data)})
    return HTML(string=html, base_url=str(PACKAGE_DIR)).write_pdf()


def render_pdf(template: str, context: dict) -> bytes:
    """Render a Django template (with ``documents/_page_css.html``) to PDF."""
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(PACKAGE_DIR)).write_pdf()


def cn_date(value) -> str:
    """2025年3月5日 (no zero padding); a datetime adds 14时05分 in local time."""
    from datetime import datetime

    from django.utils import timezone

    if not value:
        return ""
    if isinstance(value, datetime):
        local = timezone.localtime(value)
        return f"{local.year}年{local.month}月{local.day}日{local.hour}时{local:%M}分"
    return f"{value.year}年{value.month}月{value.day}日"


@dataclass(frozen=True)
class TableSpec:
    """A table in a template: rows of cell texts (docxtpl tags allowed). A row of one cell
    starting with ``{%tr`` is a docxtpl row loop/condition; short rows span the last cell."""

    rows: tuple[tuple[str, ...], ...]
    widths_mm: tuple[int, ...] = ()


def heading(text: str, level: int = 1) -> tuple[str, str]:
    return (f"Heading {level}", text)


def signature(*lines: str) -> tuple[str, ...]:
    return tuple((page_layout.SIGNATURE, line) for line in lines)


DEFAULT_SIGNATURE = signature("{{ bureau }}{{ seal_text }}", "{{ issued_on }}")


def build_docx_template(
    path: Path,
    title: str,
    blocks: list,
    *,
    number_line: str = "{{ number }}",
    closing: tuple = DEFAULT_SIGNATURE,
    imprint: tuple[str, ...] = (),
) -> None:
    """Author a default docxtpl template: red head, title, number, body, signature, 版记.

    ``blocks`` are paragraphs (str, Jinja allowed), ``(style, text)`` pairs (``heading()``) or
    ``TableSpec``s. Used by the tools/build_*_templates.py scripts; staff edit copies in Word.
    """
    from docx import Document

    doc = Document()
    page_layout.apply(doc)
    doc.add_paragraph("{{ bureau }}", style=page_layout.ISSUER)
    doc.add_paragraph(title, style=page_layout.TITLE)
    if number_line:
        doc.add_paragraph(number_line, style=page_layout.DOC_NUMBER)
    for block in blocks:
        _add_block(doc, block)
    for style, text in closing:
        doc.add_paragraph(text, style=style)
    for line in imprint:
        doc.add_paragraph(line, style=page_layout.NOTE)
    page_layout.apply(doc)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)


def _add_block(doc, block) -> None:
    if isinstance(block, TableSpec):
        _add_table(doc, block)
    elif isinstance(block, tuple):
        doc.add_paragraph(block[1], style=block[0])
    else:
        doc.add_paragraph(block)


def _add_table(doc, spec: TableSpec) -> None:
    from docx.shared import Mm

    columns = max(len(r) for r in spec.rows)
    table = doc.add_table(rows=0, cols=columns)
    table.style = doc.styles["Table Grid"]
    for texts in spec.rows:
        cells = table.add_row().cells
        if len(texts) < columns and not texts[0].startswith("{%tr"):
            cells[len(texts) - 1].merge(cells[columns - 1])
        for cell, text in zip(cells, texts, strict=False):
            cell.text = text
    for i, width in enumerate(spec.widths_mm):
        for cell in table.columns[i].cells:
            cell.width = Mm(width)
