"""Inspection, campaign, hazard and rectification figures against a hand-counted fixture."""

from datetime import date

import pytest
import time_machine

from eduenforce.reports.stats import inspections as stats
from eduenforce.reports.stats.period import Period
from eduenforce.reports.tests.factories import (
    CampaignFactory,
    HazardFactory,
    InstitutionFactory,
    OrderFactory,
    RecordFactory,
    TaskFactory,
    at,
    partner,
    team,
)

pytestmark = pytest.mark.django_db
Y2025 = Period.year(2025)


@pytest.fixture
def random_checks():
    """Two joint random checks (one unit twice), one internal, and three outside the count."""
    unit = InstitutionFactory()
    joint1 = team(TaskFactory(institution=unit, is_joint=True), officers=2, partners=3)  # 5 person-times
    joint2 = team(TaskFactory(institution=unit, is_joint=True), officers=2, partners=1)  # 3
    joint2.partner_departments.add(partner("xf"), partner("scjg"))
    joint1.partner_departments.add(partner("xf"))
    team(TaskFactory(), officers=3)  # internal, 3
    # Just outside: finished on 1 January 2026 at 00:30 local time, still open, and cancelled.
    late = TaskFactory(is_joint=True, planned_date=date(2025, 12, 31))
    late.completed_at = at(date(2026, 1, 1), hour=0).replace(minute=30)
    late.save()
    TaskFactory(is_joint=True, status="in_progress", completed_at=None)
    TaskFactory(status="cancelled", completed_at=None)
    # A complaint-driven inspection and a patrol count as administrative inspections too.
    TaskFactory(source="complaint")
    TaskFactory(source="patrol", planned_date=date(2025, 12, 31), completed_at=at(date(2025, 12, 31), 23))


def test_random_checks_are_split_into_joint_and_internal_with_their_person_times_and_units(random_checks):
    f = stats.inspection_figures(Y2025)
    assert f["joint_random_inspections"] == 2
    assert f["internal_random_inspections"] == 1
    assert f["joint_random_person_times"] == 8
    assert f["joint_random_units"] == 1
    assert f["internal_random_person_times"] == 3
    assert f["administrative_inspections"] == 5
    assert f["inspections_completed"] == 5


def test_an_inspection_finished_just_after_new_year_counts_in_the_next_year(random_checks):
    assert stats.inspection_figures(Period.year(2026))["joint_random_inspections"] == 1


def test_the_partners_of_joint_checks_are_named_most_frequent_first(random_checks):
    assert stats.joint_partner_names(Y2025) == ["消防", "市场监管"]


@pytest.fixture
def campaign():
    """A winter campaign: 4 institutions screened, 5 hazards, 2 institutions with problems left,
    3 institutions that corrected something on the spot, 1 closure. Plus noise outside it."""
    from eduenforce.inspections.models import ChecklistResult
    from eduenforce.planning.models import ChecklistPoint

    winter = CampaignFactory(name="2025年寒假校外培训治理")
    a, b, c, d = (InstitutionFactory() for _ in range(4))
    ta = team(TaskFactory(institution=a, campaign=winter, source="campaign"), officers=2, partners=6)  # 8
    tb = team(TaskFactory(institution=b, campaign=winter, source="campaign"), officers=2, partners=6)  # 8
    tc = team(TaskFactory(institution=c, campaign=winter, source="campaign"), officers=2, partners=2)  # 4
    td = team(TaskFactory(institution=d, campaign=winter, source="campaign"), officers=2)  # 2
    # a: two hazards, one fixed on the spot, one ordered → a has problems (2 hazards)
    HazardFactory(task=ta, rectified_on_spot=True)
    HazardFactory(task=ta, rectified_on_spot=False, category="premises")
    # b: three hazards, none fixed on the spot → b has problems (3 hazards)
    for _ in range(3):
        HazardFactory(task=tb, rectified_on_spot=False)
    OrderFactory(task=tb)
    # c: a failed checklist point corrected on the spot, in the submitted record
    record = RecordFactory(task=tc)
    point = ChecklistPoint.objects.create(item=tc.item, order=1, text="公示收费标准")
    ChecklistResult.objects.create(record=record, point=point, result="fail", rectified_on_spot=True)
    # d: closed for an expired licence — by the served decision of the case its inspection referred
    from eduenforce.cases.tests.factories import served_decision

    served_decision(d, ["fine", "stop_running"], source_obj=td)
    # a re-inspection of b inside the campaign: person-times count, screening does not
    team(TaskFactory(institution=b, campaign=winter, source="reinspection"), officers=2)  # 2
    # Outside: a 2024 campaign inspection with a hazard, and a non-campaign hazard in 2025
    old = team(TaskFactory(campaign=winter, source="campaign", planned_date=date(2024, 12, 20)), officers=2)
    HazardFactory(task=old)
    HazardFactory(task=TaskFactory(source="patrol"), rectified_on_spot=True)
    return winter


def test_campaign_figures_count_screened_institutions_hazards_problems_and_closures(campaign):
    f = stats.campaign_figures(Y2025)
    assert f["campaign_inspections"] == 5  # the four screenings and the re-inspection of b
    assert f["campaign_person_times"] == 24
    assert f["campaign_institutions_screened"] == 4
    assert f["campaign_hazards_found"] == 5
    assert f["institutions_with_hazards"] == 2
    assert f["hazards_in_those_institutions"] == 5
    assert f["rectified_on_site_institutions"] == 2
    assert f["campaign_rectification_orders"] == 1
    assert f["campaign_institutions_closed"] == 1
    assert stats.campaign_names(Y2025) == ["2025年寒假校外培训治理"]


def test_hazards_of_all_inspections_are_counted_by_category(campaign):
    f = stats.hazard_figures(Y2025)
    assert (f["hazards_found"], f["hazards_rectified_on_site"]) == (6, 2)
    by_category = {r["code"]: r["count"] for r in stats.hazards_by_category(Y2025)}
    assert by_category == {"fire": 5, "premises": 1}


@time_machine.travel(date(2025, 7, 1), tick=False)
def test_rectification_orders_are_counted_by_how_they_ended():
    task = TaskFactory()
    OrderFactory(task=task, due_on=date(2025, 6, 15), status="rectified", concluded_at=at(date(2025, 6, 16)))
    OrderFactory(task=task, due_on=date(2025, 6, 15), status="escalated", concluded_at=at(date(2025, 6, 16)))
    OrderFactory(task=task, due_on=date(2025, 6, 30), status="issued")  # past its deadline, unconcluded
    OrderFactory(task=task, due_on=date(2025, 7, 10), status="issued")  # still running
    OrderFactory(task=task, issued_on=date(2024, 12, 1), due_on=date(2024, 12, 15))  # issued in 2024
    f = stats.rectification_figures(Y2025)
    assert (
        f["rectification_orders"],
        f["rectification_orders_rectified"],
        f["rectification_orders_escalated"],
        f["rectification_orders_overdue"],
        f["rectification_orders_open"],
    ) == (4, 1, 1, 1, 2)
    assert stats.late_or_overdue_orders(Y2025).count() == 2


def test_inspections_are_counted_by_month_and_street(random_checks):
    months = {m["month"]: m["count"] for m in stats.inspections_by_month(Y2025)}
    assert len(months) == 12 and months[6] == 4 and months[12] == 1
    assert sum(r["count"] for r in stats.inspections_by_street(Y2025)) == 5
