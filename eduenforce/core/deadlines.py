"""Deadlines computed from the ``DeadlineRule`` table, never from constants in code."""

import calendar
from datetime import date, timedelta

from eduenforce.core.choices import DayType
from eduenforce.core.errors import DomainError
from eduenforce.core.workdays import add_working_days


def rule(code: str):
    from eduenforce.core.models import DeadlineRule

    try:
        return DeadlineRule.objects.get(code=code)
    except DeadlineRule.DoesNotExist:
        raise DomainError(f"期限规则“{code}”未配置，请系统管理员在“法定期限规则”中补充") from None


def add_months(start: date, months: int) -> date:
    month0 = start.month - 1 + months
    year, month = start.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


def due_date(code: str, start: date, number: int | None = None) -> date:
    """The deadline that ``code`` sets from ``start`` (``number`` overrides the rule's count)."""
    r = rule(code)
    n = r.number if number is None else number
    if r.day_type == DayType.WORKING:
        return add_working_days(start, n)
    if r.day_type == DayType.CALENDAR:
        return start + timedelta(days=n)
    if r.day_type == DayType.MONTHS:
        return add_months(start, n)
    return add_months(start, 12 * n)
