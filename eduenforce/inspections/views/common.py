"""Fetching objects for a view through the permission helpers, and the refusal helpers."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect

from eduenforce.core.permissions import get_object_for_user
from eduenforce.inspections.models import InspectionTask, RectificationOrder


def task_for(request, pk, capability="inspections.view") -> InspectionTask:
    queryset = InspectionTask.objects.select_related("institution", "item", "campaign", "approved_by")
    return get_object_for_user(request.user, queryset, capability, pk=pk)


def worked_task(request, pk) -> InspectionTask:
    """A task the user may work on: the capability, and on its team (or a section head)."""
    task = task_for(request, pk, "inspections.work")
    if not task.can_work(request.user):
        raise PermissionDenied("只有本任务检查组成员（或科室负责人）可以操作")
    return task


def order_for(request, pk, capability="inspections.view") -> RectificationOrder:
    order = get_object_for_user(
        request.user,
        RectificationOrder.objects.select_related("task", "institution", "reinspection_task"),
        capability,
        pk=pk,
    )
    # The order is visible where its task is (a liaison sees the orders of their joint tasks).
    task_for(request, order.task_id, capability)
    return order


def refused(request, error, to):
    """Show a domain refusal as a message and go back; nothing the user typed is lost in the
    database because every action validates before it writes."""
    messages.error(request, error.message)
    return redirect(to)
