"""The institution list at a million rows: filters, search and keyset pages.

Pages are keyset pages over (name, id): "after row X" is a range condition the (name, id)
index answers directly, so page 20,000 costs what page 1 costs; OFFSET would read and drop
every row before it. Totals come from ``registry.counts`` (cached, capped when filtered).
"""

import re
from dataclasses import dataclass

from django.db.models import Q
from django.utils import timezone

from eduenforce.registry import counts
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
    """The queryset for cleaned filter-form data, and whether any filter narrows it."""
    qs = Institution.objects.all()
    if data.get("kind"):
        qs = qs.filter(kind=data["kind"])
    if data.get("street"):
        qs = qs.filter(street=data["street"])
    if data.get("risk_class"):
        qs = qs.filter(risk_class=data["risk_class"])
    if data.get("status"):
        qs = qs.filter(status=data["status"])
    if data.get("licence"):
        qs = qs.licence_state(data["licence"], timezone.localdate())
    qs = search(qs, data.get("q", ""))
    narrowed = any(data.get(k) for k in ("kind", "street", "risk_class", "status", "licence", "q"))
    return qs, narrowed


@dataclass
class Page:
    items: list
    next_after: int | None
    prev_before: int | None
    total: int
    total_capped: bool
    first_page: bool


def keyset_page(queryset, *, after: int | None = None, before: int | None = None, count_key: str = "",
                narrowed: bool = False, size: int | None = None) -> Page:
    """One page ordered by (name, id), after or before the row with the given id."""
    size = size or PAGE_SIZE
    qs = queryset.select_related("street").order_by("name", "id")
    anchor = None
    if after or before:
        anchor = Institution.objects.filter(pk=after or before).values_list("name", "id").first()
    if anchor and after:
        name, pk = anchor
        rows = list(qs.filter(name__gte=name).filter(Q(name__gt=name) | Q(id__gt=pk))[:size + 1])
        has_more, has_less = len(rows) > size, True
        rows = rows[:size]
    elif anchor and before:
        name, pk = anchor
        rows = list(qs.filter(name__lte=name).filter(Q(name__lt=name) | Q(id__lt=pk))
                    .order_by("-name", "-id")[:size + 1])
        has_less, has_more = len(rows) > size, True
        rows = list(reversed(rows[:size]))
    else:
        rows = list(qs[:size + 1])
        has_more, has_less = len(rows) > size, False
        rows = rows[:size]
    total, capped = counts.cached_count(queryset, count_key, capped=narrowed)
    return Page(items=rows, next_after=rows[-1].pk if rows and has_more else None,
                prev_before=rows[0].pk if rows and has_less else None, total=total, total_capped=capped,
                first_page=not has_less)
