"""Public pages of draws (under /portal/draws/): plans with their commitments, results,
the verification data and the script, and how to check a draw.

Read only through ``.published()`` / ``.drawn()`` querysets; public identifiers only.
The JSON is served byte for byte as stored (its SM3 is published), so it is marked as
already masked: it holds credit codes, certificate numbers, department names and hashes,
no personal data.
"""

from pathlib import Path

from django.conf import settings
from django.core.paginator import Paginator
from django.http import FileResponse, Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET

from eduenforce.core.links import public_reverse
from eduenforce.planning.models import SamplingPlan
from eduenforce.sampling.models import Draw
from eduenforce.sampling.results import draw_rows

SCRIPT = Path(settings.BASE_DIR).parent / "tools" / "verify_draw.py"


def _public_draws():
    return Draw.objects.published().select_related("plan__item")


@require_GET
def index(request):
    plans = SamplingPlan.objects.published().select_related("item").prefetch_related("draws")
    drawn = _public_draws().filter(status__in=["completed", "superseded"]).order_by("-drawn_at", "-id")
    waiting = _public_draws().filter(status="committed").order_by("draw_date", "id")
    return render(
        request,
        "sampling/public/index.html",
        {
            "waiting": waiting,
            "page": Paginator(drawn, 20).get_page(request.GET.get("page")),
            "plans": Paginator(plans, 20).get_page(request.GET.get("plans")),
        },
    )


@require_GET
def plan(request, public_id: str):
    plan = get_object_or_404(SamplingPlan.objects.published().select_related("item"), public_id=public_id)
    return render(
        request,
        "sampling/public/plan.html",
        {
            "plan": plan,
            "strata": plan.strata.prefetch_related("streets"),
            "departments": plan.required_departments.select_related("department"),
            "draws": plan.draws.published().order_by("sequence"),
        },
    )


@require_GET
def detail(request, public_id: str):
    draw = get_object_or_404(_public_draws(), public_id=public_id)
    return render(
        request,
        "sampling/public/draw.html",
        {
            "draw": draw,
            "rows": draw_rows(draw) if draw.is_drawn else [],
            "document": draw.document if draw.is_drawn else None,
            "redraws": draw.redraws.published().order_by("sequence"),
            "json_url": reverse("portal:draws:json", args=[draw.public_id]),
        },
    )


@require_GET
def document(request, public_id: str):
    draw = get_object_or_404(Draw.objects.drawn().select_related("document"), public_id=public_id)
    response = HttpResponse(draw.document.data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{draw.public_id}.json"'
    response["X-Content-SM3"] = draw.document.sm3
    response.public_masked = True  # byte for byte as hashed; no personal data inside
    return response


@require_GET
def pool(request, public_id: str):
    """The pool frozen at the commitment (v2), byte for byte as hashed: published with the
    commitment, before the draw. Credit codes, certificate numbers, department and street
    names only — no personal data."""
    draw = get_object_or_404(Draw.objects.published().select_related("pool"), public_id=public_id)
    stored = getattr(draw, "pool", None) if draw.pool_sm3 else None
    if stored is None:
        raise Http404
    response = HttpResponse(stored.data, content_type="application/json; charset=utf-8")
    response["Content-Disposition"] = f'inline; filename="{draw.public_id}-pool.json"'
    response["X-Content-SM3"] = stored.sm3
    response.public_masked = True
    return response


@require_GET
def index_json(request):
    """``[{"id": ..., "url": ...}]`` of every published (completed) draw, newest first."""
    draws = Draw.objects.drawn().order_by("-drawn_at", "-id").values_list("public_id", flat=True)
    data = [{"id": pid, "url": public_reverse("portal:draws:json", args=[pid])} for pid in draws]
    response = JsonResponse(data, safe=False, json_dumps_params={"ensure_ascii": False})
    response.public_masked = True
    return response


@require_GET
def how_to_verify(request):
    example = Draw.objects.drawn().order_by("-drawn_at", "-id").first()
    return render(request, "sampling/public/verify.html", {"example": example})


@require_GET
def script(request):
    if not SCRIPT.is_file():
        raise Http404
    response = FileResponse(
        SCRIPT.open("rb"),
        content_type="text/x-python; charset=utf-8",
        as_attachment=True,
        filename="verify_draw.py",
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
