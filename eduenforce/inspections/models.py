"""Inspection tasks (行政检查). Created by draws, campaigns, complaints, cases and patrols.

States: 待提交 → 待审批 → 已批准 → 检查中 → 已完成 (or 已取消). An urgent task may start
before approval and is approved afterwards with a reason. The on-site record, hazards
and rectification live beside the task in this app.
"""

from django.db import models

from eduenforce.core.models import TimeStampedModel
from eduenforce.inspections.choices import MemberRole, TaskSource, TaskStatus


class InspectionTask(TimeStampedModel):
    number = models.CharField("任务编号", max_length=40, unique=True)
    institution = models.ForeignKey("registry.Institution", models.PROTECT, related_name="inspection_tasks",
                                    verbose_name="检查对象")
    item = models.ForeignKey("planning.EnforcementItem", models.PROTECT, related_name="inspection_tasks",
                             verbose_name="检查事项")
    source = models.CharField("任务来源", max_length=20, choices=TaskSource.choices, db_index=True)
    campaign = models.ForeignKey("planning.Campaign", models.PROTECT, null=True, blank=True,
                                 related_name="inspection_tasks", verbose_name="专项检查")
    is_joint = models.BooleanField("联合检查", default=False)
    partner_departments = models.ManyToManyField("accounts.Department", blank=True, related_name="joint_tasks",
                                                 verbose_name="联合部门")
    planned_date = models.DateField("计划检查日期", db_index=True)
    status = models.CharField("状态", max_length=20, choices=TaskStatus.choices, default=TaskStatus.DRAFT,
                              db_index=True)
    urgent = models.BooleanField("紧急", default=False)
    completed_at = models.DateTimeField("完成时间", null=True, blank=True, db_index=True)
    created_by = models.ForeignKey("accounts.User", models.PROTECT, null=True, blank=True, related_name="+",
                                   verbose_name="创建人")

    class Meta:
        ordering = ["-planned_date", "number"]
        verbose_name = verbose_name_plural = "检查任务"

    def __str__(self) -> str:
        return f"{self.number} {self.institution}"


class TaskMember(models.Model):
    """An officer on the task's team (at least two, each certified on the inspection date)."""

    task = models.ForeignKey(InspectionTask, models.CASCADE, related_name="members", verbose_name="检查任务")
    officer = models.ForeignKey("officers.Officer", models.PROTECT, related_name="task_memberships",
                                verbose_name="执法人员")
    role = models.CharField("分工", max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        ordering = ["task", "order"]
        constraints = [models.UniqueConstraint(fields=["task", "officer"], name="inspections_member_once")]
        verbose_name = verbose_name_plural = "检查组成员"

    def __str__(self) -> str:
        return f"{self.task.number} {self.officer}"
