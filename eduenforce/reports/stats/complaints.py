"""投诉举报: received, by source and outcome, and timeliness (acceptance and reply deadlines).

Complaints are counted in the period they were received. Timeliness uses the complaints
app's own definition (``ComplaintQuerySet.with_timeliness``), judged on the period's last
day (or today while the period runs).
"""

from django.db.models import Count, Q
from django.utils import timezone

from eduenforce.complaints.choices import Outcome, Source, Status, Timeliness
from eduenforce.complaints.models import Complaint
from eduenforce.reports.stats.period import Period


def _reference_day(period: Period):
    return min(period.end, timezone.localdate())


def received(period: Period):
    return Complaint.objects.filter(**period.date_lookup("received_on"))


def complaint_figures(period: Period) -> dict:
    qs = received(period).with_timeliness(today=_reference_day(period))
    return qs.aggregate(
        complaints_received=Count("id"),
        complaints_accepted=Count("id", filter=~Q(status__in=[Status.RECEIVED, Status.REJECTED])),
        complaints_rejected=Count("id", filter=Q(status=Status.REJECTED)),
        complaints_closed=Count("id", filter=Q(status__in=[Status.REPLIED, Status.REJECTED])),
        complaints_on_time=Count("id", filter=Q(timeliness=Timeliness.ON_TIME)),
        complaints_late=Count("id", filter=Q(timeliness=Timeliness.LATE)),
        complaints_open=Count("id", filter=Q(timeliness__in=[Timeliness.OPEN, Timeliness.OVERDUE])),
        complaints_overdue=Count("id", filter=Q(timeliness=Timeliness.OVERDUE)),
        complaints_substantiated=Count(
            "id", filter=Q(status=Status.REPLIED, finding__in=["substantiated", "partly"])
        ),
    )


def complaints_by_source(period: Period) -> list[dict]:
    labels = dict(Source.choices)
    rows = received(period).values("source").annotate(count=Count("id")).order_by("-count", "source")
    return [
        {"code": r["source"], "label": str(labels.get(r["source"], r["source"])), "count": r["count"]}
        for r in rows
    ]


def complaints_by_outcome(period: Period) -> list[dict]:
    labels = dict(Outcome.choices)
    rows = received(period).with_outcome().values("outcome").annotate(count=Count("id")).order_by("outcome")
    return [
        {"code": r["outcome"], "label": str(labels.get(r["outcome"], r["outcome"])), "count": r["count"]}
        for r in rows
    ]


def late_complaints(period: Period):
    """Records behind the 投诉办理超期 finding."""
    return (
        received(period)
        .with_timeliness(today=_reference_day(period))
        .filter(timeliness__in=[Timeliness.LATE, Timeliness.OVERDUE])
    )


def open_complaints(period: Period):
    return (
        received(period)
        .with_timeliness(today=_reference_day(period))
        .filter(timeliness__in=[Timeliness.OPEN, Timeliness.OVERDUE])
    )
