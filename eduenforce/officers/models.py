"""执法人员 and their 行政执法证.

An officer may enforce on a date only while in service (在岗) and holding a certificate
whose state is 有效 and whose validity covers that date (``Officer.objects.certified_on``).

Certificate states: 有效 → 暂扣 → 有效 (reinstated), 有效/暂扣 → 注销 (final). "已过期" is
derived from the validity period, never stored. A renewed certificate is a new row; the
old rows are the history. Every change is journaled (``officers.actions`` and the verbs below).
"""

from datetime import date

from django.conf import settings
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Q, Sum
from django.utils import timezone

from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.models import TimeStampedModel
from eduenforce.officers.choices import (
    DISPLAY_EXPIRED,
    DISPLAY_LABELS,
    DISPLAY_NOT_YET,
    CertificateState,
    OfficerStatus,
    TrainingKind,
)


class CertificateQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        return self.filter(state=CertificateState.VALID, valid_from__lte=day, valid_to__gte=day)


class OfficerQuerySet(models.QuerySet):
    def certified_on(self, day: date):
        """Officers in service with a valid certificate on ``day``."""
        valid = Certificate.objects.valid_on(day).filter(officer=OuterRef("pk"))
        return self.filter(status=OfficerStatus.ACTIVE).filter(Exists(valid))

    def legal_reviewers(self):
        """Officers holding the 法律职业资格 (may act as first-time legal reviewers)."""
        return self.exclude(legal_qualification_number="")

    def with_training_hours(self, year: int):
        """Annotate ``training_hours``: the officer's total 学时 in ``year`` (0 when none)."""
        from django.db.models.functions import Coalesce

        return self.annotate(
            training_hours=Coalesce(
                Sum("trainings__hours", filter=Q(trainings__date__year=year)),
                models.Value(0, output_field=models.DecimalField(max_digits=7, decimal_places=1)),
            )
        )

    def below_training_requirement(self, year: int, required=None):
        """In-service officers whose training hours in ``year`` are below the requirement."""
        from eduenforce.core import config

        required = config.get("training.required_hours") if required is None else required
        return (
            self.filter(status=OfficerStatus.ACTIVE)
            .with_training_hours(year)
            .filter(training_hours__lt=required)
        )


class Officer(TimeStampedModel):
    """An enforcement officer. Status: 在岗 ⇄ 离岗, either → 调出, 调出 → 在岗 (调回)."""

    name = models.CharField("姓名", max_length=50)
    department = models.ForeignKey(
        "accounts.Department", models.PROTECT, related_name="officers", verbose_name="所属部门"
    )
    position = models.CharField("职务", max_length=50, blank=True)
    photo = models.ImageField("照片", upload_to="officer-photos/", blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="officer",
        verbose_name="关联账号",
    )
    status = models.CharField(
        "状态", max_length=12, choices=OfficerStatus.choices, default=OfficerStatus.ACTIVE
    )
    legal_qualification_number = models.CharField("法律职业资格证号", max_length=40, blank=True)

    objects = OfficerQuerySet.as_manager()

    class Meta:
        ordering = ["department", "name"]
        indexes = [models.Index(fields=["status", "name"], name="officers_status_name_idx")]
        verbose_name = verbose_name_plural = "执法人员"

    def __str__(self) -> str:
        return self.name

    @property
    def has_legal_qualification(self) -> bool:
        return bool(self.legal_qualification_number)

    def certificate_on(self, day: date) -> "Certificate | None":
        """The certificate that lets this officer enforce on ``day``, if any."""
        if self.status != OfficerStatus.ACTIVE:
            return None
        return self.certificates.valid_on(day).order_by("-valid_to").first()

    def current_certificate(self) -> "Certificate | None":
        """The certificate to show (and print a QR code for): today's valid one, else the latest."""
        return (
            self.certificate_on(timezone.localdate())
            or self.certificates.order_by("-valid_to", "-id").first()
        )

    def training_hours(self, year: int):
        return self.trainings.filter(date__year=year).aggregate(total=Sum("hours"))["total"] or 0


class Certificate(TimeStampedModel):
    """A 行政执法证. Old certificates are kept: the history is the list of an officer's rows."""

    officer = models.ForeignKey(Officer, models.PROTECT, related_name="certificates", verbose_name="执法人员")
    number = models.CharField("执法证号", max_length=40, unique=True)
    issuing_authority = models.CharField("发证机关", max_length=80)
    valid_from = models.DateField("有效期自")
    valid_to = models.DateField("有效期至")
    state = models.CharField(
        "证件状态", max_length=12, choices=CertificateState.choices, default=CertificateState.VALID
    )
    state_reason = models.CharField("状态变更事由", max_length=200, blank=True)
    state_changed_at = models.DateTimeField("状态变更时间", null=True, blank=True)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_to"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to__gte=models.F("valid_from")),
                name="officers_certificate_validity_ordered",
            ),
        ]
        indexes = [
            models.Index(fields=["state", "valid_to", "valid_from"], name="officers_cert_validity_idx")
        ]
        verbose_name = verbose_name_plural = "行政执法证"

    def __str__(self) -> str:
        return self.number

    def is_valid_on(self, day: date) -> bool:
        return self.state == CertificateState.VALID and self.valid_from <= day <= self.valid_to

    @property
    def expired(self) -> bool:
        return self.valid_to < timezone.localdate()

    def display_state_on(self, day: date) -> str:
        """有效/暂扣/注销 as stored, or 已过期/未生效 derived from the period for a 有效 certificate."""
        if self.state != CertificateState.VALID:
            return self.state
        if self.valid_to < day:
            return DISPLAY_EXPIRED
        if self.valid_from > day:
            return DISPLAY_NOT_YET
        return CertificateState.VALID

    @property
    def display_state(self) -> str:
        return self.display_state_on(timezone.localdate())

    @property
    def display_state_label(self) -> str:
        return DISPLAY_LABELS[self.display_state]

    @transaction.atomic
    def suspend(self, *, by, reason: str) -> "Certificate":
        """暂扣: the officer may not enforce with it until it is reinstated."""
        return self._change_state(CertificateState.SUSPENDED, [CertificateState.VALID], "暂扣", by, reason)

    @transaction.atomic
    def reinstate(self, *, by, reason: str) -> "Certificate":
        """恢复 a suspended certificate."""
        return self._change_state(CertificateState.VALID, [CertificateState.SUSPENDED], "恢复", by, reason)

    @transaction.atomic
    def revoke(self, *, by, reason: str) -> "Certificate":
        """注销: final."""
        return self._change_state(
            CertificateState.REVOKED, [CertificateState.VALID, CertificateState.SUSPENDED], "注销", by, reason
        )

    def _change_state(self, new_state, allowed, label, by, reason) -> "Certificate":
        from eduenforce.records.journal import append

        reason = (reason or "").strip()
        if not reason:
            raise DomainError(f"{label}执法证须填写事由", field="reason")
        if len(reason) > 200:
            raise DomainError("事由不能超过200字", field="reason")
        locked = Certificate.objects.select_for_update().get(pk=self.pk)
        require_status(locked, allowed, f"{label}执法证", field="state")
        before = locked.state
        locked.state, locked.state_reason, locked.state_changed_at = new_state, reason, timezone.now()
        locked.save(update_fields=["state", "state_reason", "state_changed_at", "updated_at"])
        append(
            actor=by,
            action=f"officers.certificate_{new_state}",
            obj=locked,
            changes={"state": [before, new_state], "reason": reason, "officer": locked.officer_id},
        )
        self.state, self.state_reason, self.state_changed_at = locked.state, reason, locked.state_changed_at
        return self


class ConflictQuerySet(models.QuerySet):
    def active_on(self, day: date):
        return self.filter(valid_from__lte=day).filter(Q(valid_to=None) | Q(valid_to__gte=day))

    def pairs_on(self, day: date) -> set[tuple[int, int]]:
        """(officer id, institution id) pairs that must recuse on ``day`` (for draws and teams)."""
        return set(self.active_on(day).values_list("officer_id", "institution_id"))


class Conflict(TimeStampedModel):
    """A declared conflict of interest: the officer is recused from this institution."""

    officer = models.ForeignKey(Officer, models.CASCADE, related_name="conflicts", verbose_name="执法人员")
    institution = models.ForeignKey(
        "registry.Institution", models.CASCADE, related_name="conflicts", verbose_name="监管对象"
    )
    relation = models.CharField("关系", max_length=50)
    reason = models.CharField("事由", max_length=200, blank=True)
    valid_from = models.DateField("起始日期")
    valid_to = models.DateField("截止日期", null=True, blank=True)

    objects = ConflictQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_from", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(valid_to=None) | Q(valid_to__gte=models.F("valid_from")),
                name="officers_conflict_period_ordered",
            ),
        ]
        verbose_name = verbose_name_plural = "利益冲突申报"

    def __str__(self) -> str:
        return f"{self.officer} ↔ {self.institution}"

    def is_active_on(self, day: date) -> bool:
        return self.valid_from <= day and (self.valid_to is None or self.valid_to >= day)


class TrainingRecordQuerySet(models.QuerySet):
    def in_year(self, year: int):
        return self.filter(date__year=year)


class TrainingRecord(TimeStampedModel):
    """A training course or an exam (学法用法考试) with its hours and result."""

    officer = models.ForeignKey(Officer, models.CASCADE, related_name="trainings", verbose_name="执法人员")
    kind = models.CharField(
        "类别", max_length=10, choices=TrainingKind.choices, default=TrainingKind.TRAINING
    )
    course = models.CharField("课程", max_length=100)
    date = models.DateField("日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    result = models.CharField("考核结果", max_length=20, blank=True)

    objects = TrainingRecordQuerySet.as_manager()

    class Meta:
        ordering = ["-date"]
        indexes = [models.Index(fields=["officer", "date"], name="officers_training_date_idx")]
        constraints = [
            models.CheckConstraint(condition=Q(hours__gte=0), name="officers_training_hours_positive")
        ]
        verbose_name = verbose_name_plural = "培训记录"

    def __str__(self) -> str:
        return f"{self.officer} {self.course}"
