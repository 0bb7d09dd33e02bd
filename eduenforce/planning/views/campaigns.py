from django.contrib import messages
from django.db import transaction
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability
from eduenforce.planning.forms import CampaignForm, ReasonForm
from eduenforce.planning.models import Campaign
from eduenforce.planning.views._common import perform
from eduenforce.records.journal import append, snapshot

FIELDS = ["name", "year", "starts_on", "ends_on", "goal", "basis", "organizer"]


def _campaign(request, pk, capability="planning.view"):
    return get_object_for_user(request.user, Campaign.objects.select_related("organizer"), capability, pk=pk)


def _detail(campaign) -> str:
    return reverse("planning:campaign-detail", args=[campaign.pk])


@capability_required("planning.view")
def campaign_list(request):
    return render(
        request,
        "planning/campaign_list.html",
        {"campaigns": Campaign.objects.select_related("organizer").order_by("-year", "-starts_on")},
    )


def _save(request, form, verb: str):
    with transaction.atomic():
        before = snapshot(form.instance, FIELDS) if form.instance.pk else {}
        campaign = form.save(commit=False)
        if not campaign.pk:
            campaign.created_by = request.user
        campaign.save()
        form.save_m2m()
        append(
            actor=request.user,
            action=f"planning.campaign_{verb}",
            obj=campaign,
            changes={
                "before": before,
                "after": snapshot(campaign, FIELDS),
                "items": [i.pk for i in campaign.items.all()],
                "partners": [d.pk for d in campaign.partner_departments.all()],
            },
        )
    return campaign


@capability_required("planning.manage")
def campaign_create(request):
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        campaign = _save(request, form, "created")
        messages.success(request, "专项检查已保存为草稿")
        return redirect(_detail(campaign))
    return render(request, "planning/campaign_form.html", {"form": form})


@capability_required("planning.manage")
def campaign_edit(request, pk):
    campaign = _campaign(request, pk, "planning.manage")
    if not campaign.is_editable:
        messages.error(request, "只有草稿状态的专项检查可以修改")
        return redirect(_detail(campaign))
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        _save(request, form, "edited")
        messages.success(request, "已保存")
        return redirect(_detail(campaign))
    return render(request, "planning/campaign_form.html", {"form": form, "campaign": campaign})


@capability_required("planning.view")
def campaign_detail(request, pk):
    campaign = _campaign(request, pk)
    return render(
        request,
        "planning/campaign_detail.html",
        {
            "campaign": campaign,
            "reason_form": ReasonForm(),
            "can_manage": has_capability(request.user, "planning.manage"),
            "can_approve": has_capability(request.user, "planning.approve"),
            "tasks": campaign.inspection_tasks.count(),
        },
    )


@require_POST
@capability_required("planning.manage")
def campaign_submit(request, pk):
    campaign = _campaign(request, pk, "planning.manage")
    return perform(request, lambda: campaign.submit(by=request.user), "已提交审批", _detail(campaign))


@require_POST
@capability_required("planning.approve")
def campaign_approve(request, pk):
    campaign = _campaign(request, pk, "planning.approve")
    return perform(request, lambda: campaign.approve(by=request.user), "已批准", _detail(campaign))


@require_POST
@capability_required("planning.approve")
def campaign_return(request, pk):
    campaign = _campaign(request, pk, "planning.approve")
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return perform(
        request,
        lambda: campaign.return_for_changes(by=request.user, reason=reason),
        "已退回修改",
        _detail(campaign),
    )


@require_POST
@capability_required("planning.manage")
def campaign_publish(request, pk):
    campaign = _campaign(request, pk, "planning.manage")
    return perform(request, lambda: campaign.publish(by=request.user), "专项检查已公布", _detail(campaign))


@require_POST
@capability_required("planning.manage")
def campaign_close(request, pk):
    campaign = _campaign(request, pk, "planning.manage")
    summary = (request.POST.get("summary") or "")[:2000]
    return perform(
        request, lambda: campaign.close(by=request.user, summary=summary), "专项检查已结束", _detail(campaign)
    )
