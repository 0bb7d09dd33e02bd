"""On a phone: a member of the public complains, gets a number and a code, and looks the complaint up."""

import re

import pytest

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_complaint_is_submitted_on_a_phone_and_looked_up(phone_page, live_server, monkeypatch):
    from django.core.cache import cache

    from eduenforce.complaints import antispam
    from eduenforce.complaints.models import Complaint
    from eduenforce.complaints.tests.factories import InstitutionFactory

    cache.clear()
    monkeypatch.setattr(antispam, "MIN_SECONDS", 0)  # a person takes longer than a test does
    InstitutionFactory(name="东丽区启航艺术培训学校")
    page = phone_page
    page.goto(f"{live_server.url}/portal/complaints/")
    assert page.evaluate("document.documentElement.scrollWidth") <= 390  # no sideways scrolling
    page.select_option("select[name=matter_type]", "fees")
    page.fill("input[name=institution_name]", "启航")
    page.locator("#institution-options option").first.wait_for(state="attached")  # the htmx name search
    assert (
        page.locator("#institution-options option").first.get_attribute("value") == "东丽区启航艺术培训学校"
    )
    page.fill("input[name=institution_name]", "东丽区启航艺术培训学校")
    page.fill("textarea[name=content]", "该机构收取一年学费，停课后拒绝退费。")
    # Contact fields appear only for a named complaint.
    assert not page.locator("input[name=complainant_name]").is_visible()
    page.check("input[name=identity][value=named]")
    page.fill("input[name=complainant_name]", "刘女士")
    page.fill("input[name=complainant_phone]", "13600001111")
    question = page.locator("label[for=id_challenge_answer]").inner_text()
    a, b = map(int, re.findall(r"\d+", question)[:2])
    page.fill("input[name=challenge_answer]", str(a + b))
    page.get_by_role("button", name="提交投诉").click()
    page.wait_for_url("**/portal/complaints/submitted/")
    number = page.get_by_test_id("tracking-number").inner_text().strip()
    code = page.get_by_test_id("tracking-code").inner_text().strip()
    complaint = Complaint.objects.get(tracking_number=number)
    assert complaint.institution.name == "东丽区启航艺术培训学校" and complaint.complainant_name == "刘女士"

    page.get_by_role("link", name="查询办理进度").click()
    page.fill("input[name=tracking_number]", number)
    page.fill("input[name=code]", code)
    page.get_by_role("button", name="查询").click()
    page.wait_for_url("**/portal/complaints/track/result/")
    assert page.get_by_test_id("public-progress").inner_text() == "已收到，正在审查是否受理"
    assert "刘女士" not in page.content() and "13600001111" not in page.content()
    assert page.evaluate("document.documentElement.scrollWidth") <= 390
