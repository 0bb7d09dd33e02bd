"""执行 → 结案 → 归档 (行政处罚法 第66–73条; 行政强制法 第53–54条; 53号令 第36–37条)."""

from django.db import transaction

from eduenforce.cases import rules
from eduenforce.cases.actions._base import begin, finish, not_future, text, today
from eduenforce.cases.actions.service import Service, record_service, served_date
from eduenforce.cases.choices import (
    PRE_DECISION,
    CaseStatus,
    ClosingGround,
    Outcome,
    ProposedOutcome,
    ServedDocument,
)
from eduenforce.cases.deadlines import court_application_opens, court_window
from eduenforce.cases.documents import issue_document, yuan
from eduenforce.cases.models import Case, Payment
from eduenforce.core.errors import DomainError
from eduenforce.core.transitions import Actor, Requirement, Transition

S = CaseStatus
MONEY_DUE = Requirement(lambda case: case.money_due, "本决定没有罚没款，请登记执行完毕")
RECORD_PAYMENT = Transition(
    "cases.record_payment",
    "登记缴款",
    "cases.investigate",
    {S.EXECUTING, S.COURT_APPLIED},
    requires=(MONEY_DUE,),
)


@transaction.atomic
def do_record_payment(case: Case, *, by, paid_on, amount, receipt_number: str) -> Payment:
    """缴款: the fine, the confiscated gains and, when late, the surcharge computed for ``paid_on``
    (3 % of the fine per day after the due date, never more than the fine)."""
    locked, before = begin(case, RECORD_PAYMENT, by)
    paid_on = not_future(paid_on, "缴款日期", "paid_on")
    if paid_on < locked.served_on:
        raise DomainError("缴款日期不能早于决定书送达日期", field="paid_on")
    amount = rules.to_amount(amount, "实缴金额", field="amount", required=True)
    due = rules.amount_due(
        fine=locked.fine_amount,
        confiscation=locked.confiscation_amount,
        due_on=locked.payment_due_on,
        on=paid_on,
    )
    if amount != due.total:
        raise DomainError(
            f"截至 {paid_on:%Y-%m-%d} 应缴 {yuan(due.total)} 元（罚款 {yuan(due.fine)} 元、没收违法所得 "
            f"{yuan(due.confiscation)} 元、加处罚款 {yuan(due.surcharge)} 元，逾期 {due.days_late} 日），"
            f"登记金额 {yuan(amount)} 元不符；分期、延期缴纳须另行批准",
            field="amount",
        )
    payment = Payment.objects.create(
        case=locked,
        paid_on=paid_on,
        amount=amount,
        fine=due.fine,
        confiscation=due.confiscation,
        surcharge=due.surcharge,
        days_late=due.days_late,
        receipt_number=text(receipt_number, "缴款凭证号", "receipt_number"),
        recorded_by=by,
    )
    locked.paid_on, locked.paid_amount, locked.surcharge_amount = paid_on, amount, due.surcharge
    locked.executed_on, locked.status = paid_on, CaseStatus.EXECUTED
    finish(case, locked, before, by=by, action="payment_recorded", extra={"payment": payment.pk})
    return payment


CONFIRM_EXECUTION = Transition(
    "cases.confirm_execution",
    "确认执行完毕",
    "cases.investigate",
    {S.EXECUTING},
    requires=(Requirement(lambda case: not case.money_due, "本决定有罚没款，请登记缴款"),),
)


@transaction.atomic
def do_confirm_execution(case: Case, *, by, executed_on, note: str) -> Case:
    """执行完毕 of a decision without money (e.g. 责令停止招收学员 verified)."""
    locked, before = begin(case, CONFIRM_EXECUTION, by)
    executed_on = not_future(executed_on, "执行完毕日期", "executed_on")
    if executed_on < locked.served_on:
        raise DomainError("执行日期不能早于送达日期", field="executed_on")
    locked.executed_on, locked.status = executed_on, CaseStatus.EXECUTED
    return finish(
        case,
        locked,
        before,
        by=by,
        action="execution_confirmed",
        extra={"note": text(note, "执行情况", "note")},
    )


SERVE_PAYMENT_REMINDER = Transition(
    "cases.serve_payment_reminder",
    "送达催告书",
    "cases.investigate",
    {S.EXECUTING},
    requires=(
        Requirement(lambda case: case.money_due, "本决定没有罚没款，无需催告"),
        Requirement(
            lambda case: case.payment_due_on is not None and today() > case.payment_due_on,
            lambda case: f"缴款期限至 {case.payment_due_on:%Y-%m-%d}，期满前不能催告",
            show=True,
        ),
    ),
)


@transaction.atomic
def do_serve_payment_reminder(case: Case, *, by, service: Service) -> Case:
    """催告书 after the payment deadline (行政强制法 第54条): the court may be asked 10 days after."""
    locked, before = begin(case, SERVE_PAYMENT_REMINDER, by)
    served_on = served_date(locked, service, not_before=locked.payment_due_on, label="缴款期限")
    due = rules.amount_due(
        fine=locked.fine_amount,
        confiscation=locked.confiscation_amount,
        due_on=locked.payment_due_on,
        on=today(),
    )
    document = issue_document(locked, "payment_reminder", by=by, due=due, on=today())
    record = record_service(
        locked,
        service,
        document=ServedDocument.PAYMENT_REMINDER,
        served_on=served_on,
        by=by,
        document_number=document.number,
    )
    locked.reminder_served_on = served_on
    return finish(case, locked, before, by=by, action="payment_reminder_served", extra={"service": record.pk})


APPLY_TO_COURT = Transition(
    "cases.apply_to_court",
    "申请法院强制执行",
    "cases.approve",
    {S.EXECUTING},
    requires=(
        Requirement(
            lambda case: bool(case.reminder_served_on), "申请强制执行前须先送达催告书（行政强制法第54条）"
        ),
    ),
)


@transaction.atomic
def do_apply_to_court(case: Case, *, by, applied_on, court: str, note: str = "") -> Case:
    """申请人民法院强制执行: 10 days after the 催告, within 3 months after the 复议/诉讼 periods end."""
    locked, before = begin(case, APPLY_TO_COURT, by)
    applied_on = not_future(applied_on, "申请日期", "applied_on")
    opens, closes = court_application_opens(locked), court_window(locked)[1]
    if applied_on < opens:
        raise DomainError(
            f"催告书送达满十日且复议、诉讼期限届满后方可申请，最早 {opens:%Y-%m-%d}", field="applied_on"
        )
    if applied_on > closes:
        raise DomainError(
            f"已超过申请法院强制执行的期限（{closes:%Y-%m-%d}，行政强制法第53条）", field="applied_on"
        )
    locked.court_applied_on, locked.status = applied_on, CaseStatus.COURT_APPLIED
    return finish(
        case,
        locked,
        before,
        by=by,
        action="court_applied",
        extra={"court": text(court, "受理法院", "court"), "note": note.strip()},
    )


CLOSABLE = PRE_DECISION | {S.DECIDED, S.SERVED, S.EXECUTED, S.COURT_APPLIED, S.DECISION_REVOKED}


def _ground_fits(case: Case, ground: str) -> bool:
    status = case.status
    if ground == ClosingGround.EXECUTED:
        return status == CaseStatus.EXECUTED
    if ground == ClosingGround.COURT:
        return status == CaseStatus.COURT_APPLIED
    if ground == ClosingGround.TERMINATED:
        return status in PRE_DECISION or (
            status == CaseStatus.DECIDED and case.outcome == Outcome.REVOKED_FILING
        )
    return status in (CaseStatus.SERVED, CaseStatus.DECISION_REVOKED) or (
        status in PRE_DECISION and case.proposed_outcome == ProposedOutcome.TRANSFER
    )


REQUEST_CLOSING = Transition(
    "cases.request_closing",
    "申请结案",
    "cases.investigate",
    CLOSABLE,
    requires=(
        Requirement(
            lambda case: (
                not (
                    case.publication_required and not case.published_on and case.status != S.DECISION_REVOKED
                )
            ),
            "行政处罚决定尚未公示，不能结案",
            show=True,
        ),
    ),
)


@transaction.atomic
def do_request_closing(case: Case, *, by, ground: str, note: str) -> Case:
    """申请结案 on one of the four grounds of 53号令 第37条; issues the 结案报告."""
    locked, before = begin(case, REQUEST_CLOSING, by)
    if ground not in ClosingGround.values:
        raise DomainError("请选择结案情形", field="ground")
    if not _ground_fits(locked, ground):
        raise DomainError(
            f"案件处于“{locked.get_status_display()}”阶段，不符合“{ClosingGround(ground).label}”的结案情形",
            field="ground",
        )
    locked.closing_ground, locked.closing_note = ground, text(note, "结案说明", "note")
    locked.closing_requested_by, locked.status_before_closing = by, locked.status
    locked.status = CaseStatus.CLOSING
    issue_document(locked, "closing_report", by=by)
    return finish(case, locked, before, by=by, action="closing_requested")


APPROVE_CLOSING = Transition(
    "cases.approve_closing",
    "批准结案",
    "cases.approve",
    {S.CLOSING},
    actor=Actor(lambda case, user: case.closing_requested_by_id != user.pk, "结案须由申请人以外的负责人批准"),
)


@transaction.atomic
def do_approve_closing(case: Case, *, by) -> Case:
    """负责人批准结案."""
    locked, before = begin(case, APPROVE_CLOSING, by)
    locked.closed_on, locked.closed_by, locked.status = today(), by, CaseStatus.CLOSED
    return finish(case, locked, before, by=by, action="closing_approved")


RETURN_CLOSING = Transition("cases.return_closing", "退回结案申请", "cases.approve", {S.CLOSING})


@transaction.atomic
def do_return_closing(case: Case, *, by, reason: str) -> Case:
    """负责人不同意结案: back to the stage it came from."""
    locked, before = begin(case, RETURN_CLOSING, by)
    locked.status, locked.closing_ground = locked.status_before_closing, ""
    return finish(
        case,
        locked,
        before,
        by=by,
        action="closing_returned",
        extra={"reason": text(reason, "理由", "reason")},
    )


ARCHIVE = Transition("cases.archive", "归档", "cases.approve", {S.CLOSED})


@transaction.atomic
def do_archive(case: Case, *, by, location: str) -> Case:
    """归档: the closed file gets its archive number."""
    locked, before = begin(case, ARCHIVE, by)
    locked.archive_location = text(location, "档案号/存放位置", "location")
    locked.archived_on, locked.status = today(), CaseStatus.ARCHIVED
    return finish(case, locked, before, by=by, action="archived")
