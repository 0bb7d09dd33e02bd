"""A redraw needs a reason and another head's approval; both draws stay published."""

from datetime import date

import pytest
import time_machine

from eduenforce.core.errors import DomainError
from eduenforce.inspections.choices import TaskStatus
from eduenforce.inspections.models import InspectionTask
from eduenforce.portal.choices import PublicationKind, PublicationState
from eduenforce.portal.models import Publication
from eduenforce.records.models import JournalEntry
from eduenforce.sampling import actions
from eduenforce.sampling.choices import DrawStatus
from eduenforce.sampling.models import Draw
from eduenforce.sampling.tests import scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def first(section_head):
    scenario.institutions(6)
    scenario.officers(3)
    return scenario.drawn(scenario.plan(), section_head)


def request(draw, by, reason="名录库中两家机构的街道信息有误，已更正"):
    with time_machine.travel(scenario.DRAW_DAY, tick=False):
        return actions.do_request_redraw(draw, by=by, reason=reason)


def approve(redraw, by, day=date(2025, 4, 9)):
    with time_machine.travel(scenario.DRAW_DAY, tick=False):
        return actions.do_approve_redraw(redraw, by=by, draw_date=day)


def test_a_redraw_needs_a_reason(first, section_head):
    with pytest.raises(DomainError, match="须说明理由"):
        request(first, section_head, reason="  ")
    assert Draw.objects.count() == 1


def test_the_requester_cannot_approve_their_own_redraw(first, section_head):
    redraw = request(first, section_head)
    with pytest.raises(DomainError, match="申请人以外"):
        approve(redraw, section_head)
    assert Draw.objects.get(pk=redraw.pk).status == DrawStatus.PENDING_APPROVAL


def test_an_officer_cannot_approve_a_redraw(first, section_head, officer):
    redraw = request(first, section_head)
    with pytest.raises(DomainError, match="负责人"):
        approve(redraw, officer)


def test_an_approved_redraw_commits_a_new_seed_and_publishes_it(first, section_head, leader):
    redraw = approve(request(first, section_head), leader)
    assert redraw.status == DrawStatus.COMMITTED and redraw.sequence == 2
    assert redraw.seed and redraw.seed != first.seed and redraw.public_id.endswith("-2")
    assert (
        Publication.objects.get(kind=PublicationKind.SAMPLING_PLAN, source_id=str(redraw.pk)).fields[
            "commitment"
        ]
        == redraw.commitment
    )
    assert JournalEntry.objects.filter(action="sampling.redraw_approved", object_id=str(redraw.pk)).exists()


def test_completing_a_redraw_supersedes_the_first_and_cancels_its_tasks(first, section_head, leader):
    old_tasks = list(InspectionTask.objects.filter(draw_assignment__draw=first).values_list("pk", flat=True))
    redraw = approve(request(first, section_head), leader)
    with time_machine.travel(scenario.DRAW_DAY.replace(day=9), tick=False):
        actions.do_run_draw(redraw, by=section_head, public_entropy="1 2 3 4 5")
    first.refresh_from_db()
    assert first.status == DrawStatus.SUPERSEDED
    assert set(InspectionTask.objects.filter(pk__in=old_tasks).values_list("status", flat=True)) == {
        TaskStatus.CANCELLED
    }
    assert (
        InspectionTask.objects.filter(draw_assignment__draw=redraw)
        .exclude(status=TaskStatus.CANCELLED)
        .count()
        == 3
    )
    published = Publication.objects.filter(kind=PublicationKind.DRAW, state=PublicationState.PUBLISHED)
    assert set(published.values_list("source_id", flat=True)) == {str(first.pk), str(redraw.pk)}


def test_a_rejected_redraw_keeps_the_first_draw_and_needs_a_reason(first, section_head, leader):
    redraw = request(first, section_head)
    with pytest.raises(DomainError, match="须说明理由"):
        actions.do_reject_redraw(redraw, by=leader, note="")
    actions.do_reject_redraw(redraw, by=leader, note="理由不充分")
    redraw.refresh_from_db()
    first.refresh_from_db()
    assert redraw.status == DrawStatus.REJECTED and first.status == DrawStatus.COMPLETED
    assert request(first, section_head).sequence == 3  # a new request is possible after a rejection


def test_only_one_redraw_may_be_pending(first, section_head):
    request(first, section_head)
    with pytest.raises(DomainError, match="已有待审批"):
        request(first, section_head)


def test_a_draw_whose_inspections_have_started_cannot_be_redrawn(first, section_head):
    task = InspectionTask.objects.filter(draw_assignment__draw=first).first()
    InspectionTask.objects.filter(pk=task.pk).update(status=TaskStatus.IN_PROGRESS)
    with pytest.raises(DomainError, match="已开始实施"):
        request(first, section_head)


def test_a_redraw_date_in_the_past_is_refused(first, section_head, leader):
    redraw = request(first, section_head)
    with pytest.raises(DomainError, match="不能早于今天"):
        approve(redraw, leader, day=date(2025, 4, 1))


def test_a_failed_redraw_leaves_the_first_draw_and_its_tasks_untouched(first, section_head, leader):
    from eduenforce.officers.models import Officer

    pending = request(first, section_head)
    Officer.objects.update(status="away")  # the redraw's pool, frozen at approval, has no officers
    redraw = approve(pending, leader)
    with time_machine.travel(scenario.DRAW_DAY.replace(day=9), tick=False), pytest.raises(DomainError):
        actions.do_run_draw(redraw, by=section_head, public_entropy="1 2 3 4 5")
    first.refresh_from_db()
    assert first.status == DrawStatus.COMPLETED
    assert not InspectionTask.objects.filter(
        draw_assignment__draw=first, status=TaskStatus.CANCELLED
    ).exists()
