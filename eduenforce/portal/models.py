"""Publications: what the public portal shows, as masked snapshots of the source records.

States: 待公示 (due, with a due date) → 已公示 → 已更正 (a corrected version replaces the
text, the change shown) or 已撤回 (withdrawn, e.g. a revoked decision). Every transition is
journaled by ``portal.services``. Public pages and the API read only ``.published()``.
"""

import secrets

from django.db import models
from django.utils import timezone

from eduenforce.portal.choices import PublicationKind, PublicationState


def new_public_id() -> str:
    return secrets.token_hex(8)


class PublicationQuerySet(models.QuerySet):
    def published(self):
        """Visible to the public: published or corrected, not withdrawn."""
        return self.filter(state__in=[PublicationState.PUBLISHED, PublicationState.CORRECTED])

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(state=PublicationState.DUE, due_on__lt=today)

    def due(self):
        return self.filter(state=PublicationState.DUE)


class Publication(models.Model):
    public_id = models.CharField("公开编号", max_length=16, unique=True, default=new_public_id)
    kind = models.CharField("类别", max_length=20, choices=PublicationKind.choices, db_index=True)
    state = models.CharField("状态", max_length=12, choices=PublicationState.choices,
                             default=PublicationState.DUE, db_index=True)
    source_type = models.CharField("来源对象类型", max_length=80)
    source_id = models.CharField("来源对象编号", max_length=64)
    title = models.CharField("标题", max_length=200)
    summary = models.CharField("摘要", max_length=500, blank=True)
    body = models.TextField("正文（已脱敏）", blank=True)
    fields = models.JSONField("公示字段（已脱敏）", default=dict, blank=True)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    street = models.ForeignKey("accounts.Department", models.PROTECT, null=True, blank=True, related_name="+",
                               verbose_name="街道")
    occurred_on = models.DateField("事由日期", help_text="决定/检查/抽取的日期，公示期限由此起算")
    due_on = models.DateField("公示期限", null=True, blank=True, db_index=True)
    published_at = models.DateTimeField("公示时间", null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdraw_due_on = models.DateField("撤回期限", null=True, blank=True)
    change_note = models.TextField("更正/撤回说明", blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [models.UniqueConstraint(fields=["kind", "source_type", "source_id"],
                                               name="portal_publication_one_per_source")]
        indexes = [models.Index(fields=["kind", "state", "-published_at", "-id"], name="portal_pub_list_idx")]
        verbose_name = verbose_name_plural = "公示信息"

    def __str__(self) -> str:
        return self.title

    @property
    def is_late(self) -> bool:
        return bool(self.due_on and self.published_at and timezone.localdate(self.published_at) > self.due_on)
