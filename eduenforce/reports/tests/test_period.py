"""The statistics period: years, quarters, months, custom ranges and bad input."""

from datetime import date, datetime

import pytest
from django.http import QueryDict

from eduenforce.core.errors import DomainError
from eduenforce.reports.stats.period import Period, parse_period


def test_a_year_runs_from_the_first_of_january_to_the_last_of_december():
    period = Period.year(2025)
    assert (period.start, period.end, period.label) == (date(2025, 1, 1), date(2025, 12, 31), "2025年")


def test_a_quarter_and_a_month_know_their_last_day():
    assert Period.quarter(2024, 1).end == date(2024, 3, 31)
    assert Period.month(2024, 2).end == date(2024, 2, 29)
    assert Period.quarter(2025, 4).label == "2025年第4季度"


def test_the_datetime_range_is_half_open_in_local_time():
    lo, hi = Period.year(2025).aware_range()
    assert lo.utcoffset().total_seconds() == 8 * 3600
    assert (lo.replace(tzinfo=None), hi.replace(tzinfo=None)) == (datetime(2025, 1, 1), datetime(2026, 1, 1))


def test_the_months_of_a_quarter_are_its_chart_axis():
    assert [d.month for d in Period.quarter(2025, 2).months()] == [4, 5, 6]


@pytest.mark.parametrize(
    "query, expected",
    [
        ("year=2025", Period.year(2025)),
        ("year=2025&quarter=3", Period.quarter(2025, 3)),
        ("year=2025&month=11", Period.month(2025, 11)),
        ("start=2025-03-01&end=2025-03-15", Period.custom(date(2025, 3, 1), date(2025, 3, 15))),
    ],
)
def test_a_period_is_read_from_the_query_string(query, expected):
    assert parse_period(QueryDict(query)) == expected


@pytest.mark.parametrize(
    "query, field",
    [
        ("year=abc", "year"),
        ("year=1800", "year"),
        ("year=2025&quarter=5", "quarter"),
        ("year=2025&month=13", "month"),
        ("start=2025-13-01&end=2025-12-31", "start"),
        ("start=2025-12-31&end=2025-01-01", "end"),
    ],
)
def test_bad_period_input_is_refused_with_a_chinese_message_naming_the_field(query, field):
    with pytest.raises(DomainError) as refused:
        parse_period(QueryDict(query))
    assert refused.value.field == field
