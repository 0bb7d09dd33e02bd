"""The inspection tasks of a 双随机 draw, created in bulk: one multi-row insert for the tasks,
one for their team members and one for their partner departments, task numbers reserved in
one step, and ONE journal entry for the whole draw listing the task ids (as runs) — so a
draw of 50,000 institutions creates its tasks in seconds and holds its locks briefly.

Differs from ``services.create_task`` (one task at a time) only in what a draw has already
settled: the team comes from the pool frozen and published at the commitment, where every
officer's certificate was checked valid on the planned date; the annual cap is checked here
for all institutions at once with the inspections cap rule, and a task beyond the cap is
flagged for its approver exactly as ``create_task`` flags one.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.db import IntegrityError, transaction
from django.utils import timezone

from eduenforce.core import config
from eduenforce.core.models import SerialCounter
from eduenforce.core.serials import formatted
from eduenforce.inspections.caps import institutions_at_cap
from eduenforce.inspections.choices import MemberRole, TaskSource, TaskStatus
from eduenforce.inspections.models import InspectionTask, TaskMember
from eduenforce.inspections.services import check_item_published
from eduenforce.records.journal import append

BATCH = 5000
CAP_REASON = "双随机抽取：抽取对象按承诺时冻结的名单确定，抽取时该对象本年度检查次数已达上限，请审批时确认"


@dataclass
class DrawnTask:
    """One selected institution and its team (officer ids, the leader first)."""

    institution_id: int
    officer_ids: Sequence[int]


def _reserve_numbers(series: str, year: int, n: int) -> range:
    """``n`` consecutive numbers of ``series`` in ``year``, under the counter's row lock."""
    try:
        with transaction.atomic():
            SerialCounter.objects.create(series=series, year=year)
    except IntegrityError:
        pass  # another transaction created the row first; the lock below orders us after it
    counter = SerialCounter.objects.select_for_update().get(series=series, year=year)
    first = counter.last + 1
    counter.last += n
    counter.save(update_fields=["last"])
    return range(first, first + n)


def _at_cap(item, year: int, institution_ids: Sequence[int]) -> set[int]:
    """Which of ``institution_ids`` reached the item's annual cap (``inspections.caps``)."""
    wanted = set(institution_ids)
    return {pk for pk in institutions_at_cap(item, year).values_list("pk", flat=True) if pk in wanted}


def _runs(ids: Sequence[int]) -> list[list[int]]:
    """Sorted ids as ``[first, last]`` runs of consecutive values (a bulk insert gives one)."""
    runs: list[list[int]] = []
    for pk in sorted(ids):
        if runs and runs[-1][1] == pk - 1:
            runs[-1][1] = pk
        else:
            runs.append([pk, pk])
    return runs


@transaction.atomic
def create_drawn_tasks(
    drawn: Sequence[DrawnTask],
    *,
    item,
    planned_date: date,
    source_ref: str,
    by,
    journal_obj,
    is_joint: bool = False,
    partner_departments: Sequence = (),
) -> list[InspectionTask]:
    """Create one task per ``drawn`` entry (in order), submitted for approval, with its team;
    journal them once on ``journal_obj`` (the draw). Returns the tasks with their ids."""
    check_item_published(item)
    if not drawn:
        return []
    for entry in drawn:
        if len(set(entry.officer_ids)) < 2:
            from eduenforce.core.errors import DomainError

            raise DomainError("检查组至少需要 2 名执法人员", field="officers")
    year = planned_date.year
    prefix = config.get("serial.task_prefix")
    numbers = _reserve_numbers(prefix, year, len(drawn))
    over_cap = _at_cap(item, year, [d.institution_id for d in drawn])
    now = timezone.now()
    created_by = by if getattr(by, "is_authenticated", False) else None
    joint = is_joint or bool(partner_departments)
    tasks = [
        InspectionTask(
            number=formatted(prefix, year, number),
            institution_id=entry.institution_id,
            item=item,
            source=TaskSource.RANDOM,
            source_ref=source_ref[:80],
            is_joint=joint,
            planned_date=planned_date,
            status=TaskStatus.PENDING_APPROVAL,
            submitted_at=now,
            exceeds_cap=entry.institution_id in over_cap,
            cap_reason=CAP_REASON if entry.institution_id in over_cap else "",
            created_by=created_by,
        )
        for number, entry in zip(numbers, drawn, strict=True)
    ]
    InspectionTask.objects.bulk_create(tasks, batch_size=BATCH)
    if any(t.pk is None for t in tasks):  # a backend without RETURNING: read them back by number
        ids = dict(
            InspectionTask.objects.filter(number__in=[t.number for t in tasks]).values_list("number", "pk")
        )
        for t in tasks:
            t.pk = t.id = ids[t.number]
    TaskMember.objects.bulk_create(
        [
            TaskMember(
                task_id=task.pk,
                officer_id=officer_id,
                order=i,
                role=MemberRole.LEAD if i == 0 else MemberRole.MEMBER,
            )
            for task, entry in zip(tasks, drawn, strict=True)
            for i, officer_id in enumerate(entry.officer_ids)
        ],
        batch_size=BATCH,
    )
    if partner_departments:
        through = InspectionTask.partner_departments.through
        through.objects.bulk_create(
            [through(inspectiontask_id=t.pk, department_id=d.pk) for t in tasks for d in partner_departments],
            batch_size=BATCH,
        )
    append(
        actor=by,
        action="inspection.tasks_drawn",
        obj=journal_obj,
        changes={
            "source_ref": source_ref,
            "item": item.pk,
            "planned_date": planned_date,
            "status": TaskStatus.PENDING_APPROVAL,
            "count": len(tasks),
            "tasks": _runs([t.pk for t in tasks]),
            "numbers": [tasks[0].number, tasks[-1].number],
            "exceeds_cap": sorted(t.pk for t in tasks if t.exceeds_cap),
            "partners": [d.pk for d in partner_departments],
        },
    )
    return tasks
