"""Downloading the inspection documents (.docx as issued, or PDF rendered from the record)."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.http import content_disposition_header

from eduenforce.core.permissions import capability_required
from eduenforce.inspections import documents
from eduenforce.inspections.models import InspectionRecord, RectificationOrder
from eduenforce.inspections.views.common import task_for
from eduenforce.records.models import IssuedDocument

DOCX_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def _document(request, pk) -> IssuedDocument:
    document = get_object_or_404(IssuedDocument, pk=pk, kind__in=list(documents.TITLES))
    source = documents.source_object(document)
    if source is None:
        raise Http404
    task_id = source.task_id if isinstance(source, InspectionRecord | RectificationOrder) else source.pk
    task_for(request, task_id)  # the user must be able to see the task the document belongs to
    return document


def _private(response):
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@capability_required("inspections.view")
def document_docx(request, pk):
    document = _document(request, pk)
    return _private(
        FileResponse(
            document.file.open("rb"),
            as_attachment=True,
            content_type=DOCX_TYPE,
            filename=f"{document.title}{document.number}.docx",
        )
    )


@capability_required("inspections.view")
def document_pdf(request, pk):
    document = _document(request, pk)
    response = HttpResponse(documents.render_document_pdf(document), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition_header(
        True, f"{document.title}{document.number}.pdf"
    )
    return _private(response)
