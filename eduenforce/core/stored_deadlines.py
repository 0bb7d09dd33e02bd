"""Deadlines stored on records that count working days, and their recomputation.

An app that stores a deadline computed with ``core.deadlines.due_date`` registers it here (in its
``AppConfig.ready``): which rows still owe it, where it is counted from, who owns it. When the
working-day calendar of a year changes, ``recompute`` counts every such deadline again; each one
that moves is saved, journaled, and its owners get a notice.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import date

from django.db.models import Model, QuerySet

from eduenforce.core.choices import DayType
from eduenforce.core.deadlines import due_date
from eduenforce.core.journal import append


def _nothing(obj: Model) -> Iterable[str]:
    return ()


def _no_number(obj: Model) -> int | None:
    return None


def _no_link(obj: Model) -> str:
    return ""


@dataclass(frozen=True)
class StoredDeadline:
    label: str  # 陈述申辩期限
    field: str  # the model field that stores it
    rule: Callable[[Model], str | None]  # the DeadlineRule code for a row (None: not counted)
    start: Callable[[Model], date | None]  # the day it is counted from
    pending: Callable[[], QuerySet]  # rows whose deadline still binds
    owners: Callable[[Model], Iterable]  # users told when it moves
    number: Callable[[Model], int | None] = _no_number  # overrides the rule's count
    link: Callable[[Model], str] = _no_link
    after: Callable[[Model], Iterable[str]] = _nothing  # refresh derived fields, return their names
    name: str = field(default="")

    def key(self) -> str:
        return self.name or self.field


_REGISTRY: dict[str, StoredDeadline] = {}


def register(entry: StoredDeadline, *, app: str) -> None:
    _REGISTRY[f"{app}.{entry.key()}"] = entry


def registered() -> dict[str, StoredDeadline]:
    return dict(_REGISTRY)


@dataclass(frozen=True)
class Moved:
    key: str
    obj: Model
    before: date
    after: date


def _counts_working_days(code: str) -> bool:
    from eduenforce.core.models import DeadlineRule

    return DeadlineRule.objects.filter(code=code, day_type=DayType.WORKING).exists()


def recompute(years: Iterable[int], *, by, reason: str) -> list[Moved]:
    """Count again every pending working-day deadline that may run through ``years``.

    Call inside the transaction that changed the calendar. A deadline is looked at when its
    stored day is in or after the first year and it is counted from a day up to the last one.
    """
    from eduenforce.core.notices import notify

    years = sorted(set(years))
    first, last = date(years[0], 1, 1), date(years[-1], 12, 31)
    working = {}
    moved: list[Moved] = []
    for key, entry in sorted(_REGISTRY.items()):
        rows = entry.pending().filter(**{f"{entry.field}__gte": first}).select_for_update(of=("self",))
        for obj in rows.order_by("pk"):
            code = entry.rule(obj)
            if code is None:
                continue
            if code not in working:
                working[code] = _counts_working_days(code)
            start = entry.start(obj)
            if not working[code] or start is None or start > last:
                continue
            before = getattr(obj, entry.field)
            after = due_date(code, start, entry.number(obj))
            if after == before:
                continue
            setattr(obj, entry.field, after)
            obj.save(update_fields=[entry.field, *entry.after(obj)])
            append(
                actor=by,
                action="deadline.recomputed",
                obj=obj,
                changes={
                    "deadline": entry.label,
                    "field": entry.field,
                    "rule": code,
                    "from": start,
                    "before": before,
                    "after": after,
                    "reason": reason,
                },
            )
            notify(
                entry.owners(obj),
                f"{obj}：{entry.label}由 {before:%Y-%m-%d} 调整为 {after:%Y-%m-%d}（{reason}）",
                link=entry.link(obj),
            )
            moved.append(Moved(key, obj, before, after))
    return moved
