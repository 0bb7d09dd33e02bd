"""年度计划完成情况: planned inspections of the year's published plan vs inspections done.

A plan line plans ``planned_count`` inspections of an item (any version of its code) on one
kind of institution, in a quarter or the whole year. An inspection counts towards a line
when it is completed in the period (and in the line's quarter), under the line's item code,
on an institution of the line's kind; re-inspections follow up and do not count. A line
is done at most 100 %: extra inspections on one line do not make up for another.
"""

from django.db.models import Count, IntegerField, OuterRef, Subquery, Sum, Value
from django.db.models.functions import Coalesce, ExtractQuarter, Least

from eduenforce.inspections.choices import TaskSource
from eduenforce.planning.choices import PlanStatus
from eduenforce.planning.models import PlanLine
from eduenforce.reports.stats.inspections import completed_tasks
from eduenforce.reports.stats.period import Period


def _count(qs):
    counted = qs.order_by().values("item__code").annotate(n=Count("id")).values("n")[:1]
    return Coalesce(Subquery(counted, output_field=IntegerField()), Value(0))


def _done_expressions(period: Period):
    """(lines, done-for-whole-year-lines, done-for-quarterly-lines), each done capped at planned."""
    lines = PlanLine.objects.filter(plan__year=period.year_number, plan__status=PlanStatus.PUBLISHED)
    base = completed_tasks(period).exclude(source=TaskSource.REINSPECTION).filter(
        item__code=OuterRef("item__code"), institution__kind=OuterRef("object_kind"))
    in_quarter = base.annotate(q=ExtractQuarter("completed_at")).filter(q=OuterRef("quarter"))
    whole = Least(_count(base), "planned_count", output_field=IntegerField())
    quarterly = Least(_count(in_quarter), "planned_count", output_field=IntegerField())
    return lines, whole, quarterly


def _annotated(period: Period):
    """(whole-year lines, quarterly lines), each annotated with ``done``."""
    lines, whole, quarterly = _done_expressions(period)
    return (lines.filter(quarter__isnull=True).annotate(done=whole),
            lines.filter(quarter__isnull=False).annotate(done=quarterly))


def plan_figures(period: Period) -> dict:
    # Sum the expressions themselves: summing an annotation that holds a subquery loses it
    # when Django wraps the aggregate in a subquery.
    lines, whole, quarterly = _done_expressions(period)
    totals = [qs.aggregate(planned=Coalesce(Sum("planned_count"), Value(0)), done=Coalesce(Sum(expr), Value(0)))
              for qs, expr in ((lines.filter(quarter__isnull=True), whole),
                               (lines.filter(quarter__isnull=False), quarterly))]
    planned = sum(t["planned"] for t in totals)
    done = sum(t["done"] for t in totals)
    return {
        "plan_tasks_planned": planned,
        "plan_tasks_done": done,
        "plan_completion_percent": round(done * 100 / planned, 1) if planned else 0.0,
    }


def plan_progress(period: Period) -> list[PlanLine]:
    """Each line with ``done`` (dashboard chart, 计划未完成 drill-down); a plan has tens of lines."""
    whole, quarterly = _annotated(period)
    lines = list(whole.select_related("item")) + list(quarterly.select_related("item"))
    return sorted(lines, key=lambda line: (line.quarter or 0, line.item.code, line.object_kind))
