"""Public item lists, plans and campaigns: only what is published."""

import pytest

from eduenforce.planning.actions import (
    do_approve_campaign,
    do_publish_campaign,
    do_publish_plan,
    do_submit_campaign,
)
from eduenforce.planning.tests.factories import (
    AnnualPlanFactory,
    CampaignFactory,
    ItemFactory,
    PlanLineFactory,
    published_item,
)

pytestmark = pytest.mark.django_db


def test_the_public_item_list_shows_published_items_only(client):
    shown = published_item(name="幼儿园办园行为检查")
    hidden = ItemFactory(name="草稿中的事项")
    page = client.get("/portal/items/?list=random").content.decode()
    assert shown.name in page and hidden.name not in page
    detail = client.get(f"/portal/items/{shown.code}/v{shown.version}/")
    assert detail.status_code == 200 and shown.points.get().text in detail.content.decode()
    assert client.get(f"/portal/items/{hidden.code}/v1/").status_code == 404


def test_the_enterprise_list_includes_items_flagged_as_enterprise_checks(client):
    item = published_item(name="培训机构收费检查", list_kind="random", is_enterprise=True)
    assert item.name in client.get("/portal/items/?list=enterprise").content.decode()


def test_a_published_plan_shows_its_lines_and_progress(client, section_head):
    plan = AnnualPlanFactory()
    PlanLineFactory(plan=plan, count=4)
    assert client.get(f"/portal/items/plans/{plan.year}/").status_code == 404
    do_publish_plan(plan, by=section_head)
    page = client.get(f"/portal/items/plans/{plan.year}/").content.decode()
    assert plan.title in page and "计划安排与完成情况" in page
    assert plan.title in client.get("/portal/items/plans/").content.decode()


def test_campaigns_appear_once_published(client, section_head, leader):
    campaign = CampaignFactory()
    campaign.items.add(published_item())
    assert client.get(f"/portal/items/campaigns/{campaign.public_id}/").status_code == 404
    do_submit_campaign(campaign, by=section_head)
    do_approve_campaign(campaign, by=leader)
    do_publish_campaign(campaign, by=section_head)
    assert campaign.name in client.get("/portal/items/campaigns/").content.decode()
    assert client.get(f"/portal/items/campaigns/{campaign.public_id}/").status_code == 200
