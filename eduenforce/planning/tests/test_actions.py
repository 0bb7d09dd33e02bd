"""Planning's state changes go through planning.actions: published items and plans are
frozen (the refusal names the rule), the guard runs on the locked row, and every page offers
a step exactly when the step's declaration accepts it."""

import pytest

from eduenforce.core.errors import TransitionNotAllowed
from eduenforce.core.transitions import declared, states_of
from eduenforce.planning import actions
from eduenforce.planning.models import AnnualPlan, Campaign, EnforcementItem, SamplingPlan
from eduenforce.planning.tests.factories import (
    AnnualPlanFactory,
    CampaignFactory,
    ItemFactory,
    PlanLineFactory,
    PointFactory,
    SamplingPlanFactory,
    StratumFactory,
    published_item,
)
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db


def test_a_published_item_refuses_an_edit_and_names_the_rule(section_head):
    item = published_item(by=section_head)
    with pytest.raises(TransitionNotAllowed, match="请生成新版本.*国办发〔2015〕58号"):
        actions.do_edit_item(item, by=section_head, values={"name": "改过的名称"})
    item.refresh_from_db()
    assert item.name != "改过的名称"


def test_a_published_item_refuses_a_new_checklist_point_and_the_removal_of_one(section_head):
    item = published_item(by=section_head)
    with pytest.raises(TransitionNotAllowed, match="不能修改事项"):
        actions.do_add_point(item, PointFactory.build(item=item), by=section_head)
    with pytest.raises(TransitionNotAllowed, match="国办发〔2015〕58号"):
        actions.do_remove_point(item, item.points.get(), by=section_head)
    assert item.points.count() == 1


def test_a_draft_item_is_edited_and_the_change_journaled(section_head):
    item = ItemFactory(name="旧名称")
    actions.do_edit_item(item, by=section_head, values={"name": "新名称"})
    assert item.name == "新名称"
    entry = JournalEntry.objects.filter(action="planning.item_edited").latest("id")
    assert entry.changes["before"]["name"] == "旧名称" and entry.changes["after"]["name"] == "新名称"


def test_a_published_annual_plan_refuses_a_new_line_and_names_the_rule(section_head):
    plan = AnnualPlanFactory()
    PlanLineFactory(plan=plan, item=published_item(by=section_head))
    actions.do_publish_plan(plan, by=section_head)
    with pytest.raises(TransitionNotAllowed, match="已公布的计划不能修改.*津政规〔2025〕1号"):
        actions.do_add_line(
            plan, PlanLineFactory.build(plan=plan, item=plan.lines.get().item), by=section_head
        )
    assert plan.lines.count() == 1


def test_a_published_sampling_plan_refuses_a_stratum(section_head):
    plan = SamplingPlanFactory(status="published")
    with pytest.raises(TransitionNotAllowed, match="承诺值已发布.*津政规〔2025〕1号"):
        actions.do_add_stratum(plan, StratumFactory.build(plan=plan), by=section_head)
    assert not plan.strata.exists()


def test_a_submitted_campaign_refuses_an_edit(section_head):
    campaign = CampaignFactory()
    campaign.items.add(published_item(by=section_head))
    actions.do_submit_campaign(campaign, by=section_head)
    with pytest.raises(TransitionNotAllowed, match="津司发〔2025〕8号"):
        actions.do_edit_campaign(campaign, by=section_head, values={"name": "改名"})


def test_an_edit_from_a_page_opened_before_publication_is_refused(section_head):
    """The guard runs on the locked row, not on the caller's stale copy."""
    item = ItemFactory()
    PointFactory(item=item)
    stale = EnforcementItem.objects.get(pk=item.pk)
    actions.do_publish_item(item, by=section_head)
    assert stale.is_editable  # what the other page still shows
    with pytest.raises(TransitionNotAllowed, match="已公布"):
        actions.do_edit_item(stale, by=section_head, values={"name": "抢先修改"})
    assert EnforcementItem.objects.get(pk=item.pk).name != "抢先修改"


def test_a_stale_campaign_is_not_approved_twice(section_head, leader):
    campaign = CampaignFactory()
    campaign.items.add(published_item(by=section_head))
    actions.do_submit_campaign(campaign, by=section_head)
    stale = Campaign.objects.get(pk=campaign.pk)
    actions.do_approve_campaign(campaign, by=leader)
    with pytest.raises(TransitionNotAllowed, match="不能审批"):
        actions.do_approve_campaign(stale, by=leader)
    assert JournalEntry.objects.filter(action="planning.campaign_approved").count() == 1


# --------------------------------------------------------------- offer == guard, every state

PAGES = {
    EnforcementItem: (lambda state: ItemFactory(status=state), "/planning/items/{}/"),
    AnnualPlan: (lambda state: AnnualPlanFactory(status=state), "/planning/plans/{}/"),
    Campaign: (lambda state: CampaignFactory(status=state), "/planning/campaigns/{}/"),
    SamplingPlan: (lambda state: SamplingPlanFactory(status=state), "/planning/sampling-plans/{}/"),
}
MODELS = {
    **{t.name: EnforcementItem for t in actions.ITEM_TRANSITIONS},
    **{t.name: AnnualPlan for t in actions.PLAN_TRANSITIONS},
    **{t.name: Campaign for t in actions.CAMPAIGN_TRANSITIONS},
    **{t.name: SamplingPlan for t in actions.SAMPLING_PLAN_TRANSITIONS},
}
CASES = [
    (t.name, state)
    for t in sorted(declared("planning"), key=lambda t: t.name)
    for state in states_of(t, MODELS[t.name])
]


def test_every_planning_transition_is_offered_on_a_page():
    assert set(MODELS) == {t.name for t in declared("planning")}


@pytest.mark.parametrize(("name", "state"), CASES)
def test_a_step_is_offered_exactly_when_its_guard_accepts(client_for, make_user, name, state):
    transition = next(t for t in declared("planning") if t.name == name)
    user = make_user("leader" if transition.capabilities == ("planning.approve",) else "section_head")
    make, url = PAGES[MODELS[name]]
    obj = make(state)
    page = client_for(user).get(url.format(obj.pk)).content.decode()
    assert (f'data-transition="{name}"' in page) == transition.allowed(obj, user)
    assert transition.allowed(obj, user) == (state in transition.sources)


@pytest.mark.parametrize("name", sorted(t.name for t in declared("planning")))
def test_no_step_is_offered_to_an_officer(client_for, officer, name):
    make, url = PAGES[MODELS[name]]
    transition = next(t for t in declared("planning") if t.name == name)
    obj = make(sorted(transition.sources)[0])
    assert f'data-transition="{name}"' not in client_for(officer).get(url.format(obj.pk)).content.decode()
