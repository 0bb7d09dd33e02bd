"""Every coordination page: the owner role, a colleague without the right (403), an outsider (login)."""

from datetime import date

import pytest

from eduenforce.coordination import services
from eduenforce.coordination.tests.factories import department, held_meeting

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects(section_head):
    meeting = held_meeting(section_head, on=date.today())
    meeting.add_decision(text="议定", by=section_head, actions=[("事项", department("scjg"), date.today())])
    referral = services.refer(
        from_department=department("zfdd"),
        to_department=department("scjg"),
        by=section_head,
        subject="移送",
        content="需要贵单位依法处理的事项说明。",
    )
    operation = services.create_operation(
        name="行动",
        goal="目标",
        starts_on=date(2025, 1, 1),
        ends_on=date(2025, 1, 31),
        lead_department=department("zfdd"),
        by=section_head,
        departments=[(department("scjg"), "职责")],
    )
    liaison = services.appoint_liaison(
        department=department("scjg"),
        name="王科长",
        phone="1",
        appointed_from=date(2025, 1, 1),
        by=section_head,
    )
    return {
        "meeting": meeting.pk,
        "series": meeting.series_id,
        "item": meeting.decisions.get().action_items.get().pk,
        "referral": referral.pk,
        "operation": operation.pk,
        "liaison": liaison.pk,
    }


# (url, method, allowed role, refused role)
PAGES = [
    ("/coordination/meetings/", "get", "leader", "sys_admin"),
    ("/coordination/meetings/series/new/", "get", "section_head", "officer"),
    ("/coordination/meetings/series/{series}/schedule/", "get", "section_head", "officer"),
    ("/coordination/meetings/{meeting}/", "get", "officer", "liaison"),
    ("/coordination/meetings/{meeting}/agenda/", "post", "section_head", "officer"),
    ("/coordination/meetings/{meeting}/finalize/", "post", "section_head", "leader"),
    ("/coordination/meetings/{meeting}/export/", "post", "section_head", "officer"),
    ("/coordination/actions/", "get", "liaison", "audit_admin"),
    ("/coordination/actions/{item}/start/", "post", "liaison", "leader"),
    ("/coordination/actions/{item}/cancel/", "post", "section_head", "officer"),
    ("/coordination/operations/", "get", "liaison", "sec_admin"),
    ("/coordination/operations/new/", "get", "section_head", "liaison"),
    ("/coordination/operations/{operation}/", "get", "liaison", "sys_admin"),
    ("/coordination/operations/{operation}/department/", "post", "section_head", "liaison"),
    ("/coordination/referrals/", "get", "legal_reviewer", "audit_admin"),
    ("/coordination/referrals/new/", "get", "officer", "leader"),
    ("/coordination/referrals/{referral}/", "get", "liaison", "sys_admin"),
    ("/coordination/referrals/{referral}/acknowledge/", "post", "liaison", "legal_reviewer"),
    ("/coordination/liaisons/", "get", "liaison", "sys_admin"),
    ("/coordination/liaisons/new/", "get", "section_head", "liaison"),
    ("/coordination/liaisons/{liaison}/end/", "post", "section_head", "liaison"),
]


@pytest.mark.parametrize("url, method, allowed, refused", PAGES)
def test_the_owner_role_passes_and_a_colleague_without_the_right_gets_403(
    objects, make_user, client_for, url, method, allowed, refused
):
    path = url.format(**objects)

    def user(role):  # noqa: E306
        return make_user(role, department=department("scjg")) if role == "liaison" else make_user(role)

    assert getattr(client_for(user(refused)), method)(path).status_code == 403
    assert getattr(client_for(user(allowed)), method)(path).status_code in (200, 302, 400, 409)


@pytest.mark.parametrize("url, method", [(u, m) for u, m, _a, _r in PAGES])
def test_an_outsider_is_sent_to_the_login_page(objects, client, url, method):
    response = getattr(client, method)(url.format(**objects))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
