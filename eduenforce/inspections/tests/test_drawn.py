"""A draw's inspection tasks are created in bulk: numbered, with their teams in order, their
partner departments, flagged when the institution reached the cap after the commitment, and
journaled once for the whole draw with the task ids."""

from datetime import date

import pytest
import time_machine

from eduenforce.inspections.choices import MemberRole, TaskStatus
from eduenforce.inspections.drawn import _runs
from eduenforce.inspections.models import InspectionTask
from eduenforce.records.models import JournalEntry
from eduenforce.sampling import actions
from eduenforce.sampling.tests import scenario

pytestmark = pytest.mark.django_db


def test_a_draws_tasks_are_created_together_and_journaled_once_with_their_ids(section_head):
    scenario.institutions(6)
    scenario.officers(4)
    draw = scenario.drawn(scenario.plan(), section_head)
    tasks = list(
        InspectionTask.objects.filter(source_ref=draw.public_id).order_by("draw_assignment__position")
    )
    assert len(tasks) == 3 and len({t.number for t in tasks}) == 3
    assert {t.status for t in tasks} == {TaskStatus.PENDING_APPROVAL} and all(t.submitted_at for t in tasks)
    for task, assignment in zip(tasks, draw.assignments.order_by("position"), strict=True):
        members = list(task.members.order_by("order").select_related("officer"))
        assert [m.officer.certificates.get().number for m in members] == assignment.certificates
        assert [m.role for m in members] == [MemberRole.LEAD, MemberRole.MEMBER]
    entries = JournalEntry.objects.filter(action="inspection.tasks_drawn")
    assert entries.count() == 1
    assert entries.get().changes["tasks"] == _runs([t.pk for t in tasks])
    assert entries.get().object_id == str(draw.pk) and entries.get().changes["count"] == 3
    assert not JournalEntry.objects.filter(action="inspection.task_created").exists()


def test_a_joint_draws_tasks_carry_the_partner_departments(section_head):
    scenario.institutions(3)
    scenario.officers(2)
    scenario.officers(2, "xf")
    draw = scenario.drawn(scenario.plan(kind="joint", team_size=3, required=["xf"]), section_head)
    tasks = InspectionTask.objects.filter(source_ref=draw.public_id)
    assert tasks.count() == 2 and all(t.is_joint for t in tasks)
    assert all([d.code for d in t.partner_departments.all()] == ["xf"] for t in tasks)


def test_an_institution_that_reached_the_cap_after_the_commitment_is_flagged_for_approval(section_head):
    from eduenforce.inspections.services import create_task

    [kindergarten] = scenario.institutions(1)
    team = scenario.officers(2)
    p = scenario.plan(
        strata=[{"label": "幼儿园", "kinds": ["kindergarten"], "count": 1}], exclude_inspected_in_period=False
    )
    p.item.annual_cap = 1
    p.item.save()
    draw = scenario.committed(p, section_head)
    with time_machine.travel(scenario.COMMIT_DAY, tick=False):  # after the pool was frozen
        create_task(
            institution=kindergarten,
            item=p.item,
            source="patrol",
            planned_date=date(2025, 4, 2),
            officers=team,
            by=section_head,
        )
    with time_machine.travel(scenario.DRAW_DAY, tick=False):
        actions.do_run_draw(draw, by=section_head, public_entropy="8 1 6 2 4")
    task = InspectionTask.objects.get(source_ref=draw.public_id)
    assert task.exceeds_cap and "已达上限" in task.cap_reason


def test_id_runs_collapse_consecutive_ids():
    assert _runs([5, 3, 4, 9, 10, 12]) == [[3, 5], [9, 10], [12, 12]]
