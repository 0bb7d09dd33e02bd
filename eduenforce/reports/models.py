"""The annual enforcement report (年度行政执法工作报告) and its generation jobs.

``AnnualReport`` is the per-year draft: the narrative sections staff write (sanitised rich
text, pre-filled from the previous year) and the data-driven findings they accepted or
discarded. Every figure is computed from the records (``reports.stats``), never typed.

States: 草稿 → 已定稿 (figures frozen in ``figures``) → 已公开 (published on the portal).
A final report may be reopened to 草稿 until it is published. The verbs live in
``reports.actions``.
"""

from django.conf import settings
from django.db import models

from eduenforce.core.models import TimeStampedModel
from eduenforce.reports.choices import JobStatus, ReportFormat, ReportStatus

NARRATIVE_FIELDS = ("opening", "plan_notes", "measures", "results", "problems", "next_steps")


class AnnualReport(TimeStampedModel):
    year = models.PositiveSmallIntegerField("年度", unique=True)
    opening = models.TextField("导语", blank=True)
    plan_notes = models.TextField("年度计划完成情况说明", blank=True)
    measures = models.TextField("主要工作措施", blank=True)
    results = models.TextField("主要工作成效", blank=True)
    problems = models.TextField("存在的问题（补充）", blank=True)
    next_steps = models.TextField("下一步工作措施", blank=True)
    accepted_findings = models.JSONField("采纳的问题发现", default=list, blank=True)
    discarded_findings = models.JSONField("不采纳的问题发现", default=list, blank=True)
    status = models.CharField("状态", max_length=12, choices=ReportStatus.choices, default=ReportStatus.DRAFT)
    figures = models.JSONField(
        "定稿数据", default=dict, blank=True, help_text="定稿时冻结的统计数据；草稿按实时数据生成"
    )
    finalised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="定稿人",
    )
    finalised_at = models.DateTimeField("定稿时间", null=True, blank=True)
    published_at = models.DateTimeField("公开时间", null=True, blank=True)
    pdf = models.FileField("公开版 PDF", upload_to="reports/", blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="最后修改人",
    )

    class Meta:
        ordering = ["-year"]
        verbose_name = verbose_name_plural = "年度执法工作报告"

    def __str__(self) -> str:
        return f"{self.year}年度行政执法工作报告"

    @property
    def editable(self) -> bool:
        return self.status == ReportStatus.DRAFT


class ReportJob(models.Model):
    """One generation of a report file, run as a background task with its progress."""

    year = models.PositiveSmallIntegerField("年度")
    fmt = models.CharField("格式", max_length=8, choices=ReportFormat.choices)
    status = models.CharField("状态", max_length=10, choices=JobStatus.choices, default=JobStatus.QUEUED)
    progress = models.PositiveSmallIntegerField("进度（%）", default=0)
    step = models.CharField("当前步骤", max_length=100, blank=True)
    error = models.TextField("错误信息", blank=True)
    file = models.FileField("文件", upload_to="reports/jobs/", blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="申请人",
    )
    created_at = models.DateTimeField("提交时间", auto_now_add=True)
    started_at = models.DateTimeField("开始时间", null=True, blank=True)
    finished_at = models.DateTimeField("完成时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = verbose_name_plural = "报告生成任务"

    def __str__(self) -> str:
        return f"{self.year} {self.get_fmt_display()} {self.get_status_display()}"

    @property
    def finished(self) -> bool:
        return self.status in (JobStatus.DONE, JobStatus.FAILED)

    @property
    def filename(self) -> str:
        suffix = {"docx": "docx", "pdf": "pdf", "json": "json", "xlsx": "xlsx"}[self.fmt]
        return (
            f"{self.year}年度行政执法工作报告.{suffix}"
            if self.fmt in ("docx", "pdf")
            else f"{self.year}年度行政执法统计.{suffix}"
        )
