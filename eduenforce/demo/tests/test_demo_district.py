"""The demo district: built once (rolled back afterwards), its 2025 report states the reference figures."""

import json

import pytest
from django.core.management import call_command
from django.db import transaction

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


@pytest.fixture(scope="module")
def demo_district(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
        yield
        transaction.set_rollback(True)


@pytest.mark.django_db
def test_the_2025_report_of_the_demo_district_states_every_figure_of_the_reference_report(
    demo_district, capsysbinary
):
    call_command("annual_report", year=2025, fmt="json")
    figures = json.loads(capsysbinary.readouterr().out)["figures"]
    assert {key: figures[key] for key in REFERENCE} == REFERENCE
    # …and the district is alive beyond those figures: cases at every stage, complaints, meetings.
    assert figures["penalty_decisions"] >= 2 and figures["decisions_published"] >= 1
    assert figures["complaints_received"] > 10 and figures["joint_meetings_held"] == 12
    assert figures["plan_completion_percent"] == 100.0


@pytest.mark.django_db
def test_the_demo_district_has_cases_at_every_stage_and_a_consistent_journal(demo_district):
    from eduenforce.cases.models import Case
    from eduenforce.records.verification import verify

    stages = set(Case.objects.values_list("status", flat=True))
    assert {"filing_review", "investigating", "notified", "under_review", "executing", "closed"} <= stages
    assert verify().ok


@pytest.mark.django_db
def test_loading_the_demo_again_changes_nothing(demo_district):
    from eduenforce.records.models import JournalEntry

    before = JournalEntry.objects.count()
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115
    assert JournalEntry.objects.count() == before
