"""Official documents (执法文书) rendered from editable templates.

- Word: docxtpl templates. A packaged default lives at ``eduenforce/<app>/docx/<name>.docx``;
  an administrator's uploaded replacement (``records.DocumentTemplate``) takes precedence,
  so staff can edit wording and layout without a release.
- PDF: a Django HTML template rendered by WeasyPrint with Debian's Noto CJK fonts.

Issuing a document (number, hash, journal entry) is ``records.documents.issue``.
"""

import io
from pathlib import Path

from django.template.loader import render_to_string

from eduenforce.core import hooks

PACKAGE_DIR = Path(__file__).resolve().parent.parent

# East-Asian fonts for Word: 仿宋 for body text, 黑体 for headings (GB/T 9704 official style).
BODY_FONT = "仿宋_GB2312"
HEADING_FONT = "黑体"


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
    doc.render(context, autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def render_pdf(template: str, context: dict) -> bytes:
    """Render a Django template (extending ``documents/base_pdf.html``) to PDF."""
    from weasyprint import HTML

    html = render_to_string(template, context)
    return HTML(string=html, base_url=str(PACKAGE_DIR)).write_pdf()


def build_docx_template(
    path: Path, title: str, paragraphs: list[str], *, number_line: str = "{{ number }}"
) -> None:
    """Author a default docxtpl template: red-head style title, number line, body paragraphs.

    Paragraphs may hold Jinja (``{{ institution.name }}``, ``{% for … %}``). Used by the
    scripts that create the packaged templates; staff edit copies of the result in Word.
    """
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt

    doc = Document()
    style = doc.styles["Normal"]
    style.font.name = BODY_FONT
    style.font.size = Pt(16)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), BODY_FONT)
    head = doc.add_paragraph()
    head.alignment = WD_ALIGN_PARAGRAPH.CENTER
    run = head.add_run("{{ bureau }}")
    _font(run, HEADING_FONT, 22)
    heading = doc.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(heading.add_run(title), HEADING_FONT, 22)
    number = doc.add_paragraph()
    number.alignment = WD_ALIGN_PARAGRAPH.CENTER
    number.add_run(number_line)
    for text in paragraphs:
        doc.add_paragraph(text)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)


def _font(run, name: str, size: int) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)
