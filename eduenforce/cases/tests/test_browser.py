"""In the browser: an investigator submits a notified case for legal review, the reviewer passes
it with the checklist, the leader decides."""

import re

import pytest

from eduenforce.cases import actions as A

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _logout(page):
    page.get_by_role("button", name="退出登录").click()
    page.wait_for_url(re.compile(r"/accounts/login/"))


def test_a_case_goes_through_legal_review_to_a_decision_in_the_browser(flow, page, live_server, login):
    case = flow.concluded()
    flow.notified(case)
    A.do_waive_rights(
        case, by=flow.investigator, waived_on=case.notified_on, note="当事人书面放弃陈述申辩和听证"
    )
    case_url = f"{live_server.url}/cases/{case.pk}/"

    login(page, flow.investigator)
    page.goto(case_url)
    page.get_by_role("link", name="提交法制审核").click()
    page.get_by_role("button", name="提交法制审核").click()
    page.wait_for_url(case_url)
    assert page.get_by_test_id("case-status").inner_text() == "法制审核"
    _logout(page)

    login(page, flow.reviewer)
    page.goto(f"{live_server.url}/cases/review-queue/")
    page.get_by_role("link", name=case.number).click()
    page.get_by_role("link", name="法制审核").click()
    for box in page.locator("input[type=checkbox][name^=check_]").all():
        box.check()
    page.get_by_label("审核意见").fill("事实清楚，证据确凿，程序合法，裁量适当")
    page.get_by_label("同意（审核通过）").check()
    page.get_by_role("button", name="法制审核").click()
    page.wait_for_url(case_url)
    assert page.get_by_test_id("case-status").inner_text() == "审核通过"
    _logout(page)

    login(page, flow.leader)
    page.goto(case_url)
    page.get_by_role("link", name="作出决定").click()
    page.get_by_label("给予行政处罚").check()
    page.get_by_label("警告").check()
    page.get_by_label("没收违法所得", exact=True).check()
    page.get_by_label("没收违法所得（元）").fill("150000")
    page.get_by_role("button", name="作出决定").click()
    # More than the established illegal gains: refused on the form, nothing decided.
    assert "没收金额不得超过认定的违法所得" in page.get_by_test_id("step-form").inner_text()
    assert page.get_by_test_id("case-status").inner_text() == "审核通过"
    page.get_by_label("没收违法所得（元）").fill("120000")
    page.get_by_role("button", name="作出决定").click()
    page.wait_for_url(case_url)
    assert page.get_by_test_id("case-status").inner_text() == "已决定"
    assert "东教罚决" in page.get_by_test_id("decision").inner_text()
    assert "行政处罚决定书" in page.get_by_test_id("documents").inner_text()
