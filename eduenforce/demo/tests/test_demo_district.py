"""The demo district loaded on 7 December 2026 (built once, rolled back afterwards): its 2025
report states the reference figures, and 2026 up to that day looks like a live bureau."""

import json
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import call_command
from django.db import transaction

from eduenforce.demo.tests.checks import artefacts, no_artefacts

REFERENCE = {  # shared/reference/2025-dongli-education-enforcement-report.txt
    "certified_officers": 19,
    "joint_random_inspections": 6,
    "internal_random_inspections": 11,
    "administrative_inspections": 62,
    "campaign_person_times": 1200,
    "campaign_institutions_screened": 150,
    "campaign_hazards_found": 25,
    "campaign_institutions_closed": 1,
    "institutions_with_hazards": 8,
    "hazards_in_those_institutions": 20,
    "rectified_on_site_institutions": 56,
    "joint_random_person_times": 68,
    "joint_random_units": 6,
}
LOADED = datetime(2026, 12, 7, 10, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(scope="module")
def demo_district(django_db_setup, django_db_blocker):
    with time_machine.travel(LOADED, tick=False), django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


def figures_of(year: int, capsysbinary) -> dict:
    call_command("annual_report", year=year, fmt="json")
    return json.loads(capsysbinary.readouterr().out)["figures"]


@pytest.mark.django_db
def test_the_report_year_of_the_demo_district_states_every_figure_of_the_reference_report(
    demo_district, capsysbinary
):
    figures = figures_of(2025, capsysbinary)
    assert {key: figures[key] for key in REFERENCE} == REFERENCE
    # …and the district is alive beyond those figures: cases at every stage, complaints, meetings.
    assert figures["penalty_decisions"] >= 2 and figures["decisions_published"] >= 1
    assert figures["complaints_received"] > 10 and figures["joint_meetings_held"] == 12
    assert figures["plan_completion_percent"] == 100.0


@pytest.mark.django_db
def test_the_current_year_runs_up_to_the_day_the_demo_is_loaded(demo_district, capsysbinary):
    from eduenforce.planning.models import AnnualPlan
    from eduenforce.records.models import JournalEntry

    figures = figures_of(2026, capsysbinary)
    assert figures["administrative_inspections"] > 50 and figures["joint_meetings_held"] == 11
    assert AnnualPlan.objects.filter(year=2026).exists()
    assert JournalEntry.objects.order_by("-seq").first().at <= LOADED


@pytest.mark.django_db
def test_the_demo_district_has_cases_at_every_stage_and_a_consistent_journal(demo_district):
    from eduenforce.cases.choices import CaseStatus
    from eduenforce.cases.models import Case
    from eduenforce.records.verification import verify

    stages = set(Case.objects.filter(created_at__year=2026).values_list("status", flat=True))
    assert {"filing_review", "investigating", "notified", "under_review", "executing", "closed"} <= stages
    # The report year's cases have all come to their end (the on-the-spot warning is 执行完毕 at once).
    assert set(Case.objects.filter(created_at__year=2025).values_list("status", flat=True)) <= {
        CaseStatus.CLOSED,
        CaseStatus.ARCHIVED,
        CaseStatus.EXECUTED,
    }
    assert verify().ok


@pytest.mark.django_db
def test_the_demo_loaded_in_december_shows_nothing_expired_or_overdue_of_its_own_making(demo_district):
    from eduenforce.portal.models import Publication
    from eduenforce.reports.models import AnnualReport

    assert artefacts(LOADED.date()) == no_artefacts(LOADED.date())
    assert AnnualReport.objects.get(year=2025).status == "published"
    assert Publication.objects.filter(kind="report", year=2025).published().exists()


@pytest.mark.django_db
def test_the_working_day_calendar_covers_the_next_year(demo_district):
    from eduenforce.core.workdays import add_working_days, calendar_gaps

    assert calendar_gaps([2026, 2027]) == []
    # 元旦 2027 is a Friday: the working day after 31 December 2026 is Monday 4 January.
    assert add_working_days(date(2026, 12, 31), 1) == date(2027, 1, 4)


@pytest.mark.django_db
def test_loading_the_demo_again_changes_nothing(demo_district):
    from eduenforce.records.models import JournalEntry

    before = JournalEntry.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert JournalEntry.objects.count() == before


@pytest.mark.django_db
def test_the_demo_year_must_be_over_and_have_a_known_calendar():
    from django.core.management.base import CommandError

    with time_machine.travel(LOADED), pytest.raises(CommandError, match="已经结束"):
        call_command("load_demo", year=2026, stdout=open("/dev/null", "w"))  # noqa: SIM115
    with time_machine.travel(LOADED), pytest.raises(CommandError, match="节假日未知"):
        call_command("load_demo", year=1990, stdout=open("/dev/null", "w"))  # noqa: SIM115
