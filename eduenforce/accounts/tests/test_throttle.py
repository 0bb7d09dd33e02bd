"""Per-address login throttling, the journal kept small under password spraying, the client address
behind a trusted proxy, and password change asking for the current password."""

import pytest
from django.test import RequestFactory, override_settings

from eduenforce.core.middleware import TrustedProxyMiddleware, lockout_ip
from eduenforce.records.models import JournalEntry
from eduenforce.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def attempt(client, username, password, ip="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@override_settings(LOGIN_IP_FAILURE_LIMIT=8)
def test_one_address_is_throttled_after_the_limit_whichever_accounts_it_tries(client, officer, make_user):
    for i in range(8):
        assert attempt(client, f"nobody{i}", "wrong-password").status_code == 200
    refused = attempt(client, officer.username, TEST_PASSWORD)
    assert refused.status_code == 429
    assert "登录失败次数过多" in refused.content.decode()
    assert not client.session.get("_auth_user_id")
    # Another address is not affected.
    assert attempt(client, officer.username, TEST_PASSWORD, ip="198.51.100.2").status_code == 302


@override_settings(LOGIN_IP_FAILURE_LIMIT=8)
def test_the_address_throttle_ends_with_its_window_and_attempts_do_not_prolong_it(client, officer):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for i in range(8):
            attempt(client, f"nobody{i}", "wrong-password")
    with time_machine.travel(start + timedelta(minutes=10), tick=False):
        assert attempt(client, officer.username, TEST_PASSWORD).status_code == 429
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert attempt(client, officer.username, TEST_PASSWORD).status_code == 302


def test_failures_naming_no_account_are_journaled_once_per_address_and_window(client):
    for i in range(12):
        attempt(client, f"spray{i}", "wrong-password")
    rows = JournalEntry.objects.filter(action="auth.login_failed")
    assert rows.count() == 1
    assert rows.get().changes["account"] == "不存在"


def test_attempts_against_a_locked_account_are_journaled_once_per_window(client, officer):
    for _ in range(15):
        attempt(client, officer.username, "wrong-password")
    failed = JournalEntry.objects.filter(action="auth.login_failed").count()
    assert 5 <= failed <= 6  # five before the lock, then one row for the rest
    assert JournalEntry.objects.filter(action="auth.locked_out").count() == 1


def test_the_journal_records_the_client_behind_a_trusted_proxy(client, officer, settings):
    import ipaddress

    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1/32")]
    settings.MIDDLEWARE = list(settings.MIDDLEWARE)  # rebuilds the handler with the new networks
    client.post(
        LOGIN,
        {"username": officer.username, "password": TEST_PASSWORD},
        REMOTE_ADDR="127.0.0.1",
        HTTP_X_FORWARDED_FOR="10.9.8.7",
    )
    assert JournalEntry.objects.get(action="auth.login").ip == "10.9.8.7"


@pytest.mark.parametrize(
    "remote, forwarded, expected",
    [
        ("127.0.0.1", "10.9.8.7", "10.9.8.7"),  # through the proxy
        ("127.0.0.1", "6.6.6.6, 10.9.8.7", "10.9.8.7"),  # the client's own prefix is ignored
        ("127.0.0.1", "10.9.8.7, 10.0.0.2", "10.9.8.7"),  # two trusted proxies in a row
        ("127.0.0.1", "garbage, 10.9.8.7", "10.9.8.7"),
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("203.0.113.9", "10.9.8.7", "203.0.113.9"),  # not from a trusted proxy: header ignored
    ],
)
def test_the_client_address_is_taken_from_the_trusted_proxies_only(remote, forwarded, expected, settings):
    import ipaddress

    settings.TRUSTED_PROXIES = [ipaddress.ip_network("127.0.0.1/32"), ipaddress.ip_network("10.0.0.0/24")]
    seen = {}

    def view(request):
        seen["ip"] = request.META["REMOTE_ADDR"]

    request = RequestFactory().get("/", REMOTE_ADDR=remote, HTTP_X_FORWARDED_FOR=forwarded)
    TrustedProxyMiddleware(view)(request)
    assert seen["ip"] == expected


def test_a_wrong_trusted_proxy_setting_stops_startup_naming_the_variable():
    from django.core.exceptions import ImproperlyConfigured

    from eduenforce.settings import trusted_proxies

    assert [str(n) for n in trusted_proxies("127.0.0.1, 10.0.0.0/8")] == ["127.0.0.1/32", "10.0.0.0/8"]
    with pytest.raises(ImproperlyConfigured, match="EDUENFORCE_TRUSTED_PROXIES"):
        trusted_proxies("10.0.0.0/33")


def test_changing_the_password_asks_for_the_current_one(client_for, officer):
    client = client_for(officer)
    new = {"new_password1": "Another&456y", "new_password2": "Another&456y"}
    response = client.post("/accounts/password/", {"old_password": "wrong", **new})
    assert response.status_code == 200 and "当前密码不正确" in response.content.decode()
    officer.refresh_from_db()
    assert officer.check_password(TEST_PASSWORD)
    response = client.post("/accounts/password/", {"old_password": TEST_PASSWORD, **new})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.check_password("Another&456y")


@pytest.mark.parametrize(
    ("remote", "expected"), [("203.0.113.7", "203.0.113.7"), ("::1", "::1"), ("", None), ("unknown", None)]
)
def test_the_lockout_reads_the_client_address_or_none_never_a_placeholder(remote, expected):
    request = RequestFactory().get("/", REMOTE_ADDR=remote)
    assert lockout_ip(request) == expected


def test_a_sign_in_made_in_code_without_an_address_is_logged_by_the_lockout(client, officer):
    """``force_login`` builds a request with no address; axes stores ``None`` in its address column
    (PostgreSQL refuses a placeholder such as "unknown")."""
    from axes.models import AccessLog

    client.force_login(officer)
    assert AccessLog.objects.filter(username=officer.username, ip_address=None).exists()
