from datetime import date

import pytest

from eduenforce.core.choices import DayKind
from eduenforce.core.deadlines import due_date
from eduenforce.core.models import CalendarDay
from eduenforce.core.workdays import add_working_days, calendar_gaps, is_working_day, working_days_between

pytestmark = pytest.mark.django_db


def test_national_day_is_not_a_working_day():
    assert not is_working_day(date(2025, 10, 1))


def test_the_sunday_make_up_workday_before_national_day_is_a_working_day():
    assert is_working_day(date(2025, 9, 28))


def test_adding_working_days_skips_the_whole_national_day_holiday():
    # 9-30 is a Tuesday; 10-1 … 10-8 are off; 10-9 (Thu), 10-10 (Fri), 10-11 (Sat, make-up day).
    assert add_working_days(date(2025, 9, 30), 1) == date(2025, 10, 9)
    assert add_working_days(date(2025, 9, 30), 3) == date(2025, 10, 11)


def test_working_days_between_counts_the_end_but_not_the_start():
    assert working_days_between(date(2025, 9, 26), date(2025, 9, 30)) == 3  # Sun 28 (make-up), Mon, Tue
    assert working_days_between(date(2025, 9, 30), date(2025, 9, 30)) == 0


def test_a_year_missing_from_the_package_works_from_the_override_table():
    # 2031-01-01 is a Wednesday: a holiday only because the administrator says so.
    assert 2031 in calendar_gaps([2031])
    CalendarDay.objects.create(date=date(2031, 1, 1), kind=DayKind.HOLIDAY, name="元旦")
    CalendarDay.objects.create(date=date(2031, 1, 4), kind=DayKind.WORKDAY, name="元旦调休")
    assert not is_working_day(date(2031, 1, 1))
    assert is_working_day(date(2031, 1, 4))  # a Saturday
    assert add_working_days(date(2030, 12, 31), 1) == date(2031, 1, 2)
    assert calendar_gaps([2031]) == []


def test_a_year_nobody_covers_falls_back_to_weekends_without_crashing():
    assert add_working_days(date(2040, 3, 2), 5) == date(2040, 3, 9)


def test_the_override_wins_over_the_package():
    CalendarDay.objects.create(date=date(2025, 10, 1), kind=DayKind.WORKDAY, name="测试")
    assert is_working_day(date(2025, 10, 1))


def test_deadlines_come_from_the_rules_table_with_their_day_type():
    assert due_date("decision_service", date(2025, 9, 30)) == date(
        2025, 10, 16
    )  # 10-9,10,11(调休),13,14,15,16
    assert due_date("fine_payment", date(2025, 9, 30)) == date(2025, 10, 15)  # 15 calendar days
    assert due_date("litigation", date(2025, 8, 31)) == date(2026, 2, 28)  # 6 months, clamped
