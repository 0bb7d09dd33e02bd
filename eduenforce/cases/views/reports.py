"""类案不同罚: decisions that deviate from the same violation's other decisions."""

from django.shortcuts import render
from django.utils import timezone

from eduenforce.cases.discretion import consistency_report
from eduenforce.core import config
from eduenforce.core.permissions import capability_required
from eduenforce.core.query import (
    ListQuery,
    list_filters,
    year_filter,
)


class ConsistencyQuery(ListQuery):
    year = year_filter()


@capability_required("cases.view")
@list_filters(ConsistencyQuery)
def consistency(request):
    year = request.GET.get("year", "")
    year = int(year) if year.isdigit() and 2000 <= int(year) <= 2100 else None
    tolerance = config.get("cases.consistency_tolerance_percent")
    return render(
        request,
        "cases/consistency.html",
        {
            "groups": consistency_report(year=year, tolerance_percent=tolerance),
            "year": year,
            "tolerance": tolerance,
            "years": range(timezone.localdate().year, timezone.localdate().year - 6, -1),
        },
    )
