"""Sampling plans (双随机抽查计划): what is drawn, from whom, by whom, and when.

A plan names one random-check item, the inspection period, the strata (by object type,
street and risk class, each with a ratio or a fixed count), the team size (at least 2),
and whether the check is internal or joint; a joint plan lists, in order, the departments
each team must include. The draw itself (commitment, seed, selection, teams) lives in
``sampling``. States: 草稿 → 已公布（待抽取） (the seed's commitment is published) → 已抽取.
"""

from decimal import Decimal

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.core.models import TimeStampedModel
from eduenforce.officers.eligibility import MIN_TEAM_SIZE
from eduenforce.planning.choices import OfficerPool, PublicationStatus, SamplingKind, SamplingPlanStatus
from eduenforce.registry.choices import InstitutionKind, RiskClass


class SamplingPlanQuerySet(models.QuerySet):
    def published(self):
        """Plans whose commitment is public (drawn or waiting for the draw)."""
        return self.filter(status__in=[SamplingPlanStatus.PUBLISHED, SamplingPlanStatus.DRAWN])


class SamplingPlan(TimeStampedModel):
    public_id = models.CharField("计划编号", max_length=20, unique=True, editable=False)
    name = models.CharField("计划名称", max_length=120)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    item = models.ForeignKey(
        "planning.EnforcementItem", models.PROTECT, related_name="sampling_plans", verbose_name="抽查事项"
    )
    starts_on = models.DateField("检查期间自")
    ends_on = models.DateField("检查期间至")
    draw_date = models.DateField("抽取日期", help_text="公布承诺值时一并公布；不得早于公布当日")
    planned_date = models.DateField("计划检查日期", help_text="执法证须在该日有效；须在检查期间内")
    kind = models.CharField(
        "检查形式", max_length=10, choices=SamplingKind.choices, default=SamplingKind.INTERNAL
    )
    officer_pool = models.CharField(
        "执法人员名录库", max_length=10, choices=OfficerPool.choices, default=OfficerPool.BUREAU
    )
    team_size = models.PositiveSmallIntegerField(
        "每组人数", default=MIN_TEAM_SIZE, validators=[MinValueValidator(MIN_TEAM_SIZE)]
    )
    max_assignments = models.PositiveSmallIntegerField(
        "每名执法人员最多任务数",
        null=True,
        blank=True,
        validators=[MinValueValidator(1)],
        help_text="留空表示不限",
    )
    exclude_inspected_in_period = models.BooleanField("排除本期已检查对象", default=True)
    note = models.TextField("说明", blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=SamplingPlanStatus.choices, default=SamplingPlanStatus.DRAFT
    )
    created_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="编制人"
    )
    published_at = models.DateTimeField("公布时间", null=True, blank=True)

    objects = SamplingPlanQuerySet.as_manager()

    class Meta:
        ordering = ["-year", "-public_id"]
        verbose_name = verbose_name_plural = "双随机抽查计划"

    def __str__(self) -> str:
        return f"{self.public_id} {self.name}"

    def save(self, *args, **kwargs):
        if not self.public_id:
            from eduenforce.core.serials import next_serial

            self.public_id = f"{self.year}-{next_serial('sampling_plan', self.year):03d}"
        super().save(*args, **kwargs)

    @property
    def is_joint(self) -> bool:
        return self.kind == SamplingKind.JOINT

    @property
    def is_editable(self) -> bool:
        return self.status == SamplingPlanStatus.DRAFT

    def required_department_list(self) -> list:
        return [r.department for r in self.required_departments.select_related("department")]

    def problems(self) -> list[str]:
        """Everything that stops the plan from being published, in Chinese (empty when ready)."""
        out = []
        item = self.item
        if item.status != PublicationStatus.PUBLISHED:
            out.append(f"抽查事项“{item}”尚未公布（未经公布的事项不得实施检查）")
        if not item.is_random:
            out.append(f"抽查事项“{item.name}”未列入随机抽查事项清单")
        if self.team_size < MIN_TEAM_SIZE:
            out.append(f"每组人数不得少于 {MIN_TEAM_SIZE} 人（行政处罚法第42条）")
        if self.ends_on < self.starts_on:
            out.append("检查期间的结束日期不能早于开始日期")
        if not (self.starts_on <= self.planned_date <= self.ends_on):
            out.append("计划检查日期须在检查期间内")
        if self.planned_date < self.draw_date:
            out.append("计划检查日期不能早于抽取日期")
        out += self._strata_problems()
        out += self._department_problems()
        return out

    def _strata_problems(self) -> list[str]:
        strata = list(self.strata.prefetch_related("streets"))
        if not strata:
            return ["请至少设置一个抽取分层"]
        out = []
        allowed = set(self.item.object_kinds or [])
        for s in strata:
            out += [f"分层“{s.label}”：{p}" for p in s.problems(allowed)]
        for i, a in enumerate(strata):
            for b in strata[i + 1 :]:
                if a.label == b.label:
                    out.append(f"分层名称“{a.label}”重复")
                elif a.overlaps(b):
                    out.append(f"分层“{a.label}”与“{b.label}”的范围有重叠，同一对象只能属于一个分层")
        return out

    def _department_problems(self) -> list[str]:
        required = self.required_department_list()
        if self.kind == SamplingKind.INTERNAL:
            return ["内部检查不应设置联合部门"] if required else []
        out = []
        if not any(d.kind == DepartmentKind.PARTNER for d in required):
            out.append("联合检查须至少列明一个合作部门")
        if self.team_size < len(required):
            out.append(f"每组人数（{self.team_size}）少于须参加的部门数（{len(required)}）")
        return out


class Stratum(models.Model):
    """One layer of the draw. Empty filters mean "any"; strata of a plan may not overlap."""

    plan = models.ForeignKey(SamplingPlan, models.CASCADE, related_name="strata", verbose_name="抽查计划")
    order = models.PositiveSmallIntegerField("顺序", default=1)
    label = models.CharField(
        "分层名称", max_length=60, help_text="参与随机排序计算，公布后不可更改；不得含“|”"
    )
    kinds = models.JSONField("对象类型", default=list, blank=True)
    risk_classes = models.JSONField("信用风险等级", default=list, blank=True)
    streets = models.ManyToManyField(
        "accounts.Department",
        blank=True,
        related_name="+",
        verbose_name="街道",
        limit_choices_to={"kind": DepartmentKind.STREET},
    )
    ratio = models.DecimalField(
        "抽取比例",
        max_digits=5,
        decimal_places=4,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0.0001")), MaxValueValidator(Decimal("1"))],
    )
    count = models.PositiveIntegerField("抽取数量", null=True, blank=True, validators=[MinValueValidator(1)])

    class Meta:
        ordering = ["plan", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "label"], name="planning_stratum_label_once"),
            models.CheckConstraint(
                condition=(
                    Q(count__isnull=False, ratio__isnull=True) | Q(count__isnull=True, ratio__isnull=False)
                ),
                name="planning_stratum_count_xor_ratio",
            ),
        ]
        verbose_name = verbose_name_plural = "抽取分层"

    def __str__(self) -> str:
        return self.label

    @property
    def target_label(self) -> str:
        if self.ratio is not None:
            return f"{(self.ratio * 100).normalize():f}%"
        return f"{self.count} 家"

    @property
    def scope_label(self) -> str:
        kinds, risks = dict(InstitutionKind.choices), dict(RiskClass.choices)
        parts = [
            "、".join(str(kinds.get(k, k)) for k in self.kinds) or "全部类型",
            "、".join(s.name for s in self.streets.all()) or "全部街道",
            "、".join(str(risks.get(r, r)) for r in self.risk_classes) or "全部信用等级",
        ]
        return " · ".join(parts)

    def problems(self, allowed_kinds: set) -> list[str]:
        out = []
        if "|" in self.label or not self.label.strip():
            out.append("名称不能为空，也不能含“|”")
        if (self.ratio is None) == (self.count is None):
            out.append("须设置抽取比例或抽取数量（二选一）")
        if self.ratio is not None and not (Decimal(0) < self.ratio <= 1):
            out.append("抽取比例须大于 0 且不超过 100%")
        if self.count is not None and self.count < 1:
            out.append("抽取数量须至少为 1")
        outside = [k for k in self.kinds if allowed_kinds and k not in allowed_kinds]
        if outside:
            labels = dict(InstitutionKind.choices)
            out.append(f"对象类型不在事项适用范围内：{'、'.join(str(labels.get(k, k)) for k in outside)}")
        return out

    def overlaps(self, other: "Stratum") -> bool:
        """Two strata overlap when every dimension shares a value (an empty filter is "any")."""

        def meet(a, b) -> bool:
            return not a or not b or bool(set(a) & set(b))

        mine = [s.pk for s in self.streets.all()]
        theirs = [s.pk for s in other.streets.all()]
        return (
            meet(self.kinds, other.kinds)
            and meet(self.risk_classes, other.risk_classes)
            and meet(mine, theirs)
        )

    def candidate_filter(self, item_kinds) -> Q:
        """The registry filter of this stratum (operating status is applied by the caller)."""
        q = Q()
        kinds = self.kinds or list(item_kinds or [])
        if kinds:
            q &= Q(kind__in=kinds)
        streets = [s.pk for s in self.streets.all()]
        if streets:
            q &= Q(street_id__in=streets)
        if self.risk_classes:
            q &= Q(risk_class__in=self.risk_classes)
        return q


class RequiredDepartment(models.Model):
    """A department every team of a joint plan must include, in the plan's order."""

    plan = models.ForeignKey(
        SamplingPlan, models.CASCADE, related_name="required_departments", verbose_name="抽查计划"
    )
    department = models.ForeignKey(
        "accounts.Department", models.PROTECT, related_name="+", verbose_name="部门"
    )
    order = models.PositiveSmallIntegerField("顺序", default=1)

    class Meta:
        ordering = ["plan", "order", "id"]
        constraints = [
            models.UniqueConstraint(fields=["plan", "department"], name="planning_required_dept_once")
        ]
        verbose_name = verbose_name_plural = "联合检查部门"

    def __str__(self) -> str:
        return self.department.name
