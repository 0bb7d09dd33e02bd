"""Institution pages: list, detail with timeline, registration, changes, licence watch."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone

from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability
from eduenforce.core.query import ListQuery, id_filter, int_filter, list_filters
from eduenforce.core.transitions import available
from eduenforce.registry import actions, counts, listing, timeline
from eduenforce.registry.forms import (
    InstitutionFilterForm,
    InstitutionForm,
    LicenceForm,
    RiskForm,
    StatusForm,
)
from eduenforce.registry.models import Institution

WATCH_WINDOWS = (30, 60, 90)


def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number > 0 else None


def _filters(request):
    form = InstitutionFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    return form, data


class InstitutionQuery(ListQuery, InstitutionFilterForm):
    after = id_filter("翻页位置")
    before = id_filter("翻页位置")


class LicenceWatchQuery(ListQuery):
    days = int_filter("到期天数", 1, 366)


@capability_required("registry.view")
@list_filters(InstitutionQuery)
def institution_list(request):
    form, data = _filters(request)
    queryset, order, _ = listing.filtered(data)
    page = listing.keyset_page(
        queryset, order=order, after=_int(request.GET.get("after")), before=_int(request.GET.get("before"))
    )
    params = request.GET.copy()
    for name in ("after", "before"):
        params.pop(name, None)
    return render(
        request,
        "registry/institution_list.html",
        {
            "form": form,
            "page": page,
            "query": params.urlencode(),
            "today": timezone.localdate(),
            "can_manage": has_capability(request.user, "registry.manage"),
            "can_import": has_capability(request.user, "registry.import"),
        },
    )


@capability_required("registry.view")
def institution_count(request):
    """The list's total, fetched after the page has rendered (htmx): capped and cached."""
    _, data = _filters(request)
    queryset, _, narrowed = listing.filtered(data)
    key = "&".join(f"{k}={getattr(v, 'pk', v)}" for k, v in sorted(data.items()) if v)
    total, capped = counts.cached_count(queryset, key, capped=narrowed)
    return render(request, "registry/_count.html", {"total": total, "capped": capped})


@capability_required("registry.view")
def institution_detail(request, pk):
    institution = get_object_for_user(
        request.user, Institution.objects.select_related("street"), "registry.view", pk=pk
    )
    return render(
        request,
        "registry/institution_detail.html",
        {
            "institution": institution,
            "show_identity": has_capability(request.user, "registry.view_identity"),
            "can": available(institution, request.user, actions.TRANSITIONS),
            "timeline": timeline.for_institution(institution, request.user),
            "licence_events": institution.licence_events.select_related("created_by")[:50],
            "conflicts": institution.conflicts.select_related("officer")[:50],
            "today": timezone.localdate(),
        },
    )


def _form_error(form, error: DomainError) -> None:
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


@capability_required("registry.manage")
def institution_create(request):
    form = InstitutionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            institution = actions.do_create_institution(by=request.user, **form.cleaned_data)
        except DomainError as e:
            _form_error(form, e)
        else:
            messages.success(request, f"已登记“{institution.name}”")
            return redirect("registry:detail", pk=institution.pk)
    return render(request, "registry/institution_form.html", {"form": form, "title": "登记监管对象"})


@capability_required("registry.manage")
def institution_edit(request, pk):
    institution = get_object_for_user(request.user, Institution.objects.all(), "registry.manage", pk=pk)
    show_identity = has_capability(request.user, "registry.view_identity")
    form = InstitutionForm(
        request.POST or None, instance=institution, creating=False, show_identity=show_identity
    )
    if request.method == "POST" and form.is_valid():
        try:
            if request.POST.get("version") != _version(institution):
                raise DomainError("该记录已被他人修改，请刷新页面后重新编辑")
            fields = {k: form.cleaned_data[k] for k in form.fields}
            actions.do_update_institution(
                institution, by=request.user, expected_updated_at=institution.updated_at, **fields
            )
        except DomainError as e:
            _form_error(form, e)
        else:
            messages.success(request, "已保存")
            return redirect("registry:detail", pk=institution.pk)
    return render(
        request,
        "registry/institution_form.html",
        {
            "form": form,
            "title": f"修改信息：{institution.name}",
            "institution": institution,
            "version": _version(institution),
        },
    )


def _version(institution) -> str:
    return institution.updated_at.isoformat() if institution.updated_at else ""


def _action_page(request, pk, form_class, run, title, **form_kwargs):
    institution = get_object_for_user(request.user, Institution.objects.all(), "registry.manage", pk=pk)
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            run(institution, form.cleaned_data)
        except DomainError as e:
            _form_error(form, e)
        else:
            messages.success(request, f"已{title}")
            return redirect("registry:detail", pk=institution.pk)
    return render(
        request,
        "registry/institution_action.html",
        {"form": form, "title": title, "institution": institution},
    )


@capability_required("registry.manage")
def institution_status(request, pk):
    return _action_page(
        request,
        pk,
        StatusForm,
        lambda inst, d: actions.do_change_status(inst, to=d["to"], by=request.user, reason=d["reason"]),
        "变更状态",
    )


@capability_required("registry.manage")
def institution_risk(request, pk):
    return _action_page(
        request,
        pk,
        RiskForm,
        lambda inst, d: actions.do_set_risk_class(inst, to=d["to"], by=request.user, reason=d["reason"]),
        "调整风险等级",
    )


LICENCE_ACTIONS = {
    "issue": (
        "颁发办学许可证",
        lambda inst, d, by: actions.do_issue_licence(
            inst, number=d["licence_number"], issued=d["issued"], expires=d["expires"], by=by, note=d["note"]
        ),
    ),
    "renew": (
        "延续办学许可证",
        lambda inst, d, by: actions.do_renew_licence(
            inst, expires=d["expires"], issued=d["issued"], by=by, note=d["note"]
        ),
    ),
    "change": (
        "变更办学许可证",
        lambda inst, d, by: actions.do_change_licence(
            inst, number=d["licence_number"], issued=d["issued"], expires=d["expires"], by=by, note=d["note"]
        ),
    ),
    "revoke": (
        "吊销/注销办学许可证",
        lambda inst, d, by: actions.do_revoke_licence(inst, on=d["on"], by=by, reason=d["note"]),
    ),
}


@capability_required("registry.manage")
def institution_licence(request, pk, action):
    if action not in LICENCE_ACTIONS:
        raise Http404("未知的许可证事项")
    title, run = LICENCE_ACTIONS[action]
    return _action_page(
        request, pk, LicenceForm, lambda inst, d: run(inst, d, request.user), title, action=action
    )


@capability_required("registry.view")
@list_filters(LicenceWatchQuery)
def licence_watch(request):
    """Licences running out within 30/60/90 days, and institutions operating on an expired one."""
    today = timezone.localdate()
    days = _int(request.GET.get("days"))
    days = days if days in WATCH_WINDOWS else 30
    expiring = (
        Institution.objects.licence_expiring(days, today)
        .select_related("street")
        .order_by("licence_expires", "id")
    )
    expired = (
        Institution.objects.operating_with_expired_licence(today)
        .select_related("street")
        .order_by("licence_expires", "id")
    )
    return render(
        request,
        "registry/licence_watch.html",
        {
            "days": days,
            "windows": WATCH_WINDOWS,
            "today": today,
            "expiring": expiring[:500],
            "expiring_count": expiring.count(),
            "expired": expired[:500],
            "expired_count": expired.count(),
        },
    )
