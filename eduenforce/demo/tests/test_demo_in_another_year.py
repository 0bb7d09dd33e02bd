"""The demo district loaded on a day of another year (15 June 2028) builds 2027 in full, with the
reference report's figures, and 2028 up to that day, on a calendar the package does not cover."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from eduenforce.demo.tests.checks import artefacts, no_artefacts
from eduenforce.demo.tests.test_demo_district import REFERENCE

LOADED = datetime(2028, 6, 15, 17, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="module")
def district_of_2028(django_db_setup, django_db_blocker):
    with time_machine.travel(LOADED, tick=False), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_last_full_year_states_the_reference_figures_whatever_the_year(district_of_2028, capsysbinary):
    call_command("annual_report", year=2027, fmt="json")
    figures = json.loads(capsysbinary.readouterr().out)["figures"]
    assert {key: figures[key] for key in REFERENCE} == REFERENCE


@pytest.mark.django_db
def test_a_demo_loaded_in_june_shows_nothing_expired_or_overdue_of_its_own_making(district_of_2028):
    from eduenforce.cases.choices import CaseStatus
    from eduenforce.cases.models import Case
    from eduenforce.reports.choices import ReportStatus
    from eduenforce.reports.models import AnnualReport

    assert artefacts(LOADED.date()) == no_artefacts(LOADED.date())
    assert AnnualReport.objects.get(year=2027).status == ReportStatus.PUBLISHED
    assert Case.objects.filter(created_at__year=2028, status=CaseStatus.UNDER_REVIEW).exists()


@pytest.mark.django_db
def test_the_statutory_holidays_of_the_years_built_and_the_next_are_entered(district_of_2028):
    from eduenforce.core.workdays import calendar_gaps, is_working_day

    assert calendar_gaps([2027, 2028, 2029]) == []
    assert not is_working_day(date(2029, 1, 1)) and not is_working_day(date(2028, 1, 25))  # 除夕
    assert is_working_day(date(2028, 6, 14))
