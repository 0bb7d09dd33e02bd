"""公示: what was published, and whether on time (行政处罚 7 working days, others 20)."""

from django.db.models import Count, F, Q
from django.utils import timezone

from eduenforce.portal.choices import PublicationKind, PublicationState
from eduenforce.portal.models import Publication
from eduenforce.reports.stats.period import Period

VISIBLE = [PublicationState.PUBLISHED, PublicationState.CORRECTED]


def _reference_day(period: Period):
    """Overdue is judged on the period's last day, or today while the period is still running."""
    return min(period.end, timezone.localdate())


def publication_figures(period: Period) -> dict:
    """Publications made in the period, and the timeliness of those that fell due in it."""
    made = Q(published_at__isnull=False, **period.dt_lookup("published_at"))
    due_in = Q(due_on__isnull=False, **period.date_lookup("due_on"))
    on_time = Q(published_at__isnull=False, published_at__date__lte=F("due_on"))
    late = Q(published_at__isnull=False, published_at__date__gt=F("due_on"))
    unpublished = Q(state=PublicationState.DUE, due_on__lt=_reference_day(period))
    row = Publication.objects.aggregate(
        published=Count("id", filter=made),
        decisions_published=Count("id", filter=made & Q(kind=PublicationKind.DECISION)),
        due=Count("id", filter=due_in),
        on_time=Count("id", filter=due_in & on_time),
        late=Count("id", filter=due_in & late),
        overdue=Count("id", filter=due_in & unpublished),
        withdrawn=Count("id", filter=Q(state=PublicationState.WITHDRAWN, **period.dt_lookup("withdrawn_at"))),
    )
    return {
        "publications_published": row["published"],
        "decisions_published": row["decisions_published"],
        "publications_due": row["due"],
        "publications_on_time": row["on_time"],
        "publications_late": row["late"],
        "publications_overdue": row["overdue"],
        "publications_withdrawn": row["withdrawn"],
    }


def publications_by_kind(period: Period) -> list[dict]:
    """Per kind: published in the period, due in it, late and still overdue (dashboard chart)."""
    due_in = Q(due_on__isnull=False, **period.date_lookup("due_on"))
    rows = (
        Publication.objects.values("kind")
        .annotate(
            published=Count("id", filter=Q(published_at__isnull=False, **period.dt_lookup("published_at"))),
            late=Count("id", filter=due_in & Q(published_at__date__gt=F("due_on"))),
            overdue=Count(
                "id", filter=due_in & Q(state=PublicationState.DUE, due_on__lt=_reference_day(period))
            ),
            due=Count("id", filter=Q(state=PublicationState.DUE)),
        )
        .order_by("kind")
    )
    labels = dict(PublicationKind.choices)
    return [{**r, "label": labels.get(r["kind"], r["kind"])} for r in rows]


def overdue_publications(period: Period):
    """Records behind the 'overdue' figure (drill-down)."""
    return Publication.objects.filter(
        state=PublicationState.DUE, due_on__lt=_reference_day(period), **period.date_lookup("due_on")
    )


def late_publications(period: Period):
    return Publication.objects.filter(
        published_at__isnull=False, published_at__date__gt=F("due_on"), **period.date_lookup("due_on")
    )
