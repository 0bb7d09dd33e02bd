"""三员分立 completed: no administrator can disable, demote or reset another administrator, and each
settings group belongs to its administrator."""

import pytest
from django.urls import reverse

from eduenforce.accounts.models import User
from eduenforce.core.roles import Role
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db
ADMINS = [Role.SYS_ADMIN, Role.SEC_ADMIN, Role.AUDIT_ADMIN]


@pytest.mark.parametrize("target_role", ADMINS)
def test_the_system_administrator_cannot_disable_an_administrator(
    make_user, client_for, sys_admin, target_role
):
    target = make_user(target_role)
    response = client_for(sys_admin).post(reverse("accounts:user-toggle", args=[target.pk]), follow=True)
    assert "三员分立" in response.content.decode()
    target.refresh_from_db()
    assert target.is_active
    assert not JournalEntry.objects.filter(action="account.disabled").exists()


def test_the_system_administrator_still_disables_an_ordinary_account(client_for, sys_admin, officer):
    client_for(sys_admin).post(reverse("accounts:user-toggle", args=[officer.pk]))
    officer.refresh_from_db()
    assert not officer.is_active


@pytest.mark.parametrize("target_role", ADMINS)
def test_the_security_administrator_cannot_demote_an_administrator(
    make_user, client_for, sec_admin, target_role
):
    target = make_user(target_role)
    response = client_for(sec_admin).post(
        reverse("accounts:role-edit", args=[target.pk]), {"role": Role.OFFICER}, follow=True
    )
    assert "三员分立" in response.content.decode()
    target.refresh_from_db()
    assert target.role == target_role


def test_the_only_security_and_audit_administrators_cannot_be_taken_away(
    client_for, sys_admin, sec_admin, audit_admin
):
    for target in (sec_admin, audit_admin):
        client_for(sys_admin).post(reverse("accounts:user-toggle", args=[target.pk]))
        target.refresh_from_db()
        assert target.is_active
    assert User.objects.filter(role=Role.SEC_ADMIN, is_active=True).count() == 1


@pytest.mark.parametrize("target_role", ADMINS)
def test_the_security_administrator_cannot_reset_another_administrators_second_factor(
    make_user, sec_admin, target_role
):
    from eduenforce.accounts import mfa
    from eduenforce.core.errors import DomainError

    target = make_user(target_role)
    with pytest.raises(DomainError, match="三员分立"):
        mfa.reset(target, by=sec_admin)


SECURITY_KEYS = ["portal.search_per_minute", "portal.page_cache_seconds", "masking.public_contacts"]


def test_each_administrator_sees_only_the_parameters_it_owns(client_for, sys_admin, sec_admin, audit_admin):
    system_page = client_for(sys_admin).get("/config/settings/").content.decode()
    security_page = client_for(sec_admin).get("/config/settings/").content.decode()
    audit_page = client_for(audit_admin).get("/config/settings/").content.decode()
    assert 'name="training.required_hours"' in system_page
    for key in SECURITY_KEYS:
        assert f'name="{key}"' in security_page and f'name="{key}"' not in system_page
    assert 'name="training.required_hours"' not in security_page
    assert 'data-testid="no-parameters"' in audit_page
    assert "journal.checkpoint_every" not in system_page + security_page + audit_page


@pytest.mark.parametrize("key", SECURITY_KEYS)
def test_the_system_administrator_cannot_change_security_and_disclosure_settings(client_for, sys_admin, key):
    from eduenforce.core import config

    before = config.get(key)
    client_for(sys_admin).post("/config/settings/", {key: "1" if key != "masking.public_contacts" else "110"})
    assert config.get(key) == before


def test_the_security_administrator_changes_a_rate_limit_on_the_record(client_for, sec_admin):
    from eduenforce.core import config

    fields = {p.key: config.get(p.key) for p in config.owned_by(sec_admin)}
    response = client_for(sec_admin).post("/config/settings/", {**fields, "portal.search_per_minute": 12})
    assert response.status_code == 302
    assert config.get("portal.search_per_minute") == 12
    entry = JournalEntry.objects.get(action="config.changed")
    assert entry.actor_id == sec_admin.pk and entry.changes["key"] == "portal.search_per_minute"


def test_setting_a_parameter_checks_its_owner_in_one_place(sys_admin, sec_admin):
    from django.core.exceptions import PermissionDenied

    from eduenforce.core import config

    with pytest.raises(PermissionDenied, match="安全管理员"):
        config.set_value("portal.page_cache_seconds", 0, by=sys_admin)
    with pytest.raises(PermissionDenied, match="系统管理员"):
        config.set_value("training.required_hours", 1, by=sec_admin)
