"""Excel export cells are safe against formula injection; numbers stay numbers."""

import io

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eduenforce.reports.stats.export import DANGEROUS_PREFIXES, safe_cell, statistics_workbook


@given(st.sampled_from(DANGEROUS_PREFIXES), st.text(max_size=20))
def test_text_that_could_be_a_formula_is_escaped(prefix, rest):
    assert safe_cell(prefix + rest) == "'" + prefix + rest


@pytest.mark.parametrize("value", [0, 12, 3.5, None])
def test_numbers_and_blanks_are_kept_as_they_are(value):
    assert safe_cell(value) == value


def test_a_workbook_with_hostile_text_contains_no_formula():
    from openpyxl import load_workbook

    table = [{"category": '=HYPERLINK("http://x")', "item": "+1", "value": 3, "note": "@SUM(A1)"}]
    data = statistics_workbook(2025, {"certified_officers": 19, "=cmd": "-2+3"}, table)
    wb = load_workbook(io.BytesIO(data))
    cells = [c for ws in wb.worksheets for row in ws.iter_rows() for c in row]
    assert not [c for c in cells if c.data_type == "f"]
    assert wb.worksheets[0]["A2"].value.startswith("'=")
    assert wb.worksheets[0]["C2"].value == 3
