"""Publication, complaint, case, coordination, plan and licence figures against hand counts."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from eduenforce.reports.stats import cases, complaints, coordination, licensing, planning, publications
from eduenforce.reports.stats.period import Period
from eduenforce.reports.tests.factories import (
    CaseFactory,
    ComplaintFactory,
    InstitutionFactory,
    ItemFactory,
    PublicationFactory,
    TaskFactory,
    at,
)

pytestmark = pytest.mark.django_db
Y2025 = Period.year(2025)


@time_machine.travel(date(2026, 1, 10), tick=False)
def test_publications_are_on_time_late_or_overdue_against_their_due_date():
    PublicationFactory(state="published", published_at=at(date(2025, 4, 9)))  # on time
    PublicationFactory(state="published", published_at=at(date(2025, 4, 12)))  # late
    PublicationFactory(state="due", due_on=date(2025, 12, 20))  # overdue
    PublicationFactory(state="due", due_on=date(2026, 1, 20))  # due next year
    PublicationFactory(state="published", kind="draw", due_on=None, published_at=at(date(2025, 8, 1)))
    PublicationFactory(state="published", published_at=at(date(2024, 12, 30)), due_on=date(2024, 12, 31))
    f = publications.publication_figures(Y2025)
    assert (f["publications_published"], f["decisions_published"]) == (3, 2)
    assert (
        f["publications_due"],
        f["publications_on_time"],
        f["publications_late"],
        f["publications_overdue"],
    ) == (3, 1, 1, 1)


@time_machine.travel(date(2025, 9, 1), tick=False)
def test_complaints_are_counted_by_timeliness_source_and_outcome():
    ComplaintFactory(
        status="replied", finding="substantiated", reply_due=date(2025, 5, 1), replied_on=date(2025, 4, 20)
    )  # on time
    ComplaintFactory(
        status="replied",
        finding="unsubstantiated",
        reply_due=date(2025, 5, 1),
        replied_on=date(2025, 5, 3),
        source="portal",
    )  # late
    ComplaintFactory(status="handling", reply_due=date(2025, 8, 1))  # overdue
    ComplaintFactory(status="handling", reply_due=date(2025, 10, 1))  # open
    ComplaintFactory(status="rejected", decided_on=date(2025, 3, 4), accept_due=date(2025, 3, 10))  # on time
    ComplaintFactory(
        received_on=date(2024, 12, 30),
        status="replied",
        reply_due=date(2025, 2, 1),
        replied_on=date(2025, 1, 5),
    )  # last year
    f = complaints.complaint_figures(Y2025)
    assert (
        f["complaints_received"],
        f["complaints_closed"],
        f["complaints_on_time"],
        f["complaints_late"],
        f["complaints_open"],
        f["complaints_overdue"],
        f["complaints_rejected"],
    ) == (5, 3, 2, 1, 2, 1, 1)
    assert {r["code"]: r["count"] for r in complaints.complaints_by_source(Y2025)} == {
        "phone": 4,
        "portal": 1,
    }
    outcomes = {r["code"]: r["count"] for r in complaints.complaints_by_outcome(Y2025)}
    assert outcomes == {"substantiated": 1, "unsubstantiated": 1, "pending": 2, "not_accepted": 1}


@time_machine.travel(date(2025, 12, 20), tick=False)
def test_cases_are_counted_by_filing_decision_amounts_deadlines_and_reviews():
    from eduenforce.cases.models import LegalReview
    from eduenforce.testing.factories import UserFactory

    head = UserFactory(role="section_head")
    CaseFactory(
        filed_on=date(2025, 3, 1),
        status="closed",
        closed_on=date(2025, 9, 1),
        outcome="penalty",
        decided_on=date(2025, 5, 1),
        fine_amount=Decimal("20000"),
        confiscation_amount=Decimal("5000"),
        decided_in_time=True,
        within_range=True,
    )
    CaseFactory(
        filed_on=date(2025, 4, 1),
        status="executing",
        outcome="penalty",
        decided_on=date(2025, 8, 1),
        fine_amount=Decimal("3000"),
        decided_in_time=False,
        within_range=False,
    )
    CaseFactory(
        status="decision_revoked",
        outcome="penalty",
        decided_on=date(2025, 6, 1),
        fine_amount=Decimal("9999"),
        filed_on=date(2025, 2, 1),
    )
    CaseFactory(
        procedure="simple",
        status="executed",
        outcome="penalty",
        decided_on=date(2025, 7, 7),
        fine_amount=Decimal("200"),
    )
    CaseFactory(filed_on=date(2025, 11, 1), status="investigating", next_deadline_on=date(2025, 12, 1))
    CaseFactory(
        filed_on=date(2024, 11, 1),
        status="closed",
        outcome="no_penalty",
        decided_on=date(2024, 12, 1),
        closed_on=date(2024, 12, 20),
    )
    reviewed = CaseFactory(filed_on=date(2025, 5, 5))
    LegalReview.objects.create(
        case=reviewed,
        submitted_on=date(2025, 6, 1),
        submitted_by=head,
        due_on=date(2025, 6, 10),
        reviewed_on=date(2025, 6, 5),
        result="passed",
    )
    LegalReview.objects.create(
        case=reviewed,
        submitted_on=date(2024, 6, 1),
        submitted_by=head,
        due_on=date(2024, 6, 10),
        reviewed_on=date(2024, 6, 5),
        result="returned",
    )
    f = cases.case_figures(Y2025)
    assert f["cases_filed"] == 5
    assert (f["cases_decided"], f["penalty_decisions"], f["on_the_spot_decisions"]) == (4, 3, 1)
    assert (f["penalty_fines_total"], f["penalty_confiscation_total"], f["penalty_amount_total"]) == (
        23200.0,
        5000.0,
        28200.0,
    )
    assert (f["decisions_in_time"], f["decisions_late"], f["decisions_deviating_from_catalogue"]) == (1, 1, 1)
    assert (f["cases_closed"], f["cases_overdue"], f["decisions_revoked"]) == (1, 1, 0)
    assert (f["legal_reviews"], f["legal_reviews_passed"]) == (1, 1)


@time_machine.travel(date(2025, 12, 20), tick=False)
def test_a_revoked_decision_is_not_counted_again_once_its_case_is_closed_or_archived():
    for status in ("decision_revoked", "closing", "closed", "archived"):
        CaseFactory(
            filed_on=date(2025, 2, 1),
            status=status,
            outcome="penalty",
            decided_on=date(2025, 4, 1),
            revoked_on=date(2025, 6, 1),
            closed_on=date(2025, 7, 1) if status in ("closed", "archived") else None,
            fine_amount=Decimal("9999"),
            within_range=False,
        )
    CaseFactory(
        filed_on=date(2025, 2, 1),
        status="closed",
        outcome="penalty",
        decided_on=date(2025, 4, 1),
        closed_on=date(2025, 7, 1),
        fine_amount=Decimal("1000"),
        violation_code="53-20",
    )
    f = cases.case_figures(Y2025)
    assert (f["penalty_decisions"], f["decisions_revoked"], f["penalty_fines_total"]) == (1, 4, 1000.0)
    assert f["decisions_deviating_from_catalogue"] == 0
    assert [r["count"] for r in cases.decisions_by_violation(Y2025)] == [1]
    assert not cases.deviating_decisions(Y2025).exists()


@time_machine.travel(date(2025, 12, 31), tick=False)
def test_joint_meetings_and_action_items_are_counted_with_their_deadlines():
    from eduenforce.accounts.models import Department
    from eduenforce.coordination.models import ActionItem, Decision, Meeting, MeetingSeries

    series = MeetingSeries.objects.create(name="校外培训监管联席会议")
    held = [
        Meeting.objects.create(
            series=series,
            sequence=i,
            scheduled_on=date(2025, i, 10),
            status="finalized",
            held_on=date(2025, i, 10),
        )
        for i in range(1, 4)
    ]
    Meeting.objects.create(series=series, sequence=4, scheduled_on=date(2025, 4, 10), status="cancelled")
    Meeting.objects.create(
        series=series,
        sequence=5,
        scheduled_on=date(2024, 12, 10),
        status="finalized",
        held_on=date(2024, 12, 10),
    )
    decision = Decision.objects.create(meeting=held[0], order=1, text="开展联合检查")
    scjg = Department.objects.get(code="scjg")

    def item(due, status="open", done=None):
        return ActionItem.objects.create(
            decision=decision,
            series=series,
            title="事项",
            owning_department=scjg,
            due_on=due,
            status=status,
            completed_on=done,
        )

    item(date(2025, 2, 1), "done", date(2025, 1, 30))
    item(date(2025, 2, 1), "done", date(2025, 2, 5))
    item(date(2025, 3, 1))
    item(date(2025, 3, 1), "cancelled")
    item(date(2026, 1, 31))
    f = coordination.coordination_figures(Y2025)
    assert f["joint_meetings_held"] == 3
    assert (
        f["action_items"],
        f["action_items_done"],
        f["action_items_done_on_time"],
        f["action_items_overdue"],
    ) == (3, 2, 1, 1)


def test_plan_completion_counts_each_line_up_to_its_planned_number():
    from eduenforce.planning.models import AnnualPlan, PlanLine

    plan = AnnualPlan.objects.create(year=2025, title="2025年度执法检查计划", status="published")
    item = ItemFactory(code="JC-KG")
    other = ItemFactory(code="JC-PX", object_kinds=["training_academic"])
    PlanLine.objects.create(plan=plan, item=item, object_kind="kindergarten", count=2, planned_count=2)
    PlanLine.objects.create(
        plan=plan, item=other, object_kind="training_academic", quarter=1, count=3, planned_count=3
    )
    kg = InstitutionFactory(kind="kindergarten")
    for _ in range(3):  # three done on a line of two: counts two
        TaskFactory(item=item, institution=kg)
    TaskFactory(item=other, planned_date=date(2025, 2, 1))  # Q1: counts
    TaskFactory(item=other, planned_date=date(2025, 5, 1))  # Q2: not this line's quarter
    TaskFactory(item=other, planned_date=date(2025, 3, 1), source="reinspection")  # follow-up: not counted
    f = planning.plan_figures(Y2025)
    assert (f["plan_tasks_planned"], f["plan_tasks_done"], f["plan_completion_percent"]) == (5, 3, 60.0)
    assert [line.done for line in planning.plan_progress(Y2025)] == [2, 1]


def test_licences_are_counted_from_the_licence_history():
    from eduenforce.registry.models import LicenceEvent

    school = InstitutionFactory()
    for kind, day in [
        ("issued", date(2025, 1, 5)),
        ("renewed", date(2025, 6, 1)),
        ("changed", date(2025, 7, 1)),
        ("revoked", date(2025, 9, 1)),
        ("issued", date(2024, 12, 31)),
    ]:
        LicenceEvent.objects.create(institution=school, kind=kind, date=day)
    f = licensing.licence_figures(Y2025)
    assert (f["licences_granted"], f["licences_issued"], f["licences_revoked"]) == (3, 1, 1)


def test_a_completed_task_counts_once_even_with_many_members():
    from eduenforce.reports.stats.inspections import inspection_figures
    from eduenforce.reports.tests.factories import team

    team(TaskFactory(), officers=4)
    assert inspection_figures(Y2025)["inspections_completed"] == 1
