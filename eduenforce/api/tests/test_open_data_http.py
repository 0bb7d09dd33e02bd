"""The API as outside developers use it: HEAD and OPTIONS, CORS for reads, ETag and
Cache-Control, Retry-After on 429, JSON 404, typed per-kind fields, documented paths."""

import pytest

from eduenforce.api.main import api
from eduenforce.portal import fields as kinds
from eduenforce.portal.tests.factories import publish

pytestmark = pytest.mark.django_db


def test_head_answers_like_get_without_a_body(client, section_head):
    publish(by=section_head)
    get, head = client.get("/api/v1/publications"), client.head("/api/v1/publications")
    assert head.status_code == 200 and head.content == b""
    assert head["Content-Length"] == str(len(get.content)) and head["ETag"] == get["ETag"]


def test_options_and_every_read_allow_any_origin(client):
    options = client.options("/api/v1/publications", HTTP_ORIGIN="https://example.org")
    assert options.status_code == 204 and "GET" in options["Access-Control-Allow-Methods"]
    assert options["Allow"] == "GET, HEAD, OPTIONS"
    read = client.get("/api/v1/kinds", HTTP_ORIGIN="https://example.org")
    assert read["Access-Control-Allow-Origin"] == "*" and "ETag" in read["Access-Control-Expose-Headers"]
    assert client.post("/api/v1/kinds").status_code == 405


def test_an_unchanged_answer_is_a_304_and_caching_is_stated(client, section_head):
    publish(by=section_head)
    first = client.get("/api/v1/publications")
    assert first["Cache-Control"].startswith("public, max-age=")
    again = client.get("/api/v1/publications", HTTP_IF_NONE_MATCH=first["ETag"])
    assert again.status_code == 304 and again.content == b""


def test_too_many_searches_say_when_to_retry(client, sec_admin):
    from eduenforce.core import config

    config.set_value("portal.search_per_minute", 1, by=sec_admin)  # a security setting (三员分立)
    client.get("/api/v1/publications?q=培训")
    response = client.get("/api/v1/publications?q=培训")
    assert response.status_code == 429 and int(response["Retry-After"]) > 0


def test_an_unknown_api_path_is_a_json_404(client):
    response = client.get("/api/v1/no-such-thing")
    assert response.status_code == 404 and response["Content-Type"].startswith("application/json")
    assert "接口不存在" in response.json()["detail"]


def test_each_kind_has_a_typed_schema_with_snake_case_keys(client, section_head):
    schema = api.get_openapi_schema()
    components = schema["components"]["schemas"]
    decision = components["DecisionFields"]["properties"]
    assert decision["fine_amount"]["anyOf"][0]["type"] == "number"
    for kind in kinds.KIND_FIELDS:
        for spec in kinds.declared(kind):
            assert spec.key.isascii() and spec.key == spec.key.lower()
    publish(
        "inspection_result", by=section_head, fields={"检查对象": "东丽区某幼儿园", "检查结果": "未发现问题"}
    )
    item = client.get("/api/v1/inspection-results").json()["items"][0]
    assert item["fields"]["institution"] == "东丽区某幼儿园" and item["fields"]["rectification"] is None


def test_every_operation_has_a_description_and_an_example():
    schema = api.get_openapi_schema()
    for path, operations in schema["paths"].items():
        for method, operation in operations.items():
            assert operation.get("description"), (method, path)
            ok = operation["responses"].get("200") or {}
            for content in ok.get("content", {}).values():
                assert "example" in content or "examples" in content, (method, path)
