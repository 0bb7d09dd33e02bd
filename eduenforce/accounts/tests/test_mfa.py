"""Two-factor login: required for the administrators and leaders, optional for others, reset by the
security administrator; password expiry holds a session at the password change page."""

import os
import subprocess
import sys
from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from django_otp.oath import totp
from django_otp.plugins.otp_static.models import StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from eduenforce.core import config
from eduenforce.records.models import JournalEntry
from eduenforce.testing.factories import TEST_PASSWORD

REQUIRED = frozenset({"sys_admin", "sec_admin", "audit_admin", "leader"})


@pytest.fixture(autouse=True)
def mfa_required(settings):
    settings.MFA_REQUIRED_ROLES = REQUIRED
    settings.PASSWORD_EXPIRY_ENFORCED = True


def password_login(client, user):
    response = client.post(reverse("accounts:login"), {"username": user.username, "password": TEST_PASSWORD})
    assert response.status_code == 302
    return response


def authenticator(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="验证器", confirmed=True)


def code_of(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key):06d}"


def verified_client(user):
    """A client signed in with password and authenticator, as a required role must be."""
    client = Client()
    device = authenticator(user)
    password_login(client, user)
    assert client.post(reverse("accounts:mfa-verify"), {"code": code_of(device)}).status_code == 302
    return client


def test_outside_the_test_suite_administrators_and_leaders_need_two_factors_and_passwords_expire(tmp_path):
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDUENFORCE_")}
    env.update(
        EDUENFORCE_DEMO="1", EDUENFORCE_DATA_DIR=str(tmp_path), DJANGO_SETTINGS_MODULE="eduenforce.settings"
    )
    result = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "from django.conf import settings as s; print(sorted(s.MFA_REQUIRED_ROLES), s.PASSWORD_EXPIRY_ENFORCED)",
        ],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.stdout.strip() == f"{sorted(REQUIRED)} True"


def test_an_administrator_without_an_authenticator_must_enrol_before_any_page(client, sys_admin):
    password_login(client, sys_admin)
    response = client.get(reverse("accounts:users"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("accounts:mfa-setup"))
    page = client.get(reverse("accounts:mfa-setup"))
    assert "data:image/svg+xml;base64," in page.content.decode()


def test_enrolling_with_a_correct_code_turns_two_factor_on_and_shows_ten_recovery_codes(client, sys_admin):
    password_login(client, sys_admin)
    client.get(reverse("accounts:mfa-setup"))
    device = TOTPDevice.objects.get(user=sys_admin, confirmed=False)

    response = client.post(reverse("accounts:mfa-setup"), {"code": code_of(device)})

    assert response.status_code == 200
    assert len(response.context["codes"]) == 10
    assert TOTPDevice.objects.get(user=sys_admin).confirmed
    assert JournalEntry.objects.filter(action="account.mfa_enrolled", object_id=str(sys_admin.pk)).exists()
    assert client.get(reverse("accounts:users")).status_code == 200


def test_a_wrong_enrolment_code_is_refused_with_a_chinese_message(client, sys_admin):
    password_login(client, sys_admin)
    client.get(reverse("accounts:mfa-setup"))
    response = client.post(reverse("accounts:mfa-setup"), {"code": "000000"})
    assert "验证码不正确" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=sys_admin, confirmed=True).exists()


def test_an_enrolled_user_is_held_at_verification_until_a_correct_code(client, leader):
    device = authenticator(leader)
    password_login(client, leader)
    held = client.get(reverse("core:home"))
    assert held["Location"].startswith(reverse("accounts:mfa-verify"))

    wrong = client.post(reverse("accounts:mfa-verify"), {"code": "123456"})
    assert "验证码不正确" in wrong.content.decode()
    assert JournalEntry.objects.filter(action="auth.mfa_failed", object_id=str(leader.pk)).exists()

    device.refresh_from_db()
    device.throttling_failure_count, device.throttling_failure_timestamp = 0, None
    device.save()
    passed = client.post(reverse("accounts:mfa-verify"), {"code": code_of(device), "next": "/"})
    assert passed.status_code == 302
    assert client.get(reverse("core:home")).status_code == 200
    assert JournalEntry.objects.filter(action="auth.mfa_passed", object_id=str(leader.pk)).exists()


def test_a_recovery_code_lets_a_user_in_once_only(client, leader):
    authenticator(leader)
    token = StaticToken.objects.create(
        device=leader.staticdevice_set.create(name="恢复码", confirmed=True), token="abcd2345"
    )
    password_login(client, leader)
    assert client.post(reverse("accounts:mfa-verify"), {"code": "ABCD 2345"}).status_code == 302
    assert not StaticToken.objects.filter(pk=token.pk).exists()

    other = client.__class__()
    password_login(other, leader)
    assert "验证码不正确" in other.post(reverse("accounts:mfa-verify"), {"code": "abcd2345"}).content.decode()


def test_a_password_alone_cannot_replace_an_enrolled_authenticator(client, leader):
    authenticator(leader)
    password_login(client, leader)
    response = client.get(reverse("accounts:mfa-setup"))
    assert response["Location"].startswith(reverse("accounts:mfa-verify"))


def test_an_officer_may_enrol_and_turn_it_off_again(client, officer):
    password_login(client, officer)
    assert client.get(reverse("core:home")).status_code == 200  # optional: not held
    device = authenticator(officer)
    # Enrolled now: the next session owes the code.
    second = client.__class__()
    password_login(second, officer)
    second.post(reverse("accounts:mfa-verify"), {"code": code_of(device)})
    device.refresh_from_db()
    device.last_t -= 1  # the same 30-second step may not be used twice
    device.save()
    response = second.post(reverse("accounts:mfa-disable"), {"code": code_of(device)})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=officer).exists()
    assert JournalEntry.objects.filter(action="account.mfa_disabled").exists()


def test_a_leader_cannot_turn_two_factor_off(client, leader):
    device = authenticator(leader)
    password_login(client, leader)
    client.post(reverse("accounts:mfa-verify"), {"code": code_of(device)})
    response = client.post(reverse("accounts:mfa-disable"), {"code": code_of(device)}, follow=True)
    assert "必须使用两步验证" in response.content.decode()
    assert TOTPDevice.objects.filter(user=leader).exists()


def test_the_security_administrator_resets_a_lost_authenticator_on_the_record(sec_admin, leader):
    authenticator(leader)
    response = verified_client(sec_admin).post(reverse("accounts:mfa-reset", args=[leader.pk]))
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=leader).exists()
    entry = JournalEntry.objects.get(action="account.mfa_reset")
    assert entry.actor_id == sec_admin.pk and entry.object_id == str(leader.pk)


def test_only_the_security_administrator_may_reset_two_factor(client, sys_admin, leader):
    authenticator(leader)
    url = reverse("accounts:mfa-reset", args=[leader.pk])
    colleague = verified_client(sys_admin)
    assert colleague.post(url).status_code == 403
    assert colleague.get(reverse("accounts:mfa-users")).status_code == 403
    assert client.post(url).status_code == 302  # anonymous: to the login page
    assert TOTPDevice.objects.filter(user=leader).exists()


def test_the_security_administrator_sees_who_has_two_factor(sec_admin, leader):
    authenticator(leader)
    page = verified_client(sec_admin).get(reverse("accounts:mfa-users")).content.decode()
    assert leader.username in page and "已启用" in page


def test_an_expired_password_must_be_changed_before_any_other_page(client, officer):
    officer.password_changed_at = timezone.now() - timedelta(days=91)
    officer.save()
    password_login(client, officer)
    response = client.get(reverse("core:home"))
    assert response["Location"] == reverse("accounts:password")
    assert client.get(reverse("accounts:password")).status_code == 200
    assert client.get("/portal/").status_code == 200  # public pages are never held


def test_password_expiry_is_off_when_the_parameter_is_zero(client, officer):
    config.set_value("accounts.password_max_age_days", 0, by=None)
    officer.password_changed_at = timezone.now() - timedelta(days=400)
    officer.save()
    password_login(client, officer)
    assert client.get(reverse("core:home")).status_code == 200


def test_setting_a_password_restarts_its_age(officer):
    officer.password_changed_at = timezone.now() - timedelta(days=400)
    officer.set_password("Another@2026pw")
    officer.save(update_fields=["password"])
    officer.refresh_from_db()
    assert timezone.now() - officer.password_changed_at < timedelta(minutes=1)


def test_a_code_already_used_cannot_be_replayed_in_another_session(leader):
    device = authenticator(leader)
    code = code_of(device)
    first = Client()
    password_login(first, leader)
    assert first.post(reverse("accounts:mfa-verify"), {"code": code}).status_code == 302

    second = Client()
    password_login(second, leader)
    replay = second.post(reverse("accounts:mfa-verify"), {"code": code})
    assert "验证码不正确" in replay.content.decode()
    assert second.get(reverse("core:home")).status_code == 302


def test_a_code_from_an_old_time_step_is_refused(client, leader):
    device = authenticator(leader)
    stale = f"{totp(device.bin_key, t0=60):06d}"  # two 30-second steps ago (tolerance is one)
    password_login(client, leader)
    assert "验证码不正确" in client.post(reverse("accounts:mfa-verify"), {"code": stale}).content.decode()


def test_the_demo_gives_the_mfa_roles_a_published_authenticator_whose_code_lets_them_in(settings, leader):
    from io import StringIO

    from django.core.management import call_command

    from eduenforce.accounts import demo

    settings.DEMO = True
    leader.username = "zhaomin"
    leader.save()
    lines = []
    demo.after_build(lines.append)
    assert any("zhaomin" in line and "密钥" in line for line in lines)

    out = StringIO()
    call_command("demo_otp", "zhaomin", stdout=out)
    client = Client()
    password_login(client, leader)
    assert client.post(reverse("accounts:mfa-verify"), {"code": out.getvalue().strip()}).status_code == 302
    assert client.get(reverse("core:home")).status_code == 200


def test_demo_codes_are_refused_outside_demo_mode(settings):
    from django.core.management import CommandError, call_command

    settings.DEMO = False
    with pytest.raises(CommandError, match="演示模式"):
        call_command("demo_otp", "zhaomin")
