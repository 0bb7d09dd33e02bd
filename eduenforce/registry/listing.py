"""The institution list at a million rows: filters, search and keyset pages.

Pages are keyset pages: "after row X" is a range condition an index answers directly, so page
20,000 costs what page 1 costs (OFFSET would read and drop every row before it). The list is in
(name, id) order, or (licence expiry, id) order when filtered by licence state, so that each
walks an index and stops after one page. The total is not part of the page: it is fetched by a
second request (``count_view``), capped and cached, so a page never waits for a COUNT(*).
"""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from eduenforce.registry.choices import LicenceState
from eduenforce.registry.models import Institution

PAGE_SIZE = 50
_CODE_LIKE = re.compile(r"[0-9A-Za-z]*\d[0-9A-Za-z]*")
_LETTERS = re.compile(r"[A-Za-z]+")


def search(queryset, q: str):
    """Name contains q; ASCII letters also match pinyin initials; a code-like term is a credit-code prefix."""
    q = (q or "").strip()
    if not q:
        return queryset
    if _CODE_LIKE.fullmatch(q):
        code = q.upper()
        # A prefix as a range: served by the unique index on every backend.
        return queryset.filter(credit_code__gte=code, credit_code__lt=code + "\uffff")
    if _LETTERS.fullmatch(q):
        return queryset.filter(Q(name_initials__contains=q.upper()) | Q(name__icontains=q))
    return queryset.filter(name__contains=q)


def filtered(data: dict):
    """The queryset for cleaned filter-form data, its sort key, and whether any filter narrows it."""
    qs = Institution.objects.all()
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("street"):
        qs = qs.filter(street=data["street"])
    if data.get("risk_class"):
        qs = qs.filter(risk_class=data["risk_class"])
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    order = "name"
    if data.get("licence"):
        qs = qs.licence_state(data["licence"], timezone.localdate())
        if data["licence"] != LicenceState.NONE:
            order = "licence_expires"  # walk the expiry index instead of sorting its range by name
    qs = search(qs, data.get("q", ""))
    narrowed = any(data.get(k) for k in ("kind", "street", "risk_class", "status", "licence", "q"))
    return qs, order, narrowed


@dataclass
class Page:
    items: list
    next_after: int | None
    prev_before: int | None
    first_page: bool


def keyset_page(
    queryset,
    *,
    order: str = "name",
    after: int | None = None,
    before: int | None = None,
    size: int | None = None,
) -> Page:
    """One page in (order, id) order, after or before the row with the given id."""
    size = size or PAGE_SIZE
    qs = queryset.select_related("street").order_by(order, "id")
    anchor = None
    if after or before:
        anchor = Institution.objects.filter(pk=after or before).values_list(order, "id").first()
    if anchor and anchor[0] is None:
        anchor = None  # the anchor row lost its sort value since the link was made: start over
    if anchor and after:
        value, pk = anchor
        rows = list(
            qs.filter(**{f"{order}__gte": value}).filter(Q(**{f"{order}__gt": value}) | Q(id__gt=pk))[
                : size + 1
            ]
        )
        has_more, has_less = len(rows) > size, True
        rows = rows[:size]
    elif anchor and before:
        value, pk = anchor
        rows = list(
            qs.filter(**{f"{order}__lte": value})
            .filter(Q(**{f"{order}__lt": value}) | Q(id__lt=pk))
            .order_by(f"-{order}", "-id")[: size + 1]
        )
        has_less, has_more = len(rows) > size, True
        rows = list(reversed(rows[:size]))
    else:
        rows = list(qs[: size + 1])
        has_more, has_less = len(rows) > size, False
        rows = rows[:size]
    return Page(
        items=rows,
        next_after=rows[-1].pk if rows and has_more else None,
        prev_before=rows[0].pk if rows and has_less else None,
        first_page=not has_less,
    )
