"""变更 of a served decision is a new decision (《行政处罚法》第四十四、四十五、五十八、六十三至六十五条):
new notice, statement/hearing window, 法制审核, the leader's decision, a new 决定书 number and service
before it takes effect; the old decision stays on record and the public entry gets a new revision.
补正 corrects clerical errors only; 撤销 records its ground and approval (第四十八条)."""

from datetime import timedelta

import pytest
import time_machine
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from eduenforce.cases import actions as A
from eduenforce.cases.choices import CaseStatus, ChangeOutcome, ChangeStage
from eduenforce.cases.models import Case
from eduenforce.cases.tests.factories import UserFactory
from eduenforce.core.errors import DomainError
from eduenforce.portal.choices import PublicationState
from eduenforce.portal.models import Publication, PublicationRevision

HEAVIER = {"kinds": ["warning", "criticism", "fine"], "fine": "50000"}


def served(flow, **party):
    """A published, served decision: 53号令第十八条, 情节严重, warning and a fine of 20,000 yuan."""
    case = flow.investigated("53-18", corrected=False, **party)
    flow.conclude(
        case, kinds=["warning", "fine"], fine="20000", gains=None, confiscation=None, severity="serious"
    )
    flow.notified(case)
    A.do_waive_rights(case, by=flow.investigator, waived_on=case.notified_on, note="放弃")
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    flow.decide(case)
    A.do_serve_decision(case, by=flow.investigator, service=flow.direct())
    A.do_publish_decision(case, by=flow.head)
    return case


def opened(flow, case, **kwargs):
    kwargs = {**HEAVIER, **kwargs}
    return A.do_open_change(case, by=flow.investigator, reason="发现新的违法事实，情节特别严重", **kwargs)


def review_change(flow, case, result="passed"):
    return A.do_review_change(case, by=flow.reviewer, opinion="程序合法，同意变更", result=result)


@pytest.mark.django_db
def test_opening_a_change_leaves_the_old_decision_in_force_and_the_public_entry_untouched(flow):
    case = served(flow)
    number = case.decision_number
    opened(flow, case)
    case.refresh_from_db()
    assert case.decision_number == number and str(case.fine_amount) == "20000.00"
    assert case.change_stage == ChangeStage.OPENED
    publication = Publication.objects.get(source_id=str(case.pk), kind="decision")
    assert publication.state == PublicationState.PUBLISHED and publication.fields["fine_amount"] == "20000.00"


@pytest.mark.django_db
def test_a_leader_cannot_decide_a_change_without_a_new_notice_statement_and_review(flow):
    case = served(flow)
    opened(flow, case)
    with pytest.raises(DomainError, match="第44、45、58条"):
        A.do_decide_change(case, by=flow.leader)
    A.do_serve_change_notice(case, by=flow.investigator, service=flow.direct())
    with pytest.raises(DomainError, match="第44、45、58条"):
        A.do_decide_change(case, by=flow.leader)


@pytest.mark.django_db
def test_the_change_may_not_go_to_review_inside_the_statement_window(flow):
    case = served(flow)
    opened(flow, case)
    A.do_serve_change_notice(case, by=flow.investigator, service=flow.direct())
    with pytest.raises(DomainError, match="陈述申辩期限.*第45条"):
        A.do_submit_change_review(case, by=flow.investigator)
    change = case.changes.get()
    with time_machine.travel(
        timezone.make_aware(timezone.datetime.combine(change.statement_due_on, timezone.datetime.min.time()))
        + timedelta(days=1, hours=9),
        tick=False,
    ):
        with pytest.raises(DomainError, match="期限已于.*届满.*第31条"):
            A.do_record_change_statement(
                case,
                by=flow.investigator,
                received_on=timezone.localdate(),
                content="申辩",
                review_opinion="不采纳",
            )
        A.do_submit_change_review(case, by=flow.investigator)
    assert Case.objects.get(pk=case.pk).change_stage == ChangeStage.UNDER_REVIEW


@pytest.mark.django_db
def test_a_heavier_change_with_a_hearing_right_waits_for_the_hearing_by_a_non_investigator(flow):
    case = served(flow, party_kind="person", party_name="张三丰")
    opened(flow, case, kinds=["warning", "fine"], fine="40000")
    # A fine of 40,000 yuan for a person needs 负责人集体讨论 first (第五十七条第二款).
    with pytest.raises(DomainError, match="第五十七条第二款"):
        A.do_serve_change_notice(case, by=flow.investigator, service=flow.direct())
    A.do_record_change_discussion(
        case,
        by=flow.leader,
        held_on=timezone.localdate(),
        attendees=[flow.leader, flow.deputy],
        opinions="均同意",
        minutes="同意变更",
        result="agreed",
    )
    change = A.do_serve_change_notice(case, by=flow.investigator, service=flow.direct())
    assert change.hearing_right
    A.do_request_change_hearing(case, by=flow.investigator, requested_on=timezone.localdate())
    with pytest.raises(DomainError, match="不能提交变更法制审核"):
        A.do_submit_change_review(case, by=flow.investigator)
    kwargs = {
        "notice_served_on": timezone.localdate(),
        "record": "当事人到场申辩",
        "chair_opinion": "维持拟变更意见",
    }
    with pytest.raises(DomainError, match="调查人员.*第64条"):
        A.do_record_change_hearing(
            case, by=flow.head, held_on=timezone.localdate(), chair=flow.officers[0], **kwargs
        )
    with pytest.raises(DomainError, match="7个工作日前.*第64条"):
        A.do_record_change_hearing(
            case, by=flow.head, held_on=timezone.localdate(), chair=flow.chair, **kwargs
        )


@pytest.mark.django_db
def test_the_lawful_change_gives_a_new_decision_number_and_a_new_public_revision(flow, client):
    case = served(flow)
    old_number = case.decision_number
    opened(flow, case)
    A.do_serve_change_notice(case, by=flow.investigator, service=flow.direct())
    A.do_record_change_statement(
        case,
        by=flow.investigator,
        received_on=timezone.localdate(),
        content="请求从轻",
        review_opinion="不予采纳",
    )
    A.do_waive_change_rights(case, by=flow.investigator, waived_on=timezone.localdate(), note="书面放弃听证")
    A.do_submit_change_review(case, by=flow.investigator)
    review_change(flow, case)
    change = A.do_decide_change(case, by=flow.leader)
    case.refresh_from_db()
    assert change.new_decision_number and change.new_decision_number != old_number
    assert case.decision_number == old_number  # not in force before service
    change = A.do_serve_change_decision(case, by=flow.investigator, service=flow.direct())
    case.refresh_from_db()
    assert case.decision_number == change.new_decision_number and str(case.fine_amount) == "50000.00"
    assert case.penalty_kinds == ["warning", "criticism", "fine"] and case.status == CaseStatus.EXECUTING
    assert case.payment_due_on == timezone.localdate() + timedelta(days=15)
    assert change.outcome == ChangeOutcome.IN_FORCE and change.old_decision_number == old_number
    assert str(change.old_fine) == "20000.00" and case.change_stage == ChangeStage.NONE
    publication = Publication.objects.get(source_id=str(case.pk), kind="decision")
    assert publication.state == PublicationState.CORRECTED
    revision = PublicationRevision.objects.get(publication=publication)
    assert revision.before["fields"]["fine_amount"] == "20000.00"
    assert revision.after["fields"]["fine_amount"] == "50000.00"
    assert old_number in revision.note and change.new_decision_number in revision.note
    body = client.get(f"/portal/decisions/{publication.public_id}/").content.decode()
    assert "发现新的违法事实" in body


@pytest.mark.django_db
def test_a_returned_review_needs_a_new_notice_and_a_withdrawn_change_leaves_the_decision(flow):
    case = served(flow)
    opened(flow, case)
    A.do_serve_change_notice(case, by=flow.investigator, service=flow.direct())
    A.do_waive_change_rights(case, by=flow.investigator, waived_on=timezone.localdate(), note="放弃")
    A.do_submit_change_review(case, by=flow.investigator)
    review_change(flow, case, result="returned")
    case.refresh_from_db()
    assert case.change_stage == ChangeStage.OPENED and case.changes.get().notified_on is None
    A.do_withdraw_change(case, by=flow.leader, reason="不再变更")
    case.refresh_from_db()
    assert case.change_stage == ChangeStage.NONE and str(case.fine_amount) == "20000.00"
    assert case.changes.get().outcome == ChangeOutcome.WITHDRAWN


@pytest.mark.django_db
def test_an_unchanged_penalty_is_a_correction_not_a_change_and_a_correction_keeps_the_penalty(flow):
    case = served(flow)
    with pytest.raises(DomainError, match="补正"):
        opened(flow, case, kinds=["warning", "fine"], fine="20000")
    with pytest.raises(DomainError, match="须办理变更"):
        A.do_correct_decision(case, by=flow.leader, reason="笔误", fine_amount="1")
    A.do_correct_decision(
        case, by=flow.leader, reason="当事人名称笔误", party_name="东丽区启智培训学校（更正）"
    )
    case.refresh_from_db()
    assert case.party_name.endswith("（更正）") and str(case.fine_amount) == "20000.00"
    publication = Publication.objects.get(source_id=str(case.pk), kind="decision")
    assert PublicationRevision.objects.get(publication=publication).note.startswith("补正")


@pytest.mark.django_db
def test_a_revocation_records_its_ground_and_approver_and_leaves_the_statistics(flow):
    case = served(flow)
    with pytest.raises(DomainError, match="复议决定书或判决书文号"):
        A.do_revoke_decision(
            case, by=flow.leader, revoked_on=timezone.localdate(), reason="复议撤销", ground="reconsideration"
        )
    A.do_revoke_decision(
        case, by=flow.leader, revoked_on=timezone.localdate(), reason="事实不清", ground="self"
    )
    case.refresh_from_db()
    assert case.revoke_ground == "self" and case.revoked_by == flow.leader
    assert not Case.objects.penalties().filter(pk=case.pk).exists()


@pytest.mark.django_db
def test_a_revocation_waits_for_a_pending_change_to_be_withdrawn(flow):
    case = served(flow)
    opened(flow, case)
    with pytest.raises(DomainError, match="变更程序"):
        A.do_revoke_decision(case, by=flow.leader, revoked_on=timezone.localdate(), reason="x", ground="self")


@pytest.mark.django_db
def test_the_change_pages_are_for_the_case_s_people_only(flow, client):
    case = served(flow)
    url = reverse("cases:action", args=[case.pk, "open-change"])
    data = {"kinds": ["warning", "criticism", "fine"], "fine": "50000", "reason": "情节特别严重"}
    outsider = UserFactory(role="officer", name="外执法")
    client.force_login(outsider)  # not on the team
    assert client.post(url, data).status_code == 404
    client.force_login(flow.reviewer)  # a colleague without the right to propose
    assert client.post(url, data).status_code == 403
    client.force_login(flow.investigator)  # the handler
    assert client.post(url, data).status_code == 302
    assert Case.objects.get(pk=case.pk).change_stage == ChangeStage.OPENED
    decide = reverse("cases:action", args=[case.pk, "change-decide"])
    client.force_login(flow.investigator)
    assert client.post(decide, {"note": ""}).status_code == 403


@pytest.mark.django_db
def test_only_a_leader_decides_a_change(flow):
    case = served(flow)
    opened(flow, case)
    with pytest.raises(PermissionDenied):
        A.do_withdraw_change(case, by=flow.head, reason="x")
