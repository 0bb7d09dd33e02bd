"""Recusal on the case side (《行政处罚法》第四十三条): the case team, the hearing chair and the legal
reviewer are checked against the officers' declared conflicts with the party."""

from datetime import date

import pytest
import time_machine

from eduenforce.cases import actions as A
from eduenforce.cases.choices import CaseStatus
from eduenforce.core.errors import DomainError
from eduenforce.officers.actions import declare_conflict

pytestmark = pytest.mark.django_db


def _conflict(flow, officer):
    return declare_conflict(
        officer, flow.institution, by=flow.head, relation="近亲属任该机构举办者", valid_from=date(2024, 1, 1)
    )


def test_a_case_team_with_a_conflicted_officer_is_refused_naming_the_article(flow):
    _conflict(flow, flow.officers[1])
    with pytest.raises(DomainError, match="赵执法.*应当回避.*本案承办人.*《行政处罚法》第四十三条"):
        flow.review_opened()


def test_the_filing_is_not_approved_when_a_conflict_is_declared_after_the_review_opened(flow):
    case = flow.review_opened()
    _conflict(flow, flow.officers[0])
    with pytest.raises(DomainError, match="李执法.*第四十三条"):
        A.do_approve_filing(case, by=flow.head)
    case.refresh_from_db()
    assert case.status == CaseStatus.FILING_REVIEW


def test_a_team_without_conflicts_files_the_case(flow):
    _conflict(flow, flow.chair)  # the chair is not on the team
    case = flow.filed()
    assert case.status == CaseStatus.INVESTIGATING


@pytest.fixture
def hearing_requested(flow):
    case = flow.notified(flow.concluded(), date(2025, 6, 16))
    A.do_request_hearing(case, by=flow.investigator, requested_on=date(2025, 6, 16))
    return case


def _schedule(flow, case):
    return A.do_schedule_hearing(
        case,
        by=flow.reviewer,
        hearing_on=date(2025, 6, 25),
        place="听证室",
        chair=flow.chair,
        service=flow.direct(date(2025, 6, 16)),
    )


def test_a_conflicted_hearing_chair_is_refused_naming_the_article(flow, hearing_requested):
    _conflict(flow, flow.chair)
    with pytest.raises(DomainError, match="孙主持.*不能担任听证主持人.*第四十三条"):
        _schedule(flow, hearing_requested)


def test_a_chair_without_conflict_holds_the_hearing(flow, hearing_requested):
    hearing = _schedule(flow, hearing_requested)
    assert hearing.chair == flow.chair


@pytest.fixture
def under_review(flow):
    case = flow.notified(flow.concluded(), date(2025, 6, 16))
    with time_machine.travel(date(2025, 6, 24)):
        A.do_submit_for_review(case, by=flow.investigator)
    return case


def test_a_conflicted_legal_reviewer_may_not_review(flow, under_review):
    _conflict(flow, flow.reviewer_officer)
    with time_machine.travel(date(2025, 6, 24)), pytest.raises(DomainError, match="应当回避.*第四十三条"):
        flow.review(under_review)


def test_a_reviewer_without_conflict_reviews(flow, under_review):
    with time_machine.travel(date(2025, 6, 24)):
        review = flow.review(under_review)
    assert review.result == "passed"
