"""The security administrator unlocks a locked account (journaled); the lockout page says where."""

import pytest
from django.urls import reverse

from eduenforce.accounts import lockouts
from eduenforce.core.errors import DomainError
from eduenforce.records.models import JournalEntry
from eduenforce.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db
LOGIN = "/accounts/login/"


def lock_out(client, username):
    for _ in range(5):
        client.post(LOGIN, {"username": username, "password": "wrong-password"})


def test_the_lockout_page_points_to_the_security_administrators_unlock(client, officer):
    lock_out(client, officer.username)
    page = client.post(LOGIN, {"username": officer.username, "password": TEST_PASSWORD}).content.decode()
    assert "已锁定" in page and "安全管理员" in page and "锁定账号" in page


def test_the_security_administrator_sees_the_locked_account_and_unlocks_it_with_a_reason(
    client, officer, sec_admin, client_for
):
    lock_out(client, officer.username)
    admin = client_for(sec_admin)
    listing = admin.get(reverse("accounts:lockouts")).content.decode()
    assert f'data-username="{officer.username}"' in listing
    response = admin.post(
        reverse("accounts:unlock"), {"username": officer.username, "reason": "已电话核实为本人"}
    )
    assert response.status_code == 302
    entry = JournalEntry.objects.get(action="security.unlocked")
    assert entry.actor_id == sec_admin.pk and entry.changes["username"] == officer.username
    assert entry.changes["reason"] == "已电话核实为本人" and entry.changes["failures"] >= 5
    # The owner can sign in at once, without waiting out the lock.
    assert client.post(LOGIN, {"username": officer.username, "password": TEST_PASSWORD}).status_code == 302
    assert "当前没有被锁定的账号" in admin.get(reverse("accounts:lockouts")).content.decode()


def test_an_unlock_without_a_reason_is_refused_and_the_account_stays_locked(client, officer, sec_admin):
    lock_out(client, officer.username)
    with pytest.raises(DomainError) as error:
        lockouts.do_unlock(officer.username, by=sec_admin, reason="  ")
    assert error.value.field == "reason" and "理由" in error.value.message
    assert lockouts.is_locked(officer.username)
    assert not JournalEntry.objects.filter(action="security.unlocked").exists()


def test_an_account_that_is_not_locked_cannot_be_unlocked(officer, sec_admin):
    with pytest.raises(DomainError) as error:
        lockouts.do_unlock(officer.username, by=sec_admin, reason="核实")
    assert "未被锁定" in error.value.message


@pytest.mark.parametrize("role", ["officer", "sys_admin", "audit_admin", "section_head", "leader"])
def test_no_role_but_the_security_administrator_may_see_or_unlock_locked_accounts(
    client, officer, make_user, client_for, role
):
    lock_out(client, officer.username)
    other = client_for(make_user(role))
    assert other.get(reverse("accounts:lockouts")).status_code == 403
    assert (
        other.post(reverse("accounts:unlock"), {"username": officer.username, "reason": "x"}).status_code
        == 403
    )
    assert lockouts.is_locked(officer.username)


def test_an_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(reverse("accounts:lockouts"))
    assert response.status_code == 302 and response["Location"].startswith(LOGIN)
