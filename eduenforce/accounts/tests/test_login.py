from datetime import timedelta

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from eduenforce.records.models import JournalEntry
from eduenforce.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def attempt(client, username, password):
    return client.post(LOGIN, {"username": username, "password": password})


def test_the_login_page_is_in_chinese(client):
    response = client.get(LOGIN)
    assert response.status_code == 200
    assert "登录" in response.content.decode()
    assert '<html lang="zh-CN">' in response.content.decode()


def test_a_correct_login_lands_on_the_home_page_and_is_journaled(client, officer):
    response = attempt(client, officer.username, TEST_PASSWORD)
    assert response.status_code == 302 and response["Location"] == "/"
    assert JournalEntry.objects.filter(action="auth.login", actor_id=officer.pk).count() == 1


def test_usernames_are_case_insensitive_at_login(client, officer):
    response = attempt(client, officer.username.upper(), TEST_PASSWORD)
    assert response.status_code == 302


def test_five_failures_lock_the_account_and_each_failure_is_journaled(client, officer):
    for _ in range(5):
        attempt(client, officer.username, "wrong-password")
    assert JournalEntry.objects.filter(action="auth.login_failed").count() == 5
    locked = attempt(client, officer.username, TEST_PASSWORD)
    assert locked.status_code in (403, 429)
    assert "已锁定" in locked.content.decode()
    assert not client.session.get("_auth_user_id")


def test_the_lock_is_per_account_so_another_user_can_still_log_in(client, officer, section_head):
    for _ in range(5):
        attempt(client, officer.username, "wrong-password")
    assert attempt(client, section_head.username, TEST_PASSWORD).status_code == 302


def test_the_account_unlocks_after_fifteen_minutes(client, officer):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            attempt(client, officer.username, "wrong-password")
        assert attempt(client, officer.username, TEST_PASSWORD).status_code in (403, 429)
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert attempt(client, officer.username, TEST_PASSWORD).status_code == 302


def test_attempts_during_the_lock_do_not_prolong_it(client, officer):
    """An attacker who keeps trying cannot keep the account locked beyond its 15 minutes."""
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        for _ in range(5):
            attempt(client, officer.username, "wrong-password")
    for minute in (5, 10, 14):
        with time_machine.travel(start + timedelta(minutes=minute), tick=False):
            assert attempt(client, officer.username, "wrong-password").status_code in (403, 429)
    with time_machine.travel(start + timedelta(minutes=16), tick=False):
        assert attempt(client, officer.username, TEST_PASSWORD).status_code == 302


def test_the_session_expires_after_thirty_idle_minutes(client, officer):
    start = timezone.now()
    with time_machine.travel(start, tick=False):
        attempt(client, officer.username, TEST_PASSWORD)
        assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=29), tick=False):
        assert client.get("/").status_code == 200  # activity renews the idle timer
    with time_machine.travel(start + timedelta(minutes=58), tick=False):
        assert client.get("/").status_code == 200
    with time_machine.travel(start + timedelta(minutes=89), tick=False):
        response = client.get("/")
        assert response.status_code == 302 and response["Location"].startswith(LOGIN)


def test_logout_is_journaled_and_ends_the_session(client, officer):
    attempt(client, officer.username, TEST_PASSWORD)
    client.post(reverse("accounts:logout"))
    assert JournalEntry.objects.filter(action="auth.logout", actor_id=officer.pk).exists()
    assert client.get("/").status_code == 302


@pytest.mark.parametrize(
    "password, ok",
    [
        ("short1A", False),  # 7 characters
        ("alllowercase", False),  # one class
        ("lowerand123", False),  # two classes
        ("Lower&123x", True),  # four classes
        ("UPPER123!x", True),
    ],
)
def test_the_password_policy_needs_eight_characters_of_three_classes(password, ok):
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    try:
        validate_password(password)
        accepted = True
    except ValidationError:
        accepted = False
    assert accepted is ok


def test_passwords_are_hashed_with_argon2_in_production(settings, make_user):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.Argon2PasswordHasher"]
    user = make_user()
    user.set_password("Lower&123x")
    assert user.password.startswith("argon2$")
