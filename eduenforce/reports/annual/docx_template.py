"""Author the packaged Word template of the annual report (docxtpl tags inside).

Run ``python -m eduenforce.reports.annual.docx_template`` after changing this file and
commit ``eduenforce/reports/docx/annual_report.docx``. Staff may replace the template with
an edited copy (records.DocumentTemplate named ``reports/annual_report.docx``); the tags
must stay. The page, the 小标宋 title and the 黑体/楷体 heading styles come from ``core.page_layout``.
"""

from pathlib import Path

from eduenforce.core import page_layout
from eduenforce.core.documents import BODY_FONT, HEADING_FONT, template_path

TEMPLATE_NAME = "reports/annual_report.docx"


def _font(run, name: str, size: float, bold: bool = False) -> None:
    from docx.oxml.ns import qn
    from docx.shared import Pt

    run.font.name = name
    run.font.size = Pt(size)
    run.font.bold = bold
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), name)


def _para(doc, text: str, *, font=BODY_FONT, size=16, bold=False, align=None, indent=True):
    from docx.shared import Pt

    p = doc.add_paragraph()
    if align is not None:
        p.alignment = align
    if indent:
        p.paragraph_format.first_line_indent = Pt(size * 2)
    p.paragraph_format.line_spacing = Pt(28)
    _font(p.add_run(text), font, size, bold)
    return p


def _loop(doc, var: str) -> None:
    """A paragraph per item of ``var`` (a list of docxtpl RichText)."""
    doc.add_paragraph(f"{{%p for p in {var} %}}")
    _para(doc, "{{r p }}")
    doc.add_paragraph("{%p endfor %}")


def _heading(doc, text: str, level: int):
    return doc.add_paragraph(text, style=f"Heading {level}")


def build(path: Path | None = None) -> Path:
    from docx import Document
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.shared import Mm

    path = path or template_path(TEMPLATE_NAME)
    doc = Document()
    page_layout.apply(doc)
    center = WD_ALIGN_PARAGRAPH.CENTER
    doc.add_paragraph("{{ title }}", style=page_layout.TITLE)
    _loop(doc, "opening")
    _heading(doc, "一、行政执法基本情况", 1)
    _heading(doc, "（一）行政执法人员情况", 2)
    _para(doc, "{{ officers_text }}")
    _heading(doc, "（二）教育行政执法情况", 2)
    _loop(doc, "enforcement")
    _heading(doc, "（三）行政执法年度计划完成情况", 2)
    _loop(doc, "plan")
    doc.add_paragraph("{%p for c in charts %}")
    p = doc.add_paragraph("{{ c.image }}")
    p.alignment = center
    _para(doc, "{{ c.caption }}", size=12, align=center, indent=False)
    doc.add_paragraph("{%p endfor %}")
    _heading(doc, "二、{{ year }}年行政执法工作情况", 1)
    _heading(doc, "（一）主要工作措施", 2)
    _loop(doc, "measures")
    _heading(doc, "（二）主要工作成效", 2)
    _loop(doc, "results")
    _heading(doc, "三、行政执法工作存在的问题", 1)
    _loop(doc, "problems")
    _heading(doc, "四、下一步工作措施", 1)
    _loop(doc, "next_steps")
    doc.add_paragraph("{{ bureau }}", style=page_layout.SIGNATURE)
    doc.add_paragraph("{{ signed_on }}", style=page_layout.SIGNATURE)

    _heading(doc, "附表：{{ year }}年度行政执法数据统计表", 1).paragraph_format.page_break_before = True
    table = doc.add_table(rows=4, cols=4)
    table.style = "Table Grid"
    table.autofit = False
    widths = (Mm(30), Mm(46), Mm(24), Mm(56))  # 156 mm: the whole text width; 类别 never wraps
    for cell, text in zip(table.rows[0].cells, ["类别", "项目", "数量", "说明"], strict=True):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), HEADING_FONT, 12)
    table.rows[1].cells[0].text = "{%tr for row in table %}"
    for cell, text in zip(
        table.rows[2].cells,
        ["{{ row.category }}", "{{ row.item }}", "{{ row.value }}", "{{ row.note }}"],
        strict=True,
    ):
        cell.text = ""
        _font(cell.paragraphs[0].add_run(text), BODY_FONT, 12)
    table.rows[3].cells[0].text = "{%tr endfor %}"
    for row in table.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = width
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(path)
    return path


if __name__ == "__main__":
    print(build())
