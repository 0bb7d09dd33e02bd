"""Special campaigns (专项检查), e.g. 2025年寒假校外培训治理 or 校外培训广告管控.

A 专项检查 needs approval, filing and publication (津司发〔2025〕8号). States:
草稿 → 待审批 (submitted) → 已批准 → 已公布 → 已结束; a returned submission goes back to 草稿
with the reason kept. The approver must be someone other than the submitter.
"""

from django.db import models, transaction
from django.utils import timezone

from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.models import TimeStampedModel
from eduenforce.planning.choices import CampaignStatus, PublicationStatus
from eduenforce.records.journal import append


def new_public_id() -> str:
    from eduenforce.portal.models import new_public_id as portal_public_id

    return portal_public_id()


class CampaignQuerySet(models.QuerySet):
    def published(self):
        """What the portal shows: published campaigns and finished ones (still on record)."""
        return self.filter(status__in=[CampaignStatus.PUBLISHED, CampaignStatus.CLOSED])

    def pending(self):
        return self.filter(status=CampaignStatus.PENDING)


class Campaign(TimeStampedModel):
    """A special campaign (专项检查). Needs approval, then is published."""

    public_id = models.CharField(
        "公开编号", max_length=16, unique=True, default=new_public_id, editable=False
    )
    name = models.CharField("名称", max_length=100)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    goal = models.TextField("工作目标", blank=True)
    basis = models.TextField("依据", blank=True, help_text="开展专项检查的法律依据或上级文件")
    organizer = models.ForeignKey(
        "accounts.Department",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="牵头科室",
    )
    partner_departments = models.ManyToManyField(
        "accounts.Department", blank=True, related_name="+", verbose_name="配合部门"
    )
    items = models.ManyToManyField(
        "planning.EnforcementItem", blank=True, related_name="campaigns", verbose_name="检查事项"
    )
    status = models.CharField(
        "状态", max_length=12, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT
    )
    created_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="编制人"
    )
    submitted_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="提交人"
    )
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    return_reason = models.CharField("退回理由", max_length=300, blank=True)
    approved_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="审批人"
    )
    approved_at = models.DateTimeField("审批时间", null=True, blank=True)
    published_at = models.DateTimeField("公布时间", null=True, blank=True)
    closed_at = models.DateTimeField("结束时间", null=True, blank=True)
    summary = models.TextField("工作总结", blank=True)

    objects = CampaignQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = verbose_name_plural = "专项检查"

    def __str__(self) -> str:
        return self.name

    @property
    def is_editable(self) -> bool:
        return self.status == CampaignStatus.DRAFT

    def _locked(self) -> "Campaign":
        return Campaign.objects.select_for_update().get(pk=self.pk)

    def _log(self, by, verb: str, before: str, **changes) -> None:
        append(
            actor=by,
            action=f"planning.campaign_{verb}",
            obj=self,
            changes={"status": [before, self.status], **changes},
        )

    @transaction.atomic
    def submit(self, *, by) -> None:
        campaign = self._locked()
        require_status(campaign, [CampaignStatus.DRAFT], "提交审批")
        if campaign.ends_on < campaign.starts_on:
            raise DomainError("结束日期不能早于开始日期", field="ends_on")
        if not campaign.items.exists():
            raise DomainError("请至少选择一个检查事项", field="items")
        unpublished = [str(i) for i in campaign.items.all() if i.status != PublicationStatus.PUBLISHED]
        if unpublished:
            raise DomainError(
                f"以下检查事项尚未公布，不得用于专项检查：{'、'.join(unpublished)}", field="items"
            )
        campaign.status = CampaignStatus.PENDING
        campaign.submitted_by, campaign.submitted_at = by, timezone.now()
        campaign.save(update_fields=["status", "submitted_by", "submitted_at", "updated_at"])
        campaign._log(by, "submitted", CampaignStatus.DRAFT)
        self.refresh_from_db()

    @transaction.atomic
    def approve(self, *, by) -> None:
        campaign = self._locked()
        require_status(campaign, [CampaignStatus.PENDING], "审批")
        if campaign.submitted_by_id and campaign.submitted_by_id == getattr(by, "pk", None):
            raise DomainError("不能审批自己提交的专项检查，请由其他负责人审批")
        campaign.status = CampaignStatus.APPROVED
        campaign.approved_by, campaign.approved_at = by, timezone.now()
        campaign.return_reason = ""
        campaign.save(update_fields=["status", "approved_by", "approved_at", "return_reason", "updated_at"])
        campaign._log(by, "approved", CampaignStatus.PENDING)
        self.refresh_from_db()

    @transaction.atomic
    def return_for_changes(self, *, by, reason: str) -> None:
        reason = (reason or "").strip()
        if not reason:
            raise DomainError("退回须说明理由", field="reason")
        campaign = self._locked()
        require_status(campaign, [CampaignStatus.PENDING], "退回")
        campaign.status = CampaignStatus.DRAFT
        campaign.return_reason = reason
        campaign.save(update_fields=["status", "return_reason", "updated_at"])
        campaign._log(by, "returned", CampaignStatus.PENDING, reason=reason)
        self.refresh_from_db()

    @transaction.atomic
    def publish(self, *, by) -> None:
        campaign = self._locked()
        require_status(campaign, [CampaignStatus.APPROVED], "公布")
        campaign.status = CampaignStatus.PUBLISHED
        campaign.published_at = timezone.now()
        campaign.save(update_fields=["status", "published_at", "updated_at"])
        campaign._log(by, "published", CampaignStatus.APPROVED)
        from eduenforce.planning.publishing import publish_campaign

        publish_campaign(campaign, by=by)
        self.refresh_from_db()

    @transaction.atomic
    def close(self, *, by, summary: str = "") -> None:
        campaign = self._locked()
        require_status(campaign, [CampaignStatus.PUBLISHED], "结束")
        campaign.status = CampaignStatus.CLOSED
        campaign.closed_at = timezone.now()
        campaign.summary = (summary or "").strip()
        campaign.save(update_fields=["status", "closed_at", "summary", "updated_at"])
        campaign._log(by, "closed", CampaignStatus.PUBLISHED)
        self.refresh_from_db()
