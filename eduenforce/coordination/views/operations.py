"""联合执法行动: plan (行动前), linked inspections (行动中), review and figures (行动后)."""

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eduenforce.coordination import forms, services
from eduenforce.coordination.choices import OperationStatus
from eduenforce.coordination.models import JointOperation
from eduenforce.coordination.views.common import paginate, run
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability, scoped
from eduenforce.core.query import ListQuery, choice_filter, list_filters


class OperationQuery(ListQuery):
    status = choice_filter("状态", OperationStatus.choices)


@capability_required("coordination.view")
@list_filters(OperationQuery)
def operation_list(request):
    operations = scoped(JointOperation.objects.select_related("lead_department"), request.user)
    status = request.query["status"]
    if status in OperationStatus.values:
        operations = operations.filter(status=status)
    return render(
        request,
        "coordination/operations.html",
        {
            "page": paginate(request, operations, 20),
            "status": status,
            "statuses": OperationStatus.choices,
            "may_manage": has_capability(request.user, "coordination.manage"),
        },
    )


@capability_required("coordination.manage")
def operation_create(request):
    form = forms.OperationForm(request.POST or None)
    title = "制定联合执法方案"
    if request.method == "POST":
        created = {}

        def action(d):
            created["operation"] = services.create_operation(by=request.user, **d)
            return "方案已建立，请添加参与单位及职责分工"

        return run(
            request,
            form,
            action,
            success_url=lambda: reverse("coordination:operation", args=[created["operation"].pk]),
            on_error=lambda f: render(
                request, "coordination/form.html", {"form": f, "title": title}, status=400
            ),
        )
    return render(request, "coordination/form.html", {"form": form, "title": title})


def _operation(request, pk, capability="coordination.view") -> JointOperation:
    return get_object_for_user(
        request.user, JointOperation.objects.select_related("lead_department"), capability, pk=pk
    )


OPERATION_FORMS = {
    "plan": (forms.PlanForm, (OperationStatus.PLANNED,)),
    "department": (forms.OperationDepartmentForm, (OperationStatus.PLANNED, OperationStatus.UNDERWAY)),
    "start": (forms.NoteForm, (OperationStatus.PLANNED,)),
    "link": (forms.LinkTaskForm, (OperationStatus.UNDERWAY,)),
    "review": (forms.ReviewForm, (OperationStatus.UNDERWAY,)),
    "cancel": (forms.ReasonForm, (OperationStatus.PLANNED, OperationStatus.UNDERWAY)),
}


def _page(request, operation: JointOperation, bound: dict | None = None, status: int = 200):
    op_forms = {}
    if has_capability(request.user, "coordination.manage"):
        plan = {
            "goal": operation.goal,
            "procedure": operation.procedure,
            "starts_on": operation.starts_on,
            "ends_on": operation.ends_on,
        }
        op_forms = {
            name: cls(initial=plan if name == "plan" else None)
            for name, (cls, states) in OPERATION_FORMS.items()
            if operation.status in states
        }
        op_forms.update(bound or {})
    return render(
        request,
        "coordination/operation_detail.html",
        {
            "op": operation,
            "forms": op_forms,
            "figures": operation.figures(),
            "participants": operation.participants.select_related("department"),
            "tasks": operation.tasks.select_related("institution").order_by("planned_date", "number"),
        },
        status=status,
    )


@capability_required("coordination.view")
def operation_detail(request, pk):
    return _page(request, _operation(request, pk))


def _task_by_number(number: str):
    from eduenforce.inspections.models import InspectionTask

    task = InspectionTask.objects.filter(number=number.strip()).first()
    if task is None:
        raise DomainError(f"没有编号为“{number.strip()}”的检查任务", field="number")
    return task


@require_POST
@capability_required("coordination.manage")
def operation_action(request, pk, name):
    operation = _operation(request, pk, "coordination.manage")
    if name not in OPERATION_FORMS:
        raise Http404
    form, by = OPERATION_FORMS[name][0](request.POST), request.user
    actions = {
        "plan": lambda d: operation.update_plan(by=by, **d) and "方案已保存",
        "department": lambda d: (
            operation.set_department(
                department=d["department"], duties=d["duties"], contact=d["contact"], by=by
            )
            and "已保存参与单位及职责"
        ),
        "start": lambda d: operation.start(by=by) and "行动已启动",
        "link": lambda d: operation.link_task(task=_task_by_number(d["number"]), by=by) and "已关联检查任务",
        "review": lambda d: (
            operation.review(summary=d["summary"], lessons=d["lessons"], by=by) and "行动已总结"
        ),
        "cancel": lambda d: operation.cancel(reason=d["reason"], by=by) and "行动已取消",
    }
    return run(
        request,
        form,
        actions[name],
        success_url=reverse("coordination:operation", args=[operation.pk]),
        on_error=lambda f: _page(request, _operation(request, pk), {name: f}, status=400),
    )


@require_POST
@capability_required("coordination.manage")
def operation_unlink(request, pk, task_pk):
    from eduenforce.inspections.models import InspectionTask

    operation = _operation(request, pk, "coordination.manage")
    task = InspectionTask.objects.filter(pk=task_pk).first()
    if task is None:
        raise Http404
    return run(
        request,
        forms.NoteForm(request.POST),
        lambda d: operation.unlink_task(task=task, by=request.user) or "已取消关联",
        success_url=reverse("coordination:operation", args=[operation.pk]),
        on_error=lambda f: _page(request, _operation(request, pk), {"link": f}, status=409),
    )
