"""年度计划完成情况: planned inspections of the year's published plan vs inspections done.

A plan line plans ``planned_count`` inspections of an item (any version of its code) on one
kind of institution, in a quarter or the whole year. An inspection counts towards a line
when it is completed in the period (and in the line's quarter), under the line's item code,
on an institution of the line's kind; re-inspections follow up and do not count. A line
is done at most 100 %: extra inspections on one line do not make up for another.
"""

from django.db.models import F, Func, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, Least

from eduenforce.inspections.choices import TaskSource
from eduenforce.planning.choices import PlanStatus
from eduenforce.planning.models import PlanLine
from eduenforce.reports.stats.inspections import completed_tasks
from eduenforce.reports.stats.period import Period


def _count(qs):
    """COUNT(*) of ``qs`` as a scalar subquery (a Func, so no GROUP BY is added)."""
    counted = qs.order_by().annotate(n=Func(F("pk"), function="COUNT")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _line_sets(period: Period):
    """(lines, their done expression): whole-year lines, then each quarter's lines.

    A quarter is a plain date-time range on ``completed_at`` (an index range, no per-row
    function), and a line counts at most its planned number.
    """
    lines = PlanLine.objects.filter(plan__year=period.year_number, plan__status=PlanStatus.PUBLISHED)
    base = (
        completed_tasks(period)
        .exclude(source=TaskSource.REINSPECTION)
        .filter(item__code=OuterRef("item__code"), institution__kind=OuterRef("object_kind"))
    )
    sets = [(lines.filter(quarter__isnull=True), base)]
    for quarter in range(1, 5):
        lo, hi = Period.quarter(period.year_number, quarter).aware_range()
        sets.append((lines.filter(quarter=quarter), base.filter(completed_at__gte=lo, completed_at__lt=hi)))
    return [(qs, Least(_count(tasks), "planned_count", output_field=IntegerField())) for qs, tasks in sets]


def plan_figures(period: Period) -> dict:
    # Sum the expressions themselves: summing an annotation that holds a subquery loses it
    # when Django wraps the aggregate in a subquery.
    totals = [
        qs.aggregate(planned=Coalesce(Sum("planned_count"), Value(0)), done=Coalesce(Sum(done), Value(0)))
        for qs, done in _line_sets(period)
    ]
    planned = sum(t["planned"] for t in totals)
    done = sum(t["done"] for t in totals)
    return {
        "plan_tasks_planned": planned,
        "plan_tasks_done": done,
        "plan_completion_percent": round(done * 100 / planned, 1) if planned else 0.0,
    }


def plan_progress(period: Period) -> list[PlanLine]:
    """Each line with ``done`` (dashboard chart, 计划未完成 drill-down); a plan has tens of lines."""
    lines = [
        line for qs, done in _line_sets(period) for line in qs.annotate(done=done).select_related("item")
    ]
    return sorted(lines, key=lambda line: (line.quarter or 0, line.item.code, line.object_kind))
