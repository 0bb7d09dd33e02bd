"""Person-times and a campaign's figures are computed from the records, never typed."""

import pytest
from django.urls import reverse

from eduenforce.cases.tests.factories import served_decision
from eduenforce.inspections import actions, onsite, stats
from eduenforce.inspections.models import ChecklistResult
from eduenforce.inspections.tests.factories import (
    CampaignFactory,
    InstitutionFactory,
    certified_officer,
    department,
    fill_record,
    item_with_points,
    make_task,
    started_task,
)

pytestmark = pytest.mark.django_db

FIRE = {"category": "fire", "description": "灭火器过期"}
ON_SPOT = {
    "category": "premises",
    "description": "疏散指示灯不亮",
    "rectified_on_spot": True,
    "spot_measure": "当场更换",
}


def inspect(lead, head, campaign, item, institution, *, officers=2, partners=0, hazards=(), spot_point=False):
    team = [lead.officer] + [certified_officer() for _ in range(officers - 1)]
    task = started_task(
        lead_user=lead,
        head=head,
        campaign=campaign,
        item=item,
        institution=institution,
        officers=team,
        source="campaign",
        cap_reason="专项检查",
        partner_participants=[(department("xf"), f"消防员{i}", "") for i in range(partners)],
    )
    record = fill_record(task.draft_record(), by=lead, hazards=hazards)
    if spot_point:
        ChecklistResult.objects.filter(record=record).update(
            result="fail", note="收费未公示", rectified_on_spot=True
        )
    actions.do_submit_record(record, by=lead)
    task.refresh_from_db()
    return task


@pytest.fixture
def winter(lead, head):
    """A scaled-down 寒假校外培训治理: four institutions, five inspections, plus noise around it."""
    campaign = CampaignFactory(name="2025年寒假校外培训治理")
    item = item_with_points(annual_cap=None)
    a, b, c, d = (InstitutionFactory() for _ in range(4))
    ta = inspect(lead, head, campaign, item, a, partners=3, hazards=[FIRE, ON_SPOT])  # 5 person-times
    inspect(lead, head, campaign, item, a)  # 2, same unit
    inspect(lead, head, campaign, item, b, hazards=[ON_SPOT])  # 2
    inspect(lead, head, campaign, item, c, officers=3, spot_point=True)  # 3
    td = inspect(lead, head, campaign, item, d, partners=1, hazards=[FIRE, FIRE, FIRE])  # 3
    for task in (ta, td):
        actions.do_issue_order(
            task,
            [h for h in task.hazards.all() if h.needs_order],
            due_on=actions.default_due_on(),
            requirements="整改",
            legal_basis="《消防法》",
            by=lead,
        )
    # 关停 counts from the served decision of the case filed from the inspection's 移送立案, not the referral.
    actions.do_record_outcome(
        d,
        kind="closure",
        legal_basis="《民办教育促进法》第六十四条",
        by=head,
        task=td,
        reason="办学许可证过期仍招生",
    )
    served_decision(d, ["fine", "stop_running"], source_obj=td)
    served_decision(a, ["stop_running"], source_obj=ta, served=False)  # decided, not yet served: no closure
    # Noise: a started inspection, another campaign, and a correction draft with an extra hazard.
    started_task(lead_user=lead, head=head, campaign=campaign, item=item, cap_reason="x")
    inspect(lead, head, CampaignFactory(), item, InstitutionFactory(), hazards=[FIRE])
    correction = actions.do_start_correction(ta.current_record(), by=lead, reason="补充")
    onsite.add_hazard(correction, by=lead, **FIRE)
    return campaign


def test_a_campaign_shows_the_report_sentence_as_figures(winter):
    figures = stats.campaign_figures(winter)
    assert figures.as_dict() == {
        "inspections": 5,
        "joint_inspections": 2,
        "person_times": 15,
        "institutions_screened": 4,
        "hazards_found": 6,
        "institutions_with_hazards": 2,
        "hazards_among_them": 5,
        "rectified_on_site": 3,
        "rectification_orders": 2,
        "closed_institutions": 1,
    }


def test_the_campaign_page_shows_the_same_figures(winter, client_for, officer):
    page = client_for(officer).get(reverse("inspections:campaign-detail", args=[winter.pk])).content.decode()
    assert 'data-figure="person_times">15<' in page
    assert "出动 15 人次，排查机构 4 家，发现隐患 6 处" in page
    listing = client_for(officer).get(reverse("inspections:campaigns")).content.decode()
    assert winter.name in listing


def test_a_campaign_without_completed_inspections_shows_zeros(lead, head):
    campaign = CampaignFactory()
    started_task(lead_user=lead, head=head, campaign=campaign)
    assert stats.campaign_figures(campaign) == stats.Figures()


def test_person_times_follow_the_participants_of_each_inspection(lead, head):
    campaign = CampaignFactory()
    task = make_task(
        by=lead,
        campaign=campaign,
        officers=[lead.officer, certified_officer()],
        status="pending_approval",
        partner_participants=[(department("scjg"), "周市监", "")],
    )
    task.approve(by=head)
    task.start(by=lead)
    from eduenforce.inspections.services import add_partner_participant

    add_partner_participant(task, department=department("ga"), name="吴民警", by=lead)
    actions.do_submit_record(fill_record(task.draft_record(), by=lead), by=lead)
    assert stats.campaign_figures(campaign).person_times == 4


def test_the_year_figures_count_inspections_completed_in_that_year(winter):
    from django.utils import timezone

    this_year = stats.year_figures(timezone.localdate().year)
    assert this_year.inspections == 6 and stats.year_figures(2000) == stats.Figures()
