"""Public pages: the published annual reports (masked snapshots held by ``portal.Publication``)."""

from django.http import FileResponse, Http404
from django.shortcuts import render

from eduenforce.portal.choices import PublicationKind
from eduenforce.portal.models import Publication
from eduenforce.reports.models import AnnualReport


def _published():
    return Publication.objects.published().of_kind(PublicationKind.REPORT)


def report_list(request):
    return render(request, "reports/public_list.html", {"publications": _published().order_by("-year")})


def _get(public_id: str) -> Publication:
    publication = _published().filter(public_id=public_id).first()
    if publication is None:
        raise Http404
    return publication


def report_detail(request, public_id: str):
    return render(request, "reports/public_detail.html", {"publication": _get(public_id)})


def report_pdf(request, public_id: str):
    publication = _get(public_id)
    report = AnnualReport.objects.filter(pk=publication.source_id, status="published").first()
    if report is None or not report.pdf:
        raise Http404
    response = FileResponse(
        report.pdf.open("rb"),
        as_attachment=True,
        filename=f"{report.year}年度行政执法工作报告.pdf",
        content_type="application/pdf",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
