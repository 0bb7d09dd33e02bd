"""The working-day calendar: statutory holidays and make-up workdays (调休).

The chinesecalendar package covers the years the State Council has announced; the
``CalendarDay`` table overrides it and covers later years. For a year neither covers,
weekends are assumed and ``calendar_gaps`` names the year so the dashboard can warn.
"""

from datetime import date, timedelta

import chinese_calendar

from eduenforce.core.choices import DayKind


def _package_years() -> range:
    years = [d.year for d in chinese_calendar.holidays]
    return range(min(years), max(years) + 1)


PACKAGE_YEARS = _package_years()


def _overrides(start: date, end: date) -> dict[date, str]:
    from eduenforce.core.models import CalendarDay

    return dict(CalendarDay.objects.filter(date__range=(start, end)).values_list("date", "kind"))


def _is_working(day: date, overrides: dict[date, str]) -> bool:
    kind = overrides.get(day)
    if kind is not None:
        return kind == DayKind.WORKDAY
    if day.year in PACKAGE_YEARS:
        return chinese_calendar.is_workday(day)
    return day.weekday() < 5


def is_working_day(day: date) -> bool:
    return _is_working(day, _overrides(day, day))


def add_working_days(start: date, n: int) -> date:
    """The date ``n`` working days after ``start`` (``start`` itself is not counted)."""
    if n < 0:
        raise ValueError("n must be >= 0")
    horizon = start + timedelta(days=n * 2 + 40)
    overrides = _overrides(start, horizon)
    day, left = start, n
    while left:
        day += timedelta(days=1)
        if day > horizon:
            horizon = day + timedelta(days=n + 40)
            overrides = _overrides(day, horizon)
        if _is_working(day, overrides):
            left -= 1
    return day


def working_days_between(start: date, end: date) -> int:
    """Working days after ``start`` up to and including ``end`` (0 when end <= start)."""
    if end <= start:
        return 0
    overrides = _overrides(start, end)
    return sum(_is_working(start + timedelta(days=i), overrides) for i in range(1, (end - start).days + 1))


def calendar_gaps(years) -> list[int]:
    """Years the package does not cover and for which no administrator entered any day."""
    from eduenforce.core.models import CalendarDay

    missing = [y for y in years if y not in PACKAGE_YEARS]
    if not missing:
        return []
    entered = {d.year for d in CalendarDay.objects.filter(date__year__in=missing).dates("date", "year")}
    return [y for y in missing if y not in entered]
