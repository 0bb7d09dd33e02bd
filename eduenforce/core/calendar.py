"""The working-day calendar's verbs: enter a year's holidays and make-up workdays at once, remove
a day. Each is one transaction: the days are written, one journal entry lists them, and every
stored deadline that counts working days through the years touched is counted again
(``core.stored_deadlines.recompute``: moved ones are journaled and their owners notified).
"""

from dataclasses import dataclass
from datetime import date

from django.db import transaction

from eduenforce.core.choices import DayKind
from eduenforce.core.errors import DomainError
from eduenforce.core.journal import append


@dataclass(frozen=True)
class Entered:
    written: list  # CalendarDay rows created or changed
    moved: list  # core.stored_deadlines.Moved


def _check(days: list[tuple[date, str, str]]) -> None:
    if not days:
        raise DomainError("请至少填写一个日期", field="days")
    seen: set[date] = set()
    for day, kind, _name in days:
        if kind not in DayKind.values:
            raise DomainError(f"{day}：类型应为“休息”或“上班”", field="days")
        if day in seen:
            raise DomainError(f"{day} 填写了两次", field="days")
        seen.add(day)


@transaction.atomic
def do_enter_days(days: list[tuple[date, str, str]], *, by, note: str = "") -> Entered:
    """Enter ``(date, kind, name)`` triples (a day already entered takes the new kind and name)."""
    from eduenforce.core.models import CalendarDay
    from eduenforce.core.stored_deadlines import recompute

    _check(days)
    dates = [day for day, _k, _n in days]
    existing = {d.date: d for d in CalendarDay.objects.select_for_update().filter(date__in=dates)}
    written, changes = [], []
    for day, kind, name in sorted(days):
        name = (name or "").strip()[:40]
        row = existing.get(day)
        before = {"kind": row.kind, "name": row.name} if row else None
        if row is None:
            row = CalendarDay.objects.create(date=day, kind=kind, name=name, created_by=by)
        elif (row.kind, row.name) != (kind, name):
            row.kind, row.name = kind, name
            row.save(update_fields=["kind", "name"])
        else:
            continue
        written.append(row)
        changes.append({"date": day, "kind": kind, "name": name, "before": before})
    if not written:
        return Entered([], [])
    years = sorted({row.date.year for row in written})
    append(
        actor=by,
        action="calendar.days_entered",
        changes={"years": years, "days": changes, "note": (note or "").strip()[:200]},
    )
    moved = recompute(years, by=by, reason=f"{'、'.join(map(str, years))}年工作日历调整")
    return Entered(written, moved)


@transaction.atomic
def do_remove_day(day, *, by) -> Entered:
    """Remove an entered day (the package, or the weekend rule, applies to it again)."""
    from eduenforce.core.models import CalendarDay
    from eduenforce.core.stored_deadlines import recompute

    row = CalendarDay.objects.select_for_update().filter(pk=day.pk).first()
    if row is None:
        raise DomainError("该日期调整已不存在", field="day")
    append(
        actor=by,
        action="calendar.day_removed",
        obj=row,
        changes={"date": row.date, "kind": row.kind, "name": row.name},
    )
    row.delete()
    moved = recompute([row.date.year], by=by, reason=f"{row.date.year}年工作日历调整")
    return Entered([], moved)
