"""The annual enforcement-inspection plan (年度执法检查计划) and its lines.

A plan line says how many inspections of an item are planned for one object type in a
quarter (or the whole year), as a fixed count or a ratio of the operating objects of that
type. Ratios are turned into counts when the plan is published, so the planned figure of
the year stays what was published. States: 草稿 → 已公布 (lines are frozen).
"""

import math
from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from eduenforce.core.models import TimeStampedModel
from eduenforce.planning.choices import PlanStatus, Quarter
from eduenforce.registry.choices import InstitutionKind


class AnnualPlanQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PlanStatus.PUBLISHED)


class AnnualPlan(TimeStampedModel):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    title = models.CharField("计划名称", max_length=120)
    note = models.TextField("编制说明", blank=True)
    status = models.CharField("状态", max_length=12, choices=PlanStatus.choices, default=PlanStatus.DRAFT)
    created_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="编制人"
    )
    published_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="公布人"
    )
    published_at = models.DateTimeField("公布时间", null=True, blank=True)

    objects = AnnualPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "年度执法检查计划"

    def __str__(self) -> str:
        return self.title

    @property
    def is_editable(self) -> bool:
        return self.status == PlanStatus.DRAFT


class PlanLine(models.Model):
    plan = models.ForeignKey(AnnualPlan, models.CASCADE, related_name="lines", verbose_name="年度计划")
    item = models.ForeignKey(
        "planning.EnforcementItem", models.PROTECT, related_name="plan_lines", verbose_name="检查事项"
    )
    object_kind = models.CharField("对象类型", max_length=30, choices=InstitutionKind.choices)
    quarter = models.PositiveSmallIntegerField(
        "季度", choices=Quarter.choices, null=True, blank=True, help_text="留空表示全年"
    )
    count = models.PositiveIntegerField(
        "计划检查数", null=True, blank=True, validators=[MinValueValidator(1)]
    )
    ratio = models.DecimalField(
        "抽查比例",
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal("1"))],
    )
    planned_count = models.PositiveIntegerField("计划检查数（公布时确定）", null=True, blank=True)
    note = models.CharField("备注", max_length=200, blank=True)

    class Meta:
        ordering = ["plan", "quarter", "item__code", "object_kind"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(count__isnull=False, ratio__isnull=True) | Q(count__isnull=True, ratio__isnull=False)
                ),
                name="planning_line_count_xor_ratio",
            ),
        ]
        verbose_name = verbose_name_plural = "计划检查安排"

    def __str__(self) -> str:
        return f"{self.item.name} · {self.get_object_kind_display()} · {self.quarter_label}"

    @property
    def quarter_label(self) -> str:
        return self.get_quarter_display() if self.quarter else "全年"

    @property
    def target_label(self) -> str:
        if self.ratio is not None:
            return f"{(self.ratio * 100).normalize():f}%"
        return f"{self.count} 家"

    def compute_planned_count(self) -> int:
        """A count as is; a ratio of today's operating objects of this type, rounded up."""
        if self.ratio is None:
            return self.count
        from eduenforce.registry.models import Institution

        n = Institution.objects.operating().filter(kind=self.object_kind).count()
        return min(n, math.ceil(n * self.ratio))
