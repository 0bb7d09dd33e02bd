"""Campaigns (专项检查) and their figures, computed from the inspection records."""

from django.shortcuts import get_object_or_404, render

from eduenforce.core.permissions import capability_required, scoped
from eduenforce.inspections import stats
from eduenforce.inspections.models import InspectionTask
from eduenforce.planning.models import Campaign


@capability_required("inspections.view")
def campaign_list(request):
    campaigns = list(Campaign.objects.order_by("-year", "-starts_on")[:100])
    rows = [(c, stats.campaign_figures(c)) for c in campaigns]
    return render(request, "inspections/campaign_list.html", {"rows": rows, "labels": stats.LABELS})


@capability_required("inspections.view")
def campaign_detail(request, pk):
    campaign = get_object_or_404(Campaign, pk=pk)
    tasks = (
        scoped(InspectionTask.objects.filter(campaign=campaign), request.user)
        .select_related("institution", "item")
        .order_by("-planned_date", "-id")
    )
    return render(
        request,
        "inspections/campaign_detail.html",
        {
            "campaign": campaign,
            "figures": stats.campaign_figures(campaign),
            "tasks": tasks[:500],
            "task_count": tasks.count(),
        },
    )
