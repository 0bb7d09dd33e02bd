"""The annual plan: published with frozen counts; progress is planned against completed."""

from datetime import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest

from eduenforce.core.errors import DomainError
from eduenforce.planning.actions import do_new_version, do_publish_item, do_publish_plan
from eduenforce.planning.choices import PlanStatus
from eduenforce.planning.progress import plan_progress, year_progress
from eduenforce.planning.tests.factories import (
    AnnualPlanFactory,
    ItemFactory,
    PlanLineFactory,
    published_item,
)
from eduenforce.portal.choices import PublicationKind
from eduenforce.portal.models import Publication
from eduenforce.sampling.tests.factories import InstitutionFactory, certified_officer

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def completed_task(institution, item, when: datetime, by):
    from eduenforce.inspections.models import InspectionTask
    from eduenforce.inspections.services import create_task

    task = create_task(
        institution=institution,
        item=item,
        source="patrol",
        planned_date=when.date(),
        officers=[certified_officer(), certified_officer()],
        by=by,
    )
    InspectionTask.objects.filter(pk=task.pk).update(status="completed", completed_at=when)
    return task


def test_publishing_turns_ratios_into_counts_and_publishes_the_plan(section_head):
    for _ in range(7):
        InstitutionFactory(kind="kindergarten")
    InstitutionFactory(kind="kindergarten", status="deregistered")
    plan = AnnualPlanFactory()
    line = PlanLineFactory(plan=plan, count=None, ratio=Decimal("0.3"))
    do_publish_plan(plan, by=section_head)
    line.refresh_from_db()
    assert plan.status == PlanStatus.PUBLISHED and line.planned_count == 3  # ceil(7 × 0.3)
    assert (
        Publication.objects.get(kind=PublicationKind.ANNUAL_PLAN, source_id=str(plan.pk)).fields["lines"][0][
            "planned_count"
        ]
        == 3
    )


def test_an_empty_plan_or_one_with_unpublished_items_is_refused(section_head):
    plan = AnnualPlanFactory()
    with pytest.raises(DomainError, match="没有任何检查安排"):
        do_publish_plan(plan, by=section_head)
    PlanLineFactory(plan=plan, item=ItemFactory())
    with pytest.raises(DomainError, match="尚未公布"):
        do_publish_plan(plan, by=section_head)


def test_progress_counts_completed_tasks_by_item_kind_and_quarter(section_head):
    from eduenforce.planning.tests.factories import PointFactory

    item = published_item()
    plan = AnnualPlanFactory()
    q2 = PlanLineFactory(plan=plan, item=item, quarter=2, count=2)
    year = PlanLineFactory(plan=plan, item=item, object_kind="training_non_academic", count=1)
    do_publish_plan(plan, by=section_head)
    newer = do_new_version(item, by=section_head)  # inspections under a later version still count
    PointFactory(item=newer)
    do_publish_item(newer, by=section_head)
    kindergarten = InstitutionFactory(kind="kindergarten")
    training = InstitutionFactory(kind="training_non_academic")
    completed_task(kindergarten, newer, datetime(2025, 5, 6, 10, tzinfo=TZ), section_head)  # Q2
    completed_task(kindergarten, newer, datetime(2025, 7, 1, 0, 30, tzinfo=TZ), section_head)  # Q3 in Beijing
    completed_task(training, newer, datetime(2025, 11, 3, tzinfo=TZ), section_head)
    completed_task(training, newer, datetime(2024, 11, 3, tzinfo=TZ), section_head)  # another year
    rows = {row.line.pk: row for row in plan_progress(plan).rows}
    assert (rows[q2.pk].planned, rows[q2.pk].done, rows[q2.pk].percent) == (2, 1, 50)
    assert (rows[year.pk].done, rows[year.pk].complete) == (1, True)
    progress = year_progress(2025)
    assert (progress.planned, progress.done, progress.percent, progress.complete) == (3, 2, 67, False)


def test_a_year_without_a_published_plan_has_no_progress():
    AnnualPlanFactory(year=2026)
    assert year_progress(2026) is None
