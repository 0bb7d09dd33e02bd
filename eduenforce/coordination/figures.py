"""Figures of a joint operation, computed in the database from its linked inspections.

The headline figures use the inspections app's one definition (``inspections.stats.figures``:
completed inspections, submitted records), so an operation's numbers add up the same way as
a campaign's and the annual report's. On top of it: person-times by department (officers by
their department plus partner-department participants), all linked tasks by status, and the
outcomes (停止招生, 关停…) recorded against them.
"""

from collections import Counter

from django.db.models import Count

from eduenforce.inspections import stats
from eduenforce.inspections.choices import OutcomeKind, TaskStatus
from eduenforce.inspections.models import InspectionTask, Outcome, PartnerParticipant, TaskMember


def person_times_by_department(task_ids) -> list[dict]:
    counts = Counter(
        dict(
            TaskMember.objects.filter(task__in=task_ids)
            .values_list("officer__department__name")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    counts.update(
        dict(
            PartnerParticipant.objects.filter(task__in=task_ids)
            .values_list("department__name")
            .annotate(n=Count("pk"))
            .order_by()
        )
    )
    return [
        {"department": name, "count": n} for name, n in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    ]


def operation_figures(operation) -> dict:
    tasks = InspectionTask.objects.filter(operation_links__operation=operation)
    completed = tasks.filter(status=TaskStatus.COMPLETED).values("pk")
    labels = dict(TaskStatus.choices)
    statuses = dict(tasks.values_list("status").annotate(n=Count("pk")).order_by())
    outcome_labels = dict(OutcomeKind.choices)
    outcomes = (
        Outcome.objects.filter(task__in=completed)
        .values_list("kind")
        .annotate(n=Count("pk"))
        .order_by("kind")
    )
    return {
        **stats.figures(tasks).as_dict(),
        "linked_tasks": sum(statuses.values()),
        "tasks_by_status": [{"status": labels.get(s, s), "count": n} for s, n in sorted(statuses.items())],
        "person_times_by_department": person_times_by_department(completed),
        "outcomes": [{"label": outcome_labels.get(kind, kind), "count": n} for kind, n in outcomes],
    }
