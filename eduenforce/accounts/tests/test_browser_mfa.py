"""The two-factor login flow in a real browser: password, then the authenticator's code."""

import pytest
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from eduenforce.testing.factories import TEST_PASSWORD

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_leader_signs_in_with_password_and_authenticator_code(page, live_server, leader, settings):
    settings.MFA_REQUIRED_ROLES = frozenset({"leader"})
    device = TOTPDevice.objects.create(user=leader, name="验证器", confirmed=True)
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", leader.username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/mfa/verify/**")
    page.fill("input[name=code]", "000000")
    page.click("button[type=submit]")
    assert page.get_by_text("验证码不正确").is_visible()

    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None
    device.save()
    page.fill("input[name=code]", f"{totp(device.bin_key):06d}")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/")
    assert page.get_by_role("heading").first.is_visible()


def test_an_administrator_enrols_from_the_qr_page_at_first_login(page, live_server, sys_admin, settings):
    settings.MFA_REQUIRED_ROLES = frozenset({"sys_admin"})
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("input[name=username]", sys_admin.username)
    page.fill("input[name=password]", TEST_PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/mfa/setup/**")
    assert page.locator("img[alt=绑定验证器的二维码]").is_visible()
    device = TOTPDevice.objects.get(user=sys_admin, confirmed=False)
    page.fill("input[name=code]", f"{totp(device.bin_key):06d}")
    page.click("button:has-text('完成绑定')")
    page.wait_for_selector("[data-testid=recovery-codes]")
    assert page.locator("[data-testid=recovery-codes] li").count() == 10
