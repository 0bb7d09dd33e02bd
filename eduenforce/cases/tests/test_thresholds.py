"""Hearing thresholds (53号令 第30条; 以上 includes the number) and on-the-spot limits (第51条)."""

from decimal import Decimal

import pytest

from eduenforce.cases import actions as A
from eduenforce.cases import rules
from eduenforce.cases.choices import PartyKind, PenaltyKind, Severity
from eduenforce.core.errors import DomainError

PERSON, ORG = PartyKind.PERSON, PartyKind.ORGANISATION


@pytest.mark.parametrize(
    "party, fine, expected",
    [
        (PERSON, "29999", False),
        (PERSON, "30000", True),
        (PERSON, "29999.99", False),
        (ORG, "99999", False),
        (ORG, "100000", True),
        (ORG, "30000", False),
    ],
)
def test_a_fine_gives_a_hearing_right_from_the_threshold_upwards(party, fine, expected):
    reasons = rules.hearing_right(
        party_kind=party, kinds=[PenaltyKind.FINE], fine=Decimal(fine), confiscation=None
    )
    assert bool(reasons) is expected


@pytest.mark.parametrize("confiscation, expected", [("99999", False), ("100000", True)])
def test_confiscating_100000_yuan_or_more_gives_a_hearing_right(confiscation, expected):
    reasons = rules.hearing_right(
        party_kind=ORG, kinds=[PenaltyKind.CONFISCATE_GAINS], fine=None, confiscation=Decimal(confiscation)
    )
    assert bool(reasons) is expected


@pytest.mark.parametrize(
    "kind",
    [
        PenaltyKind.STOP_ENROLMENT,
        PenaltyKind.STOP_RUNNING,
        PenaltyKind.REVOKE_LICENCE,
        PenaltyKind.RESTRICT_PRACTICE,
    ],
)
def test_stopping_enrolment_revoking_a_licence_or_restricting_practice_always_gives_a_hearing_right(kind):
    assert rules.hearing_right(party_kind=ORG, kinds=[kind], fine=None, confiscation=None)


def test_a_warning_gives_no_hearing_right():
    assert (
        rules.hearing_right(party_kind=PERSON, kinds=[PenaltyKind.WARNING], fine=None, confiscation=None)
        == []
    )


@pytest.mark.django_db
@pytest.mark.parametrize("fine, right", [("29999", False), ("30000", True)])
def test_the_prior_notice_to_a_person_offers_a_hearing_only_from_30000_yuan(flow, fine, right):
    case = flow.review_opened("53-18", party_kind=PartyKind.PERSON, party_name="张三丰")
    A.do_approve_filing(case, by=flow.head)
    flow.record(case)
    flow.corrected(case, corrected=False)
    # 情节严重 under 第18条, 一般 tier: 15,000–35,000 yuan, so both amounts are inside the catalogue.
    flow.conclude(
        case, kinds=["warning", "fine"], fine=fine, gains=None, confiscation=None, severity=Severity.SERIOUS
    )
    case = flow.notified(case)
    assert case.hearing_right is right
    if right:
        assert case.hearing_request_due_on == case.statement_due_on
    else:
        assert case.hearing_request_due_on is None


@pytest.mark.parametrize("party, fine", [(PERSON, "200"), (ORG, "3000")])
def test_an_on_the_spot_fine_up_to_the_limit_is_allowed(party, fine):
    rules.check_on_the_spot(party_kind=party, kinds=[PenaltyKind.FINE], fine=Decimal(fine))


@pytest.mark.parametrize("party, fine, limit", [(PERSON, "200.01", "200"), (ORG, "3001", "3,000")])
def test_an_on_the_spot_fine_beyond_the_limit_is_refused(party, fine, limit):
    with pytest.raises(DomainError, match=f"不得超过 {limit} 元"):
        rules.check_on_the_spot(party_kind=party, kinds=[PenaltyKind.FINE], fine=Decimal(fine))


def test_an_on_the_spot_procedure_cannot_revoke_a_licence():
    with pytest.raises(DomainError, match="只能给予警告或罚款"):
        rules.check_on_the_spot(party_kind=ORG, kinds=[PenaltyKind.REVOKE_LICENCE], fine=None)
