"""A section head imports a register through the browser and reads the error table."""

import pytest

from eduenforce.registry.models import Institution
from eduenforce.registry.tests.factories import row, xlsx_bytes

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_uploading_a_file_with_bad_rows_shows_the_error_table_then_a_fixed_file_imports(
    page, live_server, login, section_head, tmp_path
):
    bad = tmp_path / "名录.xlsx"
    bad.write_bytes(xlsx_bytes([row(1), row(2, 街道="火星街道"), row(3, 许可证有效期至="2025/13/1")]))
    login(page, section_head)
    page.goto(f"{live_server.url}/registry/import/")
    page.set_input_files("input[name=file]", str(bad))
    page.get_by_test_id("import-submit").click()
    table = page.get_by_test_id("import-errors")
    rows = table.locator("tbody tr")
    assert rows.count() == 2
    assert rows.nth(0).inner_text().split("\t")[:2] == ["第3行", "街道"]
    assert "“2025/13/1”不是有效的日期" in rows.nth(1).inner_text()
    assert not Institution.objects.exists()

    good = tmp_path / "名录-改.xlsx"
    good.write_bytes(xlsx_bytes([row(1), row(2), row(3)]))
    page.set_input_files("input[name=file]", str(good))
    page.get_by_test_id("import-submit").click()
    assert "新增 3 条" in page.get_by_test_id("import-result").inner_text()
    page.goto(f"{live_server.url}/registry/?q=DLQCSPXXX")
    assert page.get_by_test_id("institution-table").locator("tbody tr").count() == 3
