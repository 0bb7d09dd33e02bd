"""Item lists (事项清单) with their checklists, and special campaigns (专项检查).

An item is versioned: publishing a new version supersedes the old one; inspections
refer to the exact version they were carried out under. Only a published item may be
inspected (涉企检查: 未经公布的不得实施).
"""

from django.db import models

from eduenforce.core.models import TimeStampedModel
from eduenforce.planning.choices import (
    CampaignStatus,
    HazardCategory,
    InspectionMethod,
    ItemList,
    PublicationStatus,
)


class EnforcementItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)


class EnforcementItem(TimeStampedModel):
    code = models.CharField("事项编码", max_length=40)
    version = models.PositiveSmallIntegerField("版本", default=1)
    list_kind = models.CharField("所属清单", max_length=20, choices=ItemList.choices)
    name = models.CharField("事项名称", max_length=150)
    legal_basis = models.TextField("法律依据")
    section = models.ForeignKey("accounts.Department", models.PROTECT, related_name="items",
                                verbose_name="责任科室")
    object_kinds = models.JSONField("适用对象类型", default=list)  # InstitutionKind values
    method = models.CharField("检查方式", max_length=12, choices=InspectionMethod.choices,
                              default=InspectionMethod.ROUTINE)
    is_random = models.BooleanField("双随机", default=False)
    is_enterprise = models.BooleanField("涉企检查", default=False)
    annual_cap = models.PositiveSmallIntegerField("每对象年度检查上限", null=True, blank=True)
    status = models.CharField("状态", max_length=12, choices=PublicationStatus.choices,
                              default=PublicationStatus.DRAFT)
    published_at = models.DateTimeField("公布时间", null=True, blank=True)

    objects = EnforcementItemQuerySet.as_manager()

    class Meta:
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="planning_item_code_version")]
        verbose_name = verbose_name_plural = "执法事项"

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"


class ChecklistPoint(models.Model):
    item = models.ForeignKey(EnforcementItem, models.CASCADE, related_name="points", verbose_name="事项")
    order = models.PositiveSmallIntegerField("序号")
    text = models.CharField("检查内容", max_length=300)
    legal_basis = models.CharField("依据", max_length=300, blank=True)
    hazard_category = models.CharField("隐患类别", max_length=20, choices=HazardCategory.choices,
                                       default=HazardCategory.OTHER)
    required = models.BooleanField("必查", default=True)

    class Meta:
        ordering = ["item", "order"]
        verbose_name = verbose_name_plural = "检查要点"

    def __str__(self) -> str:
        return f"{self.order}. {self.text}"


class Campaign(TimeStampedModel):
    """A special campaign (专项检查), e.g. 2025年寒假校外培训治理. Needs approval, then is published."""

    name = models.CharField("名称", max_length=100)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    goal = models.TextField("工作目标", blank=True)
    items = models.ManyToManyField(EnforcementItem, blank=True, related_name="campaigns", verbose_name="检查事项")
    status = models.CharField("状态", max_length=12, choices=CampaignStatus.choices, default=CampaignStatus.DRAFT)
    approved_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                    verbose_name="审批人")
    approved_at = models.DateTimeField("审批时间", null=True, blank=True)
    published_at = models.DateTimeField("公布时间", null=True, blank=True)

    class Meta:
        ordering = ["-starts_on"]
        verbose_name = verbose_name_plural = "专项检查"

    def __str__(self) -> str:
        return self.name
