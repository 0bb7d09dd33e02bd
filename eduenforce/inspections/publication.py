"""Publishing the results of random inspections (双随机抽查结果公示) through the portal.

What is public: the institution (an organisation), the date, the item, the result and the
state of rectification. No person appears: neither officers nor the party's representative.
The deadline is the ``random_result_publication`` rule, counted from the inspection's end.
"""

from django.db import transaction
from django.utils import timezone

from eduenforce.core.deadlines import due_date
from eduenforce.core.errors import DomainError, require_status
from eduenforce.inspections.choices import HazardStatus, OrderStatus, RecordStatus, TaskSource, TaskStatus
from eduenforce.portal import services as portal
from eduenforce.portal.choices import PublicationKind, PublicationState
from eduenforce.portal.fields import allowed

KIND = PublicationKind.INSPECTION_RESULT


def is_published_kind(task) -> bool:
    return task.source == TaskSource.RANDOM


def _inspected_on(task):
    return timezone.localdate(task.completed_at) if task.completed_at else task.planned_date


def _title(task) -> str:
    return f"{task.institution.name} · {task.item.name} 抽查结果"


def result_text(task) -> str:
    hazards = task.hazards.exclude(record__status=RecordStatus.DRAFT)
    if not hazards.exists():
        failed = task.records.filter(status=RecordStatus.SUBMITTED, results__result="fail").exists()
        return "发现问题，已现场整改" if failed else "未发现问题"
    if not hazards.exclude(status=HazardStatus.RECTIFIED_ON_SPOT).exists():
        return "发现问题，已现场整改"
    return "发现问题，责令限期整改"


def rectification_text(task) -> str:
    orders = list(task.orders.all())
    if not orders:
        return "无需整改" if result_text(task) == "未发现问题" else "已现场整改"
    if any(o.status == OrderStatus.ESCALATED for o in orders):
        return "逾期未整改，已移送立案查处"
    if all(o.status == OrderStatus.RECTIFIED for o in orders):
        return "已整改完毕"
    return f"整改中（整改期限 {max(o.due_on for o in orders):%Y-%m-%d}）"


def result_fields(task) -> dict:
    return {
        "检查对象": task.institution.name,
        "统一社会信用代码": task.institution.credit_code,
        "检查日期": f"{_inspected_on(task):%Y-%m-%d}",
        "检查事项": task.item.name,
        "检查方式": "联合抽查" if task.is_joint else "双随机抽查",
        "检查结果": result_text(task),
        "整改情况": rectification_text(task),
    }


def schedule_result(task):
    """Put the result on the due list when the inspection is completed (random tasks only)."""
    if not is_published_kind(task):
        return None
    inspected = _inspected_on(task)
    return portal.schedule(
        kind=KIND,
        source=task,
        title=_title(task),
        occurred_on=inspected,
        due_on=due_date("random_result_publication", inspected),
        year=inspected.year,
        street=task.institution.street,
    )


@transaction.atomic
def publish_result(task, *, by):
    """公示 the result now (a section head's action)."""
    from eduenforce.inspections.models import InspectionTask

    task = InspectionTask.objects.select_related("institution", "item").get(pk=task.pk)
    require_status(task, [TaskStatus.COMPLETED], "公示检查结果")
    if not is_published_kind(task):
        raise DomainError("仅双随机抽查任务的检查结果需向社会公示")
    inspected = _inspected_on(task)
    publication = portal.publication_for(KIND, task)
    return portal.publish(
        kind=KIND,
        source=task,
        title=_title(task),
        occurred_on=inspected,
        year=inspected.year,
        by=by,
        summary=f"{result_fields(task)['检查结果']}；{rectification_text(task)}",
        fields=result_fields(task),
        street=task.institution.street,
        due_on=publication.due_on if publication else due_date("random_result_publication", inspected),
    )


def refresh_result(task, *, by, note: str) -> None:
    """Keep a published result's rectification state current (shown as a correction)."""
    publication = portal.publication_for(KIND, task)
    if publication is None or publication.state not in (
        PublicationState.PUBLISHED,
        PublicationState.CORRECTED,
    ):
        return
    fields = result_fields(task)
    if allowed(KIND, fields) == publication.fields:  # stored under the kind's declared keys
        return
    portal.correct(
        publication, by=by, note=note, fields=fields, summary=f"{fields['检查结果']}；{fields['整改情况']}"
    )
