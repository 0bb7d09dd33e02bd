"""Special campaigns (专项检查): 草稿 → 待审批 → 已批准 → 已公布 → 已结束; a returned
submission goes back to 草稿 with the reason kept. A 专项检查 needs approval, filing and
publication (津司发〔2025〕8号); the approver is someone other than the submitter."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from eduenforce.core.errors import DomainError
from eduenforce.core.transitions import Actor, Transition
from eduenforce.planning.actions._base import begin, creator, follow, journal, snapshot, write
from eduenforce.planning.choices import CampaignStatus as S
from eduenforce.planning.choices import PublicationStatus
from eduenforce.planning.models import Campaign
from eduenforce.planning.publishing import publish_campaign

FIELDS = ["name", "year", "starts_on", "ends_on", "goal", "basis", "organizer"]
LAW = "津司发〔2025〕8号：专项检查须经批准、备案、公布"


def _not_submitter(campaign: Campaign, user: Any) -> bool:
    return not campaign.submitted_by_id or campaign.submitted_by_id != getattr(user, "pk", None)


EDIT_CAMPAIGN = Transition(
    "planning.edit_campaign", "修改专项检查", "planning.manage", {S.DRAFT}, why=f"提交审批后不能修改（{LAW}）"
)
SUBMIT_CAMPAIGN = Transition("planning.submit_campaign", "提交审批", "planning.manage", {S.DRAFT})
APPROVE_CAMPAIGN = Transition(
    "planning.approve_campaign",
    "审批",
    "planning.approve",
    {S.PENDING},
    actor=Actor(_not_submitter, "不能审批自己提交的专项检查，请由其他负责人审批"),
)
RETURN_CAMPAIGN = Transition("planning.return_campaign", "退回", "planning.approve", {S.PENDING})
# The organising section publishes an approved campaign, or the head who approved it.
PUBLISH_CAMPAIGN = Transition(
    "planning.publish_campaign",
    "公布",
    "planning.approve",
    {S.APPROVED},
    why=f"须经批准后公布（{LAW}）",
)
CLOSE_CAMPAIGN = Transition("planning.close_campaign", "结束", "planning.manage", {S.PUBLISHED})
CAMPAIGN_TRANSITIONS = (
    EDIT_CAMPAIGN,
    SUBMIT_CAMPAIGN,
    APPROVE_CAMPAIGN,
    RETURN_CAMPAIGN,
    PUBLISH_CAMPAIGN,
    CLOSE_CAMPAIGN,
)


def _journal(by: Any, verb: str, campaign: Campaign, before: str, **changes: Any) -> None:
    journal(by, f"campaign_{verb}", campaign, status=[before, campaign.status], **changes)


def _journal_edit(by: Any, verb: str, campaign: Campaign, before: dict) -> None:
    items = [i.pk for i in campaign.items.all()]
    partners = [d.pk for d in campaign.partner_departments.all()]
    after = snapshot(campaign, FIELDS)
    journal(by, f"campaign_{verb}", campaign, before=before, after=after, items=items, partners=partners)


@transaction.atomic
def do_create_campaign(*, by: Any, values: Mapping[str, Any]) -> Campaign:
    creator(by)
    campaign = Campaign(created_by=by)
    write(campaign, values)
    _journal_edit(by, "created", campaign, {})
    return campaign


@transaction.atomic
def do_edit_campaign(campaign: Campaign, *, by: Any, values: Mapping[str, Any]) -> Campaign:
    locked = begin(campaign, EDIT_CAMPAIGN, by)
    before = snapshot(locked, FIELDS)
    write(locked, values)
    _journal_edit(by, "edited", locked, before)
    follow(campaign, locked)
    return locked


@transaction.atomic
def do_submit_campaign(campaign: Campaign, *, by: Any) -> Campaign:
    locked = begin(campaign, SUBMIT_CAMPAIGN, by)
    if locked.ends_on < locked.starts_on:
        raise DomainError("结束日期不能早于开始日期", field="ends_on")
    if not locked.items.exists():
        raise DomainError("请至少选择一个检查事项", field="items")
    unpublished = [str(i) for i in locked.items.all() if i.status != PublicationStatus.PUBLISHED]
    if unpublished:
        raise DomainError(f"以下检查事项尚未公布，不得用于专项检查：{'、'.join(unpublished)}", field="items")
    locked.status = S.PENDING
    locked.submitted_by, locked.submitted_at = by, timezone.now()
    locked.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
    _journal(by, "submitted", locked, S.DRAFT)
    follow(campaign, locked)
    return locked


@transaction.atomic
def do_approve_campaign(campaign: Campaign, *, by: Any) -> Campaign:
    locked = begin(campaign, APPROVE_CAMPAIGN, by)
    locked.status = S.APPROVED
    locked.approved_by, locked.approved_at = by, timezone.now()
    locked.return_reason = ""
    locked.save(update_fields=["status", "approved_by", "approved_at", "return_reason", "updated_at"])
    _journal(by, "approved", locked, S.PENDING)
    follow(campaign, locked)
    return locked


@transaction.atomic
def do_return_campaign(campaign: Campaign, *, by: Any, reason: str) -> Campaign:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("退回须说明理由", field="reason")
    locked = begin(campaign, RETURN_CAMPAIGN, by)
    locked.status = S.DRAFT
    locked.return_reason = reason
    locked.save(update_fields=["status", "return_reason", "updated_at"])
    _journal(by, "returned", locked, S.PENDING, reason=reason)
    follow(campaign, locked)
    return locked


@transaction.atomic
def do_publish_campaign(campaign: Campaign, *, by: Any) -> Campaign:
    locked = begin(campaign, PUBLISH_CAMPAIGN, by)
    locked.status = S.PUBLISHED
    locked.published_at = timezone.now()
    locked.save(update_fields=["status", "published_at", "updated_at"])
    _journal(by, "published", locked, S.APPROVED)
    publish_campaign(locked, by=by)
    follow(campaign, locked)
    return locked


@transaction.atomic
def do_close_campaign(campaign: Campaign, *, by: Any, summary: str = "") -> Campaign:
    locked = begin(campaign, CLOSE_CAMPAIGN, by)
    locked.status = S.CLOSED
    locked.closed_at = timezone.now()
    locked.summary = (summary or "").strip()
    locked.save(update_fields=["status", "closed_at", "summary", "updated_at"])
    _journal(by, "closed", locked, S.PUBLISHED)
    follow(campaign, locked)
    return locked
