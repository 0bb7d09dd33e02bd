"""简易程序, 催告 and the court window, and the four closing grounds."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from eduenforce.cases import actions as A
from eduenforce.cases.choices import CaseStatus, ClosingGround, Procedure
from eduenforce.cases.tests.factories import violation
from eduenforce.core.errors import DomainError
from eduenforce.records.documents import documents_for

pytestmark = pytest.mark.django_db


def test_an_on_the_spot_warning_is_decided_served_and_numbered_at_once(flow):
    case = A.do_on_the_spot_penalty(
        by=flow.investigator,
        party_kind="person",
        party_name="王某某",
        violation=violation("53-18"),
        summary="在咖啡馆一对一开展学科培训",
        kinds=["warning"],
        officers=flow.officers,
        place="华明街道某咖啡馆",
        recipient="王某某",
    )
    assert case.procedure == Procedure.SIMPLE and case.status == CaseStatus.EXECUTED
    assert case.decision_number == "东教当罚〔2025〕1号"
    assert set(documents_for(case).values_list("kind", flat=True)) == {"spot_decision", "service_receipt"}


def test_an_on_the_spot_fine_of_200_yuan_on_a_person_awaits_payment(flow):
    case = A.do_on_the_spot_penalty(
        by=flow.investigator,
        party_kind="person",
        party_name="王某某",
        violation=violation("53-18"),
        severity="serious",
        summary="事实",
        kinds=["warning", "fine"],
        fine="200",
        officers=flow.officers,
        place="某地",
        recipient="王某某",
    )
    assert case.status == CaseStatus.EXECUTING and case.payment_due_on == date(2025, 7, 1)
    text = documents_for(case).get(kind="spot_decision").title
    assert text == "当场行政处罚决定书"


def test_an_on_the_spot_refusal_to_sign_needs_a_witness(flow):
    with pytest.raises(DomainError, match="见证人"):
        A.do_on_the_spot_penalty(
            by=flow.investigator,
            party_kind="person",
            party_name="王某某",
            violation=violation("53-18"),
            summary="事实",
            kinds=["warning"],
            officers=flow.officers,
            place="某地",
            recipient="",
            refused_to_sign=True,
        )


def test_an_on_the_spot_procedure_needs_two_certified_officers(flow):
    with pytest.raises(DomainError, match="至少需要 2 名"):
        A.do_on_the_spot_penalty(
            by=flow.investigator,
            party_kind="person",
            party_name="王某某",
            violation=violation("53-18"),
            summary="事实",
            kinds=["warning"],
            officers=flow.officers[:1],
            place="某地",
            recipient="王某某",
        )


def _executing(flow):
    case = flow.concluded(
        "53-18", kinds=["warning", "fine"], fine="20000", gains=None, confiscation=None, severity="serious"
    )
    flow.notified(case)
    A.do_waive_rights(case, by=flow.investigator, waived_on=date(2025, 6, 16), note="放弃")
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    flow.decide(case)
    A.do_publish_decision(case, by=flow.head)
    return A.do_serve_decision(case, by=flow.investigator, service=flow.direct())


def test_unpaid_fines_are_demanded_then_taken_to_court_inside_the_window(flow):
    case = _executing(flow)
    assert case.payment_due_on == date(2025, 7, 1)
    with pytest.raises(DomainError, match="期满前不能催告"):
        A.do_serve_payment_reminder(case, by=flow.investigator, service=flow.direct())
    with time_machine.travel(date(2025, 7, 10)):
        case = A.do_serve_payment_reminder(case, by=flow.investigator, service=flow.direct(date(2025, 7, 10)))
    reminder = documents_for(case).get(kind="payment_reminder")
    assert reminder.title == "行政处罚决定履行催告书"
    # 10 days after the reminder have passed, but the 6-month litigation period has not.
    with time_machine.travel(date(2025, 7, 25)), pytest.raises(DomainError, match="最早 2025-12-16"):
        A.do_apply_to_court(case, by=flow.head, applied_on=date(2025, 7, 25), court="东丽区人民法院")
    with time_machine.travel(date(2026, 3, 17)):
        with pytest.raises(DomainError, match="已超过申请法院强制执行的期限（2026-03-16"):
            A.do_apply_to_court(case, by=flow.head, applied_on=date(2026, 3, 17), court="东丽区人民法院")
        case = A.do_apply_to_court(case, by=flow.head, applied_on=date(2026, 3, 16), court="东丽区人民法院")
        assert case.status == CaseStatus.COURT_APPLIED
        A.do_request_closing(case, by=flow.investigator, ground=ClosingGround.COURT, note="已申请强制执行")
        case = A.do_approve_closing(case, by=flow.head)
    assert case.status == CaseStatus.CLOSED


def test_a_closing_ground_must_fit_the_stage(flow):
    case = flow.filed()
    with pytest.raises(DomainError, match="不符合“行政处罚决定执行完毕”"):
        A.do_request_closing(case, by=flow.investigator, ground=ClosingGround.EXECUTED, note="x")
    A.do_request_closing(case, by=flow.head, ground=ClosingGround.TERMINATED, note="当事人已注销，终止调查")
    with pytest.raises(DomainError, match="申请人以外"):
        A.do_approve_closing(case, by=flow.head)
    case = A.do_return_closing(case, by=flow.leader, reason="请补充注销证明")
    assert case.status == CaseStatus.INVESTIGATING


def test_a_penalty_case_cannot_close_before_its_decision_is_published(flow):
    case = flow.concluded("53-18", kinds=["warning"], fine=None, gains=None, confiscation=None)
    flow.notified(case)
    A.do_waive_rights(case, by=flow.investigator, waived_on=date(2025, 6, 16), note="放弃")
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    flow.decide(case)
    case = A.do_serve_decision(case, by=flow.investigator, service=flow.direct())
    assert case.status == CaseStatus.EXECUTED  # a warning is executed by its service
    with pytest.raises(DomainError, match="尚未公示"):
        A.do_request_closing(case, by=flow.investigator, ground=ClosingGround.EXECUTED, note="已执行")
    A.do_publish_decision(case, by=flow.head)
    case = A.do_request_closing(case, by=flow.investigator, ground=ClosingGround.EXECUTED, note="已执行")
    assert case.status == CaseStatus.CLOSING


def test_a_case_found_not_established_ends_in_a_no_penalty_decision(flow):
    case = flow.concluded(proposed_outcome="not_established", kinds=(), gains=None, confiscation=None)
    with pytest.raises(DomainError, match="无需事先告知"):
        flow.notified(case)
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    case = A.do_decide(case, by=flow.leader, outcome="no_penalty")
    assert documents_for(case).get(kind="decision").title == "不予行政处罚决定书"
    assert not case.publication_required
    case = A.do_serve_decision(case, by=flow.investigator, service=flow.direct())
    assert case.status == CaseStatus.SERVED
    A.do_request_closing(case, by=flow.investigator, ground=ClosingGround.OTHER, note="不予处罚决定已送达")
    assert A.do_approve_closing(case, by=flow.head).closed_on == date(2025, 6, 16)


def test_a_legal_review_can_return_the_case_for_correction(flow):
    case = flow.concluded(proposed_outcome="not_established", kinds=(), gains=None, confiscation=None)
    A.do_submit_for_review(case, by=flow.investigator)
    from eduenforce.cases.tests.factories import CHECKLIST_OK

    checklist = {**CHECKLIST_OK, "facts_clear": False}
    with pytest.raises(DomainError, match="事实清楚，证据合法充分"):
        flow.review(case, checklist=checklist)
    flow.review(case, result="returned", checklist=checklist)
    case.refresh_from_db()
    assert case.status == CaseStatus.REVIEW_RETURNED
    with pytest.raises(DomainError, match="未经法制审核通过"):
        A.do_decide(case, by=flow.leader, outcome="no_penalty")
    flow.record(case, "inquiry")
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    assert A.do_decide(case, by=flow.leader, outcome="no_penalty").outcome == "no_penalty"
    assert case.reviews.count() == 2 and Decimal(0) == Decimal(case.fine_amount or 0)
