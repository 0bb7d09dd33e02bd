"""行政检查: random checks, administrative inspections, campaigns, hazards, rectification.

Every figure counts *completed* inspection tasks whose ``completed_at`` falls in the period
(a task counts once, in the period it was finished). Person-times (出动人次) of a task are
its team officers plus the partner-department participants, as ``InspectionTask.person_times``
defines them; here they are summed in SQL with two grouped counts.
"""

from django.db.models import Count, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone

from eduenforce.inspections.choices import HazardStatus, OrderStatus, RecordStatus, TaskSource, TaskStatus
from eduenforce.inspections.models import (
    Hazard,
    InspectionTask,
    PartnerParticipant,
    RectificationOrder,
    TaskMember,
)
from eduenforce.planning.choices import HazardCategory
from eduenforce.reports.stats.period import Period


def completed_tasks(period: Period):
    """Inspection tasks finished in the period: the base of every inspection figure."""
    return InspectionTask.objects.filter(status=TaskStatus.COMPLETED, **period.dt_lookup("completed_at"))


# The task subsets the report names. Campaign screenings (专项排查) are reported on their own
# (campaign_*), so 行政检查 counts every other completed inspection.
RANDOM_JOINT = Q(source=TaskSource.RANDOM, is_joint=True)
RANDOM_INTERNAL = Q(source=TaskSource.RANDOM, is_joint=False)
CAMPAIGN = Q(campaign__isnull=False)
CAMPAIGN_SCREENING = Q(campaign__isnull=False) & ~Q(source=TaskSource.REINSPECTION)
ADMINISTRATIVE = Q(campaign__isnull=True)


def person_times(tasks) -> int:
    """出动人次 of a task queryset: officers on the teams plus partner participants."""
    officers = TaskMember.objects.filter(task__in=tasks.values("pk")).count()
    partners = PartnerParticipant.objects.filter(task__in=tasks.values("pk")).count()
    return officers + partners


def _prefixed(q: Q, prefix: str) -> Q:
    """The same condition on a related task (``task__…``), for counting members and hazards."""
    out = Q(
        *[_prefixed(c, prefix) if isinstance(c, Q) else (f"{prefix}{c[0]}", c[1]) for c in q.children],
        _connector=q.connector,
        _negated=q.negated,
    )
    return out


def _person_times(period: Period) -> dict:
    """Person-times of the task subsets in one pass over members and one over participants."""
    lo, hi = period.aware_range()
    in_period = Q(task__status=TaskStatus.COMPLETED, task__completed_at__gte=lo, task__completed_at__lt=hi)
    subsets = {
        "joint_random_person_times": RANDOM_JOINT,
        "internal_random_person_times": RANDOM_INTERNAL,
        "inspection_person_times": Q(),
    }
    out = dict.fromkeys(subsets, 0)
    for model in (TaskMember, PartnerParticipant):
        row = model.objects.filter(in_period).aggregate(
            **{
                key: Count("id", filter=_prefixed(q, "task__")) if q else Count("id")
                for key, q in subsets.items()
            }
        )
        for key in subsets:
            out[key] += row[key]
    return out


def inspection_figures(period: Period) -> dict:
    """行政检查 and 双随机 figures (one aggregate over the tasks, one per kind of participant)."""
    return {k: v for k, v in _task_figures(period).items() if not k.startswith("campaign")}


def _task_figures(period: Period) -> dict:
    row = completed_tasks(period).aggregate(
        inspections_completed=Count("id"),
        joint_random_inspections=Count("id", filter=RANDOM_JOINT),
        internal_random_inspections=Count("id", filter=RANDOM_INTERNAL),
        joint_random_units=Count("institution", filter=RANDOM_JOINT, distinct=True),
        internal_random_units=Count("institution", filter=RANDOM_INTERNAL, distinct=True),
        administrative_inspections=Count("id", filter=ADMINISTRATIVE),
        joint_inspections=Count("id", filter=Q(is_joint=True)),
        complaint_inspections=Count("id", filter=Q(source=TaskSource.COMPLAINT)),
        reinspections=Count("id", filter=Q(source=TaskSource.REINSPECTION)),
        inspected_institutions=Count("institution", distinct=True),
        campaigns=Count("campaign", filter=CAMPAIGN_SCREENING, distinct=True),
    )
    row.update(_person_times(period))
    return row


def campaign_figures(period: Period, *, task_figures: dict | None = None) -> dict:
    """专项治理 (寒暑期校外培训治理, 广告管控…): the campaign inspections finished in the period.

    The counting rules are the inspections app's own (``inspections.stats.figures``), so the
    annual report states what each campaign's page shows: every inspection done under a
    campaign (its re-inspections included), person-times, distinct institutions screened,
    hazards in submitted records, institutions left with a hazard that needed an order and all
    their hazards, institutions that fixed something on the spot, orders, and closures.
    """
    from eduenforce.inspections import stats as inspection_stats

    t = task_figures if task_figures is not None else _task_figures(period)
    f = inspection_stats.figures(completed_tasks(period).filter(CAMPAIGN))
    return {
        "campaigns": t["campaigns"],
        "campaign_inspections": f.inspections,
        "campaign_person_times": f.person_times,
        "campaign_institutions_screened": f.institutions_screened,
        "campaign_hazards_found": f.hazards_found,
        "institutions_with_hazards": f.institutions_with_hazards,
        "hazards_in_those_institutions": f.hazards_among_them,
        "rectified_on_site_institutions": f.rectified_on_site,
        "campaign_rectification_orders": f.rectification_orders,
        "campaign_institutions_closed": f.closed_institutions,
    }


def all_figures(period: Period) -> dict:
    """Every inspection, campaign, hazard and rectification figure, sharing the task aggregate."""
    tasks = _task_figures(period)
    out = {k: v for k, v in tasks.items() if not k.startswith("campaign")}
    out.update(campaign_figures(period, task_figures=tasks))
    out.update(hazard_figures(period))
    out.update(rectification_figures(period))
    return out


def recorded_hazards(period: Period):
    """Hazards of the period's completed inspections, as their submitted records state them."""
    return Hazard.objects.filter(
        task__in=completed_tasks(period).values("pk"),
        record__status__in=[RecordStatus.SUBMITTED, RecordStatus.SUPERSEDED],
    )


def hazard_figures(period: Period) -> dict:
    hazards = recorded_hazards(period)
    return hazards.aggregate(
        hazards_found=Count("id"),
        hazards_rectified_on_site=Count("id", filter=Q(rectified_on_spot=True)),
        hazards_open=Count("id", filter=Q(status__in=[HazardStatus.RECORDED, HazardStatus.ORDERED])),
        hazards_escalated=Count("id", filter=Q(status=HazardStatus.ESCALATED)),
    )


def _reference_day(period: Period):
    return min(period.end, timezone.localdate())


def rectification_figures(period: Period) -> dict:
    """Orders issued in the period, by how they ended.

    The re-inspection comes after the deadline (the inspections app plans it for the next
    working day), so an order ends 已整改 (rectified by the deadline, as the re-inspection found)
    or 已移送立案 (not rectified: escalated to a case). One still 整改中 after its deadline has not
    been concluded yet: overdue.
    """
    orders = RectificationOrder.objects.filter(**period.date_lookup("issued_on"))
    return orders.aggregate(
        rectification_orders=Count("id"),
        rectification_orders_rectified=Count("id", filter=Q(status=OrderStatus.RECTIFIED)),
        rectification_orders_escalated=Count("id", filter=Q(status=OrderStatus.ESCALATED)),
        rectification_orders_open=Count("id", filter=Q(status=OrderStatus.ISSUED)),
        rectification_orders_overdue=Count(
            "id", filter=Q(status=OrderStatus.ISSUED, due_on__lt=_reference_day(period))
        ),
    )


def overdue_orders(period: Period):
    return RectificationOrder.objects.filter(
        status=OrderStatus.ISSUED, due_on__lt=_reference_day(period), **period.date_lookup("issued_on")
    )


def late_or_overdue_orders(period: Period):
    """Records behind the 整改逾期 finding: not rectified by the deadline, or past it unconcluded."""
    return RectificationOrder.objects.filter(**period.date_lookup("issued_on")).filter(
        Q(status=OrderStatus.ISSUED, due_on__lt=_reference_day(period)) | Q(status=OrderStatus.ESCALATED)
    )


# ------------------------------------------------------------------ breakdowns (charts)


def inspections_by_month(period: Period) -> list[dict]:
    rows = (
        completed_tasks(period)
        .annotate(m=TruncMonth("completed_at"))
        .values("m")
        .annotate(count=Count("id"))
        .order_by("m")
    )
    counts = {(r["m"].year, r["m"].month): r["count"] for r in rows}
    return [
        {"year": d.year, "month": d.month, "count": counts.get((d.year, d.month), 0)} for d in period.months()
    ]


def inspections_by_street(period: Period) -> list[dict]:
    rows = (
        completed_tasks(period)
        .values("institution__street__code", "institution__street__name")
        .annotate(count=Count("id"))
        .order_by("-count", "institution__street__name")
    )
    return [
        {"code": r["institution__street__code"], "label": r["institution__street__name"], "count": r["count"]}
        for r in rows
    ]


def inspections_by_source(period: Period) -> list[dict]:
    rows = completed_tasks(period).values("source").annotate(count=Count("id")).order_by("source")
    labels = dict(TaskSource.choices)
    return [
        {"code": r["source"], "label": str(labels.get(r["source"], r["source"])), "count": r["count"]}
        for r in rows
    ]


def hazards_by_category(period: Period) -> list[dict]:
    rows = (
        recorded_hazards(period).values("category").annotate(count=Count("id")).order_by("-count", "category")
    )
    labels = dict(HazardCategory.choices)
    return [
        {"code": r["category"], "label": str(labels.get(r["category"], r["category"])), "count": r["count"]}
        for r in rows
    ]


def joint_partner_names(period: Period) -> list[str]:
    """Partner departments that joined the period's joint 双随机 checks, most frequent first."""
    from eduenforce.accounts.models import Department

    rows = (
        Department.objects.filter(joint_tasks__in=completed_tasks(period).filter(RANDOM_JOINT).values("pk"))
        .annotate(n=Count("joint_tasks"))
        .order_by("-n", "order")
    )
    return [d.display_name for d in rows]


def campaign_names(period: Period) -> list[str]:
    from eduenforce.planning.models import Campaign

    ids = completed_tasks(period).filter(CAMPAIGN).values("campaign")
    return list(Campaign.objects.filter(pk__in=ids).order_by("starts_on").values_list("name", flat=True))
