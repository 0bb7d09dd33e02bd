"""Complaint statistics for the annual report and the dashboard, computed in the database.

Every function takes an optional period (``start``/``end`` dates of receipt, inclusive) and
returns ``[{"key": …, "label": …, "count": n}, …]`` ordered by count, so the reports app can
put any of them in a table or a chart. ``summary(year)`` bundles them all.
"""

from datetime import date

from django.db.models import Count, F, Q
from django.utils import timezone

from eduenforce.accounts.models import Department
from eduenforce.complaints.choices import MatterType, Outcome, Satisfaction, Source, Status, Timeliness
from eduenforce.complaints.models import Complaint
from eduenforce.registry.choices import InstitutionKind

UNKNOWN = "未关联"


def complaints(start: date | None = None, end: date | None = None):
    qs = Complaint.objects.all()
    if start:
        qs = qs.filter(received_on__gte=start)
    if end:
        qs = qs.filter(received_on__lte=end)
    return qs


def _rows(qs, field: str, labels: dict) -> list[dict]:
    counted = qs.values(field).annotate(n=Count("pk")).order_by("-n", field)
    return [
        {
            "key": row[field] or "",
            "label": labels.get(row[field], UNKNOWN) if row[field] else UNKNOWN,
            "count": row["n"],
        }
        for row in counted
    ]


def by_source(start=None, end=None) -> list[dict]:
    return _rows(complaints(start, end), "source", dict(Source.choices))


def by_matter_type(start=None, end=None) -> list[dict]:
    return _rows(complaints(start, end), "matter_type", dict(MatterType.choices))


def by_institution_kind(start=None, end=None) -> list[dict]:
    return _rows(complaints(start, end), "institution__kind", dict(InstitutionKind.choices))


def by_street(start=None, end=None) -> list[dict]:
    streets = dict(Department.objects.filter(kind="street").values_list("pk", "name"))
    return _rows(complaints(start, end), "street", streets)


def by_outcome(start=None, end=None) -> list[dict]:
    return _rows(complaints(start, end).with_outcome(), "outcome", dict(Outcome.choices))


def by_timeliness(start=None, end=None, today: date | None = None) -> list[dict]:
    return _rows(complaints(start, end).with_timeliness(today), "timeliness", dict(Timeliness.choices))


def by_satisfaction(start=None, end=None) -> list[dict]:
    return _rows(complaints(start, end).exclude(satisfaction=""), "satisfaction", dict(Satisfaction.choices))


def totals(start=None, end=None, today: date | None = None) -> dict:
    """Headline numbers in one aggregate query."""
    today = today or timezone.localdate()
    return complaints(start, end).aggregate(
        received=Count("pk"),
        accepted=Count("pk", filter=~Q(status__in=[Status.RECEIVED, Status.REJECTED])),
        rejected=Count("pk", filter=Q(status=Status.REJECTED)),
        replied=Count("pk", filter=Q(status=Status.REPLIED)),
        replied_on_time=Count("pk", filter=Q(status=Status.REPLIED, replied_on__lte=F("reply_due"))),
        accepted_on_time=Count("pk", filter=Q(decided_on__isnull=False, decided_on__lte=F("accept_due"))),
        overdue=Count(
            "pk",
            filter=Q(status=Status.RECEIVED, accept_due__lt=today)
            | Q(status__in=[Status.ACCEPTED, Status.HANDLING], reply_due__lt=today),
        ),
        extended=Count("pk", filter=Q(extended_days__gt=0)),
        anonymous=Count("pk", filter=Q(is_anonymous=True)),
        duplicates=Count("pk", filter=Q(duplicate_of__isnull=False)),
        rated=Count("pk", filter=~Q(satisfaction="")),
        satisfied=Count("pk", filter=Q(satisfaction__in=[Satisfaction.SATISFIED, Satisfaction.BASIC])),
    )


def summary(year: int, today: date | None = None) -> dict:
    start, end = date(year, 1, 1), date(year, 12, 31)
    return {
        "year": year,
        "totals": totals(start, end, today),
        "by_source": by_source(start, end),
        "by_matter_type": by_matter_type(start, end),
        "by_institution_kind": by_institution_kind(start, end),
        "by_street": by_street(start, end),
        "by_outcome": by_outcome(start, end),
        "by_timeliness": by_timeliness(start, end, today),
        "by_satisfaction": by_satisfaction(start, end),
    }
