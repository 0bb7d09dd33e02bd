"""The API docs page works under the CSP with nothing fetched from another site."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_api_docs_render_every_endpoint_from_local_assets(page, live_server):
    problems, foreign = [], []
    page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: foreign.append(r.url) if not r.url.startswith(live_server.url) else None)
    page.goto(f"{live_server.url}/api/docs")
    page.wait_for_selector(".opblock-summary-path")
    paths = page.locator(".opblock-summary-path").all_inner_texts()
    assert "/api/v1/decisions" in paths and "/api/v1/publications/{public_id}" in paths
    assert not foreign, foreign
    assert not [p for p in problems if "Content Security Policy" in p], problems
