"""Public pages (no login): the complaint form, the receipt, the progress lookup and the rating.

Nothing here shows who complained. The lookup answers the same "not found" whether the
number does not exist or the code is wrong; what it found is remembered in the session
(never in the URL) so that the result page and the rating form need no code in the page.
"""

import time

from django.contrib import messages
from django.db.models import Prefetch
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.csrf import csrf_exempt, csrf_protect
from django.views.decorators.http import require_GET, require_POST

from eduenforce.complaints import antispam
from eduenforce.complaints.choices import HandlingKind, Status
from eduenforce.complaints.forms import LookupForm, PublicComplaintForm, RateForm
from eduenforce.complaints.models import Complaint, ComplaintHandling
from eduenforce.complaints.services import find_for_lookup, register_complaint, search_institution_names
from eduenforce.complaints.uploads import LimitedUploadHandler
from eduenforce.core import config
from eduenforce.core.errors import DomainError

RECEIPT_KEY = "complaints.receipt"
LOOKUP_KEY = "complaints.lookup"
LOOKUP_SECONDS = 30 * 60


@csrf_exempt
def submit(request):
    # The size-limiting upload handler must be installed before anything reads the body,
    # which the CSRF check does; so CSRF is checked by the inner view (Django's documented pattern).
    request.oversize_uploads = []
    if request.method == "POST":
        request.upload_handlers.insert(0, LimitedUploadHandler(request))
    return _submit(request)


@csrf_protect
def _submit(request):
    search_url = reverse("portal:complaints:institution-search")
    if request.method != "POST":
        _question, token = antispam.new_challenge()
        form = PublicComplaintForm(search_url=search_url, initial={"challenge_token": token})
        return render(request, "complaints/public/form.html", {"form": form})
    form = PublicComplaintForm(
        request.POST.copy(), request.FILES, search_url=search_url, oversize=request.oversize_uploads
    )
    limit = config.get("complaints.submissions_per_hour")
    if antispam.over_limit("attempt", request, limit * 4):
        return _refuse(request, form, "提交过于频繁，请一小时后再试")
    if form.is_valid():
        if antispam.over_limit("submit", request, limit):
            return _refuse(request, form, "提交过于频繁，请一小时后再试")
        try:
            complaint, code = register_complaint(source="portal", **form.intake_kwargs())
        except DomainError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            antispam.spend(form.challenge_nonce)
            request.session[RECEIPT_KEY] = {"number": complaint.tracking_number, "code": code}
            return redirect("portal:complaints:submitted")
    form.renew_challenge_if_needed()
    return render(request, "complaints/public/form.html", {"form": form}, status=400)


def _refuse(request, form, message: str):
    form.is_valid()
    form.add_error(None, message)
    form.renew_challenge_if_needed()
    return render(request, "complaints/public/form.html", {"form": form}, status=429)


@require_GET
def submitted(request):
    """The receipt, shown once: the code is not stored anywhere it could be read again."""
    receipt = request.session.pop(RECEIPT_KEY, None)
    if not receipt:
        return redirect("portal:complaints:track")
    return render(request, "complaints/public/submitted.html", {"receipt": receipt})


@require_GET
def institution_search(request):
    """htmx: ``<option>`` names for the form's datalist; names only, nothing else."""
    names = []
    if not antispam.over_limit("search", request, 120, window=60):
        names = search_institution_names(request.GET.get("institution_name") or request.GET.get("q", ""))
    return render(request, "complaints/public/_institution_options.html", {"names": names})


def track(request):
    form = LookupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        if antispam.over_limit("lookup", request, config.get("complaints.lookups_per_hour")):
            form.add_error(None, "查询过于频繁，请一小时后再试")
            return render(request, "complaints/public/track.html", {"form": form}, status=429)
        complaint = find_for_lookup(form.cleaned_data["tracking_number"], form.cleaned_data["code"])
        if complaint is not None:
            request.session[LOOKUP_KEY] = {"pk": complaint.pk, "at": time.time()}
            return redirect("portal:complaints:result")
        form.add_error(None, "未找到与受理编号和查询码相符的投诉，请核对后重试")
    return render(request, "complaints/public/track.html", {"form": form})


def _looked_up(request) -> Complaint | None:
    found = request.session.get(LOOKUP_KEY)
    if not found or time.time() - found.get("at", 0) > LOOKUP_SECONDS:
        return None
    handlings = Prefetch("handlings", queryset=ComplaintHandling.objects.order_by("created_at"))
    return Complaint.objects.prefetch_related(handlings).filter(pk=found["pk"]).first()


@require_GET
def result(request):
    complaint = _looked_up(request)
    if complaint is None:
        return redirect("portal:complaints:track")
    return render(
        request,
        "complaints/public/result.html",
        {
            "c": complaint,
            "steps": _public_steps(complaint),
            "rate_form": RateForm()
            if complaint.status == Status.REPLIED and not complaint.satisfaction
            else None,
        },
    )


@require_POST
def rate(request):
    complaint = _looked_up(request)
    if complaint is None:
        return redirect("portal:complaints:track")
    form = RateForm(request.POST)
    if form.is_valid():
        try:
            complaint.rate(
                satisfaction=form.cleaned_data["satisfaction"], comment=form.cleaned_data["comment"]
            )
        except DomainError as exc:
            form.add_error(None, exc.message)
        else:
            messages.success(request, "感谢您的评价")
            return redirect("portal:complaints:result")
    return render(
        request,
        "complaints/public/result.html",
        {"c": complaint, "steps": _public_steps(complaint), "rate_form": form},
        status=400,
    )


PUBLIC_HANDLING = {
    HandlingKind.INSPECTION: "已安排执法人员实地检查",
    HandlingKind.CASE_LEAD: "已转入案件办理程序",
    HandlingKind.REFERRAL: "已移送有关职能部门处理",
}


def _public_steps(complaint: Complaint) -> list[tuple]:
    """(date, text) milestones in plain words: no names, no internal numbers."""
    steps = [(complaint.received_on, f"收到投诉（{complaint.get_source_display()}）")]
    if complaint.status == Status.REJECTED:
        steps.append((complaint.decided_on, f"不予受理。理由：{complaint.rejection_reason}"))
        return steps
    if complaint.decided_on:
        steps.append((complaint.decided_on, f"已受理，答复期限 {complaint.reply_due:%Y年%m月%d日}"))
    for handling in complaint.handlings.all():
        steps.append((handling.created_at.date(), PUBLIC_HANDLING.get(handling.kind, "正在办理")))
    if complaint.extended_days:
        steps.append(
            (None, f"因{complaint.extension_reason}，答复期限延长至 {complaint.reply_due:%Y年%m月%d日}")
        )
    if complaint.replied_on:
        steps.append((complaint.replied_on, "已办结并答复"))
    return steps
