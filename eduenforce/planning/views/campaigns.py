from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, get_object_for_user
from eduenforce.core.transitions import available
from eduenforce.planning import actions
from eduenforce.planning.forms import CampaignForm, ReasonForm
from eduenforce.planning.models import Campaign
from eduenforce.planning.views._common import form_error, form_values, perform, refused


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


@capability_required("planning.manage")
def campaign_create(request):
    form = CampaignForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            campaign = actions.do_create_campaign(by=request.user, values=form_values(form))
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, "专项检查已保存为草稿")
            return redirect(_detail(campaign))
    return render(request, "planning/campaign_form.html", {"form": form})


@capability_required("planning.manage")
def campaign_edit(request, pk):
    campaign = _campaign(request, pk, "planning.manage")
    if stop := refused(request, actions.EDIT_CAMPAIGN, campaign, _detail(campaign)):
        return stop
    form = CampaignForm(request.POST or None, instance=campaign)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_edit_campaign(campaign, by=request.user, values=form_values(form))
        except DomainError as error:
            form_error(form, error)
        else:
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
            "can": available(campaign, request.user, actions.CAMPAIGN_TRANSITIONS),
            "tasks": campaign.inspection_tasks.count(),
        },
    )


def _step(request, pk, capability: str, action, success: str):
    campaign = _campaign(request, pk, capability)
    return perform(request, lambda: action(campaign), success, _detail(campaign))


@require_POST
@capability_required("planning.manage")
def campaign_submit(request, pk):
    submit = actions.do_submit_campaign
    return _step(request, pk, "planning.manage", lambda c: submit(c, by=request.user), "已提交审批")


@require_POST
@capability_required("planning.approve")
def campaign_approve(request, pk):
    approve = actions.do_approve_campaign
    return _step(request, pk, "planning.approve", lambda c: approve(c, by=request.user), "已批准")


@require_POST
@capability_required("planning.approve")
def campaign_return(request, pk):
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    back = actions.do_return_campaign
    return _step(
        request, pk, "planning.approve", lambda c: back(c, by=request.user, reason=reason), "已退回修改"
    )


@require_POST
@capability_required("planning.approve")
def campaign_publish(request, pk):
    publish = actions.do_publish_campaign
    return _step(request, pk, "planning.approve", lambda c: publish(c, by=request.user), "专项检查已公布")


@require_POST
@capability_required("planning.manage")
def campaign_close(request, pk):
    summary = (request.POST.get("summary") or "")[:2000]
    close = actions.do_close_campaign
    return _step(
        request, pk, "planning.manage", lambda c: close(c, by=request.user, summary=summary), "专项检查已结束"
    )
