from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability
from eduenforce.planning import hooks
from eduenforce.planning.forms import RequiredDepartmentForm, SamplingPlanForm, StratumForm
from eduenforce.planning.models import RequiredDepartment, SamplingPlan, Stratum
from eduenforce.planning.views._common import errors_text
from eduenforce.records.journal import append, snapshot

PLAN_FIELDS = SamplingPlanForm.Meta.fields
STRATUM_FIELDS = ["order", "label", "kinds", "risk_classes", "ratio", "count"]


def _plan(request, pk, capability="planning.view"):
    return get_object_for_user(request.user, SamplingPlan.objects.select_related("item"), capability, pk=pk)


def _detail(plan) -> str:
    return reverse("planning:sampling-plan-detail", args=[plan.pk])


def _refuse_if_published(request, plan):
    if plan.is_editable:
        return None
    messages.error(request, "计划已公布（承诺值已发布），不能再修改")
    return redirect(_detail(plan))


@capability_required("planning.view")
def sampling_plan_list(request):
    plans = SamplingPlan.objects.select_related("item").prefetch_related("draws")
    return render(request, "planning/sampling_plan_list.html", {"plans": plans})


@capability_required("planning.manage")
def sampling_plan_create(request):
    from eduenforce.core import config

    cap = config.get("sampling.max_assignments_per_officer") or None
    form = SamplingPlanForm(request.POST or None, initial={"max_assignments": cap})
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            plan = form.save(commit=False)
            plan.created_by = request.user
            plan.save()
            append(
                actor=request.user,
                action="planning.sampling_plan_created",
                obj=plan,
                changes=snapshot(plan, PLAN_FIELDS),
            )
        messages.success(request, "抽查计划已保存为草稿，请设置抽取分层")
        return redirect(_detail(plan))
    return render(request, "planning/sampling_plan_form.html", {"form": form})


@capability_required("planning.manage")
def sampling_plan_edit(request, pk):
    plan = _plan(request, pk, "planning.manage")
    refused = _refuse_if_published(request, plan)
    if refused:
        return refused
    before = snapshot(plan, PLAN_FIELDS)
    form = SamplingPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            append(
                actor=request.user,
                action="planning.sampling_plan_edited",
                obj=plan,
                changes={"before": before, "after": snapshot(plan, PLAN_FIELDS)},
            )
        messages.success(request, "已保存")
        return redirect(_detail(plan))
    return render(request, "planning/sampling_plan_form.html", {"form": form, "plan": plan})


@capability_required("planning.view")
def sampling_plan_detail(request, pk):
    plan = _plan(request, pk)
    can_manage = has_capability(request.user, "planning.manage") and plan.is_editable
    return render(
        request,
        "planning/sampling_plan_detail.html",
        {
            "plan": plan,
            "strata": plan.strata.prefetch_related("streets"),
            "departments": plan.required_departments.select_related("department"),
            "draws": plan.draws.order_by("sequence"),
            "problems": plan.problems() if plan.is_editable else [],
            "preview": hooks.draw_preview(plan) if plan.status != "drawn" else [],
            "can_manage": can_manage,
            "can_commit": has_capability(request.user, "sampling.run") and plan.is_editable,
            "stratum_form": StratumForm(plan=plan, initial={"order": plan.strata.count() + 1})
            if can_manage
            else None,
            "department_form": (
                RequiredDepartmentForm(plan=plan, initial={"order": plan.required_departments.count() + 1})
                if can_manage and plan.is_joint
                else None
            ),
        },
    )


@require_POST
@capability_required("planning.manage")
def stratum_add(request, pk):
    plan = _plan(request, pk, "planning.manage")
    refused = _refuse_if_published(request, plan)
    if refused:
        return refused
    form = StratumForm(request.POST, plan=plan)
    if form.is_valid():
        with transaction.atomic():
            stratum = form.save(commit=False)
            stratum.plan = plan
            stratum.save()
            form.save_m2m()
            append(
                actor=request.user,
                action="planning.stratum_added",
                obj=plan,
                changes={
                    "stratum": snapshot(stratum, STRATUM_FIELDS),
                    "streets": [s.pk for s in stratum.streets.all()],
                },
            )
        messages.success(request, f"已添加分层“{stratum.label}”")
    else:
        messages.error(request, "分层未保存：" + errors_text(form))
    return redirect(_detail(plan))


@require_POST
@capability_required("planning.manage")
def stratum_delete(request, pk, stratum_pk):
    plan = _plan(request, pk, "planning.manage")
    stratum = get_object_or_404(Stratum, pk=stratum_pk, plan=plan)
    refused = _refuse_if_published(request, plan)
    if refused:
        return refused
    with transaction.atomic():
        append(
            actor=request.user,
            action="planning.stratum_removed",
            obj=plan,
            changes={"stratum": snapshot(stratum, STRATUM_FIELDS)},
        )
        stratum.delete()
    messages.success(request, "已删除分层")
    return redirect(_detail(plan))


@require_POST
@capability_required("planning.manage")
def department_add(request, pk):
    plan = _plan(request, pk, "planning.manage")
    refused = _refuse_if_published(request, plan)
    if refused:
        return refused
    form = RequiredDepartmentForm(request.POST, plan=plan)
    if form.is_valid():
        with transaction.atomic():
            row = form.save(commit=False)
            row.plan = plan
            row.save()
            append(
                actor=request.user,
                action="planning.required_department_added",
                obj=plan,
                changes={"department": row.department_id, "order": row.order},
            )
        messages.success(request, f"已添加联合部门“{row.department.name}”")
    else:
        messages.error(request, "联合部门未保存：" + errors_text(form))
    return redirect(_detail(plan))


@require_POST
@capability_required("planning.manage")
def department_delete(request, pk, row_pk):
    plan = _plan(request, pk, "planning.manage")
    row = get_object_or_404(RequiredDepartment, pk=row_pk, plan=plan)
    refused = _refuse_if_published(request, plan)
    if refused:
        return refused
    with transaction.atomic():
        append(
            actor=request.user,
            action="planning.required_department_removed",
            obj=plan,
            changes={"department": row.department_id},
        )
        row.delete()
    messages.success(request, "已移除联合部门")
    return redirect(_detail(plan))
