"""The party's windows after the notice (陈述申辩 and 听证申请, 5 working days each) and what the
bureau may do before and after they close."""

from datetime import date

import pytest
import time_machine

from eduenforce.cases import actions as A
from eduenforce.cases.choices import CaseStatus, ClosingGround, Outcome
from eduenforce.core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.fixture
def notified(flow):
    case = flow.concluded()  # confiscation of 120,000 yuan: hearing right
    return flow.notified(case, date(2025, 6, 16))


def test_the_review_cannot_start_while_the_party_may_still_speak(flow, notified):
    assert notified.statement_due_on == date(2025, 6, 23)
    with pytest.raises(DomainError, match="陈述申辩期限至 2025-06-23，期满前不能提交法制审核"):
        A.do_submit_for_review(notified, by=flow.investigator)
    with time_machine.travel(date(2025, 6, 24)):
        A.do_submit_for_review(notified, by=flow.investigator)
    notified.refresh_from_db()
    assert notified.status == CaseStatus.UNDER_REVIEW


def test_a_statement_after_the_window_is_refused_as_waived(flow, notified):
    with time_machine.travel(date(2025, 6, 24)), pytest.raises(DomainError, match="视为放弃"):
        A.do_record_statement(
            notified, by=flow.investigator, received_on=date(2025, 6, 24), content="申辩", review_opinion="—"
        )
    statement = A.do_record_statement(
        notified,
        by=flow.investigator,
        received_on=date(2025, 6, 16),
        content="已主动退费，请求从轻",
        review_opinion="属实，予以采纳",
        adopted=True,
    )
    assert statement.adopted


def test_a_hearing_request_after_five_working_days_is_refused(flow, notified):
    with (
        time_machine.travel(date(2025, 6, 24)),
        pytest.raises(DomainError, match="听证申请期限已于 2025-06-23 届满"),
    ):
        A.do_request_hearing(notified, by=flow.investigator, requested_on=date(2025, 6, 24))


def test_a_hearing_cannot_be_requested_without_the_right(flow):
    case = flow.concluded("53-18", kinds=["warning"], gains=None, confiscation=None)
    case = flow.notified(case)
    assert not case.hearing_right
    with pytest.raises(DomainError, match="未达到听证条件"):
        A.do_request_hearing(case, by=flow.investigator, requested_on=date(2025, 6, 16))


def test_an_absent_party_has_waived_the_hearing_and_the_case_goes_on_to_review(flow, notified):
    A.do_request_hearing(notified, by=flow.investigator, requested_on=date(2025, 6, 16))
    A.do_schedule_hearing(
        notified,
        by=flow.reviewer,
        hearing_on=date(2025, 6, 25),
        place="听证室",
        chair=flow.chair,
        service=flow.direct(date(2025, 6, 16)),
    )
    with pytest.raises(DomainError, match="不能提前举行"):
        A.do_record_hearing(
            notified,
            by=flow.reviewer,
            held_on=date(2025, 6, 16),
            party_attended=False,
            record="—",
            chair_opinion="—",
        )
    with time_machine.travel(date(2025, 6, 25)):
        with pytest.raises(DomainError, match="不得超过二人"):
            A.do_record_hearing(
                notified,
                by=flow.reviewer,
                held_on=date(2025, 6, 25),
                party_attended=True,
                representatives="甲、乙、丙",
                record="—",
                chair_opinion="—",
            )
        hearing = A.do_record_hearing(
            notified,
            by=flow.reviewer,
            held_on=date(2025, 6, 25),
            party_attended=False,
            record="当事人经合法通知无正当理由未到场",
            chair_opinion="视为放弃听证",
        )
        A.do_submit_for_review(notified, by=flow.investigator)
    assert hearing.party_attended is False
    notified.refresh_from_db()
    assert notified.status == CaseStatus.UNDER_REVIEW


def test_a_filing_found_wrong_is_revoked_and_the_case_closed_as_terminated(flow):
    case = flow.concluded(proposed_outcome="not_established", kinds=(), gains=None, confiscation=None)
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    with pytest.raises(DomainError, match="撤销立案理由"):
        A.do_decide(case, by=flow.leader, outcome=Outcome.REVOKED_FILING)
    case = A.do_decide(
        case, by=flow.leader, outcome=Outcome.REVOKED_FILING, reason="不属于本机关管辖，应移送"
    )
    assert case.decision_number == "" and case.next_deadline_on is None
    with pytest.raises(DomainError, match="撤销立案无需送达"):
        A.do_serve_decision(case, by=flow.investigator, service=flow.direct())
    A.do_request_closing(case, by=flow.investigator, ground=ClosingGround.TERMINATED, note="撤销立案")
    assert A.do_approve_closing(case, by=flow.head).status == CaseStatus.CLOSED
