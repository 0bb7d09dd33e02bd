"""The discretion catalogue pages: read by all staff, edited as a draft, published by a head."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from eduenforce.cases import catalogue as service
from eduenforce.cases.forms import NewTierForm, NewViolationForm, TierForm, ViolationForm
from eduenforce.cases.models import CatalogueVersion, TierRule, Violation
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, has_capability


@capability_required("cases.view")
def catalogue(request):
    current = CatalogueVersion.objects.current()
    return render(
        request,
        "cases/catalogue.html",
        {
            "versions": CatalogueVersion.objects.all(),
            "current": current,
            "can_edit": has_capability(request.user, "cases.catalogue"),
            "can_publish": has_capability(request.user, "cases.approve"),
        },
    )


@capability_required("cases.view")
def version_detail(request, number: int):
    version = get_object_or_404(CatalogueVersion, number=number)
    return render(
        request,
        "cases/catalogue_version.html",
        {
            "version": version,
            "violations": version.violations.prefetch_related("tiers"),
            "can_edit": version.editable and has_capability(request.user, "cases.catalogue"),
            "can_publish": has_capability(request.user, "cases.approve"),
        },
    )


@require_POST
@capability_required("cases.catalogue")
def new_draft(request, number: int):
    source = get_object_or_404(CatalogueVersion, number=number)
    try:
        draft = service.new_draft(source, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("cases:catalogue")
    messages.success(request, f"已新建第{draft.number}版草稿")
    return redirect("cases:catalogue-version", number=draft.number)


@require_POST
@capability_required("cases.approve")
def publish(request, number: int):
    version = get_object_or_404(CatalogueVersion, number=number)
    try:
        service.publish_version(version, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, f"第{version.number}版裁量基准已发布并向社会公布")
    return redirect("cases:catalogue-version", number=number)


@capability_required("cases.catalogue")
def violation_edit(request, pk: int):
    violation = get_object_or_404(Violation.objects.select_related("version"), pk=pk)
    form = ViolationForm(request.POST or None, instance=violation)
    return _edit(
        request,
        form,
        violation.version,
        lambda data: service.update_violation(violation, data, by=request.user),
        f"修改违法行为：{violation.article}",
    )


@capability_required("cases.catalogue")
def tier_edit(request, pk: int):
    tier = get_object_or_404(TierRule.objects.select_related("violation__version"), pk=pk)
    form = TierForm(request.POST or None, instance=tier)
    return _edit(
        request,
        form,
        tier.violation.version,
        lambda data: service.update_tier(tier, data, by=request.user),
        f"修改裁量阶次：{tier}",
    )


def _edit(request, form, version, save, title):
    if not version.editable:
        messages.error(request, "只能修改草稿版本，请先新建修订草稿")
        return redirect("cases:catalogue-version", number=version.number)
    if request.method == "POST" and form.is_valid():
        try:
            save(form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, "已保存")
            return redirect("cases:catalogue-version", number=version.number)
    return render(request, "cases/form_page.html", {"form": form, "title": title})


@capability_required("cases.catalogue")
def violation_new(request, number: int):
    version = get_object_or_404(CatalogueVersion, number=number)
    form = NewViolationForm(request.POST or None)
    return _edit(
        request,
        form,
        version,
        lambda data: service.add_violation(version, data, by=request.user),
        "新增违法行为",
    )


@capability_required("cases.catalogue")
def tier_new(request, pk: int):
    violation = get_object_or_404(Violation.objects.select_related("version"), pk=pk)
    form = NewTierForm(request.POST or None, violation=violation)
    return _edit(
        request,
        form,
        violation.version,
        lambda data: service.add_tier(violation, data, by=request.user),
        f"新增裁量阶次：{violation.article}",
    )


@require_POST
@capability_required("cases.catalogue")
def tier_delete(request, pk: int):
    tier = get_object_or_404(TierRule.objects.select_related("violation__version"), pk=pk)
    try:
        service.delete_tier(tier, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, "已删除该裁量阶次")
    return redirect("cases:catalogue-version", number=tier.violation.version.number)
