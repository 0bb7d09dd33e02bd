"""Open data: every publication of the portal, by kind, as paginated JSON and as CSV.

Read only, no authentication; the same masking as the portal pages. Lists are paged by
cursor (``next_cursor`` → ``cursor=``), never by offset, so deep pages cost the same.
"""

from django.conf import settings
from ninja import Path, Query, Router, Status
from ninja.errors import HttpError

from eduenforce.api.csv_export import csv_response
from eduenforce.api.schemas import (
    KIND_PAGE,
    ErrorOut,
    Kind,
    KindOut,
    LicenceOut,
    PageOut,
    PublicationOut,
    Street,
)
from eduenforce.api.serialise import publication_dict
from eduenforce.core import config
from eduenforce.core.links import public_absolute, public_url
from eduenforce.portal import cache, ratelimit
from eduenforce.portal.choices import PublicationKind, PublicationState
from eduenforce.portal.errors import BadQuery
from eduenforce.portal.listing import filtered, keyset_page, parse_filters, total
from eduenforce.portal.models import Publication
from eduenforce.portal.public_views import licence_text

router = Router(tags=["公示信息"])

ERRORS = {400: ErrorOut, 429: ErrorOut}
PAGE_ERRORS = {**ERRORS, 404: ErrorOut}
CURSOR = Query(None, pattern="^[0-9a-f]{16}$", description="上一页返回的 next_cursor")
YEAR = Query(None, ge=2000, le=2100, description="年度（四位数字）")
STREET = Query(None, description="街道代码，如 zgz（张贵庄街道）")
# No control characters (PostgreSQL refuses NUL in text): declared, so the schema says so too.
TEXT = Query(
    None,
    max_length=100,
    pattern=r"^[^\x00-\x08\x0b\x0c\x0e-\x1f]*$",
    description="关键词（标题、摘要、正文；不含控制字符）",
)
LIMIT = Query(20, ge=1, le=100, description="每页条数（1—100）")
CSV_RESPONSES = {
    "responses": {
        "200": {
            "description": "CSV 文件（UTF-8，带 BOM）",
            "content": {"text/csv": {"schema": {"type": "string"}}},
        }
    }
}

# The per-kind endpoints: path segment → kind.
KIND_PATHS = {
    "item-lists": PublicationKind.ITEM_LIST,
    "annual-plans": PublicationKind.ANNUAL_PLAN,
    "campaigns": PublicationKind.CAMPAIGN,
    "sampling-plans": PublicationKind.SAMPLING_PLAN,
    "draws": PublicationKind.DRAW,
    "inspection-results": PublicationKind.INSPECTION_RESULT,
    "decisions": PublicationKind.DECISION,
    "reports": PublicationKind.REPORT,
    "news": PublicationKind.NEWS,
    "interpretations": PublicationKind.INTERPRETATION,
    "catalogues": PublicationKind.CATALOGUE,
}


def _filters(request, kind, year, street, q):
    if q and not ratelimit.allow(request, "api-search", config.get("portal.search_per_minute")):
        raise HttpError(429, "检索过于频繁，请稍候一分钟再试")
    params = {
        "kind": kind.value if isinstance(kind, Kind) else (kind or ""),
        "year": str(year or ""),
        "street": street.value if isinstance(street, Street) else "",
        "q": q or "",
    }
    try:
        return parse_filters(params)
    except BadQuery as error:
        raise HttpError(400, error.message) from None


def _page(request, kind, year, street, q, cursor, limit) -> dict:
    filters = _filters(request, kind, year, street, q)
    if cursor and not Publication.objects.filter(public_id=cursor, published_at__isnull=False).exists():
        raise HttpError(404, "分页位置（cursor）不存在，请从第一页开始")
    page = keyset_page(filtered(filters), {"after": cursor or ""}, size=limit, count=total(filters))
    return {
        "count": page.total,
        "limit": limit,
        "next_cursor": page.next_cursor,
        "licence": licence_text(),
        "items": [publication_dict(p, public_absolute) for p in page.items],
    }


def _csv(request, kind, year, street, q):
    filters = _filters(request, kind, year, street, q)
    return csv_response(
        filtered(filters),
        public_absolute,
        f"publications-{filters.kind or 'all'}",
        kind=filters.kind or None,
    )


@router.get(
    "/publications",
    response={200: PageOut, **PAGE_ERRORS},
    summary="全部公示信息（分页）",
    operation_id="list_publications",
)
def list_publications(
    request,
    kind: Kind | None = None,
    year: int | None = YEAR,
    street: Street | None = STREET,
    q: str | None = TEXT,
    cursor: str | None = CURSOR,
    limit: int = LIMIT,
):
    """按类别、年度、街道、关键词筛选；按公示时间倒序；用 ``next_cursor`` 翻页。"""
    return _page(request, kind, year, street, q, cursor, limit)


@router.get(
    "/publications.csv",
    response={400: ErrorOut, 429: ErrorOut},
    summary="全部公示信息（CSV 下载）",
    operation_id="publications_csv",
    url_name="publications_csv",
    openapi_extra=CSV_RESPONSES,
)
def publications_csv(
    request,
    kind: Kind | None = None,
    year: int | None = YEAR,
    street: Street | None = STREET,
    q: str | None = TEXT,
):
    """全部公示信息的 CSV 下载（UTF-8，带 BOM，可直接用 Excel 打开）；筛选参数同分页接口，表头不重复。"""
    return _csv(request, kind, year, street, q)


@router.get(
    "/publications/{public_id}",
    response={200: PublicationOut, 400: ErrorOut, 404: ErrorOut, 410: ErrorOut},
    summary="单条公示信息",
    operation_id="get_publication",
)
def get_publication(
    request, public_id: str = Path(..., pattern="^[0-9a-f]{16}$", description="公开编号（16位）")
):
    """按公开编号取一条公示信息；已撤回的返回 410 和撤回说明。"""
    publication = Publication.objects.select_related("street").filter(public_id=public_id).first()
    if publication is None or publication.state == PublicationState.DUE:
        return Status(404, {"detail": "公示信息不存在"})
    if publication.state == PublicationState.WITHDRAWN:
        return Status(
            410, {"detail": f"该信息已于 {publication.withdrawn_at:%Y-%m-%d} 撤回：{publication.change_note}"}
        )
    return Status(200, publication_dict(publication, public_absolute))


@router.get("/kinds", response=list[KindOut], summary="公示类别及数量", operation_id="list_kinds")
def list_kinds(request):
    """全部公示类别、各类别的公示数量和列表、CSV 地址。"""
    from django.db.models import Count

    counts = cache.cached(
        "api-kind-counts",
        lambda: dict(Publication.objects.published().values_list("kind").annotate(n=Count("id")).order_by()),
    )
    base = public_url("/api/v1/")
    return [
        {
            "kind": value,
            "label": label,
            "count": counts.get(value, 0),
            "list_url": f"{base}publications?kind={value}",
            "csv_url": f"{base}publications.csv?kind={value}",
        }
        for value, label in PublicationKind.choices
    ]


@router.get("/licence", response=LicenceOut, summary="开放数据使用许可", operation_id="licence")
def licence(request):
    """开放数据的使用许可、发布机关和个人信息处理说明。"""
    return {
        "licence": licence_text(),
        "publisher": settings.BUREAU_NAME,
        "masking": "自然人（被处罚人除外）姓名、身份证号、电话、住址、银行账号、健康信息等依法隐去；被处罚自然人显示为“姓+某”。",
    }


def _register_kind(path: str, kind: str) -> None:
    """``/<path>`` and ``/<path>.csv``: the list of one kind (same filters, minus ``kind``)."""
    label = PublicationKind(kind).label
    slug = path.replace("-", "_")

    def kind_list(
        request,
        year: int | None = YEAR,
        street: Street | None = STREET,
        q: str | None = TEXT,
        cursor: str | None = CURSOR,
        limit: int = LIMIT,
    ):
        return _page(request, kind, year, street, q, cursor, limit)

    def kind_csv(request, year: int | None = YEAR, street: Street | None = STREET, q: str | None = TEXT):
        return _csv(request, kind, year, street, q)

    kind_list.__doc__ = (
        f"{label}：按年度、街道、关键词筛选，按公示时间倒序，用 ``next_cursor`` 翻页。"
        f"``fields`` 的键和类型见响应结构（{KIND_PAGE[kind].__name__}）：数值为数字，缺项为 null。"
    )
    kind_csv.__doc__ = f"{label}的 CSV 下载（UTF-8，带 BOM）；列为公共列加本类别公开的字段，表头不重复。"
    router.get(
        f"/{path}",
        response={200: KIND_PAGE[kind], **PAGE_ERRORS},
        summary=f"{label}（分页）",
        operation_id=f"list_{slug}",
        tags=[label],
    )(kind_list)
    router.get(
        f"/{path}.csv",
        response=ERRORS,
        summary=f"{label}（CSV 下载）",
        operation_id=f"{slug}_csv",
        url_name=f"{slug}_csv",
        tags=[label],
        openapi_extra=CSV_RESPONSES,
    )(kind_csv)


for _path, _kind in KIND_PATHS.items():
    _register_kind(_path, _kind)
