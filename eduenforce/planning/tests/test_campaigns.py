"""Special campaigns: submitted, approved by another head, published, closed."""

import pytest

from eduenforce.core.errors import DomainError, TransitionNotAllowed
from eduenforce.planning.actions import (
    do_approve_campaign,
    do_close_campaign,
    do_publish_campaign,
    do_return_campaign,
    do_submit_campaign,
)
from eduenforce.planning.choices import CampaignStatus
from eduenforce.planning.tests.factories import CampaignFactory, ItemFactory, published_item
from eduenforce.portal.choices import PublicationKind
from eduenforce.portal.models import Publication
from eduenforce.records.models import JournalEntry

pytestmark = pytest.mark.django_db


@pytest.fixture
def campaign():
    c = CampaignFactory()
    c.items.add(published_item())
    return c


def test_a_campaign_runs_from_draft_to_closed_with_every_step_journaled(campaign, section_head, leader):
    do_submit_campaign(campaign, by=section_head)
    do_approve_campaign(campaign, by=leader)
    do_publish_campaign(campaign, by=section_head)
    do_close_campaign(campaign, by=section_head, summary="排查 150 家，发现隐患 25 处")
    assert campaign.status == CampaignStatus.CLOSED and campaign.approved_by == leader
    actions = list(
        JournalEntry.objects.filter(object_type="planning.campaign", object_id=str(campaign.pk)).values_list(
            "action", flat=True
        )
    )
    assert actions == [
        "planning.campaign_submitted",
        "planning.campaign_approved",
        "planning.campaign_published",
        "planning.campaign_closed",
    ]
    assert Publication.objects.filter(kind=PublicationKind.CAMPAIGN, source_id=str(campaign.pk)).exists()


def test_the_submitter_cannot_approve_their_own_campaign(campaign, section_head):
    do_submit_campaign(campaign, by=section_head)
    with pytest.raises(DomainError, match="不能审批自己提交"):
        do_approve_campaign(campaign, by=section_head)


def test_a_campaign_cannot_be_published_before_approval(campaign, section_head):
    with pytest.raises(TransitionNotAllowed, match="不能公布"):
        do_publish_campaign(campaign, by=section_head)


def test_returning_a_campaign_needs_a_reason_and_keeps_it(campaign, section_head, leader):
    do_submit_campaign(campaign, by=section_head)
    with pytest.raises(DomainError, match="理由"):
        do_return_campaign(campaign, by=leader, reason=" ")
    do_return_campaign(campaign, by=leader, reason="请补充广告管控事项")
    assert campaign.status == CampaignStatus.DRAFT and campaign.return_reason == "请补充广告管控事项"


def test_a_campaign_needs_published_items_to_be_submitted(section_head):
    campaign = CampaignFactory()
    with pytest.raises(DomainError, match="至少选择一个检查事项"):
        do_submit_campaign(campaign, by=section_head)
    campaign.items.add(ItemFactory())
    with pytest.raises(DomainError, match="尚未公布"):
        do_submit_campaign(campaign, by=section_head)
