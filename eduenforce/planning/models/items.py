"""Item lists (事项清单) with their checklists.

An item is versioned: publishing a new version supersedes the old one; inspections
refer to the exact version they were carried out under. Only a published item may be
inspected (涉企检查: 未经公布的不得实施).

States of an item version: 草稿 → 已公布 → 已被新版本替代 (when the next version is
published) or 已撤回 (the item was abolished). Only a draft can be edited.
"""

from django.db import models

from eduenforce.core.models import TimeStampedModel
from eduenforce.planning.choices import (
    HazardCategory,
    InspectionMethod,
    ItemList,
    PublicationStatus,
)
from eduenforce.registry.choices import InstitutionKind

ITEM_FIELDS = [
    "code",
    "version",
    "list_kind",
    "name",
    "legal_basis",
    "section",
    "object_kinds",
    "method",
    "is_random",
    "is_enterprise",
    "annual_cap",
    "status",
]


class EnforcementItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def random_checks(self):
        """Items a 双随机 sampling plan may use: published and on the random-check list."""
        return self.published().filter(is_random=True)


class EnforcementItem(TimeStampedModel):
    code = models.CharField("事项编码", max_length=40)
    version = models.PositiveSmallIntegerField("版本", default=1)
    list_kind = models.CharField("所属清单", max_length=20, choices=ItemList.choices)
    name = models.CharField("事项名称", max_length=150)
    legal_basis = models.TextField("法律依据")
    section = models.ForeignKey(
        "accounts.Department", models.PROTECT, related_name="items", verbose_name="责任科室"
    )
    object_kinds = models.JSONField("适用对象类型", default=list)  # InstitutionKind values
    method = models.CharField(
        "检查方式", max_length=12, choices=InspectionMethod.choices, default=InspectionMethod.ROUTINE
    )
    is_random = models.BooleanField("双随机", default=False)
    is_enterprise = models.BooleanField("涉企检查", default=False)
    annual_cap = models.PositiveSmallIntegerField("每对象年度检查上限", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    published_at = models.DateTimeField("公布时间", null=True, blank=True)
    change_note = models.CharField("版本说明", max_length=300, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="编制人"
    )
    published_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="公布人"
    )
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdraw_reason = models.CharField("撤回理由", max_length=300, blank=True)

    objects = EnforcementItemQuerySet.as_manager()

    class Meta:
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="planning_item_code_version")]
        verbose_name = verbose_name_plural = "执法事项"

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"

    @property
    def object_kind_labels(self) -> list[str]:
        labels = dict(InstitutionKind.choices)
        return [str(labels.get(k, k)) for k in self.object_kinds]

    @property
    def lists_label(self) -> str:
        """Every list the item appears on (an item may be a random and an enterprise check)."""
        names = [self.get_list_kind_display()]
        if self.is_random and self.list_kind != ItemList.RANDOM:
            names.append(ItemList.RANDOM.label)
        if self.is_enterprise and self.list_kind != ItemList.ENTERPRISE:
            names.append(ItemList.ENTERPRISE.label)
        return "、".join(str(n) for n in names)

    @property
    def is_editable(self) -> bool:
        return self.status == PublicationStatus.DRAFT


class ChecklistPoint(models.Model):
    item = models.ForeignKey(EnforcementItem, models.CASCADE, related_name="points", verbose_name="事项")
    order = models.PositiveSmallIntegerField("序号")
    text = models.CharField("检查内容", max_length=300)
    legal_basis = models.CharField("依据", max_length=300, blank=True)
    hazard_category = models.CharField(
        "隐患类别", max_length=20, choices=HazardCategory.choices, default=HazardCategory.OTHER
    )
    required = models.BooleanField("必查", default=True)

    class Meta:
        ordering = ["item", "order"]
        verbose_name = verbose_name_plural = "检查要点"

    def __str__(self) -> str:
        return f"{self.order}. {self.text}"
