"""联络员: the liaison officers of partner departments."""

from django.shortcuts import render
from django.views.decorators.http import require_POST

from eduenforce.coordination import forms, services
from eduenforce.coordination.models import LiaisonOfficer
from eduenforce.coordination.views.common import flash_errors, run
from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability, scoped


@capability_required("coordination.view")
def liaison_list(request):
    liaisons = scoped(LiaisonOfficer.objects.select_related("department", "user"), request.user)
    return render(
        request,
        "coordination/liaisons.html",
        {
            "current": liaisons.current(),
            "past": liaisons.filter(status="ended")[:50],
            "may_manage": has_capability(request.user, "coordination.manage"),
        },
    )


@capability_required("coordination.manage")
def liaison_appoint(request):
    form = forms.LiaisonForm(request.POST or None)
    title = "登记联络员"
    if request.method == "POST":
        return run(
            request,
            form,
            lambda d: services.appoint_liaison(by=request.user, **d) and "已登记联络员",
            success_url="coordination:liaisons",
            on_error=lambda f: render(
                request, "coordination/form.html", {"form": f, "title": title}, status=400
            ),
        )
    return render(request, "coordination/form.html", {"form": form, "title": title})


@require_POST
@capability_required("coordination.manage")
def liaison_end(request, pk):
    liaison = get_object_for_user(request.user, LiaisonOfficer.objects.all(), "coordination.manage", pk=pk)
    return run(
        request,
        forms.ReasonForm(request.POST),
        lambda d: liaison.end(reason=d["reason"], by=request.user) and f"{liaison.name} 已卸任",
        success_url="coordination:liaisons",
        on_error=lambda f: flash_errors(request, f, "coordination:liaisons"),
    )
