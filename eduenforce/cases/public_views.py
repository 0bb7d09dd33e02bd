"""The public decisions pages: a filtered list (year, violation, street, keywords) with keyset
pagination, each decision by its public id, and the published discretion catalogue.

They read only ``Publication.objects.published()`` of kind 行政处罚决定 / 裁量基准 — the masked
snapshots ``cases.actions.do_publish_decision`` stored — never the case tables.
"""

import re

from django.shortcuts import render
from django.views.decorators.http import require_GET

from eduenforce.cases.models import CatalogueVersion
from eduenforce.portal import cache
from eduenforce.portal.choices import PublicationKind, PublicationState
from eduenforce.portal.errors import BadQuery, bad_query, not_found
from eduenforce.portal.listing import PUBLIC_ID, filtered, keyset_page, parse_filters, streets
from eduenforce.portal.models import Publication

PAGE_SIZE = 20
VIOLATION_CODE = re.compile(r"^[a-z0-9-]{1,30}$")


def violation_choices() -> list[tuple[str, str]]:
    """The violations of the current catalogue, as (code, "article title")."""

    def compute():
        version = CatalogueVersion.objects.current()
        if version is None:
            return []
        return [(v.code, f"{v.article} {v.title}") for v in version.violations.all()]

    return cache.cached("decision-violations", compute)


def _years() -> list[int]:
    return cache.cached(
        "decision-years",
        lambda: sorted(
            Publication.objects.published()
            .of_kind(PublicationKind.DECISION)
            .values_list("year", flat=True)
            .distinct()
            .order_by(),
            reverse=True,
        ),
    )


@require_GET
@cache.public_page
def decision_list(request):
    try:
        filters = parse_filters(request.GET, kind=PublicationKind.DECISION)
        violation = request.GET.get("violation", "").strip()
        if violation and (not VIOLATION_CODE.match(violation) or violation not in dict(violation_choices())):
            raise BadQuery(f"“违法行为”参数无效：{violation[:30]}")
        qs = filtered(filters)
        if violation:
            qs = qs.filter(fields__violation_code=violation)
        count = cache.cached(f"decision-count:{filters.cache_key()}|{violation}", qs.count)
        page = keyset_page(qs, request.GET, size=PAGE_SIZE, count=count)
    except BadQuery as error:
        return bad_query(request, error)
    return render(
        request,
        "cases/public/decision_list.html",
        {
            "filters": filters,
            "page": page,
            "violation": violation,
            "violations": violation_choices(),
            "streets": streets(),
            "years": _years(),
        },
    )


@require_GET
@cache.public_page
def decision_detail(request, public_id: str):
    if not PUBLIC_ID.match(public_id):
        return not_found(request)
    publication = (
        Publication.objects.of_kind(PublicationKind.DECISION)
        .select_related("street")
        .filter(public_id=public_id)
        .first()
    )
    if publication is None or publication.state == PublicationState.DUE:
        return not_found(request)
    if publication.state == PublicationState.WITHDRAWN:
        response = render(request, "portal/withdrawn.html", {"publication": publication}, status=410)
        response.portal_page = True
        return response
    return render(request, "cases/public/decision_detail.html", {"p": publication, "f": publication.fields})


@require_GET
@cache.public_page
def discretion_catalogue(request):
    publication = (
        Publication.objects.published()
        .of_kind(PublicationKind.CATALOGUE)
        .order_by("-published_at", "-id")
        .first()
    )
    return render(
        request,
        "cases/public/catalogue.html",
        {"p": publication, "f": publication.fields if publication else {}},
    )
