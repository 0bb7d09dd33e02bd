"""Base models and the shared reference tables: calendar, deadline rules, settings, serials."""

from django.conf import settings
from django.db import models
from django.utils import timezone

from eduenforce.core.choices import Confidence, DayKind, DayType


class TimeStampedModel(models.Model):
    created_at = models.DateTimeField("创建时间", auto_now_add=True)
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        abstract = True


class CalendarDay(models.Model):
    """An administrator's override of the working-day calendar.

    Takes precedence over the chinesecalendar package, and is the only source for years
    the package does not cover yet (the State Council publishes each year in November).
    """

    date = models.DateField("日期", unique=True)
    kind = models.CharField("类型", max_length=10, choices=DayKind.choices)
    name = models.CharField("名称", max_length=40, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="录入人",
    )

    class Meta:
        ordering = ["date"]
        verbose_name = verbose_name_plural = "日历调整"

    def __str__(self) -> str:
        return f"{self.date} {self.get_kind_display()} {self.name}"


class DeadlineRule(models.Model):
    """A statutory or configured time limit: the one table every deadline is computed from."""

    code = models.SlugField("代码", max_length=60, unique=True)
    name = models.CharField("名称", max_length=100)
    number = models.PositiveIntegerField("期限")
    day_type = models.CharField("计算方式", max_length=10, choices=DayType.choices)
    basis = models.CharField("法律依据", max_length=200, blank=True)
    confidence = models.CharField(
        "依据确认度", max_length=1, choices=Confidence.choices, default=Confidence.PRIMARY
    )
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = verbose_name_plural = "法定期限规则"

    def __str__(self) -> str:
        return f"{self.name}：{self.number}{self.get_day_type_display()}"


class SystemSetting(models.Model):
    """An administrator's value for a configurable parameter (see ``core.config``)."""

    key = models.CharField("参数", max_length=80, unique=True)
    value = models.JSONField("值")
    updated_at = models.DateTimeField("更新时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "参数设置"

    def __str__(self) -> str:
        return self.key


class SerialCounter(models.Model):
    """The last number issued for a series (e.g. 东教罚决〔2025〕N号); taken under a row lock."""

    series = models.CharField("序列", max_length=60)
    year = models.PositiveSmallIntegerField("年度")
    last = models.PositiveIntegerField("已用至", default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["series", "year"], name="core_serial_unique_series_year")
        ]
        verbose_name = verbose_name_plural = "文书编号"

    def __str__(self) -> str:
        return f"{self.series}〔{self.year}〕{self.last}"


class Notice(models.Model):
    """A line for one user (e.g. a deadline of theirs that moved), shown until read."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.CASCADE, related_name="notices", verbose_name="接收人"
    )
    text = models.CharField("内容", max_length=300)
    link = models.CharField("链接", max_length=300, blank=True)
    created_at = models.DateTimeField("时间", default=timezone.now)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="core_notice_unread_idx")]
        verbose_name = verbose_name_plural = "通知"

    def __str__(self) -> str:
        return self.text
