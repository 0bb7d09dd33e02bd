"""联络员: each partner department names a liaison officer (and a deputy) for a period.

States: 在任 → 已卸任 (ended by hand, or when the department appoints a successor).
"""

from datetime import date

from django.db import models, transaction
from django.db.models import Q

from eduenforce.coordination.choices import AppointmentStatus
from eduenforce.coordination.models.scope import liaison_department_id
from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.models import TimeStampedModel
from eduenforce.records.journal import append


class LiaisonQuerySet(models.QuerySet):
    def visible_to(self, user):
        department = liaison_department_id(user)
        return self if department is None else self.filter(department_id=department)

    def current(self, on: date | None = None):
        on = on or date.today()
        return self.filter(status=AppointmentStatus.ACTIVE, appointed_from__lte=on).filter(
            Q(appointed_to__isnull=True) | Q(appointed_to__gte=on)
        )


class LiaisonOfficer(TimeStampedModel):
    department = models.ForeignKey(
        "accounts.Department",
        models.PROTECT,
        related_name="liaison_officers",
        limit_choices_to={"kind": "partner"},
        verbose_name="合作部门",
    )
    user = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="平台账号"
    )
    name = models.CharField("联络员", max_length=50)
    position = models.CharField("职务", max_length=50, blank=True)
    phone = models.CharField("联系电话", max_length=20)
    email = models.EmailField("电子邮箱", blank=True)
    deputy_name = models.CharField("副联络员（B角）", max_length=50, blank=True)
    deputy_phone = models.CharField("副联络员电话", max_length=20, blank=True)
    appointed_from = models.DateField("任期自")
    appointed_to = models.DateField("任期至", null=True, blank=True)
    status = models.CharField(
        "状态",
        max_length=10,
        choices=AppointmentStatus.choices,
        default=AppointmentStatus.ACTIVE,
        db_index=True,
    )
    ended_on = models.DateField("卸任日期", null=True, blank=True)
    end_reason = models.CharField("卸任原因", max_length=200, blank=True)
    appointed_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="登记人"
    )

    objects = LiaisonQuerySet.as_manager()

    class Meta:
        ordering = ["department__order", "-appointed_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["department"],
                condition=Q(status="active"),
                name="coordination_one_active_liaison_per_department",
            ),
            models.CheckConstraint(
                condition=Q(appointed_to__isnull=True) | Q(appointed_to__gte=models.F("appointed_from")),
                name="coordination_liaison_period_ordered",
            ),
        ]
        verbose_name = verbose_name_plural = "联络员"

    def __str__(self) -> str:
        return f"{self.department.display_name} {self.name}"

    @transaction.atomic
    def end(self, *, by, on: date | None = None, reason: str = "") -> "LiaisonOfficer":
        """卸任: the appointment ends on ``on`` (default today)."""
        self.refresh_from_db(from_queryset=LiaisonOfficer.objects.select_for_update())
        require_status(self, [AppointmentStatus.ACTIVE], "卸任")
        on = on or date.today()
        if on < self.appointed_from:
            raise DomainError("卸任日期不能早于任期开始日期", field="on")
        self.status, self.ended_on, self.end_reason = (
            AppointmentStatus.ENDED,
            on,
            (reason or "").strip()[:200],
        )
        self.save()
        append(
            actor=by,
            action="coordination.liaison_ended",
            obj=self,
            changes={"department": self.department_id, "ended_on": on, "reason": self.end_reason},
        )
        return self
