"""The annual report as JSON, Word and PDF: the same figures in every format."""

import io
import json

import pytest
from django.core.management import CommandError, call_command

from eduenforce.reports.annual import content as content_module
from eduenforce.reports.annual import render
from eduenforce.reports.stats.labels import REFERENCE_KEYS

pytestmark = pytest.mark.django_db


def test_the_json_output_carries_every_key_the_reference_report_names(small_district, capsysbinary):
    call_command("annual_report", year=2025, fmt="json")
    payload = json.loads(capsysbinary.readouterr().out)
    assert payload["year"] == 2025
    figures = payload["figures"]
    assert set(REFERENCE_KEYS) <= set(figures)
    assert {"cases_filed", "complaints_received", "publications_published"} <= set(figures)
    assert (
        figures["certified_officers"],
        figures["joint_random_inspections"],
        figures["internal_random_inspections"],
        figures["joint_random_person_times"],
        figures["campaign_person_times"],
        figures["campaign_hazards_found"],
    ) == (3, 1, 1, 7, 12, 4)


def test_the_word_report_opens_with_python_docx_and_states_the_figures(small_district, tmp_path):
    from docx import Document

    path = tmp_path / "report.docx"
    call_command("annual_report", year=2025, fmt="docx", output=str(path))
    doc = Document(str(path))
    text = "\n".join(p.text for p in doc.paragraphs)
    assert "2025年度东丽区教育局行政执法工作报告" in text
    assert "共有3人拥有行政执法资格证" in text
    assert "联合检查1次，内部“双随机、一公开”检查1次" in text
    assert "共计出动12人次，排查校外培训机构2家，发现安全隐患4处" in text
    assert "共出动执法检查人员7人次对1家单位开展了检查" in text
    for heading in (
        "一、行政执法基本情况",
        "（三）行政执法年度计划完成情况",
        "二、2025年行政执法工作情况",
        "三、行政执法工作存在的问题",
        "四、下一步工作措施",
    ):
        assert heading in text
    assert len(doc.inline_shapes) >= 2  # the charts
    table_text = "\n".join(c.text for row in doc.tables[0].rows for c in row.cells)
    assert "行政许可" in table_text and "行政检查" in table_text
    east_asian = doc.styles["Normal"].element.rPr.rFonts.get(
        "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}eastAsia"
    )
    assert east_asian == "仿宋_GB2312"


def test_the_pdf_embeds_a_cjk_font_and_its_text_states_the_figures(small_district):
    from pypdf import PdfReader

    pdf = render.to_pdf(content_module.build(2025))
    reader = PdfReader(io.BytesIO(pdf))
    text = "".join(page.extract_text() for page in reader.pages).replace("\n", "")
    assert "共有3人拥有行政执法资格证" in text
    assert "排查校外培训机构2家" in text
    fonts = set()
    for page in reader.pages:
        for font in (page["/Resources"].get("/Font") or {}).values():
            fonts.add(str(font.get_object()["/BaseFont"]))
    assert any("CJK" in f for f in fonts), fonts


def test_the_excel_statistics_never_hold_a_formula(small_district):
    from openpyxl import load_workbook

    data = render.to_xlsx(content_module.build(2025, with_charts=False))
    wb = load_workbook(io.BytesIO(data))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert any(c.value == "行政处罚" for c in cells)


def test_the_command_refuses_a_binary_format_without_an_output_file():
    with pytest.raises(CommandError, match="--output"):
        call_command("annual_report", year=2025, fmt="pdf")


def test_the_command_refuses_an_impossible_year():
    with pytest.raises(CommandError, match="年度"):
        call_command("annual_report", year=1900, fmt="json")


def test_the_word_report_is_a_gbt9704_page_with_heading_styles_and_page_numbers(small_district, tmp_path):
    from docx import Document

    from eduenforce.testing.documents import assert_gbt9704_docx

    content = render.to_docx(content_module.build(2025))
    assert_gbt9704_docx(content, tables=True)
    doc = Document(io.BytesIO(content))
    styles = {p.text: p.style.name for p in doc.paragraphs if p.text}
    assert styles["2025年度东丽区教育局行政执法工作报告"] == "Title"
    assert styles["一、行政执法基本情况"] == "Heading 1"
    assert styles["（一）行政执法人员情况"] == "Heading 2"
    values = [row.cells[2].text for row in doc.tables[0].rows[1:]]
    assert not any(v.endswith(".0") for v in values), values


def test_the_pdf_report_is_a4_with_page_numbers_and_the_signature_not_alone(small_district):
    from eduenforce.testing.documents import assert_gbt9704_pdf

    pdf = render.to_pdf(content_module.build(2025))
    assert_gbt9704_pdf(pdf, required=("2025年度东丽区教育局行政执法工作报告", "附表"))


def test_integers_of_the_statistics_table_are_shown_as_integers():
    assert render.display_number(36400.0) == "36400"
    assert render.display_number(12.5) == "12.5"
    assert render.display_number("—") == "—"
