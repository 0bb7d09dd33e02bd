"""Rectification orders, the overdue list, re-inspections and their conclusions."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.utils import timezone

from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, has_capability, scoped
from eduenforce.core.query import (
    ListQuery,
    choice_filter,
    list_filters,
)
from eduenforce.inspections import actions
from eduenforce.inspections.choices import OrderStatus
from eduenforce.inspections.forms import ConclusionForm, OrderForm, ReinspectionForm
from eduenforce.inspections.models import InspectionTask, RectificationOrder
from eduenforce.inspections.views.common import order_for, worked_task


def _visible_orders(user):
    return RectificationOrder.objects.filter(task__in=scoped(InspectionTask.objects.all(), user).values("pk"))


def overdue_orders(user=None, today=None):
    """Orders whose deadline has passed without a re-inspection conclusion."""
    today = today or timezone.localdate()
    orders = _visible_orders(user) if user is not None else RectificationOrder.objects.all()
    return orders.filter(status=OrderStatus.ISSUED, due_on__lt=today)


@capability_required("inspections.work")
def order_create(request, pk):
    task = worked_task(request, pk)
    hazards = task.hazards.filter(id__in=[h.pk for h in task.hazards.all() if h.needs_order])
    form = OrderForm(
        request.POST or None,
        hazards=hazards,
        initial={
            "hazards": hazards,
            "due_on": actions.default_due_on(),
            "legal_basis": task.item.legal_basis,
        },
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            order = actions.do_issue_order(
                task,
                data["hazards"],
                due_on=data["due_on"],
                requirements=data["requirements"],
                legal_basis=data["legal_basis"],
                by=request.user,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request, f"已下达责令限期整改通知书 {order.number}，整改期限 {order.due_on:%Y-%m-%d}"
            )
            return redirect(order)
    return render(
        request,
        "inspections/form.html",
        {
            "form": form,
            "title": "下达责令限期整改通知书",
            "back": task,
            "intro": f"{task.institution.name}：整改期限按工作日计算（默认期限见“法定期限规则”）；"
            "下达后机构状态变为“整改中”，到期自动生成复查任务。",
        },
    )


class OrderQuery(ListQuery):
    status = choice_filter("状态", OrderStatus.choices)


@capability_required("inspections.view")
@list_filters(OrderQuery)
def order_list(request):
    orders = _visible_orders(request.user).select_related("institution", "task", "reinspection_task")
    status = request.GET.get("status", "")
    if status in OrderStatus.values:
        orders = orders.filter(status=status)
    page = Paginator(orders.order_by("-issued_on", "-id"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/order_list.html",
        {
            "page": page,
            "title": "责令限期整改",
            "statuses": OrderStatus.choices,
            "status": status,
            "today": timezone.localdate(),
        },
    )


@capability_required("inspections.view")
@list_filters(ListQuery)
def overdue(request):
    orders = overdue_orders(request.user).select_related("institution", "task", "reinspection_task")
    page = Paginator(orders.order_by("due_on", "id"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        "inspections/order_list.html",
        {"page": page, "title": "逾期整改（已到期待复查）", "overdue": True, "today": timezone.localdate()},
    )


@capability_required("inspections.view")
def order_detail(request, pk):
    order = order_for(request, pk)
    user = request.user
    re_task = order.reinspection_task
    can_work = has_capability(user, "inspections.work") and order.task.can_work(user)
    can_conclude = has_capability(user, "inspections.work") and (
        order.task.can_work(user) or (re_task is not None and re_task.can_work(user))
    )
    return render(
        request,
        "inspections/order_detail.html",
        {
            "order": order,
            "hazards": order.hazards.order_by("id"),
            "re_task": re_task,
            "can_work": can_work,
            "can_conclude": can_conclude and order.status == OrderStatus.ISSUED,
            "conclusion_form": ConclusionForm(hazards=order.hazards.order_by("id")),
            "reinspection_form": ReinspectionForm(
                initial={"officers": order.task.team, "planned_date": timezone.localdate()}
            ),
            "overdue": order.is_overdue(),
        },
    )


@capability_required("inspections.work")
def reinspection_create(request, pk):
    """Create the re-inspection by hand (early, or when the automatic one was blocked)."""
    order = order_for(request, pk, "inspections.work")
    if request.method != "POST":
        return redirect(order)
    if not order.task.can_work(request.user):
        raise PermissionDenied("只有原检查组成员（或科室负责人）可以安排复查")
    form = ReinspectionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
        return redirect(order)
    officers = sorted(
        form.cleaned_data["officers"], key=lambda o: request.POST.getlist("officers").index(str(o.pk))
    )
    try:
        task = actions.do_create_reinspection(
            order, by=request.user, officers=officers, planned_date=form.cleaned_data["planned_date"]
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(order)
    if task is None:
        messages.info(request, "复查任务已存在")
        return redirect(order)
    messages.success(request, f"已生成复查任务 {task.number}，待科室负责人审批")
    return redirect(task)


@capability_required("inspections.work")
def order_conclude(request, pk):
    order = order_for(request, pk, "inspections.work")
    if request.method != "POST":
        return redirect(order)
    re_task = order.reinspection_task
    if not (order.task.can_work(request.user) or (re_task is not None and re_task.can_work(request.user))):
        raise PermissionDenied("只有检查组成员（或科室负责人）可以作出复查结论")
    form = ConclusionForm(request.POST, hazards=order.hazards.order_by("id"))
    if not form.is_valid():
        messages.error(request, "请对每一处隐患选择“已整改”或“未整改”")
        return redirect(order)
    try:
        order = actions.do_conclude_order(
            order, rectified=form.results(), note=form.cleaned_data["note"], by=request.user
        )
    except DomainError as error:
        messages.error(request, error.message)
        return redirect(order)
    if order.status == OrderStatus.ESCALATED:
        messages.warning(request, f"存在未整改隐患，已移送立案（线索编号 {order.lead_number}）")
    else:
        messages.success(request, "隐患已全部整改销号")
    return redirect(order)
