"""Every action refused from every state that does not allow it, with the case unchanged."""

from datetime import date

import pytest

from eduenforce.cases import actions as A
from eduenforce.cases.actions.decision import STANDING
from eduenforce.cases.actions.execution import CLOSABLE
from eduenforce.cases.choices import FINISHED, GATHERING, PRE_DECISION, CaseStatus
from eduenforce.cases.models import Case, Preservation
from eduenforce.cases.tests.factories import CHECKLIST_OK, CaseFactory, at
from eduenforce.core.errors import DomainError
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db
S = CaseStatus
D = date(2025, 6, 16)


def _pres(case, flow):
    return Preservation.objects.create(case=case, items="物品", reason="理由", requested_by=flow.investigator)


# action → (states that allow it, how to call it)
ACTIONS = {
    "approve_filing": ({S.FILING_REVIEW}, lambda c, f: A.do_approve_filing(c, by=f.head)),
    "refuse_filing": ({S.FILING_REVIEW}, lambda c, f: A.do_refuse_filing(c, by=f.head, reason="不符合")),
    "add_record": (
        GATHERING,
        lambda c, f: A.do_add_record(
            c,
            by=f.investigator,
            kind="inquiry",
            started_at=at(D),
            ended_at=at(D, 10),
            place="某地",
            officers=f.officers,
            subject_name="刘某",
            content="内容",
        ),
    ),
    "add_evidence": (
        GATHERING,
        lambda c, f: A.do_add_evidence(
            c, by=f.investigator, kind="documentary", title="收据", collected_on=D
        ),
    ),
    "request_preservation": (
        GATHERING,
        lambda c, f: A.do_request_preservation(c, by=f.investigator, items="x", reason="y"),
    ),
    "approve_preservation": (GATHERING, lambda c, f: A.do_approve_preservation(_pres(c, f), by=f.head)),
    "handle_preservation": (
        PRE_DECISION,
        lambda c, f: A.do_handle_preservation(_pres(c, f), by=f.investigator, handling="return"),
    ),
    "order_correction": (
        {S.INVESTIGATING, S.CORRECTION},
        lambda c, f: A.do_order_correction(
            c, by=f.investigator, content="改正", deadline=date(2025, 7, 1), basis="第20条"
        ),
    ),
    "record_correction": (
        {S.CORRECTION},
        lambda c, f: A.do_record_correction(
            c, by=f.investigator, corrected=True, verified_on=D, note="已改正"
        ),
    ),
    "conclude": ({S.INVESTIGATING, S.CORRECTION}, lambda c, f: f.conclude(c)),
    "reopen": (
        {S.REVIEW_RETURNED},
        lambda c, f: A.do_reopen_investigation(c, by=f.investigator, reason="补充"),
    ),
    "discussion": (
        {S.CONCLUDED},
        lambda c, f: A.do_record_discussion(
            c,
            by=f.head,
            held_on=D,
            attendees=[f.leader, f.deputy],
            opinions="同意",
            minutes="同意",
            result="agreed",
        ),
    ),
    "prior_notice": ({S.CONCLUDED, S.DISCUSSED}, lambda c, f: f.notified(c)),
    "statement": (
        {S.NOTIFIED, S.HEARING_REQUESTED, S.HEARING_SCHEDULED},
        lambda c, f: A.do_record_statement(
            c, by=f.investigator, received_on=D, content="申辩", review_opinion="不采纳"
        ),
    ),
    "waive": (
        {S.NOTIFIED},
        lambda c, f: A.do_waive_rights(c, by=f.investigator, waived_on=D, note="书面放弃"),
    ),
    "request_hearing": (
        {S.NOTIFIED},
        lambda c, f: A.do_request_hearing(c, by=f.investigator, requested_on=D),
    ),
    "schedule_hearing": (
        {S.HEARING_REQUESTED},
        lambda c, f: A.do_schedule_hearing(
            c, by=f.head, hearing_on=date(2025, 7, 1), place="听证室", chair=f.chair, service=f.direct()
        ),
    ),
    "record_hearing": (
        {S.HEARING_SCHEDULED},
        lambda c, f: A.do_record_hearing(
            c, by=f.head, held_on=D, party_attended=True, record="笔录", chair_opinion="维持"
        ),
    ),
    "submit_review": (
        {S.CONCLUDED, S.DISCUSSED, S.NOTIFIED, S.HEARD, S.REVIEW_RETURNED},
        lambda c, f: A.do_submit_for_review(c, by=f.investigator),
    ),
    "review": (
        {S.UNDER_REVIEW},
        lambda c, f: A.do_review(c, by=f.reviewer, checklist=CHECKLIST_OK, opinion="同意", result="passed"),
    ),
    "decide": ({S.REVIEWED}, lambda c, f: A.do_decide(c, by=f.leader, outcome="penalty", kinds=["warning"])),
    "serve_decision": (
        {S.DECIDED},
        lambda c, f: A.do_serve_decision(c, by=f.investigator, service=f.direct()),
    ),
    "publish": (set(STANDING), lambda c, f: A.do_publish_decision(c, by=f.head)),
    "revoke": (
        set(STANDING),
        lambda c, f: A.do_revoke_decision(
            c,
            by=f.leader,
            revoked_on=D,
            reason="复议撤销",
            ground="reconsideration",
            basis_number="东政复决〔2025〕1号",
        ),
    ),
    "open_change": (
        {S.DECIDED, S.SERVED, S.EXECUTING},
        lambda c, f: A.do_open_change(c, by=f.investigator, reason="复议变更", kinds=["warning"]),
    ),
    "payment": (
        {S.EXECUTING, S.COURT_APPLIED},
        lambda c, f: A.do_record_payment(c, by=f.investigator, paid_on=D, amount="100", receipt_number="R1"),
    ),
    "confirm_execution": (
        {S.EXECUTING},
        lambda c, f: A.do_confirm_execution(c, by=f.investigator, executed_on=D, note="已停止招生"),
    ),
    "payment_reminder": (
        {S.EXECUTING},
        lambda c, f: A.do_serve_payment_reminder(c, by=f.investigator, service=f.direct()),
    ),
    "court": (
        {S.EXECUTING},
        lambda c, f: A.do_apply_to_court(c, by=f.head, applied_on=D, court="东丽区人民法院"),
    ),
    "request_closing": (
        set(CLOSABLE),
        lambda c, f: A.do_request_closing(c, by=f.investigator, ground="other", note="说明"),
    ),
    "approve_closing": ({S.CLOSING}, lambda c, f: A.do_approve_closing(c, by=f.head)),
    "return_closing": ({S.CLOSING}, lambda c, f: A.do_return_closing(c, by=f.head, reason="补充")),
    "archive": ({S.CLOSED}, lambda c, f: A.do_archive(c, by=f.head, location="2025-1")),
    "address": (
        set(S) - FINISHED - {S.FILING_REVIEW},
        lambda c, f: A.do_record_address_confirmation(
            c, by=f.investigator, signed_on=D, address="party@example.cn"
        ),
    ),
}


@pytest.mark.parametrize("status", list(CaseStatus))
def test_every_action_not_allowed_in_a_state_is_refused_and_changes_nothing(flow, status):
    case = CaseFactory(status=status, team=flow.officers)
    before = Case.objects.filter(pk=case.pk).values().get()
    journal = JournalEntry.objects.count()
    refused = 0
    for name, (allowed, call) in ACTIONS.items():
        if status in allowed:
            continue
        with pytest.raises(DomainError) as error:
            call(Case.objects.get(pk=case.pk), flow)
        assert "当前" in error.value.message, (name, error.value.message)
        refused += 1
    assert refused > 0
    assert Case.objects.filter(pk=case.pk).values().get() == before
    assert JournalEntry.objects.count() == journal
