"""Rectification orders (working-day deadlines), the scheduled re-inspection, conclusions and
outcomes that change an institution."""

from datetime import date

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.urls import reverse

from eduenforce.cases.models import CaseLead
from eduenforce.core.errors import DomainError
from eduenforce.inspections import actions
from eduenforce.inspections.choices import OrderStatus
from eduenforce.inspections.models import RectificationOrder
from eduenforce.inspections.tests.factories import fill_record, started_task
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db

HAZARDS = [
    {"category": "fire", "description": "灭火器过期"},
    {"category": "school_bus", "description": "校车未年检"},
]


@pytest.fixture
def inspected(lead, head):
    """Inspected on Friday 26 September 2025, just before the National Day holiday."""
    with time_machine.travel("2025-09-26 10:00 +0800", tick=False):
        task = started_task(lead_user=lead, head=head)
        actions.do_submit_record(fill_record(task.draft_record(), by=lead, hazards=HAZARDS), by=lead)
        task.refresh_from_db()
        yield task


def order_for(task, lead, due_on=date(2025, 10, 16)):
    return actions.do_issue_order(
        task,
        list(task.hazards.all()),
        due_on=due_on,
        requirements="更换灭火器",
        legal_basis="《中华人民共和国消防法》第十六条",
        by=lead,
    )


def test_the_deadline_counts_working_days_across_the_national_day_holiday(inspected, lead):
    order = order_for(inspected, lead)
    # 28 Sep and 11 Oct are make-up workdays; 1–8 Oct are holidays.
    assert order.working_days == 10
    assert actions.default_due_on() == date(2025, 10, 16)


@pytest.mark.parametrize(
    ("due_on", "message"),
    [
        (date(2025, 9, 25), "须晚于今天"),
        (date(2025, 9, 26), "须晚于今天"),
        (date(2025, 10, 3), "不是工作日"),
        (date(2026, 12, 1), "不能超过一年"),
    ],
)
def test_a_deadline_in_the_past_or_on_a_holiday_is_refused(inspected, lead, due_on, message):
    with pytest.raises(DomainError, match=message):
        order_for(inspected, lead, due_on=due_on)
    assert not RectificationOrder.objects.exists()
    inspected.institution.refresh_from_db()
    assert inspected.institution.status == "normal"


def test_a_hazard_gets_one_order_only(inspected, lead):
    order_for(inspected, lead)
    with pytest.raises(DomainError, match="限期整改中"):
        order_for(inspected, lead)


def test_the_order_form_shows_the_problem_and_keeps_the_input(inspected, lead, client_for):
    url = reverse("inspections:order-create", args=[inspected.pk])
    client = client_for(lead)
    assert "灭火器过期" in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "hazards": [h.pk for h in inspected.hazards.all()],
            "due_on": "2025-10-03",
            "requirements": "请于期限内整改到位",
            "legal_basis": "《消防法》",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200 and "不是工作日" in page and "请于期限内整改到位" in page
    response = client.post(
        url,
        {
            "hazards": [h.pk for h in inspected.hazards.all()],
            "due_on": "2025-10-16",
            "requirements": "请于期限内整改到位",
            "legal_basis": "《消防法》",
        },
    )
    order = RectificationOrder.objects.get()
    assert response["Location"] == order.get_absolute_url()
    detail = client.get(order.get_absolute_url()).content.decode()
    assert order.number in detail and "10 个工作日" in detail


def test_issuing_an_order_schedules_the_deadline_job_when_the_backend_can_defer(
    inspected, lead, settings, django_capture_on_commit_callbacks
):
    from django_tasks import default_task_backend

    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        order = order_for(inspected, lead)
    [job] = default_task_backend.results
    assert job.task.name == "run_deadlines"
    assert job.task.run_after.isoformat() == f"{order.due_on.isoformat()}T00:05:00+08:00"


def test_the_deadline_job_creates_the_re_inspection_and_returns_what_it_did(inspected, lead):
    from eduenforce.inspections.tasks import run_deadlines

    order = order_for(inspected, lead)
    with time_machine.travel("2025-10-16 00:05 +0800", tick=False):
        result = run_deadlines.enqueue()
    order.refresh_from_db()
    assert result.return_value == {"created": [order.reinspection_task.number], "blocked": []}
    assert order.reinspection_task.planned_date == date(2025, 10, 17)


def test_a_blocked_re_inspection_is_shown_on_the_overdue_list_and_can_be_arranged_by_hand(
    inspected, lead, head, client_for
):
    from eduenforce.inspections.tests.factories import certified_officer

    order = order_for(inspected, lead)
    helper = inspected.team[1]
    helper.certificates.update(valid_to=date(2025, 10, 1))
    for _ in range(2):  # the nightly run meets the same problem twice, journaled once
        with time_machine.travel("2025-10-17 00:10 +0800", tick=False):
            call_command("run_deadlines")
    order.refresh_from_db()
    assert order.reinspection_task is None and helper.name in order.reinspection_problem
    assert JournalEntry.objects.filter(action="inspection.reinspection_blocked").count() == 1
    with time_machine.travel("2025-10-20 09:00 +0800", tick=False):
        client = client_for(lead)
        overdue = client.get(reverse("inspections:overdue")).content.decode()
        assert order.number in overdue and helper.name in overdue
        home = client.get(reverse("core:home")).content.decode()
        assert "逾期整改" in home
        replacement = certified_officer()
        response = client.post(
            reverse("inspections:reinspection-create", args=[order.pk]),
            {"officers": [lead.officer.pk, replacement.pk], "planned_date": "2025-10-21"},
        )
        order.refresh_from_db()
        assert response["Location"] == order.reinspection_task.get_absolute_url()
        assert order.reinspection_problem == ""


def test_a_conclusion_needs_a_completed_re_inspection_and_every_hazard(inspected, lead, head):
    order = order_for(inspected, lead)
    with pytest.raises(DomainError, match="复查任务尚未完成"):
        actions.do_conclude_order(order, rectified={}, by=lead)
    with time_machine.travel("2025-10-16 08:00 +0800", tick=False):
        actions.sweep_deadlines()
    order.refresh_from_db()
    re_task = order.reinspection_task
    with time_machine.travel("2025-10-17 09:00 +0800", tick=False):
        re_task.approve(by=head)
        re_task.start(by=lead)
        actions.do_submit_record(fill_record(re_task.draft_record(), by=lead), by=lead)
        first = order.hazards.first()
        with pytest.raises(DomainError, match="尚缺 1 处"):
            actions.do_conclude_order(order, rectified={first.pk: True}, by=lead)


def test_the_conclusion_form_escalates_unrectified_hazards(inspected, lead, head, client_for):
    order = order_for(inspected, lead)
    with time_machine.travel("2025-10-16 08:00 +0800", tick=False):
        actions.sweep_deadlines()
    order.refresh_from_db()
    re_task = order.reinspection_task
    with time_machine.travel("2025-10-17 09:00 +0800", tick=False):
        re_task.approve(by=head)
        re_task.start(by=lead)
        actions.do_submit_record(fill_record(re_task.draft_record(), by=lead), by=lead)
        fire, bus = order.hazards.order_by("id")
        response = client_for(lead).post(
            reverse("inspections:order-conclude", args=[order.pk]),
            {f"hazard_{fire.pk}": "1", f"hazard_{bus.pk}": "0", "note": "校车仍未年检"},
            follow=True,
        )
    order.refresh_from_db()
    assert order.status == OrderStatus.ESCALATED and order.lead_number in response.content.decode()


def test_an_expired_licence_is_referred_for_a_case_and_the_institution_keeps_its_status(
    inspected, head, client_for, lead
):
    """移送立案 instead of a closure: 停办 is a 行政处罚 only a served case decision imposes."""
    institution = inspected.institution
    institution.licence_expires = date(2025, 6, 30)
    institution.save()
    with time_machine.travel("2025-09-29 10:00 +0800", tick=False):
        client = client_for(head)
        url = reverse("inspections:outcome-create", args=[inspected.pk])
        form = client.get(url).content.decode()
        assert "2025年06月30日 到期" in form and "第三十八条" in form
        response = client.post(
            url,
            {
                "kind": "closure",
                "legal_basis": "《民办教育促进法》第六十四条",
                "reason": "办学许可证过期仍开展培训",
                "decided_on": "2025-09-29",
            },
        )
        assert response.status_code == 302
        institution.refresh_from_db()
        assert institution.status == "normal"
        assert not JournalEntry.objects.filter(action="registry.status_changed").exists()
        outcome = inspected.outcomes.get()
        lead_row = CaseLead.objects.get(number=outcome.lead_number)
        assert (lead_row.source_type, lead_row.source_id) == ("inspections.inspectiontask", str(inspected.pk))
        assert lead_row.institution == institution and "办学许可证过期仍开展培训" in lead_row.summary
        future = client_for(head).post(
            url, {"kind": "closure", "legal_basis": "x", "reason": "y", "decided_on": "2025-10-30"}
        )
        assert "不能晚于今天" in future.content.decode()
        assert client_for(lead).get(url).status_code == 403  # an officer without 移送 right


def test_the_command_refuses_a_malformed_date():
    with pytest.raises(CommandError, match="日期格式不正确"):
        call_command("run_deadlines", "--date", "2025/10/16")
