"""The case page offers a step exactly when the step's action would accept it.

For every case state, three shapes of case (bare; ready for the next steps; with preservations
still open) and every staff role, the page's step links are compared with what the action's own
guard (its ``Transition``) says for that user on that case.
"""

from datetime import date
from decimal import Decimal

import pytest
from django.urls import reverse

from eduenforce.cases.choices import (
    CaseStatus,
    ChangeStage,
    Outcome,
    PreservationStatus,
    ProposedOutcome,
    ReviewResult,
)
from eduenforce.cases.models import (
    Case,
    CorrectionOrder,
    DecisionChange,
    InvestigationRecord,
    LegalReview,
    Preservation,
)
from eduenforce.cases.tests.factories import CaseFactory, at, certified_officer
from eduenforce.cases.views.flow import STEPS
from eduenforce.core.transitions import declared
from eduenforce.testing.factories import UserFactory
from eduenforce.testing.transitions import guard_accepts, offer_mismatches

pytestmark = pytest.mark.django_db
MARKERS = {step.transition: f'data-step="{step.slug}"' for step in STEPS}
D = date(2025, 6, 2)
CONDITIONS = dict.fromkeys(
    ("cond_party_clear", "cond_evidence", "cond_penalty_due", "cond_jurisdiction", "cond_time_bar"), True
)


@pytest.fixture
def staff():
    users = [UserFactory(role=role) for role in ("officer", "section_head", "leader", "legal_reviewer")]
    certified_officer(user=users[0])  # the cases' handler; the section head heads its department
    users[1].department = users[0].officer.department
    users[1].save(update_fields=["department"])
    certified_officer(user=users[-1], legal_qualification_number="A20121100000999")
    return users


def _case(status, shape: str, by) -> Case:
    if shape == "bare":
        return CaseFactory(status=status, team=[by.officer])
    case = CaseFactory(
        status=status,
        team=[by.officer],
        outcome=Outcome.PENALTY,
        proposed_outcome=ProposedOutcome.PENALTY,
        fine_amount=Decimal("1000"),
        hearing_right=True,
        payment_due_on=D,
        reminder_served_on=D,
        served_on=D,
        **CONDITIONS,
    )
    InvestigationRecord.objects.create(
        case=case, kind="inquiry", started_at=at(D), ended_at=at(D, 10), place="某地", subject_name="刘某",
        content="内容", recorded_by=by,
    )  # fmt: skip
    LegalReview.objects.create(
        case=case, submitted_on=D, submitted_by=by, due_on=D, result=ReviewResult.PASSED
    )
    CorrectionOrder.objects.create(
        case=case, content="改正", basis="依据", ordered_on=D, deadline=D, ordered_by=by
    )
    if shape == "pending":
        Preservation.objects.create(case=case, items="物品", reason="理由", requested_by=by)
        Preservation.objects.create(
            case=case, items="物品", reason="理由", requested_by=by, status=PreservationStatus.PRESERVED,
            preserved_on=D, handle_due_on=D,
        )  # fmt: skip
    return case


def _changing(stage, by) -> Case:
    """A served decision with a 变更 procedure pending at ``stage`` (cases.actions.change)."""
    case = _case(CaseStatus.EXECUTING, "ready", by)
    case.change_stage, case.decision_number = stage, f"东教罚决〔2025〕{900 + case.pk}号"
    case.penalty_kinds = ["fine"]
    case.save()
    DecisionChange.objects.create(
        case=case, reason="变更", opened_by=by, old_decision_number=case.decision_number, new_kinds=["warning"],
        notified_on=D, statement_due_on=D, hearing_right=True, hearing_request_due_on=D, hearing_requested_on=D,
        decided_on=D, service_due_on=D,
    )  # fmt: skip
    return case


@pytest.mark.parametrize("stage", [s for s in ChangeStage if s])
def test_a_change_step_is_offered_exactly_when_its_action_would_accept_it(stage, staff, client_for):
    case = _changing(stage, staff[0])
    for user in staff:
        page = client_for(user).get(reverse("cases:detail", args=[case.pk])).content.decode()
        wrong = offer_mismatches(page, MARKERS, case, user)
        assert not wrong, f"{user.role} at {stage.label}: offer and guard differ for {wrong}"


@pytest.mark.parametrize("shape", ["bare", "ready", "pending"])
@pytest.mark.parametrize("status", list(CaseStatus))
def test_a_step_is_offered_exactly_when_its_action_would_accept_it(status, shape, staff, client_for):
    case = _case(status, shape, staff[0])
    for user in staff:
        page = client_for(user).get(reverse("cases:detail", args=[case.pk])).content.decode()
        wrong = offer_mismatches(page, MARKERS, case, user)
        assert not wrong, f"{user.role} on a {status.label} case: offer and guard differ for {wrong}"


def test_every_case_transition_but_opening_the_filing_review_is_a_step_of_the_case_page():
    on_page = {step.transition.name for step in STEPS}
    assert on_page == {t.name for t in declared("cases")} - {"cases.open_filing_review"}
    assert len(on_page) == len(STEPS)


def test_a_step_that_waits_for_a_record_is_shown_disabled_with_its_reason(staff, client_for):
    case = CaseFactory(status=CaseStatus.INVESTIGATING, team=[staff[0].officer])
    page = client_for(staff[0]).get(reverse("cases:detail", args=[case.pk])).content.decode()
    assert 'data-step-blocked="conclude"' in page and 'data-step="conclude"' not in page
    assert "尚无询问笔录或现场检查笔录，不能调查终结" in page


def test_opening_a_step_the_case_is_not_ready_for_says_why_instead_of_showing_the_form(staff, client_for):
    case = CaseFactory(status=CaseStatus.CLOSED, team=[staff[0].officer])
    page = client_for(staff[0]).get(reverse("cases:action", args=[case.pk, "record"])).content.decode()
    assert 'data-testid="step-refused"' in page and "不能制作笔录" in page
    assert 'data-testid="step-form"' not in page


def test_the_shapes_above_let_every_step_be_accepted_somewhere(staff):
    """So the comparison above sees each step both offered and withheld."""
    cases = [
        _case(status, shape, staff[0]) for status in CaseStatus for shape in ("bare", "ready", "pending")
    ] + [_changing(stage, staff[0]) for stage in ChangeStage if stage]
    never = [
        step.slug
        for step in STEPS
        if not any(guard_accepts(step.transition, case, user) for case in cases for user in staff)
    ]
    assert not never
