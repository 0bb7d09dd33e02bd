"""Public lists of publications: validated filters and keyset pagination.

Reusable by any app's public list (e.g. the decisions list)::

    from eduenforce.portal.listing import parse_filters, filtered, keyset_page

    filters = parse_filters(request.GET, kind="decision")          # BadQuery → 400 page
    page = keyset_page(filtered(filters), request.GET, size=20)     # BadQuery on a bad cursor

Pages are addressed by the public id of the row they continue from (``?after=`` /
``?before=``), never by database ids or offsets: the query is an index range scan however
deep the page, and a cursor past the end simply yields an empty, clearly labelled page.
"""

import re
from dataclasses import dataclass, field
from functools import cache as memoize

from django.db.models import Q
from django.urls import reverse
from django.utils.timezone import localdate

from eduenforce.core.query import has_control_characters
from eduenforce.portal import cache
from eduenforce.portal.choices import PublicationKind
from eduenforce.portal.errors import BadQuery
from eduenforce.portal.models import Publication

PUBLIC_ID = re.compile(r"^[0-9a-f]{16}$")
YEAR_RANGE = (2000, 2100)
MAX_QUERY = 100


@dataclass
class Filters:
    kind: str = ""
    year: int | None = None
    street: object = None  # accounts.Department (kind street) or None
    q: str = ""

    def as_params(self) -> dict:
        params = {
            "kind": self.kind,
            "year": self.year or "",
            "street": self.street.code if self.street else "",
            "q": self.q,
        }
        return {k: v for k, v in params.items() if v}

    def cache_key(self) -> str:
        return "|".join(f"{k}={v}" for k, v in sorted(self.as_params().items()))


def streets():
    from eduenforce.accounts.models import Department

    return cache.cached(
        "streets", lambda: list(Department.objects.filter(kind="street").order_by("order", "name"))
    )


def parse_filters(params, *, kind: str = "") -> Filters:
    """Read kind/year/street/q from a query dict; anything malformed raises ``BadQuery``."""
    # PostgreSQL refuses NUL in text: a control character is a refused query, never a 500.
    for name, label in (("kind", "类别"), ("year", "年度"), ("street", "街道"), ("q", "检索词")):
        if has_control_characters(params.get(name, "")):
            raise BadQuery(f"“{label}”参数含有不可见的控制字符，请删除后重试")
    filters = Filters(kind=kind)
    raw_kind = params.get("kind", "").strip()
    if raw_kind and not kind:
        if raw_kind not in PublicationKind.values:
            raise BadQuery(f"“类别”参数无效：{raw_kind[:20]}。可选值：{'、'.join(PublicationKind.values)}")
        filters.kind = raw_kind
    raw_year = params.get("year", "").strip()
    if raw_year:
        if not raw_year.isdigit() or not YEAR_RANGE[0] <= int(raw_year) <= YEAR_RANGE[1]:
            raise BadQuery(
                f"“年度”参数无效：{raw_year[:20]}，应为 {YEAR_RANGE[0]}—{YEAR_RANGE[1]} 之间的四位年份"
            )
        filters.year = int(raw_year)
    raw_street = params.get("street", "").strip()
    if raw_street:
        filters.street = next((s for s in streets() if s.code == raw_street), None)
        if filters.street is None:
            raise BadQuery(f"“街道”参数无效：{raw_street[:20]}")
    filters.q = params.get("q", "").strip()
    if len(filters.q) > MAX_QUERY:
        raise BadQuery(f"检索词过长（最多 {MAX_QUERY} 个字）")
    return filters


def filtered(filters: Filters):
    """Published rows matching ``filters``, newest first."""
    qs = Publication.objects.published()
    if filters.kind:
        qs = qs.filter(kind=filters.kind)
    if filters.year:
        qs = qs.filter(year=filters.year)
    if filters.street is not None:
        qs = qs.filter(street=filters.street)
    for word in filters.q.split()[:5]:
        qs = qs.filter(Q(title__icontains=word) | Q(summary__icontains=word) | Q(body__icontains=word))
    return qs.select_related("street").order_by("-published_at", "-id")


# The columns a list needs (the body and the JSON fields are not read for a list).
LIST_COLUMNS = (
    "id",
    "public_id",
    "kind",
    "state",
    "title",
    "summary",
    "occurred_on",
    "published_at",
    "street__name",
    "street__code",
)


def listed(filters: Filters):
    """``filtered`` reading only the columns a list shows."""
    return filtered(filters).only(*LIST_COLUMNS)


def total(filters: Filters) -> int:
    """The number of matching rows, cached per filter set until the next publication change."""
    return cache.cached(f"count:{filters.cache_key()}", lambda: filtered(filters).count())


@dataclass
class Page:
    items: list
    total: int | None
    size: int
    next_cursor: str | None = None
    prev_cursor: str | None = None
    beyond_end: bool = False
    params: dict = field(default_factory=dict)

    @property
    def has_next(self) -> bool:
        return self.next_cursor is not None

    @property
    def has_previous(self) -> bool:
        return self.prev_cursor is not None


def _cursor_row(value: str, name: str):
    if not PUBLIC_ID.match(value):
        raise BadQuery(f"分页参数“{name}”格式无效，请从第一页开始浏览")
    row = (
        Publication.objects.filter(public_id=value, published_at__isnull=False)
        .values("published_at", "id")
        .first()
    )
    if row is None:
        raise BadQuery(f"分页参数“{name}”指向的信息不存在，请从第一页开始浏览")
    return row["published_at"], row["id"]


def keyset_page(qs, params, *, size: int = 20, count: int | None = None) -> Page:
    """One page of ``qs`` (ordered newest first) after/before the row named in ``params``."""
    after, before = params.get("after", "").strip(), params.get("before", "").strip()
    if after and before:
        raise BadQuery("分页参数“after”和“before”不能同时使用")
    if before:
        at, pk = _cursor_row(before, "before")
        # (a > x) or (a = x and id > y), written so the index range on published_at is used
        rows = list(
            qs.filter(Q(published_at__gte=at) & (Q(published_at__gt=at) | Q(id__gt=pk))).order_by(
                "published_at", "id"
            )[: size + 1]
        )
        more = len(rows) > size
        rows = rows[:size][::-1]
        page = Page(rows, count, size)
        page.prev_cursor = rows[0].public_id if more and rows else None
        page.next_cursor = rows[-1].public_id if rows else None
        return page
    if after:
        at, pk = _cursor_row(after, "after")
        qs = qs.filter(Q(published_at__lte=at) & (Q(published_at__lt=at) | Q(id__lt=pk)))
    rows = list(qs[: size + 1])
    page = Page(rows[:size], count, size)
    page.next_cursor = rows[size - 1].public_id if len(rows) > size else None
    page.prev_cursor = rows[0].public_id if after and rows else None
    page.beyond_end = bool(after) and not rows
    return page


@memoize
def _detail_prefix() -> str:
    return reverse("portal:detail", args=["0" * 16])[:-17]


@dataclass(frozen=True)
class Row:
    """What a list shows of one publication, computed in Python: a list page renders twenty of
    these, and the template engine's url/date filters would cost more than the query."""

    url: str
    title: str
    kind_label: str
    corrected: bool
    occurred_on: str
    published_on: str
    street: str
    summary: str


def rows(publications) -> list[Row]:
    prefix = _detail_prefix()
    return [
        Row(
            url=f"{prefix}{p.public_id}/",
            title=p.title,
            kind_label=p.get_kind_display(),
            corrected=p.state == "corrected",
            occurred_on=p.occurred_on.isoformat(),
            published_on=localdate(p.published_at).isoformat() if p.published_at else "",
            street=p.street.name if p.street_id else "",
            summary=p.summary if len(p.summary) <= 120 else p.summary[:119] + "…",
        )
        for p in publications
    ]
