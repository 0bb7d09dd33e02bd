"""Published inspection results (双随机抽查结果公示): public, read only through ``.published()``."""

from django.core.paginator import Paginator
from django.db.models import Q
from django.shortcuts import get_object_or_404, render

from eduenforce.portal.choices import PublicationKind
from eduenforce.portal.models import Publication


def _published():
    return Publication.objects.published().of_kind(PublicationKind.INSPECTION_RESULT)


def result_list(request):
    results = _published()
    q = request.GET.get("q", "").strip()[:50]
    if q:
        results = results.filter(Q(title__icontains=q) | Q(summary__icontains=q))
    year = request.GET.get("year", "")
    if year.isdigit():
        results = results.filter(year=int(year))
    page = Paginator(results.order_by("-published_at", "-id"), 20).get_page(request.GET.get("page"))
    return render(request, "inspections/public/list.html", {"page": page, "q": q, "year": year})


def result_detail(request, public_id: str):
    result = get_object_or_404(_published(), public_id=public_id)
    return render(request, "inspections/public/detail.html", {"result": result})
