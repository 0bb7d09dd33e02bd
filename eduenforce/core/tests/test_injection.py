"""Injection (issue 21 item 6): stored script payloads in free-text fields are shown as text on
staff pages, and text that a spreadsheet would run as a formula is escaped in every export."""

import io

import openpyxl
import pytest
from django.urls import reverse

from eduenforce.accounts.models import Department
from eduenforce.cases.choices import CaseStatus
from eduenforce.cases.tests.factories import CaseFactory, InstitutionFactory, certified_officer

pytestmark = pytest.mark.django_db

XSS = [
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "'><svg onload=alert(1)>",
    "javascript:alert(1)",
]
FORMULAS = ['=HYPERLINK("http://evil","点击")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1:A9)"]


def raw_markup(page: str, payload: str) -> bool:
    """Is the payload present as live markup (not escaped)?"""
    return "<" in payload and payload in page


@pytest.fixture
def handler(make_user):
    user = make_user("officer", department=Department.objects.get(code="zfdd"))
    certified_officer(user=user)
    return user


@pytest.mark.parametrize("payload", XSS)
def test_script_in_a_cases_free_text_is_shown_as_text_on_the_case_pages(payload, handler, client_for):
    case = CaseFactory(
        status=CaseStatus.INVESTIGATING,
        party_name=payload[:120],
        cause=payload,
        summary=f"事实：{payload}",
        team=[handler.officer],
    )
    client = client_for(handler)
    for url in (reverse("cases:detail", args=[case.pk]), reverse("cases:list")):
        page = client.get(url).content.decode()
        assert not raw_markup(page, payload), url
    if "<" in payload:
        assert "&lt;" in client.get(reverse("cases:detail", args=[case.pk])).content.decode()


@pytest.mark.parametrize("payload", XSS)
def test_script_in_an_institution_or_officer_name_is_shown_as_text(payload, section_head, client_for):
    institution = InstitutionFactory(name=f"培训学校{payload}"[:100])
    certified_officer(name=payload[:50])
    client = client_for(section_head)
    for url in (
        reverse("registry:list"),
        reverse("registry:detail", args=[institution.pk]),
        reverse("officers:list"),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert not raw_markup(response.content.decode(), payload), url


def _cells(response) -> list[str]:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    workbook = openpyxl.load_workbook(io.BytesIO(content))
    return [
        cell
        for sheet in workbook.worksheets
        for row in sheet.iter_rows(values_only=True)
        for cell in row
        if isinstance(cell, str)
    ]


@pytest.mark.parametrize("payload", FORMULAS)
def test_a_formula_in_an_institution_name_is_escaped_in_the_register_export(
    payload, section_head, client_for
):
    InstitutionFactory(name=f"{payload}培训学校")
    cells = _cells(client_for(section_head).get(reverse("registry:export")))
    planted = [c for c in cells if "培训学校" in c and payload[1:] in c]
    assert planted and all(c.startswith("'") for c in planted), planted


@pytest.mark.parametrize("payload", FORMULAS)
def test_a_formula_in_an_officers_name_is_escaped_in_the_certificate_export(
    payload, section_head, client_for
):
    certified_officer(name=f"{payload}"[:50])
    cells = _cells(client_for(section_head).get("/officers/export.xlsx"))
    planted = [c for c in cells if payload[1:20] in c]
    assert planted and all(c.startswith("'") for c in planted), planted


def test_every_export_escaper_neutralises_the_same_formula_starts():
    from eduenforce.api.csv_export import _safe
    from eduenforce.registry.xlsx import escape_cell
    from eduenforce.reports.stats.export import safe_cell

    for start in ("=", "+", "-", "@", "\t", "\r"):
        for escape in (_safe, escape_cell, safe_cell):
            assert escape(f"{start}1+1").startswith("'"), (escape.__module__, repr(start))
