"""执法人员 and their 行政执法证.

An officer may enforce on a date only while in service (在岗) and holding a certificate
whose state is 有效 and whose validity covers that date (``Officer.objects.certified_on``).
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Exists, OuterRef, Q

from eduenforce.core.models import TimeStampedModel
from eduenforce.officers.choices import CertificateState, OfficerStatus


class CertificateQuerySet(models.QuerySet):
    def valid_on(self, day: date):
        return self.filter(state=CertificateState.VALID, valid_from__lte=day, valid_to__gte=day)


class OfficerQuerySet(models.QuerySet):
    def certified_on(self, day: date):
        """Officers in service with a valid certificate on ``day``."""
        valid = Certificate.objects.valid_on(day).filter(officer=OuterRef("pk"))
        return self.filter(status=OfficerStatus.ACTIVE).filter(Exists(valid))


class Officer(TimeStampedModel):
    name = models.CharField("姓名", max_length=50)
    department = models.ForeignKey("accounts.Department", models.PROTECT, related_name="officers",
                                   verbose_name="所属部门")
    position = models.CharField("职务", max_length=50, blank=True)
    photo = models.ImageField("照片", upload_to="officer-photos/", blank=True)
    user = models.OneToOneField(settings.AUTH_USER_MODEL, models.SET_NULL, null=True, blank=True,
                                related_name="officer", verbose_name="关联账号")
    status = models.CharField("状态", max_length=12, choices=OfficerStatus.choices, default=OfficerStatus.ACTIVE)
    legal_qualification_number = models.CharField("法律职业资格证号", max_length=40, blank=True)

    objects = OfficerQuerySet.as_manager()

    class Meta:
        ordering = ["department", "name"]
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


class Certificate(TimeStampedModel):
    """A 行政执法证. Old certificates are kept: the history is the list of an officer's rows."""

    officer = models.ForeignKey(Officer, models.PROTECT, related_name="certificates", verbose_name="执法人员")
    number = models.CharField("执法证号", max_length=40, unique=True)
    issuing_authority = models.CharField("发证机关", max_length=80)
    valid_from = models.DateField("有效期自")
    valid_to = models.DateField("有效期至")
    state = models.CharField("证件状态", max_length=12, choices=CertificateState.choices, default=CertificateState.VALID)

    objects = CertificateQuerySet.as_manager()

    class Meta:
        ordering = ["-valid_to"]
        constraints = [
            models.CheckConstraint(condition=Q(valid_to__gte=models.F("valid_from")),
                                   name="officers_certificate_validity_ordered"),
        ]
        verbose_name = verbose_name_plural = "行政执法证"

    def __str__(self) -> str:
        return self.number

    def is_valid_on(self, day: date) -> bool:
        return self.state == CertificateState.VALID and self.valid_from <= day <= self.valid_to

    @property
    def expired(self) -> bool:
        return self.valid_to < date.today()


class Conflict(TimeStampedModel):
    """A declared conflict of interest: the officer is recused from this institution."""

    officer = models.ForeignKey(Officer, models.CASCADE, related_name="conflicts", verbose_name="执法人员")
    institution = models.ForeignKey("registry.Institution", models.CASCADE, related_name="conflicts",
                                    verbose_name="监管对象")
    relation = models.CharField("关系", max_length=50)
    reason = models.CharField("事由", max_length=200, blank=True)
    valid_from = models.DateField("起始日期")
    valid_to = models.DateField("截止日期", null=True, blank=True)

    class Meta:
        verbose_name = verbose_name_plural = "利益冲突申报"

    def __str__(self) -> str:
        return f"{self.officer} ↔ {self.institution}"


class TrainingRecord(TimeStampedModel):
    officer = models.ForeignKey(Officer, models.CASCADE, related_name="trainings", verbose_name="执法人员")
    course = models.CharField("课程", max_length=100)
    date = models.DateField("日期")
    hours = models.DecimalField("学时", max_digits=5, decimal_places=1)
    result = models.CharField("考核结果", max_length=20, blank=True)

    class Meta:
        ordering = ["-date"]
        verbose_name = verbose_name_plural = "培训记录"

    def __str__(self) -> str:
        return f"{self.officer} {self.course}"
