"""The draw pages as the owner role, a colleague without the right, and an outsider."""

import pytest
import time_machine

from eduenforce.sampling.choices import DrawStatus
from eduenforce.sampling.models import Draw
from eduenforce.sampling.tests import scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def committed(section_head):
    scenario.institutions(4)
    scenario.officers(3)
    return scenario.committed(scenario.plan(), section_head)


def test_staff_see_the_draw_list_and_detail_but_not_the_seed_before_the_draw(client_for, officer, committed):
    client = client_for(officer)
    assert client.get("/sampling/draws/").status_code == 200
    page = client.get(f"/sampling/draws/{committed.pk}/").content.decode()
    assert committed.commitment in page and committed.seed not in page and "执行抽取" not in page


@pytest.mark.parametrize("url", ["/sampling/draws/", "/sampling/draws/{pk}/"])
def test_an_outsider_is_sent_to_the_login_page(client, committed, url):
    response = client.get(url.format(pk=committed.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("role", ["liaison", "sys_admin", "audit_admin"])
def test_roles_outside_enforcement_cannot_open_draws(make_user, client_for, committed, role):
    assert client_for(make_user(role)).get(f"/sampling/draws/{committed.pk}/").status_code == 403


def test_a_section_head_runs_the_draw_from_the_page(client_for, section_head, committed):
    client = client_for(section_head)
    with time_machine.travel(scenario.DRAW_DAY, tick=True):
        response = client.post(f"/sampling/draws/{committed.pk}/run/", {"public_entropy": " 0 8  1 6 2"})
    assert response.status_code == 302
    committed.refresh_from_db()
    assert committed.status == DrawStatus.COMPLETED and committed.public_entropy == "0 8 1 6 2"


def test_an_early_draw_shows_the_refusal_on_the_form(client_for, section_head, committed):
    with time_machine.travel(scenario.COMMIT_DAY, tick=True):
        response = client_for(section_head).post(
            f"/sampling/draws/{committed.pk}/run/", {"public_entropy": ""}
        )
    assert response.status_code == 200 and "未到公布的抽取日期" in response.content.decode()
    assert Draw.objects.get(pk=committed.pk).status == DrawStatus.COMMITTED


def test_an_overlong_entropy_is_a_form_error(client_for, section_head, committed):
    with time_machine.travel(scenario.DRAW_DAY, tick=True):
        response = client_for(section_head).post(
            f"/sampling/draws/{committed.pk}/run/", {"public_entropy": "9" * 201}
        )
    assert response.status_code == 200 and "不能超过 200 个字符" in response.content.decode()


@pytest.mark.parametrize("url", ["/sampling/draws/{pk}/run/", "/sampling/draws/{pk}/redraw/"])
def test_an_officer_cannot_run_or_redraw(client_for, officer, committed, url):
    assert client_for(officer).post(url.format(pk=committed.pk), {"reason": "x"}).status_code == 403
    assert Draw.objects.get(pk=committed.pk).status == DrawStatus.COMMITTED


def test_an_outsider_cannot_post_a_draw(client, committed):
    response = client.post(f"/sampling/draws/{committed.pk}/run/", {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_commit_button_publishes_a_plan(client_for, section_head):
    scenario.institutions(2)
    plan = scenario.plan()
    with time_machine.travel(scenario.COMMIT_DAY, tick=True):
        response = client_for(section_head).post(f"/sampling/plans/{plan.pk}/commit/")
    draw = Draw.objects.get(plan=plan)
    assert response.status_code == 302 and response["Location"] == f"/sampling/draws/{draw.pk}/"


def test_a_plan_that_is_not_ready_shows_why_it_cannot_be_committed(client_for, section_head, officer):
    plan = scenario.plan(team_size=1)
    with time_machine.travel(scenario.COMMIT_DAY, tick=True):
        response = client_for(section_head).post(f"/sampling/plans/{plan.pk}/commit/", follow=True)
        assert client_for(officer).post(f"/sampling/plans/{plan.pk}/commit/").status_code == 403
    assert "不得少于 2 人" in response.content.decode() and not Draw.objects.exists()


def test_redraw_request_and_approval_through_the_pages(client_for, section_head, leader, officer, committed):
    with time_machine.travel(scenario.DRAW_DAY, tick=True):
        client_for(section_head).post(f"/sampling/draws/{committed.pk}/run/", {"public_entropy": "1 2 3 4 5"})
        response = client_for(section_head).post(f"/sampling/draws/{committed.pk}/redraw/", {"reason": ""})
        assert "申请重抽须说明理由" in response.content.decode()
        client_for(section_head).post(
            f"/sampling/draws/{committed.pk}/redraw/", {"reason": "候选名单遗漏新登记机构"}
        )
        redraw = Draw.objects.get(redraw_of=committed)
        assert (
            client_for(officer)
            .post(f"/sampling/draws/{redraw.pk}/approve/", {"draw_date": "2025-04-08"})
            .status_code
            == 403
        )
        own = client_for(section_head).post(
            f"/sampling/draws/{redraw.pk}/approve/", {"draw_date": "2025-04-08"}
        )
        assert "申请人以外" in own.content.decode()
        response = client_for(leader).post(
            f"/sampling/draws/{redraw.pk}/approve/", {"draw_date": "2025-04-08"}
        )
    assert response.status_code == 302
    redraw.refresh_from_db()
    assert redraw.status == DrawStatus.COMMITTED and redraw.approved_by == leader
