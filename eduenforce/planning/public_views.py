"""Public pages of planning (under /portal/items/): the item lists with their checklists,
the annual plans with their progress, and the special campaigns. Read only through
``.published()``; identified by item code and version, plan year, campaign public id."""

from django.db.models import Q
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from eduenforce.planning.choices import ItemList, PublicationStatus
from eduenforce.planning.models import AnnualPlan, Campaign, EnforcementItem
from eduenforce.planning.progress import plan_progress

LISTS = {
    ItemList.ENFORCEMENT: Q(list_kind=ItemList.ENFORCEMENT),
    ItemList.RANDOM: Q(list_kind=ItemList.RANDOM) | Q(is_random=True),
    ItemList.ENTERPRISE: Q(list_kind=ItemList.ENTERPRISE) | Q(is_enterprise=True),
}


@require_GET
def items(request):
    current = request.GET.get("list", ItemList.ENFORCEMENT)
    if current not in LISTS:
        current = ItemList.ENFORCEMENT
    rows = (
        EnforcementItem.objects.published()
        .filter(LISTS[current])
        .select_related("section")
        .prefetch_related("points")
        .order_by("code")
    )
    return render(
        request, "planning/public/items.html", {"items": rows, "current": current, "lists": ItemList.choices}
    )


@require_GET
def item(request, code: str, version: int):
    visible = EnforcementItem.objects.filter(
        status__in=[PublicationStatus.PUBLISHED, PublicationStatus.SUPERSEDED]
    )
    item = get_object_or_404(visible.select_related("section"), code=code, version=version)
    current = EnforcementItem.objects.published().filter(code=code).first()
    history = visible.filter(code=code).order_by("-version")
    return render(
        request,
        "planning/public/item.html",
        {"item": item, "points": item.points.all(), "current": current, "history": history},
    )


@require_GET
def plans(request):
    return render(request, "planning/public/plans.html", {"plans": AnnualPlan.objects.published()})


@require_GET
def plan(request, year: int):
    plan = get_object_or_404(AnnualPlan.objects.published(), year=year)
    return render(request, "planning/public/plan.html", {"plan": plan, "progress": plan_progress(plan)})


@require_GET
def campaigns(request):
    return render(
        request,
        "planning/public/campaigns.html",
        {"campaigns": Campaign.objects.published().select_related("organizer").order_by("-starts_on")},
    )


@require_GET
def campaign(request, public_id: str):
    campaign = get_object_or_404(
        Campaign.objects.published().select_related("organizer"), public_id=public_id
    )
    return render(
        request,
        "planning/public/campaign.html",
        {"campaign": campaign, "items": campaign.items.all(), "partners": campaign.partner_departments.all()},
    )
