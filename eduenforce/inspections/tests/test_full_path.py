"""The whole loop: task → approval → record with hazards → order → deadline → re-inspection →
rectified or escalated, with frozen time and the real services."""

from datetime import date

import pytest
import time_machine
from django.core.management import call_command

from eduenforce.inspections import actions
from eduenforce.inspections.choices import HazardStatus, OrderStatus, RecordStatus, TaskSource, TaskStatus
from eduenforce.inspections.models import Hazard
from eduenforce.inspections.tests.factories import fill_record, started_task
from eduenforce.records.models import IssuedDocument, JournalEntry
from eduenforce.records.verification import verify

pytestmark = pytest.mark.django_db

MONDAY = date(2025, 3, 3)


def inspect_with_hazards(lead, head, **kwargs):
    task = started_task(lead_user=lead, head=head, source=TaskSource.RANDOM, **kwargs)
    record = fill_record(
        task.draft_record(),
        by=lead,
        hazards=[
            {"category": "fire", "description": "二楼灭火器过期", "location": "二楼走廊"},
            {
                "category": "fees",
                "description": "收费标准未公示",
                "rectified_on_spot": True,
                "spot_measure": "当场张贴",
            },
            {"category": "premises", "description": "安全出口堵塞", "severity": "major"},
        ],
    )
    record, created = actions.do_submit_record(record, by=lead)
    assert created
    return task, record


def reinspect(task, lead, head):
    task.refresh_from_db()
    task.approve(by=head)
    task.start(by=lead)
    record, _ = actions.do_submit_record(fill_record(task.draft_record(), by=lead), by=lead)
    task.refresh_from_db()
    return record


def test_a_drawn_task_goes_all_the_way_to_rectified_and_the_institution_returns_to_normal(lead, head):
    with time_machine.travel("2025-03-03 09:00 +0800", tick=False):
        task, record = inspect_with_hazards(lead, head)
        task.refresh_from_db()
        assert task.status == TaskStatus.COMPLETED and record.status == RecordStatus.SUBMITTED
        on_spot = Hazard.objects.get(description="收费标准未公示")
        assert on_spot.status == HazardStatus.RECTIFIED_ON_SPOT
        open_hazards = [h for h in task.hazards.all() if h.needs_order]
        assert len(open_hazards) == 2

        order = actions.do_issue_order(
            task,
            open_hazards,
            due_on=date(2025, 3, 17),
            requirements="更换灭火器，清理出口",
            legal_basis="《消防法》第十六条",
            by=lead,
        )
        assert order.number.startswith("东教责改〔2025〕")
        assert order.working_days == 10
        task.institution.refresh_from_db()
        assert task.institution.status == "rectifying"

    with time_machine.travel("2025-03-14 09:00 +0800", tick=False):
        call_command("run_deadlines")
        order.refresh_from_db()
        assert order.reinspection_task is None  # not yet: the deadline is the 17th

    with time_machine.travel("2025-03-17 08:00 +0800", tick=False):
        call_command("run_deadlines")
        order.refresh_from_db()
        re_task = order.reinspection_task
        assert re_task.source == TaskSource.REINSPECTION and re_task.status == TaskStatus.PENDING_APPROVAL
        assert re_task.planned_date == date(2025, 3, 18)
        assert [o.pk for o in re_task.team] == [o.pk for o in task.team]

    with time_machine.travel("2025-03-18 10:00 +0800", tick=False):
        reinspect(re_task, lead, head)
        actions.do_conclude_order(order, rectified={h.pk: True for h in open_hazards}, by=lead)
        order.refresh_from_db()
        assert order.status == OrderStatus.RECTIFIED
        assert set(order.hazards.values_list("status", flat=True)) == {HazardStatus.RECTIFIED}
        task.institution.refresh_from_db()
        assert task.institution.status == "normal"

    kinds = set(IssuedDocument.objects.values_list("kind", flat=True))
    assert kinds == {"inspection_record", "rectification_order"}
    actions_logged = set(JournalEntry.objects.values_list("action", flat=True))
    assert {
        "inspection.record_submitted",
        "inspection.order_issued",
        "inspection.reinspection_created",
        "inspection.order_concluded",
        "registry.status_changed",
    } <= actions_logged
    assert verify().ok


def test_hazards_not_rectified_at_re_inspection_are_escalated_as_a_case_lead(lead, head):
    from eduenforce.cases.models import CaseLead

    with time_machine.travel("2025-03-03 09:00 +0800", tick=False):
        task, _ = inspect_with_hazards(lead, head)
        hazards = [h for h in task.hazards.all() if h.needs_order]
        order = actions.do_issue_order(
            task, hazards, due_on=date(2025, 3, 10), requirements="整改", legal_basis="《消防法》", by=lead
        )
    with time_machine.travel("2025-03-10 07:00 +0800", tick=False):
        call_command("run_deadlines")
        order.refresh_from_db()
    with time_machine.travel("2025-03-11 10:00 +0800", tick=False):
        reinspect(order.reinspection_task, lead, head)
        actions.do_conclude_order(order, rectified={hazards[0].pk: True, hazards[1].pk: False}, by=lead)
    order.refresh_from_db()
    assert order.status == OrderStatus.ESCALATED
    lead_row = CaseLead.objects.get(number=order.lead_number)
    assert lead_row.source == "inspection" and lead_row.institution == task.institution
    assert lead_row.source_type == "inspections.rectificationorder" and lead_row.source_id == str(order.pk)
    assert "安全出口堵塞" in lead_row.summary
    task.institution.refresh_from_db()
    assert task.institution.status == "rectifying"  # an escalated hazard is still open
