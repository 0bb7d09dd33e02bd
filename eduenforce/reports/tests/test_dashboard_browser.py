"""The dashboard in a real browser: the charts draw, and a bar opens the records behind it."""

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_dashboard_draws_its_charts_and_a_bar_opens_the_records(
    page, live_server, login, make_user, small_district
):
    leader = make_user("leader")
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    login(page, leader)
    page.goto(f"{live_server.url}/reports/?year=2025")
    page.wait_for_selector('[data-chart="by_month"][data-rendered="1"] svg')
    assert page.locator(".dashboard-chart[data-rendered='1']").count() == 8
    assert page.get_by_test_id("period-label").inner_text() == "2025年"
    # Click the June bar itself: ECharts tells where it drew it.
    x, y = page.evaluate("""() => {
        const el = document.querySelector('[data-chart="by_month"]');
        const chart = echarts.getInstanceByDom(el);
        const [px, py] = chart.convertToPixel({seriesIndex: 0}, [5, 0]);
        const top = chart.convertToPixel({seriesIndex: 0}, [5, 4])[1];
        const box = el.getBoundingClientRect();
        return [box.left + px, box.top + (py + top) / 2];
    }""")
    with page.expect_navigation():
        page.mouse.click(x, y)
    assert "month=2025-06" in page.url
    assert page.get_by_test_id("records-total").inner_text() == "4"
    assert not [e for e in errors if "Content Security Policy" in e], errors
