"""The discretion catalogue (裁量基准): versioned, editable while a draft, published to the portal.

A ``CatalogueVersion`` holds ``Violation`` rows (违法行为 with legal basis and statutory
limits), each with ``TierRule`` rows (裁量阶次: conditions and range per 情节). Only a
draft may be edited; publishing a draft makes it the current version and supersedes the
previous one. Cases point at the row of the version that was applied, and also keep the
stable ``violation_code`` so statistics group across versions.

States of a version: 草稿 → 现行有效 → 已废止.
"""

from decimal import Decimal

from django.db import models

from eduenforce.cases.choices import TIER_ORDER, CatalogueStatus, FineBasis, PenaltyKind, Severity, Tier
from eduenforce.core.models import TimeStampedModel


class CatalogueVersionQuerySet(models.QuerySet):
    def current(self):
        return self.filter(status=CatalogueStatus.CURRENT).order_by("-number").first()


class CatalogueVersion(TimeStampedModel):
    number = models.PositiveIntegerField("版本号", unique=True)
    title = models.CharField("名称", max_length=120)
    status = models.CharField(
        "状态", max_length=12, choices=CatalogueStatus.choices, default=CatalogueStatus.DRAFT, db_index=True
    )
    effective_from = models.DateField("施行日期", null=True, blank=True)
    note = models.TextField("修订说明", blank=True)
    published_at = models.DateTimeField("向社会公布时间", null=True, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="创建人"
    )

    objects = CatalogueVersionQuerySet.as_manager()

    class Meta:
        ordering = ["-number"]
        verbose_name = verbose_name_plural = "裁量基准版本"

    def __str__(self) -> str:
        return f"{self.title}（第{self.number}版）"

    @property
    def editable(self) -> bool:
        return self.status == CatalogueStatus.DRAFT


class Violation(models.Model):
    """One 违法行为 of the catalogue: legal basis, statutory penalty and legal limits.

    ``fine_basis`` says how fines are measured: an amount in yuan, a multiple of the
    illegal gains (e.g. 53号令 第17条: 1–5 倍), or no fine at all (第19–22条).
    """

    version = models.ForeignKey(
        CatalogueVersion, models.CASCADE, related_name="violations", verbose_name="版本"
    )
    code = models.SlugField("编码", max_length=30, help_text="跨版本不变，如 53-20")
    article = models.CharField("条款", max_length=80)
    title = models.CharField("违法行为", max_length=200)
    legal_basis = models.TextField("法律依据")
    statutory_penalty = models.TextField("法定处罚")
    fine_basis = models.CharField(
        "罚款计算方式", max_length=10, choices=FineBasis.choices, default=FineBasis.AMOUNT
    )
    statutory_min = models.DecimalField("法定罚款下限", max_digits=14, decimal_places=2, default=Decimal("0"))
    statutory_max = models.DecimalField(
        "法定罚款上限",
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        help_text="金额（元）或违法所得倍数；未规定罚款的留空",
    )
    allowed_kinds = models.JSONField("可适用的处罚种类", default=list)
    party_kinds = models.CharField("适用对象", max_length=60, blank=True)
    source_note = models.CharField("依据确认度", max_length=120, blank=True)
    order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        ordering = ["version", "order", "code"]
        constraints = [
            models.UniqueConstraint(fields=["version", "code"], name="cases_violation_code_per_version")
        ]
        verbose_name = verbose_name_plural = "裁量基准违法行为"

    def __str__(self) -> str:
        return f"{self.article} {self.title}"

    @property
    def allowed_kind_labels(self) -> list[str]:
        labels = dict(PenaltyKind.choices)
        return [labels.get(k, k) for k in self.allowed_kinds]

    def tiers_for(self, severity: str) -> list["TierRule"]:
        rows = [t for t in self.tiers.all() if t.severity == severity]
        return sorted(rows, key=lambda t: TIER_ORDER.index(t.tier))


class TierRule(models.Model):
    """裁量阶次: under which conditions which range applies, for one 情节 of a violation.

    ``fine_min``/``fine_max`` are in the unit of the violation's ``fine_basis`` (yuan or
    multiples of the illegal gains); both empty means the tier has no fine.
    """

    violation = models.ForeignKey(Violation, models.CASCADE, related_name="tiers", verbose_name="违法行为")
    severity = models.CharField("情节", max_length=20, choices=Severity.choices, default=Severity.ORDINARY)
    tier = models.CharField("裁量阶次", max_length=12, choices=Tier.choices)
    conditions = models.TextField("适用条件")
    fine_min = models.DecimalField("罚款下限", max_digits=14, decimal_places=2, null=True, blank=True)
    fine_max = models.DecimalField("罚款上限", max_digits=14, decimal_places=2, null=True, blank=True)
    penalty_kinds = models.JSONField("处罚种类", default=list)
    measures = models.CharField("其他处理措施", max_length=200, blank=True)

    class Meta:
        ordering = ["violation", "severity", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["violation", "severity", "tier"], name="cases_tier_once_per_severity"
            )
        ]
        verbose_name = verbose_name_plural = "裁量阶次"

    def __str__(self) -> str:
        return f"{self.violation.code} {self.get_severity_display()} {self.get_tier_display()}"

    @property
    def kind_labels(self) -> list[str]:
        labels = dict(PenaltyKind.choices)
        return [labels.get(k, k) for k in self.penalty_kinds]

    @property
    def has_fine(self) -> bool:
        return self.fine_max is not None

    def range_text(self) -> str:
        if not self.has_fine:
            return "不罚款"
        unit = "倍违法所得" if self.violation.fine_basis == FineBasis.MULTIPLE else "元"
        low = self.fine_min or Decimal("0")
        return f"{_fmt(low)}–{_fmt(self.fine_max)} {unit}"


def _fmt(value: Decimal) -> str:
    value = Decimal(value)
    return f"{value:,.0f}" if value == value.to_integral_value() else f"{value:,.2f}"
