"""Staff pages of draws: commit a plan, run a draw, request and decide redraws."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability
from eduenforce.core.query import (
    ListQuery,
    choice_filter,
    list_filters,
)
from eduenforce.planning.models import SamplingPlan
from eduenforce.sampling import actions
from eduenforce.sampling.choices import DrawStatus
from eduenforce.sampling.forms import ApproveRedrawForm, RedrawRequestForm, RejectRedrawForm, RunDrawForm
from eduenforce.sampling.models import Draw
from eduenforce.sampling.results import draw_rows


def _draw(request, pk, capability="sampling.view"):
    return get_object_for_user(request.user, Draw.objects.select_related("plan__item"), capability, pk=pk)


def _detail(draw) -> str:
    return reverse("sampling:draw-detail", args=[draw.pk])


class DrawQuery(ListQuery):
    status = choice_filter("状态", DrawStatus.choices)


@capability_required("sampling.view")
@list_filters(DrawQuery)
def draw_list(request):
    draws = Draw.objects.select_related("plan__item").order_by("-created_at", "-id")
    status = request.GET.get("status", "")
    if status:
        draws = draws.filter(status=status)
    return render(
        request,
        "sampling/draw_list.html",
        {"page": Paginator(draws, 50).get_page(request.GET.get("page")), "status": status},
    )


def _forms(request, draw, **bound):
    user = request.user
    forms = {
        "run_form": RunDrawForm(draw=draw)
        if draw.status == "committed" and has_capability(user, "sampling.run")
        else None,
        "redraw_form": (
            RedrawRequestForm()
            if draw.status == "completed" and has_capability(user, "sampling.run")
            else None
        ),
        "approve_form": (
            ApproveRedrawForm()
            if draw.status == "pending" and has_capability(user, "sampling.approve_redraw")
            else None
        ),
        "reject_form": (
            RejectRedrawForm()
            if draw.status == "pending" and has_capability(user, "sampling.approve_redraw")
            else None
        ),
    }
    forms.update(bound)
    return forms


def _render_detail(request, draw, status=200, **bound):
    context = {
        "draw": draw,
        "rows": draw_rows(draw) if draw.is_drawn else [],
        "redraws": draw.redraws.order_by("sequence"),
        **_forms(request, draw, **bound),
    }
    return render(request, "sampling/draw_detail.html", context, status=status)


@capability_required("sampling.view")
def draw_detail(request, pk):
    return _render_detail(request, _draw(request, pk))


@require_POST
@capability_required("sampling.run")
def commit(request, plan_pk):
    plan = get_object_for_user(request.user, SamplingPlan.objects.all(), "sampling.run", pk=plan_pk)
    try:
        draw = actions.do_commit(plan, by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("planning:sampling-plan-detail", pk=plan.pk)
    messages.success(
        request,
        f"计划已公布，种子承诺值 {draw.commitment} 已在公示平台发布；请在 {draw.draw_date:%Y-%m-%d} 及以后执行抽取",
    )
    return redirect(_detail(draw))


def _run_form_action(request, draw, form, action, success, form_name):
    if not form.is_valid():
        return _render_detail(request, draw, **{form_name: form})
    try:
        result = action(form.cleaned_data)
    except DomainError as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, error.message)
        return _render_detail(request, draw, **{form_name: form})
    messages.success(request, success)
    return redirect(_detail(result))


@require_POST
@capability_required("sampling.run")
def run(request, pk):
    draw = _draw(request, pk, "sampling.run")
    form = RunDrawForm(request.POST, draw=draw)
    return _run_form_action(
        request,
        draw,
        form,
        lambda data: actions.do_run_draw(
            draw, by=request.user, public_entropy=data["public_entropy"], shares=form.shares()
        ),
        "抽取完成：种子已公开，检查任务已生成并提交审批，抽取结果已在公示平台发布",
        "run_form",
    )


@require_POST
@capability_required("sampling.run")
def request_redraw(request, pk):
    draw = _draw(request, pk, "sampling.run")
    return _run_form_action(
        request,
        draw,
        RedrawRequestForm(request.POST),
        lambda data: actions.do_request_redraw(draw, by=request.user, reason=data["reason"]),
        "已申请重抽，待其他负责人审批",
        "redraw_form",
    )


@require_POST
@capability_required("sampling.approve_redraw")
def approve_redraw(request, pk):
    draw = _draw(request, pk, "sampling.approve_redraw")
    return _run_form_action(
        request,
        draw,
        ApproveRedrawForm(request.POST),
        lambda data: actions.do_approve_redraw(
            draw, by=request.user, draw_date=data["draw_date"], note=data["note"]
        ),
        "已批准重抽，新的种子承诺值已公布",
        "approve_form",
    )


@require_POST
@capability_required("sampling.approve_redraw")
def reject_redraw(request, pk):
    draw = _draw(request, pk, "sampling.approve_redraw")
    return _run_form_action(
        request,
        draw,
        RejectRedrawForm(request.POST),
        lambda data: actions.do_reject_redraw(draw, by=request.user, note=data["note"]),
        "已不批准重抽",
        "reject_form",
    )
