"""The discretion catalogue: one suggestion per tier, repeat detection from the party's own
history, legal limits, and deviations that need a reason and the heads' approval."""

from datetime import date
from decimal import Decimal

import pytest

from eduenforce.cases import actions as A
from eduenforce.cases import discretion
from eduenforce.cases.choices import CaseStatus, Harm, Outcome, Severity, Tier
from eduenforce.cases.discretion import Facts
from eduenforce.cases.models import Case
from eduenforce.cases.tests.factories import CaseFactory, violation
from eduenforce.core.errors import DomainError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    "code, facts, tier, low, high",
    [
        # 首违不罚: first violation, minor harm, corrected in time.
        (
            "53-20",
            Facts(first_violation=True, harm=Harm.MINOR, promptly_corrected=True),
            Tier.NO_PENALTY,
            None,
            None,
        ),
        # 第32条 mandatory mitigation with minor harm → 减轻: below one times the gains.
        (
            "53-17",
            Facts(first_violation=False, mandatory_mitigation=True, illegal_gains=Decimal("10000")),
            Tier.MITIGATED,
            "0.00",
            "10000.00",
        ),
        # Corrected in time, minor harm, but not a first violation → 从轻 (lowest 30 %).
        (
            "53-18",
            Facts(severity=Severity.SERIOUS, first_violation=False, promptly_corrected=True),
            Tier.LIGHTER,
            "0.00",
            "15000.00",
        ),
        (
            "53-18",
            Facts(severity=Severity.SERIOUS, first_violation=True, promptly_corrected=False),
            Tier.GENERAL,
            "15000.00",
            "35000.00",
        ),
        # Repeat within two years → 从重 (highest 30 %).
        (
            "53-18",
            Facts(severity=Severity.SERIOUS, first_violation=False, repeat_within_window=True),
            Tier.HEAVIER,
            "35000.00",
            "50000.00",
        ),
        (
            "53-18",
            Facts(severity=Severity.ESPECIALLY_SERIOUS, obstruction=True),
            Tier.HEAVIER,
            "85000.00",
            "100000.00",
        ),
        (
            "53-17",
            Facts(in_service_teacher=True, illegal_gains=Decimal("20000")),
            Tier.HEAVIER,
            "76000.00",
            "100000.00",
        ),
    ],
)
def test_the_catalogue_suggests_each_tier_with_its_range(code, facts, tier, low, high):
    suggestion = discretion.suggest(violation(code), facts)
    assert suggestion.tier == tier
    assert suggestion.fine_min == (Decimal(low) if low else None)
    assert suggestion.fine_max == (Decimal(high) if high else None)
    assert suggestion.reasons


def test_aggravating_and_mandatory_mitigating_facts_together_give_the_general_tier():
    suggestion = discretion.suggest(
        violation("53-20"), Facts(repeat_within_window=True, mandatory_mitigation=True)
    )
    assert suggestion.tier == Tier.GENERAL
    assert any("并存" in r for r in suggestion.reasons)


def test_a_tier_the_catalogue_lacks_falls_back_towards_the_general_tier_and_says_so():
    suggestion = discretion.suggest(violation("53-24"), Facts(first_violation=True, promptly_corrected=True))
    assert suggestion.tier == Tier.GENERAL
    assert any("未设“不予处罚”" in r for r in suggestion.reasons)


def test_a_multiple_of_the_gains_cannot_be_computed_before_the_gains_are_established():
    suggestion = discretion.suggest(violation("53-17"), Facts())
    assert suggestion.needs_gains and "违法所得" in suggestion.range_text()


def _prior(flow, decided_on, **kwargs):
    return CaseFactory(
        institution=flow.institution,
        party_name=flow.institution.name,
        status=CaseStatus.CLOSED,
        outcome=Outcome.PENALTY,
        decided_on=decided_on,
        decision_number=f"东教罚决〔{decided_on.year}〕{decided_on.day}号",
        **kwargs,
    )


def test_a_penalty_less_than_two_years_before_filing_makes_the_case_a_repeat_and_heavier(flow):
    _prior(flow, date(2023, 6, 16))  # filed 2025-06-16: exactly inside the two years
    case = flow.concluded("53-20")
    assert case.repeat_within_window and not case.first_violation
    assert case.suggested_tier == Tier.HEAVIER
    assert any("东教罚决〔2023〕16号" in r for r in case.suggestion_reasons)


def test_a_penalty_more_than_two_years_before_is_no_repeat_but_ends_the_first_violation(flow):
    _prior(flow, date(2023, 6, 15))
    case = flow.concluded("53-20")
    assert not case.repeat_within_window and not case.first_violation
    assert case.suggested_tier == Tier.GENERAL


def test_a_revoked_decision_or_another_institutions_case_is_not_a_prior_violation(flow):
    from eduenforce.cases.tests.factories import InstitutionFactory

    _prior(flow, date(2024, 9, 1), revoked_on=date(2024, 12, 1))
    CaseFactory(institution=InstitutionFactory(), outcome=Outcome.PENALTY, decided_on=date(2025, 1, 1))
    case = flow.concluded("53-20")
    assert case.first_violation and not case.repeat_within_window


def test_a_person_is_recognised_by_id_number_across_cases(flow):
    CaseFactory(
        party_kind="person",
        party_name="张三",
        party_id_code="120110198001011234",
        outcome=Outcome.PENALTY,
        decided_on=date(2024, 12, 1),
    )
    case = flow.review_opened(
        "53-18", party_kind="person", party_name="张三", party_id_code="120110198001011234"
    )
    A.do_approve_filing(case, by=flow.head)
    first, repeat, recent = discretion.history_facts(case)
    assert (first, repeat, len(recent)) == (False, True, 1)


def test_a_proposal_outside_the_suggested_range_needs_a_written_reason(flow):
    case = flow.investigated("53-18", corrected=False)
    with pytest.raises(DomainError, match="须写明偏离理由") as error:
        flow.conclude(
            case,
            kinds=["warning", "fine"],
            fine="45000",
            gains=None,
            confiscation=None,
            severity=Severity.SERIOUS,
        )
    assert error.value.field == "deviation_reason"
    case.refresh_from_db()
    assert case.status == CaseStatus.CORRECTION


def test_a_deviation_makes_the_case_major_and_needs_the_collective_discussions_approval(flow):
    case = flow.investigated("53-18", corrected=False)
    case = flow.conclude(
        case,
        kinds=["warning", "fine"],
        fine="45000",
        gains=None,
        confiscation=None,
        severity=Severity.SERIOUS,
        deviation_reason="培训对象为小学低年级学生，人数多",
    )
    assert case.is_major and case.major_reason == "拟处罚偏离裁量基准"
    with pytest.raises(DomainError, match="集体讨论.*第五十七条第二款"):
        A.do_serve_prior_notice(case, by=flow.investigator, service=flow.direct())
    with pytest.raises(DomainError, match="明确同意偏离"):
        flow.discussed(case, date(2025, 6, 16), deviation_approved=False)
    flow.discussed(case, date(2025, 6, 16), deviation_approved=True)
    case.refresh_from_db()
    assert case.deviation_approved and case.status == CaseStatus.DISCUSSED


def test_a_fine_above_the_legal_maximum_is_refused(flow):
    case = flow.investigated("53-18", corrected=False)
    with pytest.raises(DomainError, match="超出法定上限"):
        flow.conclude(
            case,
            kinds=["fine"],
            fine="50000.01",
            gains=None,
            confiscation=None,
            severity=Severity.SERIOUS,
            deviation_reason="x",
        )
    with pytest.raises(DomainError, match="“一般情节”下不得罚款"):
        flow.conclude(
            case, kinds=["fine"], fine="100", gains=None, confiscation=None, severity=Severity.ORDINARY
        )


def test_a_penalty_kind_the_article_does_not_provide_is_refused(flow):
    case = flow.investigated("53-20", corrected=False)
    with pytest.raises(DomainError, match="未规定“罚款”"):
        flow.conclude(case, kinds=["warning", "fine"], fine="1000")
    with pytest.raises(DomainError, match="一般情节”下不得吊销许可证件"):
        flow.conclude(case, kinds=["warning", "revoke_licence"], confiscation=None)


@pytest.mark.parametrize(
    "fine, message", [("-1", "不能为负数"), ("abc", "必须是数字"), ("1.001", "两位小数")]
)
def test_a_fine_that_is_not_an_amount_is_refused_and_the_case_stays_as_it_was(flow, fine, message):
    case = flow.investigated("53-18", corrected=False)
    before = Case.objects.filter(pk=case.pk).values().get()
    with pytest.raises(DomainError, match=message):
        flow.conclude(
            case,
            kinds=["warning", "fine"],
            fine=fine,
            gains=None,
            confiscation=None,
            severity=Severity.SERIOUS,
        )
    assert Case.objects.filter(pk=case.pk).values().get() == before


def test_the_decision_may_not_be_heavier_than_the_notice(flow):
    case = flow.concluded(
        "53-18",
        kinds=["warning", "fine"],
        fine="20000",
        gains=None,
        confiscation=None,
        severity=Severity.SERIOUS,
    )
    flow.notified(case)
    A.do_waive_rights(case, by=flow.investigator, waived_on=date(2025, 6, 16), note="书面放弃")
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    with pytest.raises(DomainError, match="不得因当事人陈述、申辩而加重处罚"):
        flow.decide(case, fine="25000")
    case = flow.decide(case, fine="18000")
    assert case.fine_amount == Decimal("18000.00") and case.within_range
    assert "本决定在基准建议范围内" in case.discretion_statement


def test_found_illegal_gains_are_always_in_the_suggestion_as_confiscation_whatever_the_tier_lists():
    suggestion = discretion.suggest(violation("53-17"), Facts(illegal_gains=Decimal("9600"), harm="moderate"))
    assert "confiscate_gains" in suggestion.kinds
    without = discretion.suggest(violation("53-17"), Facts(illegal_gains=Decimal("0"), harm="moderate"))
    assert "confiscate_gains" not in without.kinds
