"""State changes that span several models: submitting and correcting the on-site record,
rectification orders, automatic re-inspections, their conclusions, and outcomes.

Every ``do_*`` function is atomic, checks its preconditions first (a refused action is a
``DomainError`` in Chinese) and journals what it changed in the same transaction.
"""

import hashlib
import logging
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db import transaction
from django.utils import timezone

from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.workdays import add_working_days, is_working_day, working_days_between
from eduenforce.inspections import documents, hooks, publication
from eduenforce.inspections.choices import (
    CheckResult,
    HazardStatus,
    OrderStatus,
    OutcomeKind,
    RecordStatus,
    TaskSource,
    TaskStatus,
)
from eduenforce.inspections.models import (
    ChecklistResult,
    Hazard,
    InspectionRecord,
    InspectionTask,
    Outcome,
    RectificationOrder,
)
from eduenforce.inspections.services import create_task
from eduenforce.officers.eligibility import check_team
from eduenforce.records.journal import append, canonical, diff
from eduenforce.registry import actions as registry
from eduenforce.registry.choices import InstitutionStatus

log = logging.getLogger(__name__)

# Clock skew between a phone and the server that is tolerated for "ended in the future".
CLOCK_SKEW = timedelta(minutes=10)


class RecordIncomplete(DomainError):
    """A record that cannot be submitted yet; ``problems`` lists every reason at once."""

    def __init__(self, problems: list[str]):
        super().__init__("笔录尚不完整，未提交：" + "；".join(problems))
        self.problems = problems


# --------------------------------------------------------------------------- the record


def record_problems(record: InspectionRecord, now: datetime | None = None) -> list[str]:
    """Everything that keeps the record from being submitted (empty when it is complete)."""
    now = now or timezone.now()
    problems = []
    if not record.started_at or not record.ended_at:
        problems.append("请填写检查开始时间和结束时间")
    elif record.started_at >= record.ended_at:
        problems.append("检查开始时间不能晚于（或等于）结束时间")
    elif record.ended_at > now + CLOCK_SKEW:
        problems.append("检查结束时间不能晚于当前时间")
    if not record.place.strip():
        problems.append("请填写检查地点")
    if not record.party_representative.strip():
        problems.append("请填写当事人代表（在场负责人）")
    answers = {r.point_id: r for r in record.results.all()}
    points = list(record.task.item.points.all())
    missing = [
        f"{p.order}. {p.text}" for p in points if p.required and not getattr(answers.get(p.pk), "result", "")
    ]
    if missing:
        problems.append("以下必查要点尚未填写结论：" + "，".join(missing))
    unexplained = [
        str(p.order)
        for p in points
        if getattr(answers.get(p.pk), "result", "") == CheckResult.FAIL and not answers[p.pk].note.strip()
    ]
    if unexplained:
        problems.append(f"第 {'、'.join(unexplained)} 项判定为“不合格”，请在说明中写明问题")
    if record.officer_signature_id is None:
        problems.append("请执法人员签名")
    if record.party_refused:
        if not record.witness_name.strip():
            problems.append("当事人拒绝签字的，须填写见证人姓名")
    elif record.party_signature_id is None:
        problems.append("请当事人签名，或勾选“当事人拒绝签字”并填写见证人")
    if record.started_at:
        try:
            check_team(
                record.task.team,
                timezone.localdate(record.started_at),
                institution=record.task.institution,
            )
        except DomainError as error:
            problems.append(error.message)
    return problems


def record_content(record: InspectionRecord) -> dict:
    """The submitted content as JSON: what the hashes and the journal cover."""
    task = record.task
    day = timezone.localdate(record.started_at)
    return {
        "task": task.number,
        "version": record.version,
        "institution": task.institution_id,
        "item": task.item_id,
        "started_at": record.started_at.isoformat(),
        "ended_at": record.ended_at.isoformat(),
        "place": record.place,
        "party_representative": record.party_representative,
        "representative_position": record.representative_position,
        "findings": record.findings,
        "team": documents.team_on(task, day),
        "partners": [
            [p.department.display_name, p.name]
            for p in task.partner_participants.select_related("department")
        ],
        "results": [
            [r.point_id, r.result, r.note, r.rectified_on_spot]
            for r in record.results.order_by("point__order", "point_id")
        ],
        "hazards": [
            [h.pk, h.category, h.severity, h.description, h.location, h.rectified_on_spot, h.spot_measure]
            for h in task.hazards.filter(record__version__lte=record.version).order_by("id")
        ],
        "officer_signature": record.officer_signature.sm3 if record.officer_signature_id else None,
        "party_signature": record.party_signature.sm3 if record.party_signature_id else None,
        "party_refused": record.party_refused,
        "witness": record.witness_name,
        "correction_reason": record.correction_reason,
    }


@transaction.atomic
def do_submit_record(record: InspectionRecord, *, by) -> tuple[InspectionRecord, bool]:
    """Submit (lock) the record. Returns ``(record, True)``, or ``(record, False)`` when it was
    already submitted: a second submit of the same record changes nothing (idempotent)."""
    record = InspectionRecord.objects.select_for_update().select_related("task").get(pk=record.pk)
    if record.status != RecordStatus.DRAFT:
        return record, False
    task = InspectionTask.objects.select_for_update().get(pk=record.task_id)
    require_status(task, [TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED], "提交笔录")
    problems = record_problems(record)
    if problems:
        raise RecordIncomplete(problems)
    content = record_content(record)
    body = canonical(content)
    now = timezone.now()
    record.content, record.status = content, RecordStatus.SUBMITTED
    record.content_sha256, record.content_sm3 = (
        hashlib.sha256(body).hexdigest(),
        hashlib.new("sm3", body).hexdigest(),
    )
    record.submitted_by, record.submitted_at = by, now
    record.save()
    record.hazards.filter(rectified_on_spot=True).update(status=HazardStatus.RECTIFIED_ON_SPOT, closed_at=now)
    changes = {
        "version": record.version,
        "sha256": record.content_sha256,
        "sm3": record.content_sm3,
        "hazards": record.hazards.count(),
    }
    if record.supersedes_id:
        old = InspectionRecord.objects.select_for_update().get(pk=record.supersedes_id)
        old.status = RecordStatus.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])
        changes["corrected"] = diff(old.content, content)
        changes["reason"] = record.correction_reason
        append(actor=by, action="inspection.record_corrected", obj=record, changes=changes)
    else:
        append(actor=by, action="inspection.record_submitted", obj=record, changes=changes)
    if task.status == TaskStatus.IN_PROGRESS:
        task.status, task.completed_at = TaskStatus.COMPLETED, now
        task.save(update_fields=["status", "completed_at", "updated_at"])
        append(
            actor=by,
            action="inspection.task_completed",
            obj=task,
            changes={"status": [TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED], "record": record.pk},
        )
        publication.schedule_result(task)
    documents.issue_record_document(record, by=by)
    return record, True


@transaction.atomic
def do_start_correction(record: InspectionRecord, *, by, reason: str) -> InspectionRecord:
    """更正: a new draft version, copied from the submitted one; the officers sign it again."""
    record = InspectionRecord.objects.select_for_update().get(pk=record.pk)
    require_status(record, [RecordStatus.SUBMITTED], "更正笔录")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写更正理由", field="reason")
    if record.task.records.filter(status=RecordStatus.DRAFT).exists():
        raise DomainError("已有正在填写的更正版本，请先提交或继续填写该版本")
    copy_fields = [
        "started_at",
        "ended_at",
        "place",
        "party_representative",
        "representative_position",
        "findings",
        "party_signature",
        "party_refused",
        "witness_name",
    ]
    new = InspectionRecord.objects.create(
        task=record.task,
        version=record.version + 1,
        supersedes=record,
        correction_reason=reason[:300],
        **{name: getattr(record, name) for name in copy_fields},
    )
    ChecklistResult.objects.bulk_create(
        [
            ChecklistResult(
                record=new,
                point_id=r.point_id,
                result=r.result,
                note=r.note,
                rectified_on_spot=r.rectified_on_spot,
            )
            for r in record.results.all()
        ]
    )
    append(
        actor=by,
        action="inspection.record_correction_started",
        obj=new,
        changes={"supersedes": record.pk, "version": new.version, "reason": reason},
    )
    return new


# --------------------------------------------------------------------------- rectification


def default_due_on(start: date | None = None) -> date:
    from eduenforce.core.deadlines import due_date

    return due_date("rectification_order", start or timezone.localdate())


@transaction.atomic
def do_issue_order(
    task: InspectionTask, hazards, *, due_on: date, requirements: str, legal_basis: str, by
) -> RectificationOrder:
    """责令限期整改: the chosen hazards get a deadline (a working day in the future); the
    institution becomes 整改中; the notice is numbered and issued; a re-inspection follows."""
    task = InspectionTask.objects.select_for_update().get(pk=task.pk)
    require_status(task, [TaskStatus.COMPLETED], "下达整改通知")
    hazards = list(Hazard.objects.select_for_update().filter(pk__in=[h.pk for h in hazards]).order_by("id"))
    _check_order_input(task, hazards, due_on, requirements, legal_basis)
    today = timezone.localdate()
    order = RectificationOrder.objects.create(
        task=task,
        institution=task.institution,
        requirements=requirements.strip(),
        legal_basis=legal_basis.strip(),
        issued_on=today,
        due_on=due_on,
        working_days=working_days_between(today, due_on),
        issued_by=by,
    )
    Hazard.objects.filter(pk__in=[h.pk for h in hazards]).update(status=HazardStatus.ORDERED, order=order)
    registry.do_apply_enforcement_status(
        task.institution,
        to=InstitutionStatus.RECTIFYING,
        by=by,
        reason="下达责令限期整改通知",
        source=order,
        only_from=[InstitutionStatus.NORMAL],  # a stopped or closed institution keeps its stronger status
    )
    document = documents.issue_order_document(order, by=by)
    order.number = document.number
    order.save(update_fields=["number", "updated_at"])
    append(
        actor=by,
        action="inspection.order_issued",
        obj=order,
        changes={
            "number": order.number,
            "task": task.pk,
            "hazards": [h.pk for h in hazards],
            "due_on": due_on,
            "working_days": order.working_days,
        },
    )
    publication.refresh_result(task, by=by, note="下达责令限期整改通知")
    transaction.on_commit(lambda: schedule_deadline_check(order.due_on))
    return order


def _check_order_input(task, hazards, due_on, requirements, legal_basis) -> None:
    if not hazards:
        raise DomainError("请选择需要限期整改的隐患", field="hazards")
    for h in hazards:
        if h.task_id != task.pk:
            raise DomainError("所选隐患不属于本次检查", field="hazards")
        if not h.needs_order:
            raise DomainError(
                f"隐患“{h.description[:20]}”当前状态为“{h.get_status_display()}”，不能再下达整改",
                field="hazards",
            )
    today = timezone.localdate()
    if due_on is None:
        raise DomainError("请填写整改期限", field="due_on")
    if due_on <= today:
        raise DomainError("整改期限须晚于今天", field="due_on")
    if due_on > today + timedelta(days=366):
        raise DomainError("整改期限不能超过一年", field="due_on")
    if not is_working_day(due_on):
        raise DomainError(f"整改期限 {due_on:%Y-%m-%d} 不是工作日，请选择工作日", field="due_on")
    if not (requirements or "").strip():
        raise DomainError("请填写整改要求", field="requirements")
    if not (legal_basis or "").strip():
        raise DomainError("请填写法律依据", field="legal_basis")


def schedule_deadline_check(due_on: date) -> None:
    """Ask the task queue to run the deadline sweep once ``due_on`` has arrived.

    The cron command ``eduenforce run-deadlines`` does the same sweep, so a backend that
    cannot defer (the immediate one in tests) or a lost job never loses a re-inspection.
    """
    from django_tasks import default_task_backend

    from eduenforce.inspections.tasks import run_deadlines

    if not default_task_backend.supports_defer:
        return
    run_after = timezone.make_aware(datetime.combine(due_on, time(0, 5)))
    run_deadlines.using(run_after=run_after).enqueue()


@dataclass
class SweepResult:
    created: list = field(default_factory=list)
    blocked: list = field(default_factory=list)


def sweep_deadlines(today: date | None = None) -> SweepResult:
    """At the deadline of each open order, create its re-inspection task (each order on its own)."""
    today = today or timezone.localdate()
    result = SweepResult()
    due = RectificationOrder.objects.filter(
        status=OrderStatus.ISSUED, due_on__lte=today, reinspection_task__isnull=True
    ).order_by("due_on", "id")
    for order in due:
        try:
            task = do_create_reinspection(order, by=None)
        except DomainError as error:
            result.blocked.append((order, error.message))
        else:
            if task is not None:
                result.created.append(task)
    return result


def do_create_reinspection(
    order: RectificationOrder, *, by, officers=None, planned_date: date | None = None
) -> InspectionTask | None:
    """The re-inspection (整改复查) of an order: by default the original team, on the first
    working day after the deadline. A failure is kept on the order (and journaled) so the
    overdue list shows what a person must do, then raised."""
    try:
        return _create_reinspection(order, by=by, officers=officers, planned_date=planned_date)
    except DomainError as error:
        _note_reinspection_problem(order, error.message, by=by)
        raise


@transaction.atomic
def _create_reinspection(order, *, by, officers, planned_date):
    order = RectificationOrder.objects.select_for_update().get(pk=order.pk)
    if order.reinspection_task_id:
        return None
    require_status(order, [OrderStatus.ISSUED], "生成复查任务")
    original = order.task
    planned = planned_date or max(add_working_days(order.due_on, 1), timezone.localdate())
    task = create_task(
        institution=order.institution,
        item=_current_item(original.item),
        source=TaskSource.REINSPECTION,
        planned_date=planned,
        officers=list(officers) if officers is not None else original.team,
        by=by,
        campaign=original.campaign,
        status=TaskStatus.PENDING_APPROVAL,
        source_ref=order.number,
        note=f"对{order.number or '整改通知'}的整改情况复查",
    )
    order.reinspection_task, order.reinspection_problem = task, ""
    order.save(update_fields=["reinspection_task", "reinspection_problem", "updated_at"])
    append(
        actor=by,
        action="inspection.reinspection_created",
        obj=order,
        changes={"task": task.pk, "number": task.number, "planned_date": planned},
    )
    return task


@transaction.atomic
def _note_reinspection_problem(order, message: str, *, by) -> None:
    order = RectificationOrder.objects.select_for_update().get(pk=order.pk)
    if order.reinspection_task_id or order.reinspection_problem == message[:300]:
        return  # already known: the cron sweep does not journal the same problem every night
    order.reinspection_problem = message[:300]
    order.save(update_fields=["reinspection_problem", "updated_at"])
    append(actor=by, action="inspection.reinspection_blocked", obj=order, changes={"problem": message})


def _current_item(item):
    """The published version of the item now (the list may have a newer version than the order)."""
    from eduenforce.planning.models import EnforcementItem

    return EnforcementItem.objects.published().filter(code=item.code).order_by("-version").first() or item


@transaction.atomic
def do_conclude_order(
    order: RectificationOrder, *, rectified: dict, by, note: str = ""
) -> RectificationOrder:
    """复查结论 per hazard: rectified → closed; not rectified → the order is escalated (移送立案)
    as a case lead. The institution returns to 正常 when none of its hazards remain open."""
    order = RectificationOrder.objects.select_for_update().get(pk=order.pk)
    require_status(order, [OrderStatus.ISSUED], "作出复查结论")
    re_task = order.reinspection_task
    if re_task is None or re_task.status != TaskStatus.COMPLETED:
        raise DomainError("复查任务尚未完成（须先提交复查笔录），不能作出复查结论")
    hazards = list(order.hazards.select_for_update().order_by("id"))
    missing = [h for h in hazards if h.pk not in rectified]
    if missing:
        raise DomainError(f"请对每一处隐患作出复查结论（尚缺 {len(missing)} 处）", field="rectified")
    now = timezone.now()
    failed = [h for h in hazards if not rectified[h.pk]]
    if failed and timezone.localdate() <= order.due_on:
        raise DomainError(
            f"整改期限至 {order.due_on:%Y-%m-%d}，期限届满前不能认定“未整改”"
            "（已整改的隐患可先行认定，其余待期满后复查）",
            field="rectified",
        )
    for h in hazards:
        h.status = HazardStatus.RECTIFIED if rectified[h.pk] else HazardStatus.ESCALATED
        h.closed_at = now if rectified[h.pk] else None
        h.save(update_fields=["status", "closed_at", "updated_at"])
    order.status = OrderStatus.ESCALATED if failed else OrderStatus.RECTIFIED
    order.concluded_by, order.concluded_at, order.conclusion_note = by, now, (note or "").strip()[:300]
    if failed:
        summary = f"{order.institution.name}逾期未按{order.number}整改：" + "；".join(
            f"【{h.get_category_display()}】{h.description}" for h in failed
        )
        lead = hooks.register_case_lead(
            source="inspection",
            summary=summary[:2000],
            by=by,
            source_obj=order,
            institution=order.institution,
        )
        order.lead_number = lead.number
    order.save()
    append(
        actor=by,
        action="inspection.order_concluded",
        obj=order,
        changes={
            "status": [OrderStatus.ISSUED, order.status],
            "rectified": [h.pk for h in hazards if rectified[h.pk]],
            "escalated": [h.pk for h in failed],
            "lead": order.lead_number,
            "note": order.conclusion_note,
        },
    )
    if not _hazards_open(order.institution):
        registry.do_apply_enforcement_status(
            order.institution,
            to=InstitutionStatus.NORMAL,
            by=by,
            reason="隐患全部整改销号",
            source=order,
            only_from=[InstitutionStatus.RECTIFYING],  # never reopens an institution closed meanwhile
        )
    publication.refresh_result(order.task, by=by, note="更新整改情况")
    return order


def _hazards_open(institution) -> bool:
    """Is any hazard of the institution still open (待处理, 限期整改中, 已移送立案)?"""
    return (
        Hazard.objects.filter(task__institution=institution)
        .exclude(record__status=RecordStatus.DRAFT)
        .filter(status__in=[HazardStatus.RECORDED, HazardStatus.ORDERED, HazardStatus.ESCALATED])
        .exists()
    )


# --------------------------------------------------------------------------- outcomes


@transaction.atomic
def do_record_outcome(
    institution, *, kind: str, legal_basis: str, reason: str, by, task=None, decided_on: date | None = None
) -> Outcome:
    """移送立案: what the inspection found (拟停止招生, 拟停办/关停, another violation) becomes a case
    lead that carries the inspection's party, 笔录, photos and evidence, and officers into the case.

    The institution keeps its status: 停止招生 and 停办 are 行政处罚 (行政处罚法第九条), imposed only
    by a served decision of that case (第三十八条); the registry refuses them from anywhere else.
    """
    if kind not in OutcomeKind.values:
        raise DomainError("请选择移送事由", field="kind")
    if task is None:
        raise DomainError("移送立案须基于一次已完成的检查", field="task")
    if not (legal_basis or "").strip():
        raise DomainError("请填写涉嫌违反的法律依据", field="legal_basis")
    if not (reason or "").strip():
        raise DomainError("请填写检查发现的违法事实", field="reason")
    decided_on = decided_on or timezone.localdate()
    if decided_on > timezone.localdate():
        raise DomainError("移送日期不能晚于今天", field="decided_on")
    if task.institution_id != institution.pk:
        raise DomainError("检查任务与机构不一致", field="task")
    task = InspectionTask.objects.select_for_update().get(pk=task.pk)
    require_status(task, [TaskStatus.COMPLETED], "移送立案")
    current = type(institution).objects.get(pk=institution.pk).status
    if current == InstitutionStatus.DEREGISTERED:
        raise DomainError("该机构已注销，不能再移送立案")
    outcome = Outcome.objects.create(
        task=task,
        institution=institution,
        kind=kind,
        legal_basis=legal_basis.strip(),
        reason=reason.strip(),
        decided_on=decided_on,
        decided_by=by,
        status_before=current,
    )
    outcome.lead_number = refer_task(task, by=by, summary=_referral_summary(outcome)).number
    outcome.save(update_fields=["lead_number", "updated_at"])
    append(
        actor=by,
        action="inspection.referred_for_case",
        obj=outcome,
        changes={
            "kind": kind,
            "institution": institution.pk,
            "task": task.pk,
            "legal_basis": outcome.legal_basis,
            "lead": outcome.lead_number,
        },
    )
    return outcome


def _referral_summary(outcome: Outcome) -> str:
    task = outcome.task
    return (
        f"{outcome.institution.name}：{outcome.get_kind_display()}。检查任务 {task.number}"
        f"（{task.item.name}）发现：{outcome.reason}涉嫌违反：{outcome.legal_basis}"
    )[:2000]


def refer_task(task: InspectionTask, *, by, summary: str, hazard: Hazard | None = None):
    """The case lead of a 移送立案 from ``task`` (or one of its hazards): the lead names the task,
    so the case filed from it takes over the task's records, evidence files and team."""
    return hooks.register_case_lead(
        source="inspection",
        summary=summary,
        by=by,
        source_obj=hazard if hazard is not None else task,
        institution=task.institution,
    )


@transaction.atomic
def do_refer_hazard(hazard: Hazard, *, by, note: str = "") -> Hazard:
    """移送立案 of one hazard straight from the inspection (e.g. a violation found on site that
    calls for a penalty); the hazard is marked 已移送立案 and keeps the lead's number."""
    hazard = (
        Hazard.objects.select_for_update().select_related("task__institution", "task__item").get(pk=hazard.pk)
    )
    require_status(hazard.task, [TaskStatus.COMPLETED], "移送立案")
    if hazard.status not in (HazardStatus.RECORDED, HazardStatus.ORDERED):
        raise DomainError(f"该隐患当前状态为“{hazard.get_status_display()}”，不能移送立案")
    task = hazard.task
    summary = (
        f"{task.institution.name}：检查任务 {task.number}（{task.item.name}）发现"
        f"【{hazard.get_category_display()}】{hazard.description}。{(note or '').strip()}"
    )[:2000]
    lead = refer_task(task, by=by, summary=summary, hazard=hazard)
    before = hazard.status
    hazard.status = HazardStatus.ESCALATED
    hazard.save(update_fields=["status", "updated_at"])
    append(
        actor=by,
        action="inspection.hazard_referred",
        obj=hazard,
        changes={"status": [before, hazard.status], "lead": lead.number, "task": task.pk},
    )
    return hazard


def licence_expired(task) -> bool:
    """Was the institution's licence expired on the inspection day? (suggests 停办/关停)"""
    expires = task.institution.licence_expires
    day = timezone.localdate(task.completed_at) if task.completed_at else task.planned_date
    return expires is not None and expires < day
