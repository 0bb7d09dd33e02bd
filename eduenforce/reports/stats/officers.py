"""执法队伍: certified officers and training hours."""

from decimal import Decimal

from django.db.models import Count, DecimalField, Q, Sum, Value
from django.db.models.functions import Coalesce

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.core import config
from eduenforce.officers.choices import OfficerStatus
from eduenforce.officers.models import Officer, TrainingRecord
from eduenforce.reports.stats.period import Period


def bureau_officers():
    """The education system's own officers (本局科室). Partner departments' officers are on the
    register too, because joint draws take them from it, but they are not counted here."""
    return Officer.objects.filter(department__kind=DepartmentKind.SECTION)


def certified_officers(period: Period) -> int:
    """Bureau officers in service holding a valid 行政执法证 on the last day of the period."""
    return bureau_officers().certified_on(period.end).count()


def required_training_hours(period: Period) -> Decimal:
    """The annual requirement (``training.required_hours``), pro rata for shorter periods."""
    annual = Decimal(config.get("training.required_hours"))
    if period.kind == "year":
        return annual
    days = (period.end - period.start).days + 1
    return (annual * days / 365).quantize(Decimal("0.1"))


def _hours_in(period: Period):
    in_period = Q(trainings__date__gte=period.start, trainings__date__lte=period.end)
    return Coalesce(
        Sum("trainings__hours", filter=in_period),
        Value(Decimal("0")),
        output_field=DecimalField(max_digits=8, decimal_places=1),
    )


def officers_below_training(period: Period):
    """Officers in service whose training hours in the period fall short of the requirement.

    The officers app's rule (``OfficerQuerySet.below_training_requirement``: every officer in
    service, certificate or not), here for any period with the requirement pro rata.
    """
    required = required_training_hours(period)
    return (
        bureau_officers()
        .filter(status=OfficerStatus.ACTIVE)
        .annotate(hours=_hours_in(period))
        .filter(hours__lt=required)
        .order_by("hours", "name")
    )


def training_figures(period: Period) -> dict:
    """Total training hours and sessions in the period, and how many officers fell short."""
    totals = TrainingRecord.objects.filter(
        officer__department__kind=DepartmentKind.SECTION, **period.date_lookup("date")
    ).aggregate(
        hours=Coalesce(
            Sum("hours"), Value(Decimal("0")), output_field=DecimalField(max_digits=10, decimal_places=1)
        ),
        sessions=Count("id"),
        officers=Count("officer", distinct=True),
    )
    return {
        "training_hours": float(totals["hours"]),
        "training_sessions": totals["sessions"],
        "officers_trained": totals["officers"],
        "training_required_hours": float(required_training_hours(period)),
        "officers_below_training": officers_below_training(period).count(),
    }
