"""Discretion inside the law: the statutory minimum (减轻 only with a recorded 行政处罚法 第30–32条
ground), the mandatory confiscation of found illegal gains (第28条第二款), and a 裁量基准 applied
only once published (第34条). A collective discussion's approval lifts none of them."""

from decimal import Decimal

import pytest

from eduenforce.cases import actions as A
from eduenforce.cases import catalogue
from eduenforce.cases.choices import CaseStatus, MitigationGround, Tier
from eduenforce.cases.models import CatalogueVersion, TierRule
from eduenforce.cases.tests.factories import violation
from eduenforce.core.errors import DomainError
from eduenforce.portal.choices import PublicationKind
from eduenforce.portal.models import Publication

pytestmark = pytest.mark.django_db

GAINS = "100000"  # 53号令第十七条: 1–5 倍违法所得, i.e. 100,000–500,000 yuan
REDUCED_HARM = MitigationGround.REDUCED_HARM


def _concluded_unlicensed(flow, fine, **kwargs):
    case = flow.investigated("53-17", corrected=False)
    return flow.conclude(
        case, kinds=["fine", "confiscate_gains"], fine=fine, gains=GAINS, confiscation=GAINS, **kwargs
    )


def _reviewed(flow, case):
    flow.notified(case)  # after the collective discussion where one is required (a deviation)
    A.do_waive_rights(case, by=flow.investigator, waived_on=case.notified_on, note="书面放弃")
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    return case


# --- the statutory minimum ---------------------------------------------------------------


def test_a_fine_of_a_tenth_of_the_gains_without_mitigating_grounds_is_refused_at_conclusion(flow):
    with pytest.raises(DomainError, match="第三十条至第三十二条") as error:
        _concluded_unlicensed(flow, "10000", deviation_reason="当事人经营困难")
    assert "最低罚款 100,000.00 元" in error.value.message and error.value.field == "fine"


def test_one_cent_below_the_statutory_minimum_is_refused_even_with_a_deviation_reason(flow):
    with pytest.raises(DomainError, match="第三十条至第三十二条"):
        _concluded_unlicensed(flow, "99999.99", deviation_reason="情节较轻")


def test_the_statutory_minimum_itself_is_decided_after_the_discussion_approves_the_deviation(flow):
    case = _concluded_unlicensed(flow, "100000", deviation_reason="初次违法且已停止办学，按法定最低额处罚")
    case = _reviewed(flow, case)
    case = flow.decide(case)
    assert case.status == CaseStatus.DECIDED and case.fine_amount == Decimal("100000")
    assert case.confiscation_amount == Decimal("100000")  # 第28条 applies although 第17条 lists only 罚款


def test_a_recorded_article_32_ground_allows_a_fine_below_the_minimum_and_the_decision_says_why(flow):
    case = _concluded_unlicensed(
        flow,
        "10000",
        mitigation_grounds=[REDUCED_HARM],
        mitigation_facts="当事人在立案前已主动退还全部学员费用并停止办学（退费凭证12份）",
    )
    assert case.suggested_tier == Tier.MITIGATED and not case.is_major
    case = flow.decide(_reviewed(flow, case))
    assert case.status == CaseStatus.DECIDED and case.fine_amount == Decimal("10000")
    assert "依法减轻处罚" in case.discretion_statement and "主动消除或者减轻" in case.discretion_statement


def test_a_mitigating_ground_without_its_facts_is_refused(flow):
    with pytest.raises(DomainError, match="事实和证据") as error:
        _concluded_unlicensed(flow, "10000", mitigation_grounds=[REDUCED_HARM])
    assert error.value.field == "mitigation_facts"


def test_a_decision_lighter_than_the_notice_still_may_not_go_below_the_minimum(flow):
    case = _concluded_unlicensed(flow, "100000", deviation_reason="按法定最低额处罚")
    case = _reviewed(flow, case)
    with pytest.raises(DomainError, match="第三十条至第三十二条"):
        flow.decide(case, fine="10000")
    case.refresh_from_db()
    assert case.status == CaseStatus.REVIEWED


def test_a_fine_above_the_statutory_maximum_is_refused_whatever_the_discussion(flow):
    with pytest.raises(DomainError, match="超出法定上限"):
        _concluded_unlicensed(flow, "500000.01", deviation_reason="情节恶劣")


def test_a_catalogue_tier_inside_the_range_may_not_start_below_the_statutory_minimum(flow):
    draft = catalogue.new_draft(CatalogueVersion.objects.current(), by=flow.head)
    rows = TierRule.objects.filter(violation__version=draft, violation__code="53-17", severity="ordinary")
    with pytest.raises(DomainError, match="法定下限"):
        catalogue.update_tier(rows.get(tier=Tier.LIGHTER), {"fine_min": Decimal("0.5")}, by=flow.head)
    catalogue.update_tier(rows.get(tier=Tier.MITIGATED), {"fine_min": Decimal("0.2")}, by=flow.head)


# --- found illegal gains are confiscated -------------------------------------------------------


def test_found_gains_of_120000_without_confiscation_are_refused_at_conclusion(flow):
    case = flow.investigated("53-20", corrected=False)
    with pytest.raises(DomainError, match="第二十八条第二款") as error:
        flow.conclude(case, kinds=["warning"], gains="120000", confiscation=None)
    assert "120,000.00 元" in error.value.message and error.value.field == "confiscation"


def test_confiscating_part_of_the_found_gains_is_refused(flow):
    case = flow.investigated("53-20", corrected=False)
    with pytest.raises(DomainError, match="第二十八条第二款"):
        flow.conclude(case, gains="120000", confiscation="100000")


def test_a_decision_that_drops_the_confiscation_of_found_gains_is_refused(flow):
    case = _reviewed(flow, flow.concluded())
    with pytest.raises(DomainError, match="第二十八条第二款"):
        flow.decide(case, kinds=["warning"], confiscation=None)
    case = flow.decide(case)
    assert case.confiscation_amount == Decimal("120000") and "confiscate_gains" in case.penalty_kinds


# --- the 裁量基准 is published before it is applied -------------------------------------------


def _unpublish_current():
    """A bureau that never published its seeded 裁量基准 (as on a fresh installation)."""
    version = CatalogueVersion.objects.current()
    CatalogueVersion.objects.filter(pk=version.pk).update(published_at=None)
    Publication.objects.filter(kind=PublicationKind.CATALOGUE, source_id=str(version.pk)).delete()
    return version


def test_a_decision_applying_an_unpublished_catalogue_is_refused_until_it_is_published(flow):
    case = _reviewed(flow, flow.concluded())
    version = _unpublish_current()
    with pytest.raises(DomainError, match="第三十四条") as error:
        flow.decide(case)
    assert "尚未向社会公布" in error.value.message
    catalogue.publish_version(version, by=flow.leader)
    assert flow.decide(case).status == CaseStatus.DECIDED


def test_an_on_the_spot_penalty_under_an_unpublished_catalogue_is_refused(flow):
    _unpublish_current()
    with pytest.raises(DomainError, match="第三十四条"):
        A.do_on_the_spot_penalty(
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
