"""调查取证 → 责令改正 → 调查终结 (行政处罚法 第54–57条; 53号令 第28、32条)."""

import re
from decimal import Decimal

from django.apps import apps
from django.db import transaction
from django.utils import timezone

from eduenforce.cases import carry, discretion, limits
from eduenforce.cases.actions._base import begin, finish, not_future, text, today
from eduenforce.cases.choices import (
    GATHERING,
    PRE_DECISION,
    CaseStatus,
    EvidenceKind,
    Harm,
    PenaltyKind,
    PreservationHandling,
    PreservationStatus,
    ProposedOutcome,
    RecordKind,
    Severity,
)
from eduenforce.cases.documents import issue_document
from eduenforce.cases.models import Case, CaseEvidence, CorrectionOrder, InvestigationRecord, Preservation
from eduenforce.cases.rules import to_amount
from eduenforce.core.deadlines import due_date
from eduenforce.core.errors import DomainError
from eduenforce.core.transitions import Requirement, Transition
from eduenforce.officers.eligibility import check_team

_HEX64 = re.compile(r"^[0-9a-f]{64}$")
S = CaseStatus

ADD_RECORD = Transition("cases.add_record", "制作笔录", "cases.investigate", GATHERING)


@transaction.atomic
def do_add_record(
    case: Case,
    *,
    by,
    kind: str,
    started_at,
    ended_at,
    place: str,
    officers,
    subject_name: str,
    content: str,
    subject_detail: str = "",
) -> InvestigationRecord:
    """询问笔录 / 现场检查笔录 by at least two officers certified that day (行政处罚法 第42、55条)."""
    locked, before = begin(case, ADD_RECORD, by)
    if kind not in RecordKind.values:
        raise DomainError("笔录种类不正确", field="kind")
    if started_at is None or ended_at is None:
        raise DomainError("请填写笔录的开始和结束时间", field="started_at")
    if ended_at < started_at:
        raise DomainError("结束时间不能早于开始时间", field="ended_at")
    if started_at > timezone.now():
        raise DomainError("开始时间不能晚于现在", field="started_at")
    day = timezone.localdate(started_at)
    if locked.filed_on and day < locked.filed_on:
        raise DomainError("立案前的材料请作为证据登记，笔录日期不能早于立案日期", field="started_at")
    officers = list(officers)
    check_team(officers, day)
    record = InvestigationRecord.objects.create(
        case=locked,
        kind=kind,
        started_at=started_at,
        ended_at=ended_at,
        place=text(place, "地点", "place"),
        subject_name=text(subject_name, "被询问人/现场负责人", "subject_name"),
        subject_detail=subject_detail.strip(),
        content=text(content, "笔录内容", "content"),
        recorded_by=by,
    )
    record.officers.set(officers)
    issue_document(locked, f"{kind}_record", by=by, obj=record)
    finish(
        case,
        locked,
        before,
        by=by,
        action="record_added",
        extra={"record": record.pk, "kind": kind, "officers": [o.pk for o in officers]},
    )
    return record


ADD_EVIDENCE = Transition("cases.add_evidence", "登记证据", "cases.investigate", GATHERING)


@transaction.atomic
def do_add_evidence(
    case: Case,
    *,
    by,
    kind: str,
    title: str,
    collected_on,
    description: str = "",
    source_ref: str = "",
    sha256: str = "",
) -> CaseEvidence:
    """Register an item of evidence (the eight kinds of 行政处罚法 第46条).

    ``source_ref`` may name an evidence file (``records.evidencefile:<id>``); its stored hash
    is then taken over, so the case shows the hash the file had when it was collected.
    """
    locked, before = begin(case, ADD_EVIDENCE, by)
    if kind not in EvidenceKind.values:
        raise DomainError("证据种类不正确", field="kind")
    not_future(collected_on, "取得日期", "collected_on")
    sha256 = (sha256 or "").strip().lower()
    source_ref = (source_ref or "").strip()
    if source_ref:
        sha256 = _evidence_file_hash(source_ref) or sha256
    if sha256 and not _HEX64.match(sha256):
        raise DomainError("SHA-256 应为 64 位十六进制字符", field="sha256")
    evidence = CaseEvidence.objects.create(
        case=locked,
        kind=kind,
        title=text(title, "证据名称", "title"),
        description=description.strip(),
        collected_on=collected_on,
        source_ref=source_ref,
        sha256=sha256,
        added_by=by,
    )
    finish(
        case,
        locked,
        before,
        by=by,
        action="evidence_added",
        extra={"evidence": evidence.pk, "kind": kind, "sha256": sha256, "source_ref": source_ref},
    )
    return evidence


def _evidence_file_hash(ref: str) -> str:
    label, _, pk = ref.partition(":")
    if label != "records.evidencefile":
        return ""
    try:
        model = apps.get_model("records", "EvidenceFile")
    except LookupError:
        return ""
    found = model.objects.filter(pk=pk).values_list("sha256", flat=True).first() if pk.isdigit() else None
    if found is None:
        raise DomainError(f"未找到证据文件 {ref}", field="source_ref")
    return found


REQUEST_PRESERVATION = Transition(
    "cases.request_preservation", "申请先行登记保存", "cases.investigate", GATHERING
)


@transaction.atomic
def do_request_preservation(case: Case, *, by, items: str, reason: str) -> Preservation:
    """申请先行登记保存 (needs the head's approval before it takes effect)."""
    locked, before = begin(case, REQUEST_PRESERVATION, by)
    preservation = Preservation.objects.create(
        case=locked,
        items=text(items, "保存物品清单", "items"),
        reason=text(reason, "理由", "reason"),
        requested_by=by,
    )
    finish(
        case, locked, before, by=by, action="preservation_requested", extra={"preservation": preservation.pk}
    )
    return preservation


def _has_preservation(status):
    return lambda case: case.preservations.filter(status=status).exists()


PENDING_PRESERVATION = Requirement(
    _has_preservation(PreservationStatus.PENDING_APPROVAL), "没有待审批的先行登记保存"
)
APPROVE_PRESERVATION = Transition(
    "cases.approve_preservation",
    "批准先行登记保存",
    "cases.approve",
    GATHERING,
    requires=(PENDING_PRESERVATION,),
)
REFUSE_PRESERVATION = Transition(
    "cases.refuse_preservation",
    "不批准先行登记保存",
    "cases.approve",
    GATHERING,
    requires=(PENDING_PRESERVATION,),
)
HANDLE_PRESERVATION = Transition(
    "cases.handle_preservation",
    "先行登记保存处理决定",
    "cases.investigate",
    PRE_DECISION,
    requires=(Requirement(_has_preservation(PreservationStatus.PRESERVED), "没有待处理的先行登记保存"),),
)


def _locked_preservation(preservation: Preservation, status, label: str) -> Preservation:
    p = Preservation.objects.select_for_update().get(pk=preservation.pk)
    if p.status != status:
        raise DomainError(f"该先行登记保存当前为“{p.get_status_display()}”，不能{label}")
    return p


@transaction.atomic
def do_approve_preservation(preservation: Preservation, *, by) -> Preservation:
    """负责人批准先行登记保存: the 7-working-day handling clock starts, the notice is issued."""
    locked, before = begin(preservation.case, APPROVE_PRESERVATION, by)
    p = _locked_preservation(preservation, PreservationStatus.PENDING_APPROVAL, "批准")
    if p.requested_by_id == by.pk:
        raise DomainError("先行登记保存须由申请人以外的负责人批准")
    p.status, p.approved_by, p.preserved_on = PreservationStatus.PRESERVED, by, today()
    p.handle_due_on = due_date("evidence_preservation_decision", p.preserved_on)
    p.save()
    issue_document(locked, "preservation_notice", by=by, obj=p)
    finish(
        preservation.case,
        locked,
        before,
        by=by,
        action="preservation_approved",
        extra={"preservation": p.pk, "handle_due_on": p.handle_due_on},
    )
    preservation.refresh_from_db()
    return preservation


@transaction.atomic
def do_refuse_preservation(preservation: Preservation, *, by, reason: str) -> Preservation:
    locked, before = begin(preservation.case, REFUSE_PRESERVATION, by)
    p = _locked_preservation(preservation, PreservationStatus.PENDING_APPROVAL, "审批")
    p.status, p.approved_by, p.handling_note = PreservationStatus.REFUSED, by, text(reason, "理由", "reason")
    p.save()
    finish(
        preservation.case, locked, before, by=by, action="preservation_refused", extra={"preservation": p.pk}
    )
    preservation.refresh_from_db()
    return preservation


@transaction.atomic
def do_handle_preservation(
    preservation: Preservation, *, by, handling: str, note: str = "", handled_on=None
) -> Preservation:
    """先行登记保存处理决定 (due within 7 working days; a late one is recorded as late)."""
    locked, before = begin(preservation.case, HANDLE_PRESERVATION, by)
    p = _locked_preservation(preservation, PreservationStatus.PRESERVED, "作出处理决定")
    if handling not in PreservationHandling.values:
        raise DomainError("请选择处理决定", field="handling")
    handled_on = not_future(handled_on or today(), "处理日期", "handled_on")
    if handled_on < p.preserved_on:
        raise DomainError("处理日期不能早于登记保存日期", field="handled_on")
    p.status, p.handling, p.handling_note, p.handled_on = (
        PreservationStatus.HANDLED,
        handling,
        note.strip(),
        handled_on,
    )
    p.handled_in_time = handled_on <= p.handle_due_on
    p.save()
    finish(
        preservation.case,
        locked,
        before,
        by=by,
        action="preservation_handled",
        extra={"preservation": p.pk, "handling": handling, "in_time": p.handled_in_time},
    )
    preservation.refresh_from_db()
    return preservation


ORDER_CORRECTION = Transition(
    "cases.order_correction", "责令改正", "cases.investigate", {S.INVESTIGATING, S.CORRECTION}
)


@transaction.atomic
def do_order_correction(case: Case, *, by, content: str, deadline, basis: str = "") -> CorrectionOrder:
    """责令（限期）改正 (required before a decision, 53号令 第32条); issues the 通知书."""
    locked, before = begin(case, ORDER_CORRECTION, by)
    if deadline is None or deadline <= today():
        raise DomainError("改正期限应晚于今天", field="deadline")
    basis = basis.strip() or (locked.violation.legal_basis if locked.violation else "")
    order = CorrectionOrder.objects.create(
        case=locked,
        content=text(content, "责令改正内容", "content"),
        basis=text(basis, "依据", "basis"),
        ordered_on=today(),
        deadline=deadline,
        ordered_by=by,
    )
    locked.status = CaseStatus.CORRECTION
    issue_document(locked, "correction_notice", by=by, obj=order)
    finish(
        case,
        locked,
        before,
        by=by,
        action="correction_ordered",
        extra={"order": order.pk, "deadline": deadline},
    )
    return order


RECORD_CORRECTION = Transition(
    "cases.record_correction",
    "记录改正复查结果",
    "cases.investigate",
    {S.CORRECTION},
    requires=(
        Requirement(
            lambda case: case.corrections.filter(verified_on__isnull=True).exists(),
            "没有待复查的责令改正通知",
        ),
    ),
)


@transaction.atomic
def do_record_correction(case: Case, *, by, corrected: bool, verified_on, note: str) -> CorrectionOrder:
    """复查: whether the party corrected, and when (prompt correction counts in discretion)."""
    locked, before = begin(case, RECORD_CORRECTION, by)
    order = locked.corrections.select_for_update().filter(verified_on__isnull=True).order_by("-id").first()
    verified_on = not_future(verified_on, "复查日期", "verified_on")
    if verified_on < order.ordered_on:
        raise DomainError("复查日期不能早于责令改正日期", field="verified_on")
    order.corrected, order.verified_on = bool(corrected), verified_on
    order.verification_note = text(note, "复查情况", "note")
    order.save()
    locked.promptly_corrected = order.corrected_in_time
    finish(
        case,
        locked,
        before,
        by=by,
        action="correction_verified",
        extra={"order": order.pk, "corrected": order.corrected, "in_time": order.corrected_in_time},
    )
    return order


CONCLUDE = Transition(
    "cases.conclude_investigation",
    "调查终结",
    "cases.investigate",
    {S.INVESTIGATING, S.CORRECTION},
    requires=(
        Requirement(
            lambda case: case.records.exists() or carry.has_carried_record(case),
            "尚无询问笔录或现场检查笔录，不能调查终结",
            show=True,
        ),
        Requirement(
            lambda case: (
                not case.preservations.filter(
                    status__in=[PreservationStatus.PENDING_APPROVAL, PreservationStatus.PRESERVED]
                ).exists()
            ),
            "先行登记保存尚未审批或尚未作出处理决定，不能调查终结",
            show=True,
        ),
    ),
)


@transaction.atomic
def do_conclude_investigation(
    case: Case,
    *,
    by,
    report: str,
    proposed_outcome: str,
    severity: str = Severity.ORDINARY,
    harm: str = Harm.MINOR,
    illegal_gains=None,
    in_service_teacher: bool = False,
    obstruction: bool = False,
    minors_affected: bool = False,
    mandatory_mitigation: bool = False,
    mitigation_grounds=(),
    mitigation_facts: str = "",
    kinds=(),
    fine=None,
    confiscation=None,
    is_major: bool = False,
    major_reason: str = "",
    deviation_reason: str = "",
    violation=None,
) -> Case:
    """调查终结: the facts, the discretion suggestion, and the proposal (行政处罚法 第57条).

    A proposal outside the catalogue's suggested range needs ``deviation_reason`` and makes
    the case major (集体讨论 approves the deviation). First violation and repeat within two
    years are taken from the party's own case history, prompt correction from the 复查.
    """
    locked, before = begin(case, CONCLUDE, by)
    if proposed_outcome not in ProposedOutcome.values:
        raise DomainError("请选择处理意见", field="proposed_outcome")
    if severity not in Severity.values or harm not in Harm.values:
        raise DomainError("请选择情节和危害后果", field="severity")
    _check_ready_to_conclude(locked, proposed_outcome)
    if violation is not None:
        locked.violation, locked.violation_code = violation, violation.code
    locked.conclusion_report = text(report, "违法事实（调查终结报告）", "report")
    locked.illegal_gains = to_amount(illegal_gains, "违法所得", field="illegal_gains")
    locked.severity, locked.harm = severity, harm
    locked.in_service_teacher, locked.obstruction = bool(in_service_teacher), bool(obstruction)
    locked.mitigation_grounds, locked.mitigation_facts = limits.clean_grounds(
        mitigation_grounds, mitigation_facts
    )
    locked.minors_affected = bool(minors_affected)
    locked.mandatory_mitigation = bool(mandatory_mitigation) or bool(locked.mitigation_grounds)
    first, repeat, recent = discretion.history_facts(locked)
    locked.first_violation, locked.repeat_within_window = first, repeat
    locked.proposed_outcome = proposed_outcome
    locked.is_major, locked.major_reason = bool(is_major), major_reason.strip()
    locked.deviation_reason, locked.deviation_approved = deviation_reason.strip(), False
    _set_proposal(locked, proposed_outcome, list(kinds), fine, confiscation)
    if recent:
        locked.suggestion_reasons = [
            *locked.suggestion_reasons,
            "前案：" + "、".join(c.decision_number or c.number for c in recent),
        ]
    if locked.is_major and not locked.major_reason:
        raise DomainError("请说明属于重大复杂案件的理由", field="major_reason")
    locked.concluded_at = timezone.now()
    locked.discussed_on = None
    locked.status = CaseStatus.CONCLUDED
    issue_document(locked, "investigation_report", by=by)
    return finish(case, locked, before, by=by, action="investigation_concluded")


def _check_ready_to_conclude(case: Case, proposed_outcome: str) -> None:
    if proposed_outcome in (ProposedOutcome.PENALTY, ProposedOutcome.MINOR_NO_PENALTY):
        if not case.corrections.exists():
            raise DomainError("作出处理决定前应当责令当事人改正（53号令第32条），请先责令改正")
        if case.corrections.filter(verified_on__isnull=True).exists():
            raise DomainError("请先记录责令改正的复查结果")


def _set_proposal(case: Case, outcome: str, kinds: list, fine, confiscation) -> None:
    fine = to_amount(fine, "拟罚款金额", field="fine")
    confiscation = to_amount(confiscation, "拟没收违法所得金额", field="confiscation")
    if any(k not in PenaltyKind.values for k in kinds):
        raise DomainError("处罚种类不正确", field="kinds")
    case.suggested_tier, case.suggested_min, case.suggested_max, case.suggestion_reasons = "", None, None, []
    if outcome == ProposedOutcome.PENALTY:
        if case.violation is None:
            raise DomainError("请选择违法行为（裁量基准），以确定处罚依据和裁量范围", field="violation")
        if not kinds:
            raise DomainError("拟给予行政处罚的，请选择处罚种类", field="kinds")
        discretion.check_legal_limits(
            case.violation,
            severity=case.severity,
            gains=case.illegal_gains,
            kinds=kinds,
            fine=fine,
            confiscation=confiscation,
        )
        limits.check_penalty(case, kinds, fine, confiscation)
        suggestion = discretion.suggest(case.violation, discretion.Facts.of(case))
        case.suggested_tier, case.suggestion_reasons = suggestion.tier, suggestion.reasons
        case.suggested_min, case.suggested_max = suggestion.fine_min, suggestion.fine_max
        if not suggestion.allows(kinds, fine):
            if not case.deviation_reason:
                raise DomainError(
                    f"拟处罚超出裁量基准建议（{suggestion.tier_label}：{suggestion.range_text()}，"
                    f"处罚种类：{'、'.join(suggestion.kind_labels) or '无'}），须写明偏离理由，"
                    "并提交负责人集体讨论",
                    field="deviation_reason",
                )
            case.is_major = True
            case.major_reason = case.major_reason or "拟处罚偏离裁量基准"
        case.proposed_kinds, case.proposed_fine, case.proposed_confiscation = kinds, fine, confiscation
        return
    if kinds or (fine or Decimal("0")) > 0 or (confiscation or Decimal("0")) > 0:
        raise DomainError("处理意见为不予处罚或移送的，不应填写处罚种类和金额", field="kinds")
    case.proposed_kinds, case.proposed_fine, case.proposed_confiscation = [], None, None


REOPEN = Transition("cases.reopen_investigation", "恢复调查", "cases.investigate", {S.REVIEW_RETURNED})


@transaction.atomic
def do_reopen_investigation(case: Case, *, by, reason: str) -> Case:
    """Back to 调查取证 after a returned review or discussion; the notice must be served again."""
    locked, before = begin(case, REOPEN, by)
    locked.status = CaseStatus.INVESTIGATING
    reset_notice(locked)
    return finish(
        case,
        locked,
        before,
        by=by,
        action="investigation_reopened",
        extra={"reason": text(reason, "理由", "reason")},
    )


def reset_notice(case: Case) -> None:
    """A new conclusion means a new notice: clear what the old one set."""
    case.notified_on = case.statement_due_on = case.hearing_request_due_on = None
    case.rights_waived_on = case.hearing_requested_on = case.discussed_on = None
    case.notice_kinds, case.notice_fine, case.notice_confiscation = [], None, None
    case.hearing_right, case.deviation_approved = False, False
