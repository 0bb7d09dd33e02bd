"""Evidence pages: list, detail (with the chain of custody) and the guarded download."""

from django.apps import apps
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, render

from eduenforce.core.permissions import capability_required, scoped
from eduenforce.core.query import (
    FlagField,
    ListQuery,
    list_filters,
    text_filter,
)
from eduenforce.records import evidence as service
from eduenforce.records.models import EvidenceFile


def _owner(evidence: EvidenceFile):
    """The record the file belongs to, if the user's scope lets them see it."""
    try:
        model = apps.get_model(evidence.object_type)
    except (LookupError, ValueError):
        return None
    return model._default_manager.filter(pk=evidence.object_id).first()


def _get(request, uid) -> EvidenceFile:
    evidence = get_object_or_404(
        scoped(EvidenceFile.objects.select_related("uploaded_by"), request.user), uid=uid
    )
    owner = _owner(evidence)
    # The file is seen where its owner is (a case's handlers, a liaison's joint tasks).
    if (
        owner is not None
        and not scoped(type(owner)._default_manager.all(), request.user).filter(pk=owner.pk).exists()
    ):
        raise Http404
    return evidence


class EvidenceQuery(ListQuery):
    q = text_filter("文件名或哈希值", 128)
    broken = FlagField("完整性异常")


@capability_required("evidence.view")
@list_filters(EvidenceQuery)
def evidence_list(request):
    files = EvidenceFile.objects.select_related("uploaded_by").order_by("-uploaded_at", "-id")
    q = request.GET.get("q", "").strip()
    if q:
        files = files.filter(
            Q(sha256__startswith=q.lower()) | Q(sm3__startswith=q.lower()) | Q(original_name__icontains=q)
        )
    if request.GET.get("broken"):
        files = files.filter(integrity_ok=False)
    page = Paginator(files, 50).get_page(request.GET.get("page"))
    return render(request, "records/evidence_list.html", {"page": page, "q": q})


@capability_required("evidence.view")
def evidence_detail(request, uid):
    evidence = _get(request, uid)
    service.record_view(evidence, by=request.user)
    owner = _owner(evidence)
    owner_url = owner.get_absolute_url() if owner is not None and hasattr(owner, "get_absolute_url") else ""
    return render(
        request,
        "records/evidence_detail.html",
        {
            "evidence": evidence,
            "owner": owner,
            "owner_url": owner_url,
            "custody": evidence.custody.select_related("actor").order_by("-at", "-id")[:200],
        },
    )


@capability_required("evidence.view")
def evidence_download(request, uid):
    evidence = _get(request, uid)
    if not evidence.storage_name:
        raise PermissionDenied
    handle = service.open_for_download(evidence, by=request.user)
    response = FileResponse(
        handle, as_attachment=True, filename=evidence.original_name, content_type=evidence.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    # Even if a browser ignored "attachment", the file may not run script or load anything.
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "private, no-store"
    return response
