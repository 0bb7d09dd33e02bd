"""负责人集体讨论 is required, not optional (《行政处罚法》第五十七条第二款; 53号令第三十三、三十四条):
for 吊销许可证件, 责令停止招生 and 较大数额罚款 (thresholds configured in core.config) and for complex
or major cases; recorded with date, leaders, opinions and conclusion before the notice and the decision."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from eduenforce.cases import actions as A
from eduenforce.cases.choices import CaseStatus, PartyKind, Severity
from eduenforce.cases.tests.factories import UserFactory
from eduenforce.core import config
from eduenforce.core.errors import DomainError
from eduenforce.records.models import JournalEntry

ARTICLE = "第五十七条第二款"
FINE = Decimal("20000")  # inside 53号令第十八条's 情节严重 一般 tier (15,000–35,000 yuan)
THRESHOLD_KEYS = {
    PartyKind.PERSON: "cases.discussion_fine_individual",
    PartyKind.ORGANISATION: "cases.discussion_fine_organisation",
}


def fined(flow, party_kind):
    """A 53号令第十八条 case concluded with a fine of 20,000 yuan, for a person or an organisation."""
    extra = {"party_kind": PartyKind.PERSON, "party_name": "张三丰"} if party_kind == PartyKind.PERSON else {}
    case = flow.review_opened("53-18", **extra)
    A.do_approve_filing(case, by=flow.head)
    flow.record(case)
    flow.corrected(case, corrected=False)
    return flow.conclude(
        case, kinds=["warning", "fine"], fine=FINE, gains=None, confiscation=None, severity=Severity.SERIOUS
    )


def serve_notice(flow, case):
    return A.do_serve_prior_notice(case, by=flow.investigator, service=flow.direct())


@pytest.mark.django_db
@pytest.mark.parametrize("party_kind", [PartyKind.PERSON, PartyKind.ORGANISATION])
@pytest.mark.parametrize(
    "threshold, required",
    [(20001, False), (20000, True), (19999, True)],
    ids=["fine below the threshold", "fine at the threshold", "fine above the threshold"],
)
def test_a_fine_from_the_configured_threshold_up_needs_the_collective_discussion(
    flow, party_kind, threshold, required
):
    config.set_value(THRESHOLD_KEYS[party_kind], threshold, by=None)
    case = fined(flow, party_kind)
    if not required:
        assert serve_notice(flow, case).status == CaseStatus.NOTIFIED
        return
    with pytest.raises(DomainError, match=f"较大数额罚款.*集体讨论.*{ARTICLE}"):
        serve_notice(flow, case)
    flow.discussed(case)
    assert serve_notice(flow, case).status == CaseStatus.NOTIFIED


@pytest.mark.django_db
def test_the_threshold_of_one_party_kind_does_not_apply_to_the_other(flow):
    config.set_value("cases.discussion_fine_individual", 10000, by=None)
    case = fined(flow, PartyKind.ORGANISATION)  # organisations keep their own threshold (100,000)
    assert serve_notice(flow, case).status == CaseStatus.NOTIFIED


@pytest.mark.django_db
@pytest.mark.parametrize(
    "kinds",
    [
        ["warning", "confiscate_gains", "stop_enrolment"],
        ["warning", "confiscate_gains", "stop_enrolment", "revoke_licence"],
    ],
)
def test_stopping_enrolment_or_revoking_the_licence_needs_the_collective_discussion_before_the_notice(
    flow, kinds
):
    case = flow.investigated("53-20", corrected=False)
    severity = Severity.SERIOUS
    flow.conclude(
        case, kinds=kinds, severity=severity, deviation_reason="" if len(kinds) == 3 else "情节恶劣"
    )
    with pytest.raises(DomainError, match=f"拟责令停止招收学员.*{ARTICLE}"):
        serve_notice(flow, case)
    flow.discussed(case)
    assert serve_notice(flow, case).status == CaseStatus.NOTIFIED


def _to_decision(flow, case):
    A.do_waive_rights(case, by=flow.investigator, waived_on=timezone.localdate(), note="书面放弃")
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    return case


@pytest.mark.django_db
def test_the_decision_is_refused_without_the_discussion_the_law_requires(flow):
    case = fined(flow, PartyKind.ORGANISATION)
    serve_notice(flow, case)
    _to_decision(flow, case)
    # The bureau lowers the amount that counts as large before the decision: now it needs a discussion.
    config.set_value("cases.discussion_fine_organisation", 20000, by=None)
    with pytest.raises(DomainError, match=f"须经负责人集体讨论，方可作出行政处罚决定.*{ARTICLE}"):
        flow.decide(case)
    case.refresh_from_db()
    assert case.status == CaseStatus.REVIEWED and not case.decision_number


@pytest.mark.django_db
def test_the_lawful_sequence_discussion_notice_review_decision_succeeds(flow):
    case = fined(flow, PartyKind.PERSON)
    config.set_value("cases.discussion_fine_individual", 20000, by=None)
    discussion = flow.discussed(case)
    serve_notice(flow, case)
    _to_decision(flow, case)
    case = flow.decide(case)
    assert case.status == CaseStatus.DECIDED and case.decision_number
    assert {u.pk for u in discussion.attendees.all()} == {flow.leader.pk, flow.deputy.pk}
    assert discussion.opinions and discussion.minutes and discussion.result == "agreed"
    entry = JournalEntry.objects.filter(action="cases.discussion_recorded").latest("id")
    assert set(entry.changes["attendees"]) == {flow.leader.pk, flow.deputy.pk}


@pytest.mark.django_db
def test_a_reopened_investigation_needs_a_new_discussion(flow):
    case = fined(flow, PartyKind.PERSON)
    config.set_value("cases.discussion_fine_individual", 20000, by=None)
    flow.discussed(case)
    serve_notice(flow, case)
    A.do_waive_rights(case, by=flow.investigator, waived_on=timezone.localdate(), note="书面放弃")
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case, result="returned")
    A.do_reopen_investigation(case, by=flow.investigator, reason="补充证据")
    flow.conclude(
        case, kinds=["warning", "fine"], fine=FINE, gains=None, confiscation=None, severity=Severity.SERIOUS
    )
    with pytest.raises(DomainError, match=ARTICLE):
        serve_notice(flow, case)


@pytest.mark.django_db
def test_only_leaders_attend_and_at_least_the_configured_number(flow):
    case = fined(flow, PartyKind.PERSON)
    with pytest.raises(DomainError, match=f"张科长不是局领导.*{ARTICLE}"):
        flow.discussed(case, attendees=[flow.leader, flow.head])
    with pytest.raises(DomainError, match=f"至少 2 名局领导.*{ARTICLE}"):
        flow.discussed(case, attendees=[flow.leader])
    config.set_value("cases.discussion_min_leaders", 1, by=None)
    assert flow.discussed(case, attendees=[flow.leader]).result == "agreed"


@pytest.mark.django_db
def test_the_discussion_date_may_not_precede_the_conclusion_nor_lie_ahead(flow):
    case = fined(flow, PartyKind.PERSON)
    with pytest.raises(DomainError, match="不能晚于今天"):
        flow.discussed(case, timezone.localdate() + timedelta(days=1))
    with pytest.raises(DomainError, match="不能早于调查终结"):
        flow.discussed(case, timezone.localdate() - timedelta(days=1))


@pytest.mark.django_db
def test_the_discussion_page_is_for_the_handlers_head_and_leaders_only(flow, client):
    case = fined(flow, PartyKind.PERSON)
    url = reverse("cases:action", args=[case.pk, "discussion"])
    data = {
        "held_on": timezone.localdate().isoformat(),
        "attendees": [flow.leader.pk, flow.deputy.pk],
        "opinions": "均同意",
        "minutes": "同意处理意见",
        "result": "agreed",
    }
    client.force_login(flow.investigator)  # a handler: investigating is not approving
    assert client.post(url, data).status_code == 403
    outsider = UserFactory(role="section_head", name="外科长")
    client.force_login(outsider)  # a head of another department: the case is out of reach
    assert client.post(url, data).status_code == 404
    client.force_login(flow.leader)
    assert client.post(url, data).status_code == 302
    case.refresh_from_db()
    assert case.status == CaseStatus.DISCUSSED


@pytest.mark.django_db
def test_a_discussion_by_a_colleague_without_the_right_is_refused(flow):
    case = fined(flow, PartyKind.PERSON)
    with pytest.raises(PermissionDenied):
        A.do_record_discussion(
            case,
            by=flow.colleague,
            held_on=timezone.localdate(),
            attendees=[flow.leader, flow.deputy],
            opinions="同意",
            minutes="同意",
            result="agreed",
        )
