from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eduenforce.core import config
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability
from eduenforce.core.transitions import available
from eduenforce.planning import actions, hooks
from eduenforce.planning.choices import SamplingPlanStatus
from eduenforce.planning.forms import RequiredDepartmentForm, SamplingPlanForm, StratumForm
from eduenforce.planning.models import RequiredDepartment, SamplingPlan, Stratum
from eduenforce.planning.views._common import errors_text, form_error, form_values, perform, refused


def _plan(request, pk, capability="planning.view"):
    return get_object_for_user(request.user, SamplingPlan.objects.select_related("item"), capability, pk=pk)


def _detail(plan) -> str:
    return reverse("planning:sampling-plan-detail", args=[plan.pk])


@capability_required("planning.view")
def sampling_plan_list(request):
    plans = SamplingPlan.objects.select_related("item").prefetch_related("draws")
    return render(request, "planning/sampling_plan_list.html", {"plans": plans})


@capability_required("planning.manage")
def sampling_plan_create(request):
    cap = config.get("sampling.max_assignments_per_officer") or None
    form = SamplingPlanForm(request.POST or None, initial={"max_assignments": cap})
    if request.method == "POST" and form.is_valid():
        try:
            plan = actions.do_create_sampling_plan(by=request.user, values=form_values(form))
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, "抽查计划已保存为草稿，请设置抽取分层")
            return redirect(_detail(plan))
    return render(request, "planning/sampling_plan_form.html", {"form": form})


@capability_required("planning.manage")
def sampling_plan_edit(request, pk):
    plan = _plan(request, pk, "planning.manage")
    if stop := refused(request, actions.EDIT_SAMPLING_PLAN, plan, _detail(plan)):
        return stop
    form = SamplingPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_edit_sampling_plan(plan, by=request.user, values=form_values(form))
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, "已保存")
            return redirect(_detail(plan))
    return render(request, "planning/sampling_plan_form.html", {"form": form, "plan": plan})


@capability_required("planning.view")
def sampling_plan_detail(request, pk):
    plan = _plan(request, pk)
    can = available(plan, request.user, actions.SAMPLING_PLAN_TRANSITIONS)
    return render(
        request,
        "planning/sampling_plan_detail.html",
        {
            "plan": plan,
            "strata": plan.strata.prefetch_related("streets"),
            "departments": plan.required_departments.select_related("department"),
            "draws": plan.draws.order_by("sequence"),
            "problems": plan.problems() if plan.is_editable else [],
            "preview": hooks.draw_preview(plan) if plan.status != SamplingPlanStatus.DRAWN else [],
            "can": can,
            "can_commit": has_capability(request.user, "sampling.run") and plan.is_editable,
            "stratum_form": StratumForm(plan=plan, initial={"order": plan.strata.count() + 1})
            if can["edit_sampling_plan"]
            else None,
            "department_form": (
                RequiredDepartmentForm(plan=plan, initial={"order": plan.required_departments.count() + 1})
                if can["edit_sampling_plan"] and plan.is_joint
                else None
            ),
        },
    )


@require_POST
@capability_required("planning.manage")
def stratum_add(request, pk):
    plan = _plan(request, pk, "planning.manage")
    if stop := refused(request, actions.EDIT_SAMPLING_PLAN, plan, _detail(plan)):
        return stop
    form = StratumForm(request.POST, plan=plan)
    if not form.is_valid():
        messages.error(request, "分层未保存：" + errors_text(form))
        return redirect(_detail(plan))
    stratum, streets = form.save(commit=False), form.cleaned_data["streets"]
    return perform(
        request,
        lambda: actions.do_add_stratum(plan, stratum, by=request.user, streets=streets),
        f"已添加分层“{stratum.label}”",
        _detail(plan),
    )


@require_POST
@capability_required("planning.manage")
def stratum_delete(request, pk, stratum_pk):
    plan = _plan(request, pk, "planning.manage")
    stratum = get_object_or_404(Stratum, pk=stratum_pk, plan=plan)
    return perform(
        request,
        lambda: actions.do_remove_stratum(plan, stratum, by=request.user),
        "已删除分层",
        _detail(plan),
    )


@require_POST
@capability_required("planning.manage")
def department_add(request, pk):
    plan = _plan(request, pk, "planning.manage")
    if stop := refused(request, actions.EDIT_SAMPLING_PLAN, plan, _detail(plan)):
        return stop
    form = RequiredDepartmentForm(request.POST, plan=plan)
    if not form.is_valid():
        messages.error(request, "联合部门未保存：" + errors_text(form))
        return redirect(_detail(plan))
    row = form.save(commit=False)
    return perform(
        request,
        lambda: actions.do_add_department(plan, row, by=request.user),
        f"已添加联合部门“{row.department.name}”",
        _detail(plan),
    )


@require_POST
@capability_required("planning.manage")
def department_delete(request, pk, row_pk):
    plan = _plan(request, pk, "planning.manage")
    row = get_object_or_404(RequiredDepartment, pk=row_pk, plan=plan)
    return perform(
        request,
        lambda: actions.do_remove_department(plan, row, by=request.user),
        "已移除联合部门",
        _detail(plan),
    )
