"""Case lists, the case page, reminders and document downloads."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from eduenforce.cases import deadlines
from eduenforce.cases.choices import CaseStatus, Procedure
from eduenforce.cases.documents import pdf_bytes
from eduenforce.cases.models import Case, CaseReminder
from eduenforce.cases.views.flow import steps_for
from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability
from eduenforce.records.documents import documents_for
from eduenforce.records.models import JournalEntry

LIST_FIELDS = ["institution", "violation", "street"]


def _page(request, queryset):
    return Paginator(queryset.select_related(*LIST_FIELDS), 30).get_page(request.GET.get("page"))


@capability_required("cases.view")
def case_list(request):
    qs = Case.objects.all()
    status = request.GET.get("status", "")
    if status in CaseStatus.values:
        qs = qs.filter(status=status)
    elif status == "open":
        qs = qs.open()
    q = request.GET.get("q", "").strip()[:50]
    if q:
        qs = qs.filter(Q(number__icontains=q) | Q(decision_number__icontains=q) | Q(party_name__icontains=q)
                       | Q(cause__icontains=q))
    procedure = request.GET.get("procedure", "")
    if procedure in Procedure.values:
        qs = qs.filter(procedure=procedure)
    return render(request, "cases/case_list.html", {
        "page": _page(request, qs), "statuses": CaseStatus.choices, "status": status, "q": q,
        "procedures": Procedure.choices, "procedure": procedure, "title": "案件列表", "today": timezone.localdate(),
    })


@capability_required("cases.view")
def overdue(request):
    qs = Case.objects.overdue().order_by("next_deadline_on", "id")
    return render(request, "cases/case_list.html", {"page": _page(request, qs), "title": "逾期案件",
                                                    "today": timezone.localdate(), "plain": True})


@capability_required("cases.review")
def review_queue(request):
    qs = Case.objects.awaiting_review().order_by("review_due_on", "id")
    return render(request, "cases/case_list.html", {"page": _page(request, qs), "title": "待法制审核",
                                                    "today": timezone.localdate(), "plain": True})


@capability_required("cases.view")
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
    case = get_object_for_user(request.user, Case.objects.select_related(
        "institution", "violation__version", "street", "lead", "decided_by"), "cases.view", pk=pk)
    today = timezone.localdate()
    return render(request, "cases/case_detail.html", {
        "case": case, "steps": steps_for(case, request.user), "today": today,
        "deadlines": deadlines.all_deadlines(case), "court_window": deadlines.court_window(case),
        "documents": documents_for(case), "team": case.team_officers,
        "records": case.records.prefetch_related("officers"), "evidence": case.evidence.all(),
        "evidence_files": _evidence_files(case, request.user),
        "preservations": case.preservations.all(), "corrections": case.corrections.all(),
        "discussions": case.discussions.all(), "statements": case.statements.all(),
        "hearings": case.hearings.select_related("chair"), "reviews": case.reviews.select_related("reviewer"),
        "services": case.services.all(), "payments": case.payments.all(),
        "journal": JournalEntry.objects.filter(object_type="cases.case", object_id=str(case.pk)).order_by("-seq")[:50],
    })


def _evidence_files(case, user):
    """Evidence files uploaded against this case through the records app, where it offers them."""
    from django.apps import apps

    try:
        model = apps.get_model("records", "EvidenceFile")
    except LookupError:
        return []
    if not has_capability(user, "evidence.view"):
        return []
    return model.objects.filter(object_type="cases.case", object_id=str(case.pk))


@capability_required("cases.view")
def document_download(request, pk: int, doc_pk: int, fmt: str):
    case = get_object_for_user(request.user, Case.objects.all(), "cases.view", pk=pk)
    document = get_object_or_404(documents_for(case), pk=doc_pk)
    filename = f"{document.title}-{document.number}"
    if fmt == "docx":
        response = FileResponse(document.file.open("rb"), as_attachment=True, filename=f"{filename}.docx",
                                content_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document")
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
