"""Accounts for every officer who may be drawn or assigned: registering an in-service officer offers
the sign-in account, linked by construction; the section head may give only the enforcement roles
(三员分立)."""

import pytest

from eduenforce.core.errors import DomainError
from eduenforce.core.roles import Role
from eduenforce.officers import actions
from eduenforce.officers.models import Officer
from eduenforce.officers.tests.factories import OfficerFactory, department
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db
PASSWORD = "Zhifa@2026x"


def _post(client, officer, **data):
    return client.post(
        f"/officers/{officer.pk}/account/",
        {"username": "qianyi", "password": PASSWORD, "role": Role.OFFICER, **data},
        follow=True,
    )


def test_registering_an_officer_with_an_account_links_them_and_journals_both(client_for, section_head):
    response = client_for(section_head).post(
        "/officers/new/",
        {
            "name": "钱一",
            "department": department().pk,
            "position": "执法队员",
            "open_account": "on",
            "username": "qianyi",
            "password": PASSWORD,
            "role": Role.OFFICER,
        },
        follow=True,
    )
    assert "登录账号 qianyi 已开通" in response.content.decode()
    officer = Officer.objects.get(name="钱一")
    assert officer.user.username == "qianyi"
    assert officer.user.role == Role.OFFICER
    assert officer.user.name == "钱一"
    assert officer.user.department == officer.department
    assert officer.user.check_password(PASSWORD)
    assert JournalEntry.objects.filter(action="account.created", actor=section_head).exists()
    assert JournalEntry.objects.filter(action="officers.account_opened", object_id=str(officer.pk)).exists()


def test_a_weak_initial_password_keeps_the_officer_unregistered(client_for, section_head):
    response = client_for(section_head).post(
        "/officers/new/",
        {
            "name": "钱二",
            "department": department().pk,
            "open_account": "on",
            "username": "qe",
            "password": "abc",
        },
    )
    assert response.status_code == 200
    assert "初始密码" in response.content.decode()
    assert not Officer.objects.filter(name="钱二").exists()


def test_an_officer_may_still_be_registered_without_an_account(client_for, section_head):
    client_for(section_head).post("/officers/new/", {"name": "钱三", "department": department().pk})
    assert Officer.objects.get(name="钱三").user is None


@pytest.mark.parametrize(
    "role", [Role.SYS_ADMIN, Role.SEC_ADMIN, Role.AUDIT_ADMIN, Role.SECTION_HEAD, Role.LEADER]
)
def test_a_section_head_may_not_grant_an_administrator_or_head_role(section_head, role):
    officer = OfficerFactory()
    with pytest.raises(DomainError, match="三员分立"):
        actions.open_account(officer, by=section_head, username="x1", password=PASSWORD, role=role)
    officer.refresh_from_db()
    assert officer.user is None


def test_the_legal_reviewer_role_needs_the_legal_qualification(section_head):
    officer = OfficerFactory()
    with pytest.raises(DomainError, match="法律职业资格.*《行政处罚法》第五十八条第二款"):
        actions.open_account(
            officer, by=section_head, username="x2", password=PASSWORD, role=Role.LEGAL_REVIEWER
        )
    officer.legal_qualification_number = "A20151201009999"
    officer.save()
    user = actions.open_account(
        officer, by=section_head, username="x2", password=PASSWORD, role=Role.LEGAL_REVIEWER
    )
    assert user.role == Role.LEGAL_REVIEWER


def test_an_officer_out_of_service_or_already_linked_gets_no_new_account(section_head, officer):
    away = OfficerFactory(status="transferred")
    with pytest.raises(DomainError, match="不在岗"):
        actions.open_account(away, by=section_head, username="x3", password=PASSWORD)
    linked = OfficerFactory(user=officer)
    with pytest.raises(DomainError, match="已关联账号"):
        actions.open_account(linked, by=section_head, username="x4", password=PASSWORD)


def test_a_taken_username_is_refused_in_chinese(client_for, section_head, officer):
    target = OfficerFactory()
    response = _post(client_for(section_head), target, username=officer.username.upper())
    assert "已存在" in response.content.decode()
    target.refresh_from_db()
    assert target.user is None


def test_the_section_head_opens_the_account_from_the_officers_page(client_for, section_head):
    target = OfficerFactory(name="钱四")
    page = client_for(section_head).get(f"/officers/{target.pk}/")
    assert 'data-testid="open-account"' in page.content.decode()
    _post(client_for(section_head), target)
    target.refresh_from_db()
    assert target.user.username == "qianyi"


@pytest.mark.parametrize(
    "role", [Role.OFFICER, Role.LEGAL_REVIEWER, Role.SYS_ADMIN, Role.SEC_ADMIN, Role.LIAISON]
)
def test_no_one_but_a_section_head_opens_an_officers_account(client_for, make_user, role):
    target = OfficerFactory()
    response = client_for(make_user(role)).post(
        f"/officers/{target.pk}/account/", {"username": "y1", "password": PASSWORD, "role": Role.OFFICER}
    )
    assert response.status_code == 403
    target.refresh_from_db()
    assert target.user is None


def test_an_anonymous_visitor_is_sent_to_sign_in(client):
    target = OfficerFactory()
    response = client.get(f"/officers/{target.pk}/account/")
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
