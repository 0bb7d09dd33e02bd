"""A member of the public, on a desktop and on a 390 px phone: searches a decision, opens it, checks
an officer's certificate, and downloads a draw's data and the verification script — with no login,
no CSP violation and nothing wider than the screen."""

import hashlib
from datetime import date, timedelta
from pathlib import Path

import pytest

from eduenforce.accounts.models import Department
from eduenforce.portal.tests.factories import publish

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def certified_officer():
    from eduenforce.officers.models import Certificate, Officer

    officer = Officer.objects.create(name="刘建华", department=Department.objects.get(code="zfdd"))
    today = date.today()
    return Certificate.objects.create(
        officer=officer,
        number="12011020250017",
        issuing_authority="天津市人民政府",
        valid_from=today - timedelta(days=365),
        valid_to=today + timedelta(days=365),
    )


@pytest.fixture
def draw(section_head):
    from eduenforce.sampling.tests import scenario

    scenario.institutions(4)
    scenario.officers(3)
    return scenario.drawn(scenario.plan(), section_head)


@pytest.mark.parametrize("device", ["page", "phone_page"])
def test_the_public_finds_a_decision_checks_a_certificate_and_downloads_a_draw(
    request, device, live_server, section_head, certified_officer, draw
):
    browser_page = request.getfixturevalue(device)
    problems = []
    browser_page.on("console", lambda m: problems.append(m.text) if m.type == "error" else None)
    decision = publish(
        by=section_head,
        title="对东丽区星光培训学校的行政处罚决定",
        street=Department.objects.get(code="zgz"),
        summary="违规开展学科类培训，罚款人民币2万元",
        fields={"party": "东丽区星光培训学校", "fine": "20000"},
    )
    publish(by=section_head, title="对东丽区启航艺术学校的行政处罚决定")

    browser_page.goto(f"{live_server.url}/portal/")
    browser_page.get_by_test_id("home-search").fill("星光")
    browser_page.get_by_test_id("home-search").press("Enter")
    browser_page.wait_for_url("**/portal/search/?q=*")
    results = browser_page.get_by_test_id("publication-list")
    assert "启航" not in results.inner_text()
    results.get_by_role("link", name=decision.title).click()
    browser_page.wait_for_url(f"**/portal/p/{decision.public_id}/")
    assert "罚款金额（元）" in browser_page.get_by_test_id("fields").inner_text()
    assert "20,000" in browser_page.get_by_test_id("fields").inner_text()  # an amount, as a number

    browser_page.goto(f"{live_server.url}/portal/")
    browser_page.get_by_test_id("verify-number").fill(certified_officer.number)
    browser_page.get_by_test_id("verify-number").press("Enter")
    browser_page.wait_for_url(f"**/portal/officers/verify/{certified_officer.number}")
    assert browser_page.get_by_test_id("officer-name").inner_text() == "刘建华"
    assert "有效" in browser_page.get_by_test_id("certificate-state").inner_text()

    browser_page.goto(f"{live_server.url}/portal/")
    if device == "phone_page":
        browser_page.get_by_label("展开菜单").click()
    menu = browser_page.get_by_test_id("portal-menu")
    menu.get_by_role("button", name="双随机", exact=True).click()
    menu.get_by_role("link", name="抽取结果与验证").click()
    browser_page.get_by_test_id("drawn-draws").get_by_role("link", name=draw.public_id).click()
    json_url = browser_page.get_by_test_id("json-link").get_attribute("href")
    document = browser_page.request.get(f"{live_server.url}{json_url}").body()
    assert (
        hashlib.new("sm3", document).hexdigest() == browser_page.get_by_test_id("document-sm3").inner_text()
    )
    with browser_page.expect_download() as download:
        browser_page.get_by_role("link", name="核验脚本").last.click()
    assert download.value.suggested_filename == "verify_draw.py"
    assert "sm3" in Path(download.value.path()).read_text(encoding="utf-8")

    width = browser_page.evaluate("document.documentElement.scrollWidth")
    assert width <= browser_page.viewport_size["width"]
    assert not [p for p in problems if "Content Security Policy" in p or "Refused" in p], problems


def test_a_long_seed_in_a_summary_never_widens_the_phone_page(phone_page, live_server, section_head):
    seed = hashlib.sha256(b"seed").hexdigest()  # 64 characters, no space to break at
    publish(
        "draw", by=section_head, title=f"双随机抽取结果（{seed[:16]}）", summary=f"抽中 4 家；种子 {seed}"
    )
    for url in ("/portal/", "/portal/search/?q=双随机", "/portal/list/draw/"):
        phone_page.goto(f"{live_server.url}{url}")
        assert seed in phone_page.content()
        width = phone_page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        assert width[0] <= width[1], (url, width)
