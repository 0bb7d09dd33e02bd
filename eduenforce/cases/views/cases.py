"""Case lists, the case page, reminders and document downloads."""

from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from eduenforce.cases import actions, deadlines
from eduenforce.cases.actions.investigation import ADD_EVIDENCE
from eduenforce.cases.choices import CaseStatus, Procedure
from eduenforce.cases.documents import pdf_bytes
from eduenforce.cases.forms import EvidenceUploadForm
from eduenforce.cases.models import Case, CaseReminder
from eduenforce.cases.views.flow import steps_for
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability, scoped
from eduenforce.core.query import (
    ListQuery,
    choice_filter,
    list_filters,
    text_filter,
)
from eduenforce.records import evidence as evidence_files
from eduenforce.records.documents import documents_for
from eduenforce.records.models import JournalEntry

LIST_FIELDS = ["institution", "violation", "street"]

# The case's journal entries, named as the file would name them.
ACTION_LABELS = {
    "cases.filing_review_opened": "提起立案审查",
    "cases.filing_approved": "批准立案",
    "cases.filing_refused": "不予立案",
    "cases.record_added": "制作调查笔录",
    "cases.evidence_added": "登记证据",
    "cases.preservation_requested": "申请先行登记保存",
    "cases.preservation_approved": "批准先行登记保存",
    "cases.preservation_refused": "不批准先行登记保存",
    "cases.preservation_handled": "先行登记保存处理决定",
    "cases.correction_ordered": "责令改正",
    "cases.correction_verified": "改正复查",
    "cases.investigation_concluded": "调查终结",
    "cases.investigation_reopened": "恢复调查",
    "cases.discussion_recorded": "集体讨论",
    "cases.address_confirmed": "送达地址确认",
    "cases.prior_notice_served": "送达事先告知书",
    "cases.statement_recorded": "陈述申辩",
    "cases.rights_waived": "放弃陈述申辩",
    "cases.hearing_requested": "申请听证",
    "cases.hearing_scheduled": "安排听证",
    "cases.hearing_recorded": "举行听证",
    "cases.review_submitted": "提交法制审核",
    "cases.reviewed": "法制审核",
    "cases.decided": "作出决定",
    "cases.filing_revoked": "撤销立案",
    "cases.decision_served": "送达决定书",
    "cases.decision_published": "公示决定",
    "cases.decision_revoked": "撤销决定",
    "cases.decision_changed": "变更决定",
    "cases.change_opened": "提出变更处罚决定",
    "cases.change_discussion_recorded": "变更集体讨论",
    "cases.change_notice_served": "送达变更事先告知书",
    "cases.change_statement_recorded": "变更陈述申辩",
    "cases.change_rights_waived": "放弃变更陈述申辩",
    "cases.change_hearing_requested": "申请变更听证",
    "cases.change_hearing_recorded": "变更听证",
    "cases.change_review_submitted": "提交变更法制审核",
    "cases.change_reviewed": "变更法制审核",
    "cases.change_decided": "作出变更决定",
    "cases.change_in_force": "变更决定送达生效",
    "cases.change_withdrawn": "撤回变更程序",
    "cases.decision_corrected": "补正决定书",
    "cases.payment_recorded": "缴款",
    "cases.execution_confirmed": "执行完毕",
    "cases.payment_reminder_served": "送达催告书",
    "cases.court_applied": "申请法院强制执行",
    "cases.closing_requested": "申请结案",
    "cases.closing_approved": "批准结案",
    "cases.closing_returned": "退回结案申请",
    "cases.archived": "归档",
    "cases.on_the_spot_decided": "当场处罚",
    "cases.reminder_sent": "期限提醒",
    "document.issued": "签发文书",
}


def _page(request, queryset):
    return Paginator(queryset.select_related(*LIST_FIELDS), 30).get_page(request.GET.get("page"))


class CaseQuery(ListQuery):
    status = choice_filter("阶段", CaseStatus.choices, extra=[("open", "办理中")])
    q = text_filter()
    procedure = choice_filter("程序", Procedure.choices)


@capability_required("cases.view")
@list_filters(CaseQuery)
def case_list(request):
    qs = scoped(Case.objects.all(), request.user)
    status = request.GET.get("status", "")
    if status in CaseStatus.values:
        qs = qs.filter(status=status)
    elif status == "open":
        qs = qs.open()
    q = request.GET.get("q", "").strip()[:50]
    if q:
        qs = qs.filter(
            Q(number__icontains=q)
            | Q(decision_number__icontains=q)
            | Q(party_name__icontains=q)
            | Q(cause__icontains=q)
        )
    procedure = request.GET.get("procedure", "")
    if procedure in Procedure.values:
        qs = qs.filter(procedure=procedure)
    return render(
        request,
        "cases/case_list.html",
        {
            "page": _page(request, qs),
            "statuses": CaseStatus.choices,
            "status": status,
            "q": q,
            "procedures": Procedure.choices,
            "procedure": procedure,
            "title": "案件列表",
            "today": timezone.localdate(),
        },
    )


@capability_required("cases.view")
@list_filters(ListQuery)
def overdue(request):
    qs = scoped(Case.objects.overdue(), request.user).order_by("next_deadline_on", "id")
    return render(
        request,
        "cases/case_list.html",
        {"page": _page(request, qs), "title": "逾期案件", "today": timezone.localdate(), "plain": True},
    )


@capability_required("cases.review")
@list_filters(ListQuery)
def review_queue(request):
    qs = scoped(Case.objects.awaiting_review(), request.user).order_by("review_due_on", "id")
    return render(
        request,
        "cases/case_list.html",
        {"page": _page(request, qs), "title": "待法制审核", "today": timezone.localdate(), "plain": True},
    )


@capability_required("cases.view")
@list_filters(ListQuery)
def reminders(request):
    qs = CaseReminder.objects.filter(recipient=request.user).select_related("case")
    page = Paginator(qs, 50).get_page(request.GET.get("page"))
    return render(request, "cases/reminders.html", {"page": page})


@require_POST
@capability_required("cases.view")
def reminders_read(request):
    CaseReminder.objects.filter(recipient=request.user, read_at__isnull=True).update(read_at=timezone.now())
    return redirect("cases:reminders")


@capability_required("cases.view")
def case_detail(request, pk: int):
    case = get_object_for_user(
        request.user,
        Case.objects.select_related("institution", "violation__version", "street", "lead", "decided_by"),
        "cases.view",
        pk=pk,
    )
    today = timezone.localdate()
    return render(
        request,
        "cases/case_detail.html",
        {
            "case": case,
            "steps": steps_for(case, request.user),
            "today": today,
            "deadlines": deadlines.all_deadlines(case),
            "court_window": deadlines.court_window(case),
            "documents": documents_for(case),
            "team": case.team_officers,
            "records": case.records.prefetch_related("officers"),
            "evidence": case.evidence.all(),
            "evidence_files": _evidence_files(case, request.user),
            "upload_form": EvidenceUploadForm()
            if ADD_EVIDENCE.allowed(case, request.user) and has_capability(request.user, "evidence.upload")
            else None,
            "preservations": case.preservations.all(),
            "corrections": case.corrections.all(),
            "discussions": case.discussions.all(),
            "statements": case.statements.all(),
            "hearings": case.hearings.select_related("chair"),
            "reviews": case.reviews.select_related("reviewer"),
            "services": case.services.all(),
            "payments": case.payments.all(),
            "journal": [
                (e, ACTION_LABELS.get(e.action, e.action))
                for e in JournalEntry.objects.filter(
                    object_type="cases.case", object_id=str(case.pk)
                ).order_by("-seq")[:50]
            ],
        },
    )


def _evidence_files(case, user):
    """Evidence files attached to this case (records app), for those who may see evidence."""
    if not has_capability(user, "evidence.view"):
        return []
    return evidence_files.files_for(case)


@capability_required("evidence.upload")
@evidence_files.evidence_upload_view
def evidence_upload(request, pk: int):
    """Upload an evidence file (streamed with its hashes by the records app) and register it as
    evidence of the case in one transaction; refused outside the investigation."""
    if request.method != "POST":
        raise Http404
    case = get_object_for_user(request.user, Case.objects.all(), "cases.investigate", pk=pk)
    form = EvidenceUploadForm(request.POST, request.FILES)
    errors = []
    if request.evidence_too_large:
        errors.append(evidence_files.too_large_message())
    elif (refusal := ADD_EVIDENCE.refusal(case, request.user)) is not None:
        errors.append(str(refusal))
    elif not form.is_valid():
        errors += [e for field_errors in form.errors.values() for e in field_errors]
    else:
        try:
            with transaction.atomic():
                stored = evidence_files.store(
                    request.FILES["file"], owner=case, by=request.user, description=form.cleaned_data["title"]
                )
                actions.do_add_evidence(
                    case,
                    by=request.user,
                    kind=form.cleaned_data["kind"],
                    title=form.cleaned_data["title"],
                    collected_on=timezone.localdate(),
                    source_ref=f"records.evidencefile:{stored.pk}",
                )
        except DomainError as error:
            errors.append(error.message)
        else:
            messages.success(request, f"已上传“{stored.original_name}”（SM3 {stored.sm3[:12]}…）并登记为证据")
    for message in errors:
        messages.error(request, message)
    return redirect("cases:detail", pk=case.pk)


@capability_required("cases.view")
def document_download(request, pk: int, doc_pk: int, fmt: str):
    case = get_object_for_user(request.user, Case.objects.all(), "cases.view", pk=pk)
    document = get_object_or_404(documents_for(case), pk=doc_pk)
    filename = f"{document.title}-{document.number}"
    if fmt == "docx":
        response = FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            filename=f"{filename}.docx",
            content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        )
    elif fmt == "pdf":
        response = HttpResponse(pdf_bytes(document), content_type="application/pdf")
        response["Content-Disposition"] = _disposition(f"{filename}.pdf")
    else:
        raise Http404
    response["X-Content-Type-Options"] = "nosniff"
    return response


def _disposition(filename: str) -> str:
    from urllib.parse import quote

    return f"attachment; filename*=UTF-8''{quote(filename)}"
