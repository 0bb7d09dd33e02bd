"""移送: a matter sent from one department to another, with receipt tracking.

States::

    已移送待签收 ──acknowledge──► 已签收办理中 ──conclude──► 已反馈结果
          └────────return────────┘──► 已退回

The receiving department acknowledges (签收) within the ``referral_acknowledgement`` rule and
reports the result. A partner department's liaison officer answers for their department;
bureau staff may record a paper receipt on the partner's behalf.
"""

from django.db import models, transaction
from django.db.models import Q
from django.utils import timezone

from eduenforce.coordination.choices import OPEN_REFERRAL_STATUSES, ReferralStatus
from eduenforce.coordination.models.scope import liaison_department_id
from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.models import TimeStampedModel
from eduenforce.records.journal import append


class ReferralQuerySet(models.QuerySet):
    def visible_to(self, user):
        department = liaison_department_id(user)
        if department is None:
            return self
        return self.filter(Q(from_department_id=department) | Q(to_department_id=department))

    def open(self):
        return self.filter(status__in=OPEN_REFERRAL_STATUSES)

    def awaiting_receipt(self):
        return self.filter(status=ReferralStatus.SENT)

    def overdue(self, today=None):
        """Not acknowledged by the acknowledgement deadline."""
        return self.filter(status=ReferralStatus.SENT, ack_due__lt=today or timezone.localdate())

    def for_source(self, obj):
        return self.filter(source_type=obj._meta.label_lower, source_id=str(obj.pk))


class Referral(TimeStampedModel):
    number = models.CharField("移送编号", max_length=40, unique=True)
    from_department = models.ForeignKey(
        "accounts.Department", models.PROTECT, related_name="referrals_sent", verbose_name="移送单位"
    )
    to_department = models.ForeignKey(
        "accounts.Department", models.PROTECT, related_name="referrals_received", verbose_name="接收单位"
    )
    subject = models.CharField("移送事项", max_length=200)
    content = models.TextField("情况说明")
    # What the referral came from (e.g. a complaint), without this app depending on it.
    source_type = models.CharField("来源对象类型", max_length=80, blank=True)
    source_id = models.CharField("来源对象编号", max_length=64, blank=True)
    sent_on = models.DateField("移送日期", db_index=True)
    sent_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="移送人"
    )
    status = models.CharField(
        "状态", max_length=14, choices=ReferralStatus.choices, default=ReferralStatus.SENT, db_index=True
    )
    ack_due = models.DateField("签收期限", db_index=True)
    acknowledged_at = models.DateTimeField("签收时间", null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="签收人"
    )
    ack_note = models.CharField("签收说明", max_length=200, blank=True)
    result = models.TextField("办理结果", blank=True)
    concluded_at = models.DateTimeField("反馈时间", null=True, blank=True)
    concluded_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="反馈人"
    )
    return_reason = models.CharField("退回理由", max_length=200, blank=True)

    objects = ReferralQuerySet.as_manager()

    class Meta:
        ordering = ["-sent_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(from_department=models.F("to_department")),
                name="coordination_referral_between_two_departments",
            )
        ]
        verbose_name = verbose_name_plural = "部门移送"

    def __str__(self) -> str:
        return f"{self.number} {self.subject}"

    @property
    def is_overdue(self) -> bool:
        return self.status == ReferralStatus.SENT and self.ack_due < timezone.localdate()

    def may_respond(self, user) -> bool:
        """The receiving side answers: its liaison officer, or bureau staff recording on its behalf."""
        from eduenforce.core.permissions import has_capability

        if not has_capability(user, "coordination.respond"):
            return False
        department = liaison_department_id(user)
        if department is not None:
            return department == self.to_department_id
        # Bureau staff answer for a partner department (paper receipt) or for a bureau section.
        return True

    def _lock(self) -> None:
        self.refresh_from_db(from_queryset=Referral.objects.select_for_update())

    @transaction.atomic
    def acknowledge(self, *, by, note: str = "") -> "Referral":
        """签收."""
        self._lock()
        require_status(self, [ReferralStatus.SENT], "签收")
        self.status, self.acknowledged_at, self.acknowledged_by = (
            ReferralStatus.ACKNOWLEDGED,
            timezone.now(),
            by,
        )
        self.ack_note = (note or "").strip()[:200]
        self.save()
        append(
            actor=by,
            action="coordination.referral_acknowledged",
            obj=self,
            changes={"late": timezone.localdate() > self.ack_due, "note": self.ack_note},
        )
        return self

    @transaction.atomic
    def conclude(self, *, result: str, by) -> "Referral":
        """反馈办理结果."""
        self._lock()
        require_status(self, [ReferralStatus.ACKNOWLEDGED], "反馈办理结果")
        result = (result or "").strip()
        if len(result) < 4:
            raise DomainError("请填写办理结果（至少 4 个字）", field="result")
        self.status, self.result = ReferralStatus.CONCLUDED, result
        self.concluded_at, self.concluded_by = timezone.now(), by
        self.save()
        append(actor=by, action="coordination.referral_concluded", obj=self, changes={"result": result})
        return self

    @transaction.atomic
    def return_to_sender(self, *, reason: str, by) -> "Referral":
        """退回: not within the receiving department's remit."""
        self._lock()
        require_status(self, OPEN_REFERRAL_STATUSES, "退回")
        reason = (reason or "").strip()
        if len(reason) < 4:
            raise DomainError("请填写退回理由（至少 4 个字）", field="reason")
        self.status, self.return_reason = ReferralStatus.RETURNED, reason[:200]
        self.save()
        append(
            actor=by,
            action="coordination.referral_returned",
            obj=self,
            changes={"reason": self.return_reason},
        )
        return self
