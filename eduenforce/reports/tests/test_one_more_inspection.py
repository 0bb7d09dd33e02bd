"""Adding one campaign inspection with two hazards changes exactly the figures it should."""

from datetime import date, datetime, time

import pytest
import time_machine
from django.utils import timezone

from eduenforce.reports.stats.figures import annual_figures
from eduenforce.reports.stats.period import Period

pytestmark = pytest.mark.django_db


def _inspect_with_two_hazards(campaign, head, officer_user):
    """Through the services: create, approve, start, record two hazards, sign, submit."""
    from eduenforce.demo.inspect import signature_png
    from eduenforce.inspections import onsite
    from eduenforce.inspections.actions import do_submit_record
    from eduenforce.inspections.services import create_task
    from eduenforce.officers.models import Officer
    from eduenforce.planning.models import ChecklistPoint
    from eduenforce.reports.tests.factories import InstitutionFactory, ItemFactory

    item = ItemFactory()
    ChecklistPoint.objects.create(item=item, order=1, text="消防设施器材完好有效", hazard_category="fire")
    task = create_task(
        institution=InstitutionFactory(),
        item=item,
        source="campaign",
        campaign=campaign,
        planned_date=date(2025, 6, 10),
        officers=list(Officer.objects.certified_on(date(2025, 6, 10))[:2]),
        by=head,
        status="pending_approval",
    )
    task.approve(by=head)
    record = task.start(by=officer_user)
    point = item.points.get()
    onsite.save_draft(
        record,
        {
            "started_at": "2025-06-10T09:10",
            "ended_at": "2025-06-10T09:50",
            "place": "现场",
            "party_representative": "王某",
            f"result-{point.pk}": "fail",
            f"note-{point.pk}": "灭火器过期",
        },
        by=officer_user,
    )
    for description in ("灭火器过期", "安全出口堵塞"):
        onsite.add_hazard(record, category="fire", description=description, by=officer_user)
    for who in ("officer", "party"):
        onsite.set_signature(record, who=who, data_url=signature_png(), by=officer_user)
    with time_machine.travel(
        datetime.combine(date(2025, 6, 10), time(10), tzinfo=timezone.get_current_timezone()), tick=False
    ):
        do_submit_record(record, by=officer_user)


def test_one_campaign_inspection_with_two_hazards_moves_exactly_its_figures(
    small_district, section_head, officer
):
    period = Period.year(2025)
    with time_machine.travel(
        datetime.combine(date(2025, 6, 10), time(9), tzinfo=timezone.get_current_timezone()), tick=False
    ):
        before = annual_figures(period)
        _inspect_with_two_hazards(small_district, section_head, officer)
        after = annual_figures(period)
    changed = {key: after[key] - before[key] for key in before if after[key] != before[key]}
    assert changed == {
        "inspections_completed": 1,
        "inspected_institutions": 1,
        "inspection_person_times": 2,
        "campaign_inspections": 1,
        "campaign_person_times": 2,
        "campaign_institutions_screened": 1,
        "campaign_hazards_found": 2,
        "institutions_with_hazards": 1,
        "hazards_in_those_institutions": 2,
        "hazards_found": 2,
        "hazards_open": 2,
    }
