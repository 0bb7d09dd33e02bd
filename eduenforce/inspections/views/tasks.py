"""Inspection tasks: list, create, detail, the approval workflow, partners, outcomes."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, has_capability, scoped
from eduenforce.core.query import (
    FlagField,
    ListQuery,
    choice_filter,
    list_filters,
    text_filter,
)
from eduenforce.inspections import actions, documents, publication, services
from eduenforce.inspections.choices import RecordStatus, TaskSource, TaskStatus
from eduenforce.inspections.forms import EvidenceUploadForm, NoteForm, OutcomeForm, PartnerForm, TaskForm
from eduenforce.inspections.models import InspectionTask, PartnerParticipant
from eduenforce.inspections.views.common import refused, task_for, worked_task
from eduenforce.portal.choices import PublicationKind
from eduenforce.portal.services import publication_for
from eduenforce.records import evidence


def _listing(request, tasks, title: str, template="inspections/task_list.html", extra=None):
    tasks = (
        scoped(tasks, request.user)
        .select_related("institution", "item", "campaign")
        .annotate(
            n_members=Count("members", distinct=True), n_partners=Count("partner_participants", distinct=True)
        )
    )
    status, source, q = (
        request.GET.get("status", ""),
        request.GET.get("source", ""),
        request.GET.get("q", "").strip(),
    )
    if status in TaskStatus.values:
        tasks = tasks.filter(status=status)
    if source in TaskSource.values:
        tasks = tasks.filter(source=source)
    if q:
        tasks = tasks.filter(Q(number__icontains=q) | Q(institution__name__icontains=q))
    page = Paginator(tasks.order_by("-planned_date", "-id"), 30).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {
            "page": page,
            "title": title,
            "statuses": TaskStatus.choices,
            "can_create": has_capability(request.user, "inspections.work"),
            "sources": TaskSource.choices,
            "status": status,
            "source": source,
            "q": q,
            **(extra or {}),
        },
    )


class TaskQuery(ListQuery):
    status = choice_filter("状态", TaskStatus.choices)
    source = choice_filter("来源", TaskSource.choices)
    q = text_filter()
    mine = FlagField("我的任务")


@capability_required("inspections.view")
@list_filters(TaskQuery)
def task_list(request):
    tasks = InspectionTask.objects.all()
    if request.GET.get("mine"):
        tasks = tasks.of_user(request.user)
    return _listing(request, tasks, "检查任务")


@capability_required("inspections.approve")
@list_filters(TaskQuery)
def approvals(request):
    return _listing(request, InspectionTask.objects.awaiting_approval(), "待审批任务")


@capability_required("inspections.work")
def task_create(request):
    form = TaskForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        officers = sorted(data["officers"], key=lambda o: request.POST.getlist("officers").index(str(o.pk)))
        try:
            task = services.create_task(
                institution=data["institution"],
                item=data["item"],
                source=data["source"],
                planned_date=data["planned_date"],
                officers=officers,
                by=request.user,
                campaign=data["campaign"],
                partner_departments=data["partner_departments"],
                urgent=data["urgent"],
                urgent_reason=data["urgent_reason"],
                cap_reason=data["cap_reason"],
                source_ref=data["source_ref"],
                note=data["note"],
                status=TaskStatus.PENDING_APPROVAL if data["submit_now"] else TaskStatus.DRAFT,
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, f"已创建检查任务 {task.number}")
            return redirect(task)
    return render(request, "inspections/task_form.html", {"form": form})


@capability_required("inspections.view")
def task_detail(request, pk):
    task = task_for(request, pk)
    user = request.user
    record = task.current_record()
    members = [
        (m, m.officer.certificate_on(task.planned_date))
        for m in task.members.select_related("officer__department").order_by("order")
    ]
    hazards = task.hazards.exclude(record__status=RecordStatus.DRAFT).select_related("order")
    can_work = has_capability(user, "inspections.work") and task.can_work(user)
    startable = [TaskStatus.APPROVED] + (
        [TaskStatus.DRAFT, TaskStatus.PENDING_APPROVAL] if task.urgent else []
    )
    return render(
        request,
        "inspections/task_detail.html",
        {
            "task": task,
            "record": record,
            "draft": task.draft_record(),
            "members": members,
            "partners": task.partner_participants.select_related("department"),
            "hazards": hazards,
            "open_hazards": [h for h in hazards if h.needs_order],
            "orders": task.orders.all(),
            "outcomes": task.outcomes.select_related("decided_by"),
            "documents": documents.documents_of_task(task),
            "versions": task.records.order_by("version"),
            "can_work": can_work,
            "can_start": can_work and task.status in startable,
            "can_cancel": can_work
            and task.status in (TaskStatus.DRAFT, TaskStatus.PENDING_APPROVAL, TaskStatus.APPROVED),
            "can_approve": has_capability(user, "inspections.approve"),
            "can_decide": has_capability(user, "inspections.decide"),
            "can_publish": has_capability(user, "portal.publish") and publication.is_published_kind(task),
            "publication": publication_for(PublicationKind.INSPECTION_RESULT, task),
            "partner_form": PartnerForm(),
            "note_form": NoteForm(),
            "files": evidence.files_for(task) if has_capability(user, "evidence.view") else None,
            "can_upload": can_work
            and has_capability(user, "evidence.upload")
            and task.status == TaskStatus.COMPLETED,
            "upload_form": EvidenceUploadForm(),
            "accept": f"image/*,video/*,{evidence.ACCEPT}",
            "licence_expired": actions.licence_expired(task),
            "reinspected_order": getattr(task, "reinspected_order", None),
        },
    )


VERBS = {
    "submit": ("inspections.work", "已提交审批"),
    "start": ("inspections.work", "已开始检查，请填写现场检查笔录"),
    "cancel": ("inspections.work", "任务已取消"),
    "approve": ("inspections.approve", "已审批通过"),
    "reject": ("inspections.approve", "已退回"),
}


@require_POST
@capability_required("inspections.view")
def task_action(request, pk, verb):
    if verb not in VERBS:
        raise Http404
    capability, done = VERBS[verb]
    task = task_for(request, pk, capability)
    if capability == "inspections.work" and not task.can_work(request.user):
        raise PermissionDenied("只有本任务检查组成员（或科室负责人）可以操作")
    note = request.POST.get("note", "")
    try:
        if verb == "submit":
            task.submit(by=request.user)
        elif verb == "start":
            task.start(by=request.user)
            messages.success(request, done)
            return redirect("inspections:record", task.pk)
        elif verb == "cancel":
            task.cancel(by=request.user, reason=note)
        elif verb == "approve":
            task.approve(by=request.user, note=note)
        else:
            task.reject(by=request.user, reason=note)
    except DomainError as error:
        return refused(request, error, task)
    messages.success(request, done)
    return redirect(task)


@require_POST
@capability_required("inspections.work")
def partner_add(request, pk):
    task = worked_task(request, pk)
    form = PartnerForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            "请完整填写联合部门参检人员："
            + "；".join(f"{form.fields[k].label}{v[0]}" for k, v in form.errors.items()),
        )
        return redirect(task)
    try:
        services.add_partner_participant(task, by=request.user, **form.cleaned_data)
    except DomainError as error:
        return refused(request, error, task)
    messages.success(request, f"已登记联合部门人员 {form.cleaned_data['name']}")
    return redirect(task)


@require_POST
@capability_required("inspections.work")
def partner_remove(request, pk, participant):
    task = worked_task(request, pk)
    participant = get_object_or_404(PartnerParticipant, pk=participant, task=task)
    try:
        services.remove_partner_participant(participant, by=request.user)
    except DomainError as error:
        return refused(request, error, task)
    messages.success(request, "已移除")
    return redirect(task)


@require_POST
@capability_required("inspections.work")
def notice_issue(request, pk):
    task = worked_task(request, pk)
    try:
        document = documents.issue_notice(task, by=request.user)
    except DomainError as error:
        return refused(request, error, task)
    messages.success(request, f"已签发行政检查通知书 {document.number}")
    return redirect(task)


@require_POST
@capability_required("portal.publish")
def publish_result(request, pk):
    task = task_for(request, pk, "portal.publish")
    try:
        publication.publish_result(task, by=request.user)
    except DomainError as error:
        return refused(request, error, task)
    messages.success(request, "检查结果已向社会公示")
    return redirect(task)


@capability_required("inspections.decide")
def outcome_create(request, pk):
    task = task_for(request, pk, "inspections.decide")
    initial = {"decided_on": timezone.localdate()}
    if actions.licence_expired(task):
        initial |= {
            "kind": "closure",
            "reason": f"经检查，该机构办学许可证已于 "
            f"{task.institution.licence_expires:%Y年%m月%d日} 到期，仍在开展办学活动。",
        }
    form = OutcomeForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            actions.do_record_outcome(task.institution, task=task, by=request.user, **form.cleaned_data)
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            outcome = task.outcomes.order_by("-id").first()
            messages.success(request, f"已移送立案，案件线索 {outcome.lead_number}")
            return redirect(task)
    return render(
        request,
        "inspections/form.html",
        {
            "form": form,
            "title": "移送立案",
            "back": task,
            "intro": f"{task.institution.name}：检查发现的违法行为移送立案，本次检查的当事人、笔录、照片和证据文件、"
            "执法人员随线索转入案件。责令停止招生、停办等行政处罚只能由案件的处罚决定书作出，"
            "送达后自动写入监管对象名录（《行政处罚法》第九条、第三十八条）。",
        },
    )
