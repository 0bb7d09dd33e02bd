"""行政许可: 办学许可证 decisions counted from each institution's licence history."""

from django.db.models import Count, Q

from eduenforce.registry.choices import LicenceEventKind
from eduenforce.registry.models import LicenceEvent
from eduenforce.reports.stats.period import Period


def licence_figures(period: Period) -> dict:
    events = LicenceEvent.objects.filter(**period.date_lookup("date"))
    return events.aggregate(
        licences_issued=Count("id", filter=Q(kind=LicenceEventKind.ISSUED)),
        licences_renewed=Count("id", filter=Q(kind=LicenceEventKind.RENEWED)),
        licences_changed=Count("id", filter=Q(kind=LicenceEventKind.CHANGED)),
        licences_granted=Count(
            "id",
            filter=Q(kind__in=[LicenceEventKind.ISSUED, LicenceEventKind.RENEWED, LicenceEventKind.CHANGED]),
        ),
        licences_revoked=Count("id", filter=Q(kind=LicenceEventKind.REVOKED)),
    )
