"""Leads (线索): where a penalty case starts — an inspection that found a violation not
rectified, a complaint, or a transfer from another department.

States: 已登记 → 立案审查中 → 已立案 or 不予立案.
"""

from django.db import models

from eduenforce.cases.choices import LeadSource, LeadStatus
from eduenforce.core.models import TimeStampedModel


class CaseLead(TimeStampedModel):
    """线索登记. ``source_type``/``source_id`` name the record it came from (e.g. an
    inspection hazard or a complaint) without the cases app depending on theirs."""

    number = models.CharField("线索编号", max_length=40, unique=True)
    source = models.CharField("来源", max_length=20, choices=LeadSource.choices)
    source_type = models.CharField("来源对象类型", max_length=80, blank=True)
    source_id = models.CharField("来源对象编号", max_length=64, blank=True)
    institution = models.ForeignKey(
        "registry.Institution",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="case_leads",
        verbose_name="涉及机构",
    )
    party_name = models.CharField("当事人", max_length=120, blank=True)
    summary = models.TextField("线索摘要")
    status = models.CharField(
        "状态", max_length=12, choices=LeadStatus.choices, default=LeadStatus.REGISTERED
    )
    registered_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="登记人"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = verbose_name_plural = "案件线索"

    def __str__(self) -> str:
        return f"{self.number} {self.summary[:20]}"
