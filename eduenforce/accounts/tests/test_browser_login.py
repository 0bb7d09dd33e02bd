import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_an_officer_logs_in_sees_the_chinese_home_page_and_logs_out(page, live_server, login, officer):
    login(page, officer)
    assert page.locator("h1").inner_text().startswith("工作台")
    assert "执法人员" in page.get_by_test_id("current-user").get_attribute("title")
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url("**/accounts/login/")
    assert page.get_by_role("button", name="登录").is_visible()
