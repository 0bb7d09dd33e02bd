"""The open-data API: paginated, filterable JSON and CSV of what the portal shows, masked the same way."""

import csv
import io
import re
from datetime import date

import pytest
from django.contrib.staticfiles import finders

from eduenforce.accounts.models import Department
from eduenforce.portal import services
from eduenforce.portal.tests.factories import publish, schedule

pytestmark = pytest.mark.django_db


def test_a_list_pages_through_every_decision_with_its_cursor(client, section_head):
    made = {publish(by=section_head, title=f"处罚决定{i}").public_id for i in range(7)}
    seen, cursor = [], None
    while True:
        params = {"limit": 3, **({"cursor": cursor} if cursor else {})}
        data = client.get("/api/v1/decisions", params).json()
        assert data["count"] == 7 and data["limit"] == 3 and "政府信息公开条例" in data["licence"]
        seen += [item["public_id"] for item in data["items"]]
        cursor = data["next_cursor"]
        if not cursor:
            break
    assert len(seen) == 7 and set(seen) == made


def test_items_are_masked_publish_only_declared_fields_and_link_to_their_public_pages(client, section_head):
    publication = publish(
        by=section_head,
        title="对张三丰的行政处罚决定",
        names_to_mask=["张三丰"],
        fields={"party": "张三丰", "fine_amount": "5000.00", "联系电话": "13812345678"},
    )
    item = client.get(f"/api/v1/publications/{publication.public_id}").json()
    assert item["title"] == "对张某的行政处罚决定" and item["fields"]["party"] == "张某"
    assert "联系电话" not in item["fields"]  # not declared for decisions: never stored, never shown
    assert item["fields"]["fine_amount"] == 5000 and item["fields"]["confiscation_amount"] is None
    assert item["url"] == f"http://127.0.0.1:8000/portal/p/{publication.public_id}/"
    draw = publish("draw", by=section_head, fields={"draw": "d1", "json_url": "/portal/draws/abc.json"})
    item = client.get(f"/api/v1/publications/{draw.public_id}").json()
    assert item["links"] == {"json_url": "http://127.0.0.1:8000/portal/draws/abc.json"}


def test_filters_by_kind_year_street_and_words(client, section_head):
    street = Department.objects.get(code="hm")
    hit = publish(
        "inspection_result",
        by=section_head,
        title="华明街道某幼儿园检查结果",
        occurred_on=date(2024, 4, 1),
        street=street,
    )
    publish(
        "inspection_result",
        by=section_head,
        title="华明街道某小学检查结果",
        occurred_on=date(2025, 4, 1),
        street=street,
    )
    publish(
        "decision",
        by=section_head,
        title="华明街道某幼儿园处罚决定",
        occurred_on=date(2024, 4, 1),
        street=street,
    )
    data = client.get(
        "/api/v1/publications", {"kind": "inspection_result", "year": 2024, "street": "hm", "q": "幼儿园"}
    ).json()
    assert [item["public_id"] for item in data["items"]] == [hit.public_id]


@pytest.mark.parametrize(
    "query, word",
    [
        ("year=abc", "year"),
        ("year=1999", "year"),
        ("limit=0", "limit"),
        ("limit=101", "limit"),
        ("kind=bogus", "kind"),
        ("street=nowhere", "street"),
        ("cursor=xyz", "cursor"),
    ],
)
def test_malformed_parameters_are_a_400_in_chinese_naming_them(client, query, word):
    response = client.get(f"/api/v1/publications?{query}")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "参数有误" in detail and word in detail


def test_a_search_word_with_a_nul_byte_is_a_400_not_a_database_error(client):
    response = client.get("/api/v1/publications?q=%E5%86%B3%00")
    assert response.status_code == 400
    detail = response.json()["detail"]
    assert "参数有误" in detail and "q" in detail


def test_an_unknown_cursor_or_id_is_a_404_and_a_withdrawn_one_a_410(client, section_head):
    assert client.get("/api/v1/decisions?cursor=0123456789abcdef").status_code == 404
    assert client.get("/api/v1/publications/0123456789abcdef").status_code == 404
    assert client.get(f"/api/v1/publications/{schedule().public_id}").status_code == 404
    withdrawn = services.withdraw(publish(by=section_head), by=section_head, note="复议撤销")
    response = client.get(f"/api/v1/publications/{withdrawn.public_id}")
    assert response.status_code == 410 and "撤回" in response.json()["detail"]


def test_the_csv_download_has_chinese_headers_masked_rows_and_no_formulas(client, section_head):
    publish(
        by=section_head,
        title='=HYPERLINK("http://evil")',
        fields={"fine": "5000", "party": "某培训学校"},
        summary="证人王小明称",
    )
    response = client.get("/api/v1/decisions.csv")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    text = b"".join(response.streaming_content).decode("utf-8")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:])))
    assert rows[0][:3] == ["公开编号", "类别", "标题"] and "罚款金额（元）" in rows[0] and "当事人" in rows[0]
    assert rows[1][2].startswith("'=") and "王小明" not in text and len(rows) == 2


def test_the_kinds_list_counts_what_is_public(client, section_head):
    publish("report", by=section_head)
    kinds = {k["kind"]: k for k in client.get("/api/v1/kinds").json()}
    assert kinds["report"]["count"] == 1 and kinds["decision"]["count"] == 0
    assert kinds["report"]["csv_url"].endswith("/api/v1/publications.csv?kind=report")


def test_the_licence_is_stated(client):
    data = client.get("/api/v1/licence").json()
    assert "免费" in data["licence"] and "姓+某" in data["masking"]


def test_the_schema_and_the_docs_load_nothing_from_another_site(client):
    schema = client.get("/api/openapi.json").json()
    assert "/api/v1/decisions" in schema["paths"] and "/api/v1/decisions.csv" in schema["paths"]
    response = client.get("/api/docs")
    page = response.content.decode()
    assert response.status_code == 200 and "swagger-settings" in page
    assert not re.search(r"""(?:src|href)=["']https?://""", page)
    assert not re.search(r"<script(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", page)
    for asset in re.findall(r"""(?:src|href)=["']/static/([^"']+)["']""", page):
        assert finders.find(asset), asset
    assert "script-src 'self'" in response["Content-Security-Policy"]
