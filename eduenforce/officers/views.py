"""Officer pages: list, detail (certificates with QR code, training, conflicts, history), changes."""

from datetime import date

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Exists, OuterRef, Prefetch, Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from eduenforce.core import config
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability
from eduenforce.core.query import FlagField, ListQuery, list_filters, year_filter
from eduenforce.officers import actions, qr
from eduenforce.officers.forms import (
    CERTIFICATE_ACTIONS,
    AccountForm,
    CertificateForm,
    ConflictForm,
    EndConflictForm,
    OfficerCreateForm,
    OfficerFilterForm,
    OfficerForm,
    ReasonForm,
    StatusForm,
    TrainingForm,
)
from eduenforce.officers.models import Certificate, Conflict, Officer
from eduenforce.records.models import JournalEntry

PAGE_SIZE = 50


def _form_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


class OfficerQuery(ListQuery, OfficerFilterForm):
    pass


class TrainingQuery(ListQuery):
    year = year_filter()
    below = FlagField("仅未达标")


@capability_required("officers.view")
@list_filters(OfficerQuery)
def officer_list(request):
    today = timezone.localdate()
    form = OfficerFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    valid_today = Certificate.objects.valid_on(today).filter(officer=OuterRef("pk"))
    qs = (
        Officer.objects.select_related("department")
        .annotate(certified=Exists(valid_today))
        .prefetch_related(Prefetch("certificates", queryset=Certificate.objects.order_by("-valid_to", "-id")))
    )
    if data.get("q"):
        q = data["q"].strip()
        qs = qs.filter(Q(name__contains=q) | Q(certificates__number__iexact=q)).distinct()
    if data.get("department"):
        qs = qs.filter(department=data["department"])
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("certified") == "yes":
        qs = qs.filter(certified=True, status="active")
    elif data.get("certified") == "no":
        qs = qs.exclude(certified=True, status="active")
    page = Paginator(qs.order_by("department__order", "name", "id"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "officers/officer_list.html",
        {
            "form": form,
            "page": page,
            "today": today,
            "certified_count": Officer.objects.certified_on(today).count(),
            "can_manage": has_capability(request.user, "officers.manage"),
        },
    )


HISTORY_LABELS = {
    "officers.registered": "登记人员",
    "officers.updated": "修改信息",
    "officers.status_changed": "变更状态",
    "officers.certificate_issued": "登记执法证",
    "officers.certificate_suspended": "暂扣执法证",
    "officers.certificate_valid": "恢复执法证",
    "officers.certificate_revoked": "注销执法证",
    "officers.training_recorded": "登记培训/考试",
    "officers.conflict_declared": "申报利益冲突",
    "officers.conflict_ended": "终止利益冲突申报",
}


def _history(officer) -> list[tuple]:
    """(time, actor, what) from the journal: the officer, their certificates and conflicts."""
    certificate_ids = [str(pk) for pk in officer.certificates.values_list("pk", flat=True)]
    conflict_ids = [str(pk) for pk in officer.conflicts.values_list("pk", flat=True)]
    entries = JournalEntry.objects.filter(
        Q(object_type="officers.officer", object_id=str(officer.pk))
        | Q(object_type="officers.certificate", object_id__in=certificate_ids)
        | Q(object_type="officers.conflict", object_id__in=conflict_ids)
    ).order_by("-seq")[:100]
    history = [
        (
            e.at,
            e.actor_name or "系统",
            HISTORY_LABELS.get(e.action, e.action),
            (e.changes or {}).get("reason", ""),
        )
        for e in entries
    ]
    history += _imports(officer)
    return sorted(history, key=lambda h: h[0], reverse=True)


def _imports(officer) -> list[tuple]:
    """The imports that created or updated the officer (one journal entry per file, see registry.importing)."""
    from datetime import timedelta

    from eduenforce.registry.choices import ImportKind
    from eduenforce.registry.models import ImportBatch, ImportItem

    out = []
    for batch in ImportBatch.objects.filter(
        kind=ImportKind.OFFICERS,
        created__gt=0,
        at__gte=officer.created_at,
        at__lte=officer.created_at + timedelta(hours=1),
    ).select_related("by"):
        if batch.created_object(officer.pk):
            out.append((batch.at, str(batch.by or "系统"), "批量导入登记", batch.file_name))
    for item in ImportItem.objects.filter(
        object_type="officers.officer", object_id=officer.pk
    ).select_related("batch", "batch__by")[:50]:
        out.append((item.batch.at, str(item.batch.by or "系统"), "批量导入更新", item.batch.file_name))
    return out


@capability_required("officers.view")
@list_filters(TrainingQuery)
def officer_detail(request, pk):
    officer = get_object_for_user(
        request.user, Officer.objects.select_related("department", "user"), "officers.view", pk=pk
    )
    today = timezone.localdate()
    year = _year(request.GET.get("year"), today)
    current = officer.current_certificate()
    trainings = officer.trainings.in_year(year).order_by("-date", "-id")
    return render(
        request,
        "officers/officer_detail.html",
        {
            "officer": officer,
            "today": today,
            "year": year,
            "years": range(today.year, today.year - 6, -1),
            "certificates": officer.certificates.order_by("-valid_to", "-id"),
            "current": current,
            "enforceable": officer.certificate_on(today) is not None,
            "qr_svg": qr.svg(qr.verify_url(current.number)) if current else "",
            "verify_url": qr.verify_url(current.number) if current else "",
            "trainings": trainings,
            "training_hours": officer.training_hours(year),
            "required_hours": config.get("training.required_hours"),
            "conflicts": officer.conflicts.select_related("institution").order_by("-valid_from"),
            "history": _history(officer),
            "can_manage": has_capability(request.user, "officers.manage"),
        },
    )


def _year(value, today: date) -> int:
    try:
        year = int(value)
    except (TypeError, ValueError):
        return today.year
    return year if 2000 <= year <= today.year + 1 else today.year


def _register(request, form):
    """Register the officer and, when asked, open the account in the same transaction."""
    with transaction.atomic():
        officer = actions.register_officer(by=request.user, **form.officer_fields())
        account = form.account_fields()
        if account:
            actions.open_account(officer, by=request.user, **account)
    return officer


@capability_required("officers.manage")
def officer_create(request):
    form = OfficerCreateForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            officer = _register(request, form)
        except DomainError as e:
            _form_error(form, e)
        else:
            account = f"，登录账号 {officer.user.username} 已开通" if officer.user_id else ""
            messages.success(request, f"已登记执法人员“{officer.name}”{account}，请继续登记其执法证")
            return redirect("officers:detail", pk=officer.pk)
    return render(request, "officers/officer_form.html", {"form": form, "title": "登记执法人员"})


@capability_required("officers.manage")
def officer_edit(request, pk):
    officer = get_object_for_user(request.user, Officer.objects.all(), "officers.manage", pk=pk)
    form = OfficerForm(request.POST or None, request.FILES or None, instance=officer)
    if request.method == "POST" and form.is_valid():
        fields = dict(form.cleaned_data)
        if not fields.get("photo"):
            fields.pop("photo", None)
        try:
            actions.update_officer(Officer.objects.get(pk=pk), by=request.user, **fields)
        except DomainError as e:
            _form_error(form, e)
        else:
            messages.success(request, "已保存")
            return redirect("officers:detail", pk=pk)
    return render(
        request,
        "officers/officer_form.html",
        {"form": form, "title": f"修改：{officer.name}", "officer": officer},
    )


def _officer_action(request, pk, form_class, run, title, *, initial=None):
    officer = get_object_for_user(request.user, Officer.objects.all(), "officers.manage", pk=pk)
    form = form_class(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            run(officer, form)
        except DomainError as e:
            _form_error(form, e)
        else:
            messages.success(request, f"已{title}")
            return redirect("officers:detail", pk=officer.pk)
    return render(request, "officers/action.html", {"form": form, "title": title, "officer": officer})


@capability_required("officers.manage")
def officer_account(request, pk):
    return _officer_action(
        request,
        pk,
        AccountForm,
        lambda o, f: actions.open_account(o, by=request.user, **f.cleaned_data),
        "开通登录账号",
    )


@capability_required("officers.manage")
def officer_status(request, pk):
    return _officer_action(
        request,
        pk,
        StatusForm,
        lambda o, f: actions.set_officer_status(
            o, to=f.cleaned_data["to"], by=request.user, reason=f.cleaned_data["reason"]
        ),
        "变更人员状态",
    )


@capability_required("officers.manage")
def certificate_new(request, pk):
    return _officer_action(
        request,
        pk,
        CertificateForm,
        lambda o, f: actions.issue_certificate(o, by=request.user, **f.cleaned_data),
        "登记执法证",
    )


@capability_required("officers.manage")
def certificate_action(request, pk, action):
    if action not in CERTIFICATE_ACTIONS:
        raise Http404
    title, verb, _ = CERTIFICATE_ACTIONS[action]
    certificate = get_object_for_user(
        request.user, Certificate.objects.select_related("officer"), "officers.manage", pk=pk
    )
    form = ReasonForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            getattr(certificate, verb)(by=request.user, reason=form.cleaned_data["reason"])
        except DomainError as e:
            _form_error(form, e)
        else:
            messages.success(request, f"已{title}（{certificate.number}）")
            return redirect("officers:detail", pk=certificate.officer_id)
    return render(
        request,
        "officers/action.html",
        {"form": form, "title": f"{title} {certificate.number}", "officer": certificate.officer},
    )


@capability_required("officers.manage")
def training_new(request, pk):
    return _officer_action(
        request,
        pk,
        TrainingForm,
        lambda o, f: actions.record_training(o, by=request.user, **f.cleaned_data),
        "登记培训记录",
        initial={"date": timezone.localdate()},
    )


@capability_required("officers.manage")
def conflict_new(request, pk):
    def run(officer, form):
        data = dict(form.cleaned_data)
        data.pop("credit_code")
        actions.declare_conflict(officer, form.institution, by=request.user, **data)

    return _officer_action(
        request, pk, ConflictForm, run, "登记利益冲突申报", initial={"valid_from": timezone.localdate()}
    )


@capability_required("officers.manage")
def conflict_end(request, pk):
    conflict = get_object_for_user(
        request.user, Conflict.objects.select_related("officer", "institution"), "officers.manage", pk=pk
    )
    form = EndConflictForm(request.POST or None, initial={"on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        try:
            actions.end_conflict(conflict, on=form.cleaned_data["on"], by=request.user)
        except DomainError as e:
            _form_error(form, e)
        else:
            messages.success(request, "已终止该利益冲突申报")
            return redirect("officers:detail", pk=conflict.officer_id)
    return render(
        request,
        "officers/action.html",
        {
            "form": form,
            "title": f"终止利益冲突申报：{conflict.institution.name}",
            "officer": conflict.officer,
        },
    )


@capability_required("officers.view")
@list_filters(TrainingQuery)
def training_report(request):
    today = timezone.localdate()
    year = _year(request.GET.get("year"), today)
    only_below = request.GET.get("below") == "1"
    rows = actions.training_report(year, only_below=only_below)
    return render(
        request,
        "officers/training_report.html",
        {
            "rows": rows,
            "year": year,
            "years": range(today.year, today.year - 6, -1),
            "only_below": only_below,
            "required": config.get("training.required_hours"),
            "below_count": sum(1 for r in rows if r.below),
        },
    )
