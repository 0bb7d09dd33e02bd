"""Entry points of the coordination app (views, other apps and the demo builder call these).

- ``appoint_liaison(...)``: 联络员 appointment (ends the department's previous one).
- ``create_series(...)`` / ``schedule_meeting(series, scheduled_on=, by=)``: the joint meeting.
- ``create_operation(...)`` / ``create_operation_task(operation, ...)``: joint operations.
- ``refer(...)``: 移送 to another department, with receipt tracking.
- ``issue_minutes(meeting, by=)``: the numbered .docx minutes.

Transitions of existing objects are verb methods on the models (``meeting.hold``,
``meeting.add_decision``, ``meeting.finalize``, ``item.complete``, ``operation.start``,
``operation.link_task``, ``operation.review``, ``referral.acknowledge``, ``referral.conclude``…).
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.coordination.choices import AppointmentStatus, MeetingStatus
from eduenforce.coordination.models import (
    JointOperation,
    LiaisonOfficer,
    Meeting,
    MeetingSeries,
    OperationDepartment,
    Referral,
)
from eduenforce.coordination.models.meetings import carry_open_items, schedule_meeting
from eduenforce.core import config
from eduenforce.core.deadlines import due_date
from eduenforce.core.errors import DomainError
from eduenforce.core.roles import Role
from eduenforce.core.serials import formatted, next_serial
from eduenforce.records.journal import append

__all__ = [
    "appoint_liaison",
    "carry_open_items",
    "create_operation",
    "create_operation_task",
    "create_series",
    "issue_minutes",
    "refer",
    "schedule_meeting",
]


def _actor(by):
    return by if getattr(by, "is_authenticated", False) else None


@transaction.atomic
def appoint_liaison(
    *,
    department,
    name: str,
    phone: str,
    appointed_from: date,
    by,
    user=None,
    position: str = "",
    email: str = "",
    deputy_name: str = "",
    deputy_phone: str = "",
    appointed_to: date | None = None,
) -> LiaisonOfficer:
    """Appoint a partner department's liaison officer; the previous one (if any) steps down."""
    if department.kind != DepartmentKind.PARTNER:
        raise DomainError("联络员只能由合作部门指定", field="department")
    if not (name or "").strip() or not (phone or "").strip():
        raise DomainError("请填写联络员姓名和联系电话", field="name")
    if appointed_to is not None and appointed_to < appointed_from:
        raise DomainError("任期结束日期不能早于开始日期", field="appointed_to")
    if user is not None and (user.role != Role.LIAISON or user.department_id != department.pk):
        raise DomainError("关联账号须为该部门的联络员账号（角色：合作部门联络员）", field="user")
    previous = (
        LiaisonOfficer.objects.select_for_update()
        .filter(department=department, status=AppointmentStatus.ACTIVE)
        .first()
    )
    if previous is not None:
        previous.end(
            by=by,
            on=max(previous.appointed_from, appointed_from - timedelta(days=1)),
            reason="新任联络员到任",
        )
    liaison = LiaisonOfficer.objects.create(
        department=department,
        user=user,
        name=name.strip(),
        phone=phone.strip(),
        position=position.strip(),
        email=email.strip(),
        deputy_name=deputy_name.strip(),
        deputy_phone=deputy_phone.strip(),
        appointed_from=appointed_from,
        appointed_to=appointed_to,
        appointed_by=_actor(by),
    )
    append(
        actor=by,
        action="coordination.liaison_appointed",
        obj=liaison,
        changes={
            "department": department.pk,
            "appointed_from": appointed_from,
            "appointed_to": appointed_to,
            "user": getattr(user, "pk", None),
        },
    )
    return liaison


@transaction.atomic
def create_series(
    *,
    name: str,
    departments,
    by,
    purpose: str = "",
    interval_months: int | None = None,
    default_place: str = "",
    first_meeting_on: date | None = None,
) -> MeetingSeries:
    """A standing joint meeting; default recurrence from ``coordination.meeting_interval_months``."""
    name = (name or "").strip()
    departments = list(departments)
    if not name:
        raise DomainError("请填写会议名称", field="name")
    if MeetingSeries.objects.filter(name=name).exists():
        raise DomainError(f"已有名为“{name}”的联席会议", field="name")
    if not any(d.kind == DepartmentKind.PARTNER for d in departments):
        raise DomainError("联席会议成员单位须至少包括一个合作部门", field="departments")
    interval = interval_months or config.get("coordination.meeting_interval_months")
    if not 1 <= interval <= 12:
        raise DomainError("召开周期须在 1 至 12 个月之间", field="interval_months")
    series = MeetingSeries.objects.create(
        name=name,
        purpose=(purpose or "").strip(),
        interval_months=interval,
        default_place=(default_place or "").strip(),
        created_by=_actor(by),
    )
    series.departments.set(departments)
    append(
        actor=by,
        action="coordination.series_created",
        obj=series,
        changes={"name": name, "interval_months": interval, "departments": [d.pk for d in departments]},
    )
    if first_meeting_on is not None:
        schedule_meeting(series, scheduled_on=first_meeting_on, by=by)
    return series


@transaction.atomic
def create_operation(
    *,
    name: str,
    goal: str,
    starts_on: date,
    ends_on: date,
    lead_department,
    by,
    procedure: str = "",
    departments=(),
) -> JointOperation:
    """Plan a joint operation; ``departments`` is a list of (department, duties)."""
    name, goal = (name or "").strip(), (goal or "").strip()
    if not name:
        raise DomainError("请填写行动名称", field="name")
    if not goal:
        raise DomainError("请填写行动目标", field="goal")
    if ends_on < starts_on:
        raise DomainError("结束日期不能早于开始日期", field="ends_on")
    operation = JointOperation.objects.create(
        name=name,
        goal=goal,
        starts_on=starts_on,
        ends_on=ends_on,
        procedure=(procedure or "").strip(),
        lead_department=lead_department,
        created_by=_actor(by),
    )
    append(
        actor=by,
        action="coordination.operation_planned",
        obj=operation,
        changes={"name": name, "starts_on": starts_on, "ends_on": ends_on, "lead": lead_department.pk},
    )
    for department, duties in departments:
        operation.set_department(department=department, duties=duties, by=by)
    return operation


@transaction.atomic
def create_operation_task(operation: JointOperation, *, institution, item, planned_date: date, officers, by):
    """Create a joint inspection task for the operation (partner departments on it) and link it."""
    from eduenforce.inspections.choices import TaskSource
    from eduenforce.inspections.services import create_task

    partners = [
        p.department
        for p in OperationDepartment.objects.filter(
            operation=operation, department__kind=DepartmentKind.PARTNER
        ).select_related("department")
    ]
    task = create_task(
        institution=institution,
        item=item,
        source=TaskSource.CAMPAIGN,
        planned_date=planned_date,
        officers=officers,
        by=by,
        is_joint=True,
        partner_departments=partners,
    )
    operation.link_task(task=task, by=by)
    return task


@transaction.atomic
def refer(
    *,
    from_department,
    to_department,
    subject: str,
    content: str,
    by,
    source_obj=None,
    sent_on: date | None = None,
) -> Referral:
    """移送 a matter to another department; the acknowledgement deadline starts today."""
    subject, content = (subject or "").strip(), (content or "").strip()
    if from_department is None or to_department is None:
        raise DomainError("请选择移送单位和接收单位", field="to_department")
    if from_department.pk == to_department.pk:
        raise DomainError("接收单位不能与移送单位相同", field="to_department")
    if not subject:
        raise DomainError("请填写移送事项", field="subject")
    if len(content) < 10:
        raise DomainError("请填写情况说明（至少 10 个字）", field="content")
    sent_on = sent_on or timezone.localdate()
    prefix = config.get("serial.referral_prefix")
    referral = Referral.objects.create(
        number=formatted(prefix, sent_on.year, next_serial(prefix, sent_on.year)),
        from_department=from_department,
        to_department=to_department,
        subject=subject[:200],
        content=content,
        source_type=source_obj._meta.label_lower if source_obj is not None else "",
        source_id=str(source_obj.pk) if source_obj is not None else "",
        sent_on=sent_on,
        sent_by=_actor(by),
        ack_due=due_date("referral_acknowledgement", sent_on),
    )
    append(
        actor=by,
        action="coordination.referral_sent",
        obj=referral,
        changes={
            "number": referral.number,
            "from": from_department.pk,
            "to": to_department.pk,
            "source": f"{referral.source_type}:{referral.source_id}" if source_obj is not None else "",
        },
    )
    return referral


def minutes_context(meeting: Meeting) -> dict:
    decisions = [
        {
            "order": d.order,
            "text": d.text,
            "actions": [
                {
                    "title": a.title,
                    "department": a.owning_department.display_name,
                    "due_on": f"{a.due_on:%Y年%m月%d日}",
                    "status": a.get_status_display(),
                }
                for a in d.action_items.select_related("owning_department")
            ],
        }
        for d in meeting.decisions.all()
    ]
    return {
        "title": meeting.title,
        "held_on": f"{meeting.held_on:%Y年%m月%d日}" if meeting.held_on else "",
        "place": meeting.place,
        "chair": meeting.chair,
        "recorder": meeting.recorder,
        "attendees": [
            {"department": a.department.name, "names": a.attendees}
            for a in meeting.attendances.filter(present=True).select_related("department")
        ],
        "absent": [
            a.department.name for a in meeting.attendances.filter(present=False).select_related("department")
        ],
        "agenda": [{"order": a.order, "title": a.title} for a in meeting.agenda.all()],
        "minutes": meeting.minutes,
        "decisions": decisions,
    }


@transaction.atomic
def issue_minutes(meeting: Meeting, *, by):
    """会议纪要 (.docx), numbered and hashed through ``records.documents.issue``; once per meeting."""
    from eduenforce.records.documents import documents_for, issue

    meeting = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if meeting.status != MeetingStatus.FINALIZED:
        raise DomainError("纪要定稿后才能导出正式文本")
    existing = documents_for(meeting).filter(kind="meeting_minutes").first()
    if existing is not None:
        return existing
    year = (meeting.held_on or meeting.scheduled_on).year
    return issue(
        kind="meeting_minutes",
        title="联席会议纪要",
        obj=meeting,
        template="coordination/minutes.docx",
        context=minutes_context(meeting),
        prefix=config.get("serial.minutes_prefix"),
        by=by,
        year=year,
    )
