"""Each of the eight roles sees only its pages (三员分立 included)."""

import pytest

from eduenforce.core.roles import Role

pytestmark = pytest.mark.django_db

# page → roles that may open it; every other role gets 403.
PAGES = {
    "/": set(Role),
    "/accounts/users/": {Role.SYS_ADMIN},
    "/accounts/users/new/": {Role.SYS_ADMIN},
    "/accounts/roles/": {Role.SEC_ADMIN},
    "/accounts/login-log/": {Role.SEC_ADMIN},
    "/config/calendar/": {Role.SYS_ADMIN},
    "/config/deadlines/": {Role.SYS_ADMIN},
    "/config/settings/": {Role.SYS_ADMIN, Role.SEC_ADMIN, Role.AUDIT_ADMIN},  # each its own parameters
    "/journal/": {Role.AUDIT_ADMIN},
    "/journal/verify/": {Role.AUDIT_ADMIN},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("url", list(PAGES))
def test_each_role_opens_only_its_own_pages(make_user, client_for, role, url):
    response = client_for(make_user(role)).get(url)
    expected = 200 if role in PAGES[url] else 403
    assert response.status_code == expected


@pytest.mark.parametrize("url", list(PAGES))
def test_an_outsider_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_system_administrator_cannot_read_the_journal(sys_admin, client_for):
    assert client_for(sys_admin).get("/journal/").status_code == 403


def test_a_refused_page_is_journaled_as_a_denied_attempt(sys_admin, client_for):
    from eduenforce.records.models import JournalEntry

    client_for(sys_admin).get("/journal/")
    assert JournalEntry.objects.filter(action="authz.denied", actor_id=sys_admin.pk).exists()


MUTATIONS = [
    ("/accounts/users/new/", {"username": "x1", "name": "某", "password": "Lower&123x"}),
    ("/config/calendar/", {"date": "2031-01-01", "kind": "holiday", "name": "元旦"}),
]


@pytest.mark.parametrize("url, data", MUTATIONS)
def test_the_audit_administrator_cannot_change_anything(audit_admin, client_for, url, data):
    from eduenforce.accounts.models import User
    from eduenforce.core.models import CalendarDay, SystemSetting

    before = (User.objects.count(), CalendarDay.objects.count(), SystemSetting.objects.count())
    assert client_for(audit_admin).post(url, data).status_code == 403
    assert (User.objects.count(), CalendarDay.objects.count(), SystemSetting.objects.count()) == before


def test_the_audit_administrator_cannot_change_roles(audit_admin, officer, client_for):
    response = client_for(audit_admin).post(f"/accounts/roles/{officer.pk}/", {"role": "leader"})
    assert response.status_code == 403
    officer.refresh_from_db()
    assert officer.role == Role.OFFICER


def test_the_security_administrator_assigns_roles_and_the_change_is_journaled(sec_admin, officer, client_for):
    from eduenforce.records.models import JournalEntry

    response = client_for(sec_admin).post(f"/accounts/roles/{officer.pk}/", {"role": "legal_reviewer"})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert officer.role == Role.LEGAL_REVIEWER
    entry = JournalEntry.objects.get(action="account.role_changed")
    assert entry.changes["after"]["role"] == "legal_reviewer"


def test_changing_a_role_ends_the_sessions_of_that_account(sec_admin, officer, client_for):
    officer_client = client_for(officer)
    assert officer_client.get("/").status_code == 200
    client_for(sec_admin).post(f"/accounts/roles/{officer.pk}/", {"role": "leader"})
    assert officer_client.get("/").status_code == 302


def test_the_system_administrator_creates_accounts_with_a_checked_password(sys_admin, client_for):
    client = client_for(sys_admin)
    weak = client.post("/accounts/users/new/", {"username": "newbie", "name": "新人", "password": "abc"})
    assert weak.status_code == 200 and "密码" in weak.content.decode()
    ok = client.post("/accounts/users/new/", {"username": "newbie", "name": "新人", "password": "Lower&123x"})
    assert ok.status_code == 302
    duplicate = client.post(
        "/accounts/users/new/", {"username": "NEWBIE", "name": "新人", "password": "Lower&123x"}
    )
    assert "已存在" in duplicate.content.decode()


def test_the_home_page_shows_real_counts_for_the_role(sys_admin, client_for):
    from eduenforce.accounts.models import User

    body = client_for(sys_admin).get("/").content.decode()
    assert "启用账号" in body
    assert f">{User.objects.filter(is_active=True).count()}<" in body
