from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, get_object_for_user
from eduenforce.core.transitions import available
from eduenforce.planning import actions
from eduenforce.planning.forms import AnnualPlanForm, PlanLineForm
from eduenforce.planning.models import AnnualPlan, PlanLine
from eduenforce.planning.progress import plan_progress
from eduenforce.planning.views._common import errors_text, form_error, form_values, perform, refused


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
        try:
            plan = actions.do_create_plan(by=request.user, values=form_values(form))
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, "年度计划已创建，请添加检查安排")
            return redirect("planning:plan-detail", pk=plan.pk)
    return render(request, "planning/plan_form.html", {"form": form})


@capability_required("planning.manage")
def plan_edit(request, pk):
    plan = _plan(request, pk, "planning.manage")
    if stop := refused(request, actions.EDIT_PLAN, plan, _detail(plan)):
        return stop
    form = AnnualPlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_edit_plan(plan, by=request.user, values=form_values(form))
        except DomainError as error:
            form_error(form, error)
        else:
            messages.success(request, "已保存")
            return redirect(_detail(plan))
    return render(request, "planning/plan_form.html", {"form": form, "plan": plan})


@capability_required("planning.view")
def plan_detail(request, pk):
    plan = _plan(request, pk)
    can = available(plan, request.user, actions.PLAN_TRANSITIONS)
    return render(
        request,
        "planning/plan_detail.html",
        {
            "plan": plan,
            "progress": plan_progress(plan),
            "can": can,
            "line_form": PlanLineForm() if can["edit_plan"] else None,
        },
    )


@require_POST
@capability_required("planning.manage")
def line_add(request, pk):
    plan = _plan(request, pk, "planning.manage")
    if stop := refused(request, actions.EDIT_PLAN, plan, _detail(plan)):
        return stop
    form = PlanLineForm(request.POST)
    if not form.is_valid():
        messages.error(request, "检查安排未保存：" + errors_text(form))
        return redirect(_detail(plan))
    line = form.save(commit=False)
    return perform(
        request, lambda: actions.do_add_line(plan, line, by=request.user), "已添加检查安排", _detail(plan)
    )


@require_POST
@capability_required("planning.manage")
def line_delete(request, pk, line_pk):
    plan = _plan(request, pk, "planning.manage")
    line = get_object_or_404(PlanLine, pk=line_pk, plan=plan)
    return perform(
        request, lambda: actions.do_remove_line(plan, line, by=request.user), "已删除检查安排", _detail(plan)
    )


@require_POST
@capability_required("planning.approve")
def plan_publish(request, pk):
    plan = _plan(request, pk, "planning.approve")
    return perform(
        request,
        lambda: actions.do_publish_plan(plan, by=request.user),
        "年度执法检查计划已公布",
        _detail(plan),
    )
