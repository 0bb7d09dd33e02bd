"""Special campaigns (专项检查), e.g. 2025年寒假校外培训治理 or 校外培训广告管控.

A 专项检查 needs approval, filing and publication (津司发〔2025〕8号). States:
草稿 → 待审批 (submitted) → 已批准 → 已公布 → 已结束; a returned submission goes back to 草稿
with the reason kept. The approver must be someone other than the submitter.
"""

from django.db import models

from eduenforce.core.models import TimeStampedModel
from eduenforce.planning.choices import CampaignStatus


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
