"""The inspection figures of the annual report, computed from records in the database.

One definition for every place that shows them (a campaign's page, the dashboard, the annual
report). Scope is any queryset of tasks; only completed inspections count, and only what
their submitted records say (a draft, including a correction still being written, counts
for nothing).

- 行政检查 (inspections): completed inspection tasks; 联合检查: those with partner departments.
- 出动人次 (person_times): for each inspection, its officers plus its partner-department
  participants, summed. Never typed in.
- 排查机构 (institutions_screened): distinct institutions inspected.
- 发现隐患 (hazards_found): hazards recorded in submitted records.
- 存在隐患问题机构 (institutions_with_hazards): institutions with at least one hazard that
  could not be fixed on the spot (it needed a rectification order);
  其中隐患 (hazards_among_them): all hazards found at those institutions.
- 现场整改 (rectified_on_site): institutions where a hazard or a failed checklist point was
  rectified on the spot.
- 责令整改 (rectification_orders): rectification orders issued after these inspections.
- 关停 (closed_institutions): institutions ordered to stop running (责令停止举办) by a served case
  decision filed from a 移送立案 of these inspections — penalties are counted from case decisions
  only, never from an inspection's or the registry's status change (行政处罚法第九条、第三十八条).
"""

from dataclasses import asdict, dataclass
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q
from django.utils import timezone

from eduenforce.inspections import hooks
from eduenforce.inspections.choices import RecordStatus, TaskStatus
from eduenforce.inspections.models import (
    ChecklistResult,
    Hazard,
    InspectionTask,
    PartnerParticipant,
    RectificationOrder,
    TaskMember,
)

LABELS = {
    "inspections": "行政检查（件）",
    "joint_inspections": "其中联合检查（次）",
    "person_times": "出动人次",
    "institutions_screened": "排查机构（家）",
    "hazards_found": "发现隐患（处）",
    "institutions_with_hazards": "存在隐患问题机构（家）",
    "hazards_among_them": "其中隐患（处）",
    "rectified_on_site": "现场整改（家）",
    "rectification_orders": "责令限期整改（份）",
    "closed_institutions": "关停机构（家）",
}
RECORDED = [RecordStatus.SUBMITTED, RecordStatus.SUPERSEDED]


@dataclass(frozen=True)
class Figures:
    inspections: int = 0
    joint_inspections: int = 0
    person_times: int = 0
    institutions_screened: int = 0
    hazards_found: int = 0
    institutions_with_hazards: int = 0
    hazards_among_them: int = 0
    rectified_on_site: int = 0
    rectification_orders: int = 0
    closed_institutions: int = 0

    def as_dict(self) -> dict:
        return asdict(self)

    def labelled(self) -> list[tuple[str, str, int]]:
        return [(name, LABELS[name], value) for name, value in asdict(self).items()]


def figures(tasks) -> Figures:
    """The figures over ``tasks`` (a queryset of ``InspectionTask``), a few aggregate queries."""
    done = tasks.filter(status=TaskStatus.COMPLETED)
    ids = done.values("pk")
    head = done.aggregate(
        n=Count("pk"),
        joint=Count("pk", filter=Q(is_joint=True)),
        institutions=Count("institution", distinct=True),
    )
    if not head["n"]:
        return Figures()
    hazards = Hazard.objects.filter(task__in=ids, record__status__in=RECORDED)
    counts = hazards.aggregate(
        found=Count("pk"),
        institutions=Count("task__institution", distinct=True, filter=Q(rectified_on_spot=False)),
    )
    with_hazards = hazards.filter(rectified_on_spot=False).values("task__institution")
    on_spot_hazard = Hazard.objects.filter(
        task=OuterRef("pk"), rectified_on_spot=True, record__status__in=RECORDED
    )
    on_spot_point = ChecklistResult.objects.filter(
        record__task=OuterRef("pk"), record__status=RecordStatus.SUBMITTED, rectified_on_spot=True
    )
    return Figures(
        inspections=head["n"],
        joint_inspections=head["joint"],
        person_times=TaskMember.objects.filter(task__in=ids).count()
        + PartnerParticipant.objects.filter(task__in=ids).count(),
        institutions_screened=head["institutions"],
        hazards_found=counts["found"],
        institutions_with_hazards=counts["institutions"],
        hazards_among_them=hazards.filter(task__institution__in=with_hazards).count(),
        rectified_on_site=done.filter(Exists(on_spot_hazard) | Exists(on_spot_point))
        .values("institution")
        .distinct()
        .count(),
        rectification_orders=RectificationOrder.objects.filter(task__in=ids).count(),
        closed_institutions=hooks.institutions_closed_by_decision(ids),
    )


def campaign_figures(campaign) -> Figures:
    """A campaign's figures (e.g. 2025 寒假校外培训治理), from the inspections it groups."""
    return figures(InspectionTask.objects.filter(campaign=campaign))


def tasks_completed_in(year: int):
    """Inspections completed in ``year`` (local time), the scope of the annual report."""
    start = timezone.make_aware(datetime(year, 1, 1))
    end = timezone.make_aware(datetime(year + 1, 1, 1))
    return InspectionTask.objects.filter(completed_at__gte=start, completed_at__lt=end)


def year_figures(year: int) -> Figures:
    return figures(tasks_completed_in(year))


def _quarter_bounds(year: int) -> list[datetime]:
    tz = ZoneInfo(settings.TIME_ZONE)
    return [datetime(year, m, 1, tzinfo=tz) for m in (1, 4, 7, 10)] + [datetime(year + 1, 1, 1, tzinfo=tz)]


def completed_per_quarter(year: int) -> dict[tuple[str, str, int], int]:
    """(item code, object kind, quarter) → inspections completed in ``year``, by the quarter of their
    completion (local time): what the annual plan's progress counts as done."""
    bounds = _quarter_bounds(year)
    quarters = {
        f"q{q}": Count("id", filter=Q(completed_at__gte=bounds[q - 1], completed_at__lt=bounds[q]))
        for q in range(1, 5)
    }
    rows = (
        InspectionTask.objects.filter(
            status=TaskStatus.COMPLETED, completed_at__gte=bounds[0], completed_at__lt=bounds[4]
        )
        .values("item__code", "institution__kind")
        .annotate(**quarters)
        .order_by()
    )
    out = {}
    for row in rows:
        for q in range(1, 5):
            out[(row["item__code"], row["institution__kind"], q)] = row[f"q{q}"]
    return out
