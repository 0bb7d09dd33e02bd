"""移送: referrals between departments, with receipt tracking."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eduenforce.coordination import forms, services
from eduenforce.coordination.choices import ReferralStatus
from eduenforce.coordination.models import Referral
from eduenforce.coordination.views.common import paginate, run
from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability, scoped
from eduenforce.core.query import ListQuery, choice_filter, list_filters


class ReferralQuery(ListQuery):
    status = choice_filter("状态", ReferralStatus.choices, extra=[("overdue", "已逾期")])


@capability_required("coordination.view")
@list_filters(ReferralQuery)
def referral_list(request):
    referrals = scoped(Referral.objects.select_related("from_department", "to_department"), request.user)
    status = request.query["status"]
    if status == "overdue":
        referrals = referrals.overdue()
    elif status in ReferralStatus.values:
        referrals = referrals.filter(status=status)
    return render(
        request,
        "coordination/referrals.html",
        {
            "page": paginate(request, referrals, 30),
            "status": status,
            "statuses": ReferralStatus.choices,
            "may_refer": has_capability(request.user, "coordination.refer"),
        },
    )


@capability_required("coordination.refer")
def referral_create(request):
    form = forms.ReferralForm(request.POST or None, user=request.user)
    title = "部门移送"
    if request.method == "POST":

        def action(d):
            referral = services.refer(by=request.user, **d)
            return f"已移送，编号 {referral.number}，签收期限 {referral.ack_due:%Y-%m-%d}"

        return run(
            request,
            form,
            action,
            success_url="coordination:referrals",
            on_error=lambda f: render(
                request, "coordination/form.html", {"form": f, "title": title}, status=400
            ),
        )
    return render(request, "coordination/form.html", {"form": form, "title": title})


def _referral(request, pk, capability="coordination.view") -> Referral:
    return get_object_for_user(
        request.user, Referral.objects.select_related("from_department", "to_department"), capability, pk=pk
    )


RESPONSES = {
    "acknowledge": (forms.NoteForm, ReferralStatus.SENT),
    "conclude": (forms.ResultForm, ReferralStatus.ACKNOWLEDGED),
    "return": (forms.ReasonForm, None),
}


def _page(request, referral: Referral, bound: dict | None = None, status: int = 200):
    responses = {}
    if referral.may_respond(request.user):
        responses = {
            name: cls()
            for name, (cls, state) in RESPONSES.items()
            if state == referral.status
            or (state is None and referral.status in (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED))
        }
        responses.update(bound or {})
    return render(
        request, "coordination/referral_detail.html", {"r": referral, "forms": responses}, status=status
    )


@capability_required("coordination.view")
def referral_detail(request, pk):
    return _page(request, _referral(request, pk))


@require_POST
@capability_required("coordination.respond")
def referral_respond(request, pk, name):
    referral = _referral(request, pk, "coordination.respond")
    if name not in RESPONSES:
        raise Http404
    if not referral.may_respond(request.user):
        raise PermissionDenied("仅接收单位可签收或反馈")
    form, by = RESPONSES[name][0](request.POST), request.user
    actions = {
        "acknowledge": lambda d: referral.acknowledge(note=d["note"], by=by) and "已签收",
        "conclude": lambda d: referral.conclude(result=d["result"], by=by) and "已反馈办理结果",
        "return": lambda d: referral.return_to_sender(reason=d["reason"], by=by) and "已退回",
    }
    return run(
        request,
        form,
        actions[name],
        success_url=reverse("coordination:referral", args=[referral.pk]),
        on_error=lambda f: _page(request, _referral(request, pk), {name: f}, status=400),
    )
