"""Creating inspection tasks: the one entry point for draws, campaigns, complaints, cases, patrols."""

from datetime import date

from django.db import transaction

from eduenforce.core import config
from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.serials import formatted, next_serial
from eduenforce.inspections.caps import cap_usage
from eduenforce.inspections.choices import MemberRole, TaskSource, TaskStatus
from eduenforce.inspections.models import InspectionTask, PartnerParticipant, TaskMember
from eduenforce.officers.eligibility import check_team
from eduenforce.planning.choices import PublicationStatus
from eduenforce.records.journal import append


def check_item_published(item) -> None:
    if item.status != PublicationStatus.PUBLISHED:
        raise DomainError(
            f"检查事项“{item.name}”尚未公布，不得实施检查（涉企检查：未经公布的不得实施）", field="item"
        )


def next_task_number(year: int) -> str:
    prefix = config.get("serial.task_prefix")
    return formatted(prefix, year, next_serial(prefix, year))


def _check_cap(institution, item, year: int, cap_reason: str) -> bool:
    """True when this task exceeds the cap (then a reason is required and approval must confirm it)."""
    used, cap = cap_usage(institution, item, year)
    if cap is None or used < cap:
        return False
    if not cap_reason.strip():
        raise DomainError(
            f"“{institution.name}”本年度已接受“{item.name}”检查 {used} 次，已达涉企检查年度频次上限 {cap} 次；"
            "如确需再次检查，请填写超频次检查理由，报科室负责人审批",
            field="cap_reason",
        )
    return True


@transaction.atomic
def create_task(
    *,
    institution,
    item,
    source: str,
    planned_date: date,
    officers,
    by,
    campaign=None,
    is_joint: bool = False,
    partner_departments=(),
    urgent: bool = False,
    status: str = TaskStatus.DRAFT,
    urgent_reason: str = "",
    cap_reason: str = "",
    source_ref: str = "",
    note: str = "",
    partner_participants=(),
) -> InspectionTask:
    """Create a task with its team (first officer leads). Checks the item, the team and the cap.

    - ``status``: ``DRAFT`` (default) or ``PENDING_APPROVAL`` (submitted for approval at once,
      as a draw does). Every task is approved by a section head before it starts; an
      ``urgent`` one (``urgent_reason`` required) may start at once and is approved afterwards.
    - For a 涉企 item with an annual cap, a task beyond the cap needs ``cap_reason``; it is
      flagged ``exceeds_cap`` and its approver must confirm with a note.
    - ``partner_participants``: ``(department, name, position)`` tuples of people from partner
      departments (they count towards person-times).
    """
    if source not in TaskSource.values:
        raise DomainError("未知的任务来源", field="source")
    if status not in (TaskStatus.DRAFT, TaskStatus.PENDING_APPROVAL):
        raise DomainError("新建任务只能是“待提交”或“待审批”", field="status")
    if urgent and not urgent_reason.strip():
        raise DomainError("紧急检查须说明紧急事由（事后补办审批）", field="urgent_reason")
    check_item_published(item)
    officers = list(officers)
    check_team(officers, planned_date, institution=institution)
    # One institution at a time, so two concurrent tasks cannot both slip under the cap.
    type(institution).objects.select_for_update().only("pk").get(pk=institution.pk)
    exceeds = _check_cap(institution, item, planned_date.year, cap_reason)
    partner_departments = list(partner_departments)
    partner_participants = list(partner_participants)
    task = InspectionTask.objects.create(
        number=next_task_number(planned_date.year),
        institution=institution,
        item=item,
        source=source,
        campaign=campaign,
        is_joint=is_joint or bool(partner_departments) or bool(partner_participants),
        planned_date=planned_date,
        urgent=urgent,
        urgent_reason=urgent_reason.strip()[:300],
        status=status,
        exceeds_cap=exceeds,
        cap_reason=cap_reason.strip()[:300] if exceeds else "",
        source_ref=source_ref[:80],
        note=note[:300],
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if status == TaskStatus.PENDING_APPROVAL:
        task.submitted_at = task.created_at
        task.save(update_fields=["submitted_at"])
    departments = {d.pk: d for d in partner_departments} | {p[0].pk: p[0] for p in partner_participants}
    if departments:
        task.partner_departments.set(departments.values())
    TaskMember.objects.bulk_create(
        [
            TaskMember(task=task, officer=o, order=i, role=MemberRole.LEAD if i == 0 else MemberRole.MEMBER)
            for i, o in enumerate(officers)
        ]
    )
    PartnerParticipant.objects.bulk_create(
        [
            PartnerParticipant(
                task=task, department=dept, name=name, position=position, added_by=task.created_by
            )
            for dept, name, position in partner_participants
        ]
    )
    append(
        actor=by,
        action="inspection.task_created",
        obj=task,
        changes={
            "institution": institution.pk,
            "item": item.pk,
            "source": source,
            "planned_date": planned_date,
            "officers": [o.pk for o in officers],
            "is_joint": task.is_joint,
            "campaign": getattr(campaign, "pk", None),
            "status": status,
            "urgent": urgent,
            "exceeds_cap": exceeds,
            "cap_reason": task.cap_reason,
            "partners": [[d.pk, n] for d, n, _ in partner_participants],
        },
    )
    return task


@transaction.atomic
def add_partner_participant(
    task: InspectionTask, *, department, name: str, position: str = "", by
) -> PartnerParticipant:
    """Record a partner-department participant (joint inspection) before the record is submitted."""
    task = InspectionTask.objects.select_for_update().get(pk=task.pk)
    require_status(
        task,
        [TaskStatus.DRAFT, TaskStatus.PENDING_APPROVAL, TaskStatus.APPROVED, TaskStatus.IN_PROGRESS],
        "登记联合部门人员",
    )
    name = (name or "").strip()
    if not name:
        raise DomainError("请填写参检人员姓名", field="name")
    if getattr(department, "kind", None) != "partner":
        raise DomainError("请选择合作部门", field="department")
    participant = PartnerParticipant.objects.create(
        task=task,
        department=department,
        name=name[:50],
        position=(position or "").strip()[:50],
        added_by=by if getattr(by, "is_authenticated", False) else None,
    )
    task.partner_departments.add(department)
    if not task.is_joint:
        task.is_joint = True
        task.save(update_fields=["is_joint", "updated_at"])
    append(
        actor=by,
        action="inspection.partner_added",
        obj=task,
        changes={"department": department.pk, "name": participant.name, "participant": participant.pk},
    )
    return participant


@transaction.atomic
def remove_partner_participant(participant: PartnerParticipant, *, by) -> None:
    task = InspectionTask.objects.select_for_update().get(pk=participant.task_id)
    require_status(
        task,
        [TaskStatus.DRAFT, TaskStatus.PENDING_APPROVAL, TaskStatus.APPROVED, TaskStatus.IN_PROGRESS],
        "移除联合部门人员",
    )
    append(
        actor=by,
        action="inspection.partner_removed",
        obj=task,
        changes={"department": participant.department_id, "name": participant.name},
    )
    participant.delete()
