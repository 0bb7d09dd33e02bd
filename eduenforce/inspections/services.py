"""Creating inspection tasks: the one entry point for draws, campaigns, complaints, cases, patrols."""

from datetime import date

from django.db import transaction

from eduenforce.core import config
from eduenforce.core.errors import DomainError
from eduenforce.core.serials import formatted, next_serial
from eduenforce.inspections.choices import MemberRole, TaskSource, TaskStatus
from eduenforce.inspections.models import InspectionTask, TaskMember
from eduenforce.planning.choices import PublicationStatus
from eduenforce.records.journal import append

MIN_TEAM_SIZE = 2


def check_team(officers, on: date) -> None:
    """At least two officers, each with a valid certificate on ``on``; refuse naming who."""
    officers = list(officers)
    if len({o.pk for o in officers}) < MIN_TEAM_SIZE:
        raise DomainError("检查组至少需要 2 名执法人员", field="officers")
    lacking = [o.name for o in officers if o.certificate_on(on) is None]
    if lacking:
        raise DomainError(f"以下人员在 {on:%Y-%m-%d} 没有有效的行政执法证，不能参加检查：{'、'.join(lacking)}",
                          field="officers")


def check_item_published(item) -> None:
    if item.status != PublicationStatus.PUBLISHED:
        raise DomainError(f"检查事项“{item.name}”尚未公布，不得实施检查（涉企检查：未经公布的不得实施）", field="item")


def next_task_number(year: int) -> str:
    prefix = config.get("serial.task_prefix")
    return formatted(prefix, year, next_serial(prefix, year))


@transaction.atomic
def create_task(*, institution, item, source: str, planned_date: date, officers, by,
                campaign=None, is_joint: bool = False, partner_departments=(), urgent: bool = False,
                status: str = TaskStatus.DRAFT) -> InspectionTask:
    """Create a task with its team (first officer leads). Checks the item and the team."""
    if source not in TaskSource.values:
        raise DomainError("未知的任务来源", field="source")
    check_item_published(item)
    officers = list(officers)
    check_team(officers, planned_date)
    task = InspectionTask.objects.create(
        number=next_task_number(planned_date.year), institution=institution, item=item, source=source,
        campaign=campaign, is_joint=is_joint, planned_date=planned_date, urgent=urgent, status=status,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    if partner_departments:
        task.partner_departments.set(partner_departments)
    TaskMember.objects.bulk_create([
        TaskMember(task=task, officer=o, order=i, role=MemberRole.LEAD if i == 0 else MemberRole.MEMBER)
        for i, o in enumerate(officers)
    ])
    append(actor=by, action="inspection.task_created", obj=task, changes={
        "institution": institution.pk, "item": item.pk, "source": source, "planned_date": planned_date,
        "officers": [o.pk for o in officers], "is_joint": is_joint, "campaign": getattr(campaign, "pk", None),
    })
    return task
