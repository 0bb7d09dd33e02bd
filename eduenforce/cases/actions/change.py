"""变更 and 补正 of a decision in force (行政处罚法 第44、45、48、58、61、63–65条; 53号令 第29–35条).

A changed penalty is a new decision: opening the change keeps the old decision in force; the new
penalty is notified (事先告知), the party may state, defend and (where 第63条 gives the right) ask
for a hearing, the change passes 法制审核, the leader decides it (after 负责人集体讨论 where the law
requires one), a new 决定书 is numbered and served, and only then does it take effect. The old
decision stays on record in the ``DecisionChange`` row and its issued 决定书; a published decision is
corrected as a new revision with the change note, never rewritten in place. A 补正 corrects a clerical
error without touching the penalty.
"""

import copy

from django.db import transaction

from eduenforce.cases import discretion, rules
from eduenforce.cases import discussion as collective
from eduenforce.cases.actions._base import begin, finish, not_future, text, today
from eduenforce.cases.actions.decision import NON_MONETARY_DONE_ON_SERVICE, public_fields
from eduenforce.cases.actions.procedure import REVIEW, _leaders
from eduenforce.cases.actions.service import Service, record_service, served_date
from eduenforce.cases.choices import (
    CaseStatus,
    ChangeKind,
    ChangeOutcome,
    ChangeStage,
    DiscussionResult,
    Outcome,
    ReviewResult,
    ServedDocument,
)
from eduenforce.cases.documents import issue_document
from eduenforce.cases.models import Case, DecisionChange, Discussion
from eduenforce.cases.rules import to_amount
from eduenforce.core.deadlines import due_date
from eduenforce.core.errors import DomainError
from eduenforce.core.transitions import Requirement, Transition
from eduenforce.portal import services as portal
from eduenforce.portal.choices import PublicationKind, PublicationState

S, C = CaseStatus, ChangeStage
CHANGEABLE = frozenset({S.DECIDED, S.SERVED, S.EXECUTING})
PENDING = frozenset(set(ChangeStage) - {C.NONE})


def pending(case: Case) -> DecisionChange:
    return case.changes.select_for_update().get(outcome=ChangeOutcome.PENDING, kind=ChangeKind.CHANGE)


def _no_change_pending(case: Case) -> bool:
    return case.change_stage == C.NONE


OPEN_CHANGE = Transition(
    "cases.open_change",
    "提出变更处罚决定",
    "cases.investigate",
    CHANGEABLE,
    requires=(
        Requirement(
            lambda case: case.outcome == Outcome.PENALTY and not case.paid_on,
            "只有尚未执行完毕的行政处罚决定可以变更",
        ),
        Requirement(_no_change_pending, "本案已有进行中的变更程序"),
    ),
)


@transaction.atomic
def do_open_change(case: Case, *, by, reason: str, kinds, fine=None, confiscation=None) -> DecisionChange:
    """Propose a changed penalty: nothing changes for the party yet; the new notice comes next."""
    locked, before = begin(case, OPEN_CHANGE, by)
    kinds = list(kinds or ())
    fine = to_amount(fine, "罚款金额", field="fine")
    confiscation = to_amount(confiscation, "没收违法所得金额", field="confiscation")
    if not kinds:
        raise DomainError("请选择处罚种类", field="kinds")
    if (kinds, fine, confiscation) == (locked.penalty_kinds, locked.fine_amount, locked.confiscation_amount):
        raise DomainError("拟变更的处罚与原决定相同；仅更正文字错误的，请办理补正", field="kinds")
    discretion.check_legal_limits(
        locked.violation,
        severity=locked.severity,
        gains=locked.illegal_gains,
        kinds=kinds,
        fine=fine,
        confiscation=confiscation,
    )
    change = DecisionChange.objects.create(
        case=locked,
        reason=text(reason, "变更理由", "reason"),
        opened_by=by,
        old_decision_number=locked.decision_number,
        old_decided_on=locked.decided_on,
        old_kinds=locked.penalty_kinds,
        old_fine=locked.fine_amount,
        old_confiscation=locked.confiscation_amount,
        new_kinds=kinds,
        new_fine=fine,
        new_confiscation=confiscation,
    )
    locked.change_stage = C.OPENED
    finish(case, locked, before, by=by, action="change_opened", extra={"change": change.pk, "kinds": kinds})
    return change


RECORD_CHANGE_DISCUSSION = Transition(
    "cases.record_change_discussion", "记录变更集体讨论", "cases.approve", {C.OPENED}, field="change_stage"
)


@transaction.atomic
def do_record_change_discussion(
    case: Case, *, by, held_on, attendees, opinions: str, minutes: str, result: str
) -> Discussion:
    """负责人集体讨论 of the changed penalty, before its notice (53号令 第34条)."""
    locked, before = begin(case, RECORD_CHANGE_DISCUSSION, by)
    change = pending(locked)
    held_on = not_future(held_on, "讨论日期", "held_on")
    if held_on < change.created_at.date():
        raise DomainError("集体讨论日期不能早于提出变更", field="held_on")
    if result not in DiscussionResult.values:
        raise DomainError("请选择讨论结论", field="result")
    leaders = _leaders(attendees)
    record = Discussion.objects.create(
        case=locked,
        change=change,
        held_on=held_on,
        opinions=text(opinions, "参加人员意见", "opinions"),
        minutes=text(minutes, "讨论结论及理由", "minutes"),
        result=result,
        recorded_by=by,
    )
    record.attendees.set(leaders)
    extra = {"change": change.pk, "discussion": record.pk, "result": result}
    finish(case, locked, before, by=by, action="change_discussion_recorded", extra=extra)
    return record


def _change_undiscussed(case: Case, *, before: str) -> str | None:
    change = case.changes.filter(outcome=ChangeOutcome.PENDING, kind=ChangeKind.CHANGE).first()
    if change is None:
        return None
    found = collective.grounds(case, change.new_kinds, change.new_fine)
    if not found or change.discussions.filter(result=DiscussionResult.AGREED).exists():
        return None
    return f"变更后的处罚{'、'.join(found)}，须经负责人集体讨论，方可{before}（{collective.ARTICLE}）"


SERVE_CHANGE_NOTICE = Transition(
    "cases.serve_change_notice",
    "送达变更事先告知书",
    "cases.investigate",
    {C.OPENED},
    field="change_stage",
    requires=(
        Requirement(
            lambda case: _change_undiscussed(case, before="送达变更事先告知书") is None,
            lambda case: _change_undiscussed(case, before="送达变更事先告知书"),
            show=True,
        ),
    ),
)


@transaction.atomic
def do_serve_change_notice(case: Case, *, by, service: Service) -> DecisionChange:
    """The new 事先告知书: the changed penalty, its facts and basis, and the party's rights."""
    locked, before = begin(case, SERVE_CHANGE_NOTICE, by)
    change = pending(locked)
    served_on = served_date(locked, service, not_before=change.created_at.date(), label="提出变更日期")
    reasons = rules.hearing_right(
        party_kind=locked.party_kind,
        kinds=change.new_kinds,
        fine=change.new_fine,
        confiscation=change.new_confiscation,
    )
    change.notified_on, change.hearing_right = served_on, bool(reasons)
    change.statement_due_on = due_date("statement_defence", served_on)
    change.hearing_request_due_on = due_date("hearing_request", served_on) if reasons else None
    change.save()
    notice = issue_document(locked, "change_notice", by=by, obj=change, hearing_reasons="；".join(reasons))
    record = record_service(
        locked,
        service,
        document=ServedDocument.PRIOR_NOTICE,
        served_on=served_on,
        by=by,
        document_number=notice.number,
    )
    locked.change_stage = C.NOTIFIED
    extra = {"change": change.pk, "service": record.pk, "hearing_reasons": reasons}
    finish(case, locked, before, by=by, action="change_notice_served", extra=extra)
    return change


RECORD_CHANGE_STATEMENT = Transition(
    "cases.record_change_statement",
    "记录变更陈述申辩",
    "cases.investigate",
    {C.NOTIFIED},
    field="change_stage",
)


@transaction.atomic
def do_record_change_statement(
    case: Case, *, by, received_on, content: str, review_opinion: str
) -> DecisionChange:
    """陈述、申辩 on the changed penalty within 5 working days (53号令 第31条), with the 复核."""
    locked, before = begin(case, RECORD_CHANGE_STATEMENT, by)
    change = pending(locked)
    received_on = not_future(received_on, "提出日期", "received_on")
    if received_on < change.notified_on:
        raise DomainError("陈述申辩日期不能早于变更告知书送达日期", field="received_on")
    if received_on > change.statement_due_on:
        raise DomainError(
            f"陈述申辩期限已于 {change.statement_due_on:%Y-%m-%d} 届满，视为放弃（53号令第31条）",
            field="received_on",
        )
    entry = f"{received_on:%Y-%m-%d} 陈述申辩：{text(content, '陈述申辩内容', 'content')}；复核意见：" + text(
        review_opinion, "复核意见", "review_opinion"
    )
    change.statement = "\n".join(p for p in (change.statement, entry) if p)
    change.save()
    finish(case, locked, before, by=by, action="change_statement_recorded", extra={"change": change.pk})
    return change


WAIVE_CHANGE_RIGHTS = Transition(
    "cases.waive_change_rights",
    "登记放弃变更陈述申辩",
    "cases.investigate",
    {C.NOTIFIED},
    field="change_stage",
)


@transaction.atomic
def do_waive_change_rights(case: Case, *, by, waived_on, note: str) -> DecisionChange:
    locked, before = begin(case, WAIVE_CHANGE_RIGHTS, by)
    change = pending(locked)
    waived_on = not_future(waived_on, "放弃日期", "waived_on")
    if waived_on < change.notified_on:
        raise DomainError("放弃日期不能早于变更告知书送达日期", field="waived_on")
    change.rights_waived_on = waived_on
    change.save()
    extra = {"change": change.pk, "note": text(note, "说明", "note")}
    finish(case, locked, before, by=by, action="change_rights_waived", extra=extra)
    return change


REQUEST_CHANGE_HEARING = Transition(
    "cases.request_change_hearing",
    "登记变更听证申请",
    "cases.investigate",
    {C.NOTIFIED},
    field="change_stage",
    requires=(
        Requirement(
            lambda case: pending_row(case).hearing_right,
            "变更后的处罚未达到听证条件（行政处罚法第63条；53号令第30条），当事人不享有听证权利",
        ),
        Requirement(lambda case: not pending_row(case).rights_waived_on, "当事人已明确放弃听证权利"),
    ),
)


def pending_row(case: Case) -> DecisionChange:
    return case.changes.get(outcome=ChangeOutcome.PENDING, kind=ChangeKind.CHANGE)


@transaction.atomic
def do_request_change_hearing(case: Case, *, by, requested_on) -> DecisionChange:
    locked, before = begin(case, REQUEST_CHANGE_HEARING, by)
    change = pending(locked)
    requested_on = not_future(requested_on, "申请日期", "requested_on")
    if requested_on < change.notified_on or requested_on > change.hearing_request_due_on:
        raise DomainError(
            f"听证申请应在变更告知书送达后五个工作日内（至 {change.hearing_request_due_on:%Y-%m-%d}）提出"
            "（行政处罚法第64条）",
            field="requested_on",
        )
    change.hearing_requested_on = requested_on
    change.save()
    locked.change_stage = C.HEARING_REQUESTED
    finish(case, locked, before, by=by, action="change_hearing_requested", extra={"change": change.pk})
    return change


RECORD_CHANGE_HEARING = Transition(
    "cases.record_change_hearing",
    "记录变更听证",
    "cases.hearing",
    {C.HEARING_REQUESTED},
    field="change_stage",
)


@transaction.atomic
def do_record_change_hearing(
    case: Case, *, by, notice_served_on, held_on, chair, record: str, chair_opinion: str
) -> DecisionChange:
    """The hearing on the changed penalty: notified 7 working days ahead, chaired by a non-investigator."""
    locked, before = begin(case, RECORD_CHANGE_HEARING, by)
    change = pending(locked)
    if chair is None or chair.pk in {o.pk for o in locked.team_officers}:
        raise DomainError("听证主持人不得由本案调查人员担任（行政处罚法第64条）", field="chair")
    notice_served_on = not_future(notice_served_on, "听证通知送达日期", "notice_served_on")
    held_on = not_future(held_on, "听证日期", "held_on")
    earliest = due_date("hearing_notice", notice_served_on)
    if notice_served_on < change.hearing_requested_on or held_on < earliest:
        raise DomainError(
            f"听证通知须在举行听证7个工作日前送达（行政处罚法第64条）：听证最早可于 {earliest:%Y-%m-%d} 举行",
            field="held_on",
        )
    change.hearing_held_on, change.hearing_chair = held_on, chair
    change.hearing_record = f"{text(record, '听证笔录', 'record')}\n主持人意见：{text(chair_opinion, '主持人意见', 'chair_opinion')}"
    change.save()
    locked.change_stage = C.HEARD
    finish(case, locked, before, by=by, action="change_hearing_recorded", extra={"change": change.pk})
    return change


def _window_open(change: DecisionChange, due_on) -> bool:
    return not change.rights_waived_on and due_on is not None and today() <= due_on


SUBMIT_CHANGE_REVIEW = Transition(
    "cases.submit_change_review",
    "提交变更法制审核",
    "cases.investigate",
    {C.NOTIFIED, C.HEARD},
    field="change_stage",
    requires=(
        Requirement(
            lambda case: (
                case.change_stage == C.HEARD
                or not _window_open(pending_row(case), pending_row(case).statement_due_on)
            ),
            lambda case: (
                f"变更告知的陈述申辩期限至 {pending_row(case).statement_due_on:%Y-%m-%d}，期满前不能提交法制审核"
                "（行政处罚法第45条；53号令第31条）"
            ),
            show=True,
        ),
        Requirement(
            lambda case: (
                case.change_stage == C.HEARD
                or not (
                    pending_row(case).hearing_right
                    and _window_open(pending_row(case), pending_row(case).hearing_request_due_on)
                )
            ),
            lambda case: (
                f"听证申请期限至 {pending_row(case).hearing_request_due_on:%Y-%m-%d}，期满前不能提交法制审核"
                "（行政处罚法第64条）"
            ),
            show=True,
        ),
    ),
)


@transaction.atomic
def do_submit_change_review(case: Case, *, by) -> DecisionChange:
    locked, before = begin(case, SUBMIT_CHANGE_REVIEW, by)
    change = pending(locked)
    locked.change_stage = C.UNDER_REVIEW
    finish(case, locked, before, by=by, action="change_review_submitted", extra={"change": change.pk})
    return change


REVIEW_CHANGE = Transition(
    "cases.review_change",
    "变更法制审核",
    "cases.review",
    {C.UNDER_REVIEW},
    field="change_stage",
    actor=REVIEW.actor,
)


@transaction.atomic
def do_review_change(case: Case, *, by, opinion: str, result: str) -> DecisionChange:
    """法制审核 of the change (行政处罚法 第58条); a return sends it back to a new notice."""
    locked, before = begin(case, REVIEW_CHANGE, by)
    change = pending(locked)
    if result not in ReviewResult.values:
        raise DomainError("请选择审核结论", field="result")
    change.reviewer, change.reviewed_on, change.review_result = by, today(), result
    change.review_opinion = text(opinion, "审核意见", "opinion")
    if result == ReviewResult.PASSED:
        locked.change_stage = C.REVIEWED
    else:
        locked.change_stage = C.OPENED
        change.notified_on = change.statement_due_on = change.hearing_request_due_on = None
        change.rights_waived_on = change.hearing_requested_on = change.hearing_held_on = None
    change.save()
    finish(
        case, locked, before, by=by, action="change_reviewed", extra={"change": change.pk, "result": result}
    )
    return change


DECIDE_CHANGE = Transition(
    "cases.decide_change",
    "作出变更决定",
    "cases.decide",
    {C.REVIEWED},
    field="change_stage",
    why="未经重新告知、听取陈述申辩和法制审核通过，不得变更处罚决定（行政处罚法第44、45、58条）",
    requires=(
        Requirement(
            lambda case: _change_undiscussed(case, before="作出变更决定") is None,
            lambda case: _change_undiscussed(case, before="作出变更决定"),
        ),
    ),
)


def _draft(case: Case, change: DecisionChange) -> Case:
    """The case as the new 决定书 states it (an unsaved copy: the old decision is still in force)."""
    draft = copy.copy(case)
    draft.decided_on = change.decided_on or today()
    draft.penalty_kinds, draft.fine_amount = change.new_kinds, change.new_fine
    draft.confiscation_amount = change.new_confiscation
    suggestion = discretion.suggest(case.violation, discretion.Facts.of(case))
    draft.within_range = suggestion.allows(change.new_kinds, change.new_fine)
    draft.discretion_statement = (
        discretion.statement(draft, suggestion.range_text())
        + f"（本决定变更本机关{change.old_decision_number}行政处罚决定，理由：{change.reason}）"
    )
    return draft


@transaction.atomic
def do_decide_change(case: Case, *, by) -> DecisionChange:
    """The leader decides the change as notified (never heavier: 第45条); a new 决定书 is numbered."""
    locked, before = begin(case, DECIDE_CHANGE, by)
    change = pending(locked)
    document = issue_document(_draft(locked, change), "decision", by=by)
    change.new_decision_number, change.decided_by, change.decided_on = document.number, by, today()
    change.service_due_on = due_date("decision_service", change.decided_on)
    change.save()
    locked.change_stage = C.DECIDED
    extra = {"change": change.pk, "document": document.number}
    finish(case, locked, before, by=by, action="change_decided", extra=extra)
    return change


SERVE_CHANGE_DECISION = Transition(
    "cases.serve_change_decision", "送达变更决定书", "cases.investigate", {C.DECIDED}, field="change_stage"
)


@transaction.atomic
def do_serve_change_decision(case: Case, *, by, service: Service) -> DecisionChange:
    """Served, the new decision takes effect: it supersedes the old one, the payment clock restarts
    and a published decision gets a new revision with the change note."""
    locked, before = begin(case, SERVE_CHANGE_DECISION, by)
    change = pending(locked)
    served_on = served_date(locked, service, not_before=change.decided_on, label="变更决定日期")
    record = record_service(
        locked,
        service,
        document=ServedDocument.DECISION,
        served_on=served_on,
        by=by,
        document_number=change.new_decision_number,
    )
    draft = _draft(locked, change)
    locked.penalty_kinds, locked.fine_amount = (
        draft.penalty_kinds,
        draft.fine_amount,
    )  # decided_on: the case's first
    locked.confiscation_amount, locked.within_range = draft.confiscation_amount, draft.within_range
    locked.discretion_statement, locked.decision_number = (
        draft.discretion_statement,
        change.new_decision_number,
    )
    locked.served_on, locked.served_in_time = served_on, service.delivered_on <= change.service_due_on
    _restart_execution(locked, served_on)
    change.served_on, change.ended_on, change.outcome = served_on, today(), ChangeOutcome.IN_FORCE
    change.save()
    locked.change_stage = C.NONE
    _correct_publication(
        locked,
        by,
        f"原行政处罚决定（{change.old_decision_number}）已变更为"
        f"{change.new_decision_number}：{change.reason}",
    )
    extra = {"change": change.pk, "service": record.pk, "superseded": change.old_decision_number}
    finish(case, locked, before, by=by, action="change_in_force", extra=extra)
    return change


def _restart_execution(case: Case, served_on) -> None:
    case.executed_on = None
    if case.money_due:
        case.payment_due_on, case.status = due_date("fine_payment", served_on), S.EXECUTING
    elif set(case.penalty_kinds) <= NON_MONETARY_DONE_ON_SERVICE:
        case.payment_due_on, case.status, case.executed_on = None, S.EXECUTED, served_on
    else:
        case.payment_due_on, case.status = None, S.EXECUTING


def _correct_publication(case: Case, by, note: str) -> None:
    publication = portal.publication_for(PublicationKind.DECISION, case)
    if publication is None or publication.state not in (
        PublicationState.PUBLISHED,
        PublicationState.CORRECTED,
    ):
        return
    fields = public_fields(case) | {"change_note": note}
    portal.correct(
        publication,
        by=by,
        note=note,
        fields=fields,
        summary=f"{fields['violation']}；{fields['penalty']}"[:500],
    )


WITHDRAW_CHANGE = Transition(
    "cases.withdraw_change", "撤回变更程序", "cases.decide", PENDING - {C.DECIDED}, field="change_stage"
)


@transaction.atomic
def do_withdraw_change(case: Case, *, by, reason: str) -> DecisionChange:
    """The change is dropped before a new decision; the old decision simply stays in force."""
    locked, before = begin(case, WITHDRAW_CHANGE, by)
    change = pending(locked)
    change.outcome, change.ended_on = ChangeOutcome.WITHDRAWN, today()
    change.review_opinion = "\n".join(
        p for p in (change.review_opinion, f"撤回：{text(reason, '撤回理由', 'reason')}") if p
    )
    change.save()
    locked.change_stage = C.NONE
    finish(case, locked, before, by=by, action="change_withdrawn", extra={"change": change.pk})
    return change


CORRECT_DECISION = Transition(
    "cases.correct_decision",
    "补正决定书文字错误",
    "cases.decide",
    CHANGEABLE | {S.EXECUTED, S.COURT_APPLIED},
    requires=(
        Requirement(lambda case: case.outcome == Outcome.PENALTY, "只有行政处罚决定需要补正"),
        Requirement(_no_change_pending, "本案有进行中的变更程序，请在变更决定中一并处理"),
    ),
)
CLERICAL = {
    "party_name": "当事人名称",
    "party_address": "当事人地址",
    "party_representative": "法定代表人/负责人",
}


@transaction.atomic
def do_correct_decision(case: Case, *, by, reason: str, **corrections) -> DecisionChange:
    """补正: a clerical error in the 决定书 (a misspelt name, an address) corrected with the leader's
    approval; the penalty is not touched (a different penalty is a 变更). Journaled; a published
    decision gets a new revision with the note."""
    locked, before = begin(case, CORRECT_DECISION, by)
    unknown = set(corrections) - set(CLERICAL)
    if unknown:
        raise DomainError(
            "补正只能更正当事人名称、地址等文字错误；改变处罚内容的，须办理变更", field="reason"
        )
    changed = {k: v.strip() for k, v in corrections.items() if v and v.strip() != getattr(locked, k)}
    if not changed:
        raise DomainError("请填写需要补正的内容", field="reason")
    reason = text(reason, "补正理由", "reason")
    for name, value in changed.items():
        setattr(locked, name, value)
    change = DecisionChange.objects.create(
        case=locked,
        kind=ChangeKind.CORRECTION,
        outcome=ChangeOutcome.CORRECTED,
        reason=reason,
        opened_by=by,
        decided_by=by,
        decided_on=today(),
        ended_on=today(),
        old_decision_number=locked.decision_number,
        old_decided_on=locked.decided_on,
        old_kinds=locked.penalty_kinds,
        old_fine=locked.fine_amount,
        old_confiscation=locked.confiscation_amount,
        new_kinds=locked.penalty_kinds,
        new_fine=locked.fine_amount,
        new_confiscation=locked.confiscation_amount,
    )
    labels = "、".join(CLERICAL[k] for k in changed)
    _correct_publication(locked, by, f"补正（{labels}）：{reason}")
    finish(
        case,
        locked,
        before,
        by=by,
        action="decision_corrected",
        extra={"change": change.pk, "fields": sorted(changed)},
    )
    return change
