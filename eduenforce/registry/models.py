"""监管对象: the schools, kindergartens and training institutions the bureau supervises."""

from datetime import date

from django.db import models

from eduenforce.core.models import TimeStampedModel
from eduenforce.registry.choices import InstitutionKind, InstitutionStatus, RiskClass


class InstitutionQuerySet(models.QuerySet):
    def operating(self):
        """Institutions that can be inspected (not 注销 or 停办)."""
        return self.exclude(status__in=[InstitutionStatus.DEREGISTERED, InstitutionStatus.SUSPENDED])

    def licence_expired_on(self, day: date):
        return self.filter(licence_expires__lt=day)


class Institution(TimeStampedModel):
    name = models.CharField("名称", max_length=120, db_index=True)
    name_initials = models.CharField("拼音首字母", max_length=120, blank=True, db_index=True)
    kind = models.CharField("类型", max_length=30, choices=InstitutionKind.choices, db_index=True)
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True)
    licence_number = models.CharField("办学许可证号", max_length=60, blank=True)
    licence_issued = models.DateField("许可证发证日期", null=True, blank=True)
    licence_expires = models.DateField("许可证有效期至", null=True, blank=True, db_index=True)
    scope = models.CharField("办学范围", max_length=100, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    street = models.ForeignKey("accounts.Department", models.PROTECT, related_name="institutions",
                               limit_choices_to={"kind": "street"}, verbose_name="街道")
    legal_rep_name = models.CharField("法定代表人", max_length=50, blank=True)
    legal_rep_id_number = models.CharField("法定代表人身份证号", max_length=18, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    risk_class = models.CharField("风险等级", max_length=20, choices=RiskClass.choices, default=RiskClass.GOOD,
                                  db_index=True)
    status = models.CharField("状态", max_length=20, choices=InstitutionStatus.choices,
                              default=InstitutionStatus.NORMAL, db_index=True)
    founded = models.DateField("成立日期", null=True, blank=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["name"]
        verbose_name = verbose_name_plural = "监管对象"

    def __str__(self) -> str:
        return self.name
