from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability
from eduenforce.planning.forms import AnnualPlanForm, PlanLineForm
from eduenforce.planning.models import AnnualPlan, PlanLine
from eduenforce.planning.progress import plan_progress
from eduenforce.planning.views._common import errors_text, perform
from eduenforce.records.journal import append, snapshot

LINE_FIELDS = ["item", "object_kind", "quarter", "count", "ratio", "note"]


def _plan(request, pk, capability="planning.view"):
    return get_object_for_user(request.user, AnnualPlan.objects.all(), capability, pk=pk)


def _detail(plan) -> str:
    return reverse("planning:plan-detail", args=[plan.pk])


@capability_required("planning.view")
def plan_list(request):
    return render(request, "planning/plan_list.html", {"plans": AnnualPlan.objects.all()})


@capability_required("planning.manage")
def plan_create(request):
    form = AnnualPlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            plan = form.save(commit=False)
            plan.created_by = request.user
            plan.save()
            append(
                actor=request.user,
                action="planning.plan_created",
                obj=plan,
                changes=snapshot(plan, ["year", "title"]),
            )
        messages.success(request, "年度计划已创建，请添加检查安排")
        return redirect("planning:plan-detail", pk=plan.pk)
    return render(request, "planning/plan_form.html", {"form": form})


@capability_required("planning.manage")
def plan_edit(request, pk):
    plan = _plan(request, pk, "planning.manage")
    if not plan.is_editable:
        messages.error(request, "已公布的计划不能修改")
        return redirect(_detail(plan))
    before = snapshot(plan, AnnualPlanForm.Meta.fields)
    form = AnnualPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            form.save()
            append(
                actor=request.user,
                action="planning.plan_edited",
                obj=plan,
                changes={"before": before, "after": snapshot(plan, AnnualPlanForm.Meta.fields)},
            )
        messages.success(request, "已保存")
        return redirect(_detail(plan))
    return render(request, "planning/plan_form.html", {"form": form, "plan": plan})


@capability_required("planning.view")
def plan_detail(request, pk):
    plan = _plan(request, pk)
    can_manage = has_capability(request.user, "planning.manage") and plan.is_editable
    return render(
        request,
        "planning/plan_detail.html",
        {
            "plan": plan,
            "progress": plan_progress(plan),
            "can_manage": can_manage,
            "line_form": PlanLineForm() if can_manage else None,
        },
    )


@require_POST
@capability_required("planning.manage")
def line_add(request, pk):
    plan = _plan(request, pk, "planning.manage")
    if not plan.is_editable:
        messages.error(request, "已公布的计划不能修改")
        return redirect(_detail(plan))
    form = PlanLineForm(request.POST)
    if form.is_valid():
        with transaction.atomic():
            line = form.save(commit=False)
            line.plan = plan
            line.save()
            append(
                actor=request.user,
                action="planning.plan_line_added",
                obj=plan,
                changes={"line": snapshot(line, LINE_FIELDS)},
            )
        messages.success(request, "已添加检查安排")
    else:
        messages.error(request, "检查安排未保存：" + errors_text(form))
    return redirect(_detail(plan))


@require_POST
@capability_required("planning.manage")
def line_delete(request, pk, line_pk):
    plan = _plan(request, pk, "planning.manage")
    line = get_object_or_404(PlanLine, pk=line_pk, plan=plan)
    if not plan.is_editable:
        messages.error(request, "已公布的计划不能修改")
        return redirect(_detail(plan))
    with transaction.atomic():
        append(
            actor=request.user,
            action="planning.plan_line_removed",
            obj=plan,
            changes={"line": snapshot(line, LINE_FIELDS)},
        )
        line.delete()
    messages.success(request, "已删除检查安排")
    return redirect(_detail(plan))


@require_POST
@capability_required("planning.manage")
def plan_publish(request, pk):
    plan = _plan(request, pk, "planning.manage")
    return perform(request, lambda: plan.publish(by=request.user), "年度执法检查计划已公布", _detail(plan))
