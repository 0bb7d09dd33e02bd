"""The period every statistic is computed over: a year, a quarter, a month or a custom range.

Dates are inclusive at both ends (``2025-01-01`` … ``2025-12-31``). Date-time columns are
compared against the local-time half-open range ``[start 00:00, day after end 00:00)`` so that
an inspection completed at 23:59 on 31 December counts in that year and one at 00:00 on
1 January does not.
"""

import calendar
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

from django.utils import timezone

from eduenforce.core.errors import DomainError

KINDS = ("year", "quarter", "month", "range")


@dataclass(frozen=True)
class Period:
    start: date
    end: date
    kind: str = "range"

    def __post_init__(self):
        if self.end < self.start:
            raise DomainError("统计期间的结束日期不能早于开始日期", field="end")

    @classmethod
    def year(cls, year: int) -> "Period":
        return cls(date(year, 1, 1), date(year, 12, 31), "year")

    @classmethod
    def quarter(cls, year: int, quarter: int) -> "Period":
        if quarter not in (1, 2, 3, 4):
            raise DomainError("季度须为 1 至 4", field="quarter")
        first = 3 * quarter - 2
        return cls(
            date(year, first, 1), date(year, first + 2, calendar.monthrange(year, first + 2)[1]), "quarter"
        )

    @classmethod
    def month(cls, year: int, month: int) -> "Period":
        if not 1 <= month <= 12:
            raise DomainError("月份须为 1 至 12", field="month")
        return cls(date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1]), "month")

    @classmethod
    def custom(cls, start: date, end: date) -> "Period":
        return cls(start, end, "range")

    @property
    def label(self) -> str:
        if self.kind == "year":
            return f"{self.start.year}年"
        if self.kind == "quarter":
            return f"{self.start.year}年第{(self.start.month + 2) // 3}季度"
        if self.kind == "month":
            return f"{self.start.year}年{self.start.month}月"
        return f"{self.start:%Y-%m-%d} 至 {self.end:%Y-%m-%d}"

    @property
    def year_number(self) -> int:
        return self.start.year

    def aware_range(self) -> tuple[datetime, datetime]:
        """``[start, end)`` as aware datetimes in the project's time zone, for DateTimeFields."""
        tz = timezone.get_current_timezone()
        return (
            datetime.combine(self.start, time.min, tzinfo=tz),
            datetime.combine(self.end + timedelta(days=1), time.min, tzinfo=tz),
        )

    def dt_lookup(self, field: str) -> dict:
        """Filter kwargs for a DateTimeField inside the period."""
        lo, hi = self.aware_range()
        return {f"{field}__gte": lo, f"{field}__lt": hi}

    def date_lookup(self, field: str) -> dict:
        """Filter kwargs for a DateField inside the period."""
        return {f"{field}__gte": self.start, f"{field}__lte": self.end}

    def months(self) -> list[date]:
        """First day of every month the period touches (chart axes)."""
        out, day = [], self.start.replace(day=1)
        while day <= self.end:
            out.append(day)
            day = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
        return out

    def as_query(self) -> dict:
        """The GET parameters that reproduce this period (links from charts to records)."""
        return {"start": self.start.isoformat(), "end": self.end.isoformat()}


def parse_period(params, *, default_year: int | None = None) -> Period:
    """Read a period from GET parameters: ``year`` [+ ``quarter`` | ``month``] or ``start``/``end``.

    Bad input raises DomainError with a Chinese message naming the field; the caller shows
    it on the period selector.
    """
    start, end = params.get("start"), params.get("end")
    if start or end:
        try:
            return Period.custom(date.fromisoformat(start or ""), date.fromisoformat(end or ""))
        except ValueError:
            raise DomainError("自定义期间的日期格式应为 YYYY-MM-DD", field="start") from None
    year = _int(params.get("year"), "year", "年度") or default_year or timezone.localdate().year
    if not 2000 <= year <= 2100:
        raise DomainError("年度须在 2000 至 2100 之间", field="year")
    quarter = _int(params.get("quarter"), "quarter", "季度")
    month = _int(params.get("month"), "month", "月份")
    if quarter:
        return Period.quarter(year, quarter)
    if month:
        return Period.month(year, month)
    return Period.year(year)


def _int(raw, field: str, label: str) -> int | None:
    if raw in (None, ""):
        return None
    try:
        return int(raw)
    except (TypeError, ValueError):
        raise DomainError(f"{label}应为整数", field=field) from None
