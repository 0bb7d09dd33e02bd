"""Lay the report content out as Word, PDF, JSON or an Excel statistical table."""

import base64
import io
from collections.abc import Callable

import orjson
from django.template.loader import render_to_string

from eduenforce.reports.annual import charts as chart_images
from eduenforce.reports.annual import narrative
from eduenforce.reports.annual.content import ReportContent
from eduenforce.reports.annual.docx_template import TEMPLATE_NAME

Progress = Callable[[int, str], None]


def _noop(percent: int, step: str) -> None:
    return None


def chart_pngs(content: ReportContent, progress: Progress = _noop) -> list[tuple[str, bytes]]:
    out = []
    for i, chart in enumerate(content.charts):
        progress(30 + 30 * i // max(1, len(content.charts)), f"绘制图表：{chart.title}")
        draw = chart_images.pie_chart if chart.kind == "pie" else chart_images.bar_chart
        out.append((chart.title, draw(chart.title, chart.labels, chart.values)))
    return out


def _rich(paragraphs, font_heading="eastAsia:黑体"):
    from docxtpl import RichText

    out = []
    for p in paragraphs:
        rt = RichText()
        for text, bold in p.runs:
            if p.heading:
                rt.add(text, bold=True, font=font_heading)
            else:
                rt.add(text, bold=bold)
        out.append(rt)
    return out


def display_number(value):
    """36400.0 → "36400", 12.5 → "12.5"; text ("—") unchanged."""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def display_table(rows: list[dict]) -> list[dict]:
    return [{**row, "value": display_number(row.get("value", ""))} for row in rows]


def _plain(texts):
    from docxtpl import RichText

    return [RichText(t) for t in texts]


def to_docx(content: ReportContent, progress: Progress = _noop) -> bytes:
    from docx.shared import Mm
    from docxtpl import DocxTemplate, InlineImage

    from eduenforce.core.documents import _template_bytes, finish_docx

    progress(20, "读取报告模板")
    doc = DocxTemplate(io.BytesIO(_template_bytes(TEMPLATE_NAME)))
    images = chart_pngs(content, progress)
    progress(70, "排版 Word 文档")
    n = content.narratives
    context = {
        "title": content.title,
        "year": content.year,
        "bureau": content.bureau,
        "signed_on": content.signed_on,
        "opening": _rich(narrative.to_paragraphs(n["opening"])),
        "officers_text": content.officers_text,
        "enforcement": _plain(content.enforcement),
        "plan": _plain(content.plan) + _rich(narrative.to_paragraphs(n["plan_notes"])),
        "charts": [
            {"image": InlineImage(doc, io.BytesIO(png), width=Mm(150)), "caption": f"图{i + 1} {title}"}
            for i, (title, png) in enumerate(images)
        ],
        "measures": _rich(narrative.to_paragraphs(n["measures"])),
        "results": _rich(narrative.to_paragraphs(n["results"])),
        "problems": _plain(content.problem_paragraphs()),
        "next_steps": _rich(narrative.to_paragraphs(n["next_steps"])),
        "table": display_table(content.table),
    }
    doc.render(context, autoescape=True)
    out = io.BytesIO()
    doc.save(out)
    progress(95, "保存文件")
    return finish_docx(out.getvalue())


def to_html(
    content: ReportContent,
    *,
    images: list[tuple[str, bytes]] | None = None,
    template: str = "reports/annual_report_pdf.html",
) -> str:
    charts = [
        {"title": t, "src": "data:image/png;base64," + base64.b64encode(png).decode()}
        for t, png in (images or [])
    ]
    return render_to_string(
        template,
        {
            "c": content,
            "charts": charts,
            "problems": content.problem_paragraphs(),
            "table": display_table(content.table),
        },
    )


def to_pdf(content: ReportContent, progress: Progress = _noop) -> bytes:
    from django.conf import settings
    from weasyprint import HTML

    images = chart_pngs(content, progress)
    progress(70, "排版 PDF")
    html = to_html(content, images=images)
    pdf = HTML(string=html, base_url=str(settings.BASE_DIR)).write_pdf()
    progress(95, "保存文件")
    return pdf


def to_json(content: ReportContent, progress: Progress = _noop) -> bytes:
    progress(80, "整理数据")
    payload = {
        "year": content.year,
        "figures": content.figures,
        "findings": [
            {"code": f.code, "title": f.title, "count": f.count, "text": f.text} for f in content.findings
        ],
        "accepted_findings": [f.code for f in content.accepted],
        "table": content.table,
    }
    return orjson.dumps(payload, option=orjson.OPT_INDENT_2 | orjson.OPT_NON_STR_KEYS)


def to_xlsx(content: ReportContent, progress: Progress = _noop) -> bytes:
    from eduenforce.reports.stats.export import statistics_workbook

    progress(60, "生成统计表")
    return statistics_workbook(content.year, content.figures, content.table)


RENDERERS = {"docx": to_docx, "pdf": to_pdf, "json": to_json, "xlsx": to_xlsx}
