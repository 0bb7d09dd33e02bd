"""The on-site record (现场检查笔录) page, built for a phone: autosave, checklist, hazards,
photos, signatures, submit, and corrections as new versions."""

from django.contrib import messages
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, has_capability
from eduenforce.inspections import actions, onsite
from eduenforce.inspections.choices import CheckResult, RecordStatus, TaskStatus
from eduenforce.inspections.forms import CorrectionForm, EvidenceUploadForm, HazardForm
from eduenforce.inspections.models import Hazard, InspectionRecord
from eduenforce.inspections.views.common import refused, task_for, worked_task
from eduenforce.records import evidence
from eduenforce.records.evidence import evidence_upload_view, too_large_message


def _record_url(task) -> str:
    return reverse("inspections:record", args=[task.pk])


def _checklist(record):
    answers = {r.point_id: r for r in record.results.all()}
    return [(p, answers.get(p.pk)) for p in record.task.item.points.all()]


def _page(request, task, record, *, hazard_form=None, upload_form=None, problems=None, status=200):
    return render(
        request,
        "inspections/record.html",
        {
            "task": task,
            "record": record,
            "checklist": _checklist(record),
            "results": CheckResult.choices,
            "hazards": task.hazards.select_related("record").order_by("id"),
            "hazard_form": hazard_form or HazardForm(),
            "upload_form": upload_form or EvidenceUploadForm(),
            "files": evidence.files_for(task),
            "accept": f"image/*,video/*,{evidence.ACCEPT}",
            "problems": problems or [],
            "team": [(o, o.certificate_on(task.planned_date)) for o in task.team],
            "signature_slots": [
                ("officer", "执法人员签名", record.officer_signature_id),
                ("party", "当事人签名", record.party_signature_id),
            ],
        },
        status=status,
    )


@capability_required("inspections.view")
def record(request, pk):
    """The draft to fill in (team members), or the record in force, read-only."""
    task = task_for(request, pk)
    draft = task.draft_record()
    if draft is not None and task.can_work(request.user):
        return _page(request, task, draft)
    current = task.current_record()
    if current is None:
        messages.info(request, "该任务尚未开始检查，暂无笔录")
        return redirect(task)
    return redirect("inspections:record-version", current.pk)


@capability_required("inspections.view")
def record_version(request, record_pk):
    version = get_object_or_404(InspectionRecord.objects.select_related("task"), pk=record_pk)
    task = task_for(request, version.task_id)
    return render(
        request,
        "inspections/record_view.html",
        {
            "task": task,
            "record": version,
            "checklist": _checklist(version),
            "hazards": task.hazards.filter(record__version__lte=version.version).order_by("id"),
            # Liaison officers may read a joint task's record but not its evidence files.
            "files": evidence.files_for(task) if has_capability(request.user, "evidence.view") else None,
            "versions": task.records.order_by("version"),
            "correction_form": CorrectionForm(),
            "can_correct": version.status == RecordStatus.SUBMITTED
            and task.can_work(request.user)
            and request.user.role in ("officer", "section_head"),
        },
    )


def _draft_or_404(task) -> InspectionRecord:
    draft = task.draft_record()
    if draft is None:
        raise Http404("没有正在填写的笔录")
    return draft


@require_POST
@capability_required("inspections.work")
def autosave(request, pk):
    """htmx: saves the whole form as it is; answers with a one-line status."""
    task = worked_task(request, pk)
    draft = task.draft_record()
    if draft is None:
        return render(request, "inspections/_autosave_status.html", {"locked": True})
    try:
        saved = onsite.save_draft(draft, request.POST, by=request.user)
    except DomainError as error:
        return render(request, "inspections/_autosave_status.html", {"error": error.message})
    return render(request, "inspections/_autosave_status.html", {"saved": saved})


@require_POST
@capability_required("inspections.work")
def submit(request, pk):
    task = worked_task(request, pk)
    posted = request.POST.get("record", "")
    record = (
        get_object_or_404(InspectionRecord, pk=posted, task=task) if posted.isdigit() else _draft_or_404(task)
    )
    if record.status != RecordStatus.DRAFT:
        # The same record submitted twice (a double tap, a resent form): nothing changes.
        messages.info(
            request,
            f"该笔录（第{record.version}版）已于 {record.submitted_at:%Y-%m-%d %H:%M} 提交，"
            "本次重复提交未作任何改动",
        )
        return redirect(task)
    try:
        onsite.save_draft(record, request.POST, by=request.user)
        record, _created = actions.do_submit_record(record, by=request.user)
    except actions.RecordIncomplete as error:
        record.refresh_from_db()
        return _page(request, task, record, problems=error.problems, status=409)
    except DomainError as error:
        return refused(request, error, _record_url(task))
    messages.success(request, f"笔录第{record.version}版已提交并锁定；内容 SM3：{record.content_sm3[:16]}…")
    return redirect(task)


@require_POST
@capability_required("inspections.work")
def hazard_add(request, pk):
    task = worked_task(request, pk)
    draft = _draft_or_404(task)
    form = HazardForm(request.POST)
    if not form.is_valid():
        return _page(request, task, draft, hazard_form=form, status=400)
    try:
        onsite.add_hazard(draft, by=request.user, **form.cleaned_data)
    except DomainError as error:
        form.add_error(error.field if error.field in form.fields else None, error.message)
        return _page(request, task, draft, hazard_form=form, status=409)
    messages.success(request, "已记录隐患")
    return redirect(_record_url(task) + "#hazards")


@require_POST
@capability_required("inspections.work")
def hazard_remove(request, pk, hazard):
    task = worked_task(request, pk)
    hazard = get_object_or_404(Hazard, pk=hazard, task=task)
    try:
        onsite.remove_hazard(hazard, by=request.user)
    except DomainError as error:
        return refused(request, error, _record_url(task))
    messages.success(request, "已删除该隐患")
    return redirect(_record_url(task) + "#hazards")


@require_POST
@capability_required("inspections.work")
def signature(request, pk):
    task = worked_task(request, pk)
    draft = _draft_or_404(task)
    who = request.POST.get("who", "")
    try:
        onsite.set_signature(draft, who=who, data_url=request.POST.get("signature", ""), by=request.user)
    except DomainError as error:
        return refused(request, error, _record_url(task) + "#signatures")
    messages.success(request, "签名已保存")
    return redirect(_record_url(task) + "#signatures")


@capability_required("evidence.upload")
@evidence_upload_view
def upload(request, pk):
    """Photos, body-camera video and files of the inspection, streamed to evidence storage with
    their hashes. Allowed while the inspection is under way and after it (a video is often
    uploaded back at the office); a file never changes the locked record, it sits beside it."""
    if request.method != "POST":
        raise Http404
    task = worked_task(request, pk)
    draft = task.draft_record()
    back = _record_url(task) if draft is not None else reverse("inspections:task-detail", args=[task.pk])
    form = EvidenceUploadForm(request.POST, request.FILES)
    valid = form.is_valid()
    if request.evidence_too_large:
        form.errors["file"] = form.error_class([too_large_message()])  # replaces "required"
    if task.status not in (TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED):
        form.errors["file"] = form.error_class(["检查开始后才能上传证据文件"])
    if valid and "file" not in form.errors:
        try:
            stored = evidence.store(
                request.FILES["file"],
                owner=task,
                by=request.user,
                description=form.cleaned_data["description"],
            )
        except DomainError as error:
            form.errors["file"] = form.error_class([error.message])
        else:
            messages.success(request, f"已上传“{stored.original_name}”（SM3 {stored.sm3[:12]}…）")
            return redirect(back + "#files")
    if draft is not None:
        return _page(request, task, draft, upload_form=form, status=400)
    messages.error(request, "；".join(e for errors in form.errors.values() for e in errors))
    return redirect(back + "#files")


@require_POST
@capability_required("inspections.work")
def correct(request, pk):
    task = worked_task(request, pk)
    current = task.records.filter(status=RecordStatus.SUBMITTED).order_by("-version").first()
    if current is None:
        raise Http404
    form = CorrectionForm(request.POST)
    try:
        if not form.is_valid():
            raise DomainError("请填写更正理由", field="reason")
        new = actions.do_start_correction(current, by=request.user, reason=form.cleaned_data["reason"])
    except DomainError as error:
        return refused(request, error, reverse("inspections:record-version", args=[current.pk]))
    messages.success(request, f"已创建更正版本（第{new.version}版），修改后请重新签名并提交")
    return redirect(_record_url(task))
