"""双随机 figures for the annual report: joint and internal checks, person-times, units.

Counted from the tasks the draws created (``DrawAssignment``) that were completed in the
year, excluding the tasks of draws superseded by a redraw (those were cancelled anyway).
"""

from dataclasses import dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings


@dataclass
class RandomChecks:
    checks: int = 0
    person_times: int = 0
    units: int = 0


@dataclass
class RandomCheckSummary:
    year: int
    joint: RandomChecks
    internal: RandomChecks
    draws: int


def _person_times(task) -> int:
    # inspections defines person-times (officers plus partner participants) on the task.
    value = getattr(task, "person_times", None)
    return value if isinstance(value, int) else task.members.count()


def summary(year: int) -> RandomCheckSummary:
    """e.g. 2025: 联合检查 6 次（68 人次，6 家单位）, 内部检查 11 次."""
    from eduenforce.inspections.choices import TaskStatus
    from eduenforce.sampling.models import Draw, DrawAssignment

    tz = ZoneInfo(settings.TIME_ZONE)
    start, end = datetime(year, 1, 1, tzinfo=tz), datetime(year + 1, 1, 1, tzinfo=tz)
    assignments = (
        DrawAssignment.objects.current()
        .filter(task__status=TaskStatus.COMPLETED, task__completed_at__gte=start, task__completed_at__lt=end)
        .select_related("task")
    )
    groups = {True: (RandomChecks(), set()), False: (RandomChecks(), set())}
    for assignment in assignments:
        figures, units = groups[assignment.is_joint]
        figures.checks += 1
        figures.person_times += _person_times(assignment.task)
        units.add(assignment.institution_id)
    for figures, units in groups.values():
        figures.units = len(units)
    draws = Draw.objects.drawn().filter(drawn_at__gte=start, drawn_at__lt=end).count()
    return RandomCheckSummary(year, groups[True][0], groups[False][0], draws)
