"""联合执法行动: a joint operation planned beforehand, carried out through inspections, reviewed after.

States (the report's 行动前 / 行动中 / 行动后)::

    方案制定 ──start──► 实施中 ──review──► 已总结
        └───────cancel────────┘──► 已取消

The plan names the goal, the period, each participating department with its duties, and
the procedure. Inspections carried out in the operation are linked to it; its figures
(person-times by department, institutions covered, task outcomes) are computed from them.
"""

from django.db import models, transaction
from django.utils import timezone

from eduenforce.coordination.choices import OperationStatus
from eduenforce.coordination.models.scope import liaison_department_id
from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.models import TimeStampedModel
from eduenforce.records.journal import append


class OperationQuerySet(models.QuerySet):
    def visible_to(self, user):
        department = liaison_department_id(user)
        if department is None:
            return self
        return self.filter(
            pk__in=OperationDepartment.objects.filter(department_id=department).values("operation")
        )


class JointOperation(TimeStampedModel):
    name = models.CharField("行动名称", max_length=120)
    goal = models.TextField("行动目标")
    starts_on = models.DateField("开始日期")
    ends_on = models.DateField("结束日期")
    procedure = models.TextField("执法流程", blank=True)
    lead_department = models.ForeignKey(
        "accounts.Department", models.PROTECT, related_name="+", verbose_name="牵头单位"
    )
    status = models.CharField(
        "状态", max_length=10, choices=OperationStatus.choices, default=OperationStatus.PLANNED, db_index=True
    )
    started_at = models.DateTimeField("启动时间", null=True, blank=True)
    summary = models.TextField("行动总结", blank=True)
    lessons = models.TextField("经验教训与改进措施", blank=True)
    reviewed_at = models.DateTimeField("总结时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="总结人"
    )
    cancel_reason = models.CharField("取消原因", max_length=200, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="创建人"
    )
    tasks = models.ManyToManyField(
        "inspections.InspectionTask",
        through="OperationTask",
        related_name="joint_operations",
        verbose_name="检查任务",
    )

    objects = OperationQuerySet.as_manager()

    class Meta:
        ordering = ["-starts_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(ends_on__gte=models.F("starts_on")),
                name="coordination_operation_period_ordered",
            )
        ]
        verbose_name = verbose_name_plural = "联合执法行动"

    def __str__(self) -> str:
        return self.name

    def _lock(self) -> None:
        self.refresh_from_db(from_queryset=JointOperation.objects.select_for_update())

    @transaction.atomic
    def update_plan(self, *, goal: str, procedure: str, starts_on, ends_on, by) -> "JointOperation":
        """Revise the plan (行动前) while it is being drawn up."""
        self._lock()
        require_status(self, [OperationStatus.PLANNED], "修改方案")
        goal, procedure = (goal or "").strip(), (procedure or "").strip()
        if not goal:
            raise DomainError("请填写行动目标", field="goal")
        if ends_on < starts_on:
            raise DomainError("结束日期不能早于开始日期", field="ends_on")
        before = {
            "goal": self.goal,
            "procedure": self.procedure,
            "starts_on": self.starts_on,
            "ends_on": self.ends_on,
        }
        self.goal, self.procedure, self.starts_on, self.ends_on = goal, procedure, starts_on, ends_on
        self.save()
        append(actor=by, action="coordination.operation_plan_updated", obj=self, changes={"before": before})
        return self

    @transaction.atomic
    def set_department(self, *, department, duties: str, by, contact: str = "") -> "OperationDepartment":
        """参与单位及职责分工 (replaced when set again)."""
        self._lock()
        require_status(self, [OperationStatus.PLANNED, OperationStatus.UNDERWAY], "调整参与单位")
        duties = (duties or "").strip()
        if not duties:
            raise DomainError(f"请填写{department.display_name}的职责分工", field="duties")
        row, _ = OperationDepartment.objects.update_or_create(
            operation=self,
            department=department,
            defaults={"duties": duties, "contact": (contact or "").strip()[:100]},
        )
        append(
            actor=by,
            action="coordination.operation_department_set",
            obj=self,
            changes={"department": department.pk, "duties": duties},
        )
        return row

    @transaction.atomic
    def remove_department(self, *, department, by) -> None:
        self._lock()
        require_status(self, [OperationStatus.PLANNED], "移除参与单位")
        OperationDepartment.objects.filter(operation=self, department=department).delete()
        append(
            actor=by,
            action="coordination.operation_department_removed",
            obj=self,
            changes={"department": department.pk},
        )

    @transaction.atomic
    def start(self, *, by) -> "JointOperation":
        """启动: the plan must name at least one partner department and every department's duties."""
        self._lock()
        require_status(self, [OperationStatus.PLANNED], "启动行动")
        if not self.participants.filter(department__kind="partner").exists():
            raise DomainError("联合执法方案须至少有一个合作部门参与", field="departments")
        if not self.procedure.strip():
            raise DomainError("请先在方案中写明执法流程", field="procedure")
        self.status, self.started_at = OperationStatus.UNDERWAY, timezone.now()
        self.save()
        append(
            actor=by,
            action="coordination.operation_started",
            obj=self,
            changes={"departments": list(self.participants.values_list("department_id", flat=True))},
        )
        return self

    @transaction.atomic
    def link_task(self, *, task, by) -> "OperationTask":
        """Link an inspection carried out in this operation (its planned date inside the period)."""
        self._lock()
        require_status(self, [OperationStatus.UNDERWAY], "关联检查任务")
        if not self.starts_on <= task.planned_date <= self.ends_on:
            raise DomainError(
                f"检查任务 {task.number} 的计划日期 {task.planned_date:%Y-%m-%d} 不在行动期间内", field="task"
            )
        if OperationTask.objects.filter(operation=self, task=task).exists():
            raise DomainError(f"检查任务 {task.number} 已关联本行动", field="task")
        link = OperationTask.objects.create(operation=self, task=task, linked_by=by)
        append(actor=by, action="coordination.operation_task_linked", obj=self, changes={"task": task.pk})
        return link

    @transaction.atomic
    def unlink_task(self, *, task, by) -> None:
        self._lock()
        require_status(self, [OperationStatus.UNDERWAY], "取消关联检查任务")
        deleted, _ = OperationTask.objects.filter(operation=self, task=task).delete()
        if not deleted:
            raise DomainError("该检查任务未关联本行动", field="task")
        append(actor=by, action="coordination.operation_task_unlinked", obj=self, changes={"task": task.pk})

    @transaction.atomic
    def review(self, *, summary: str, lessons: str, by) -> "JointOperation":
        """行动后总结: summary and lessons learned; the figures are frozen into the journal entry."""
        self._lock()
        require_status(self, [OperationStatus.UNDERWAY], "总结")
        summary, lessons = (summary or "").strip(), (lessons or "").strip()
        if len(summary) < 10:
            raise DomainError("请填写行动总结（至少 10 个字）", field="summary")
        if not lessons:
            raise DomainError("请填写经验教训与改进措施", field="lessons")
        self.status, self.summary, self.lessons = OperationStatus.REVIEWED, summary, lessons
        self.reviewed_at, self.reviewed_by = timezone.now(), by
        self.save()
        append(
            actor=by, action="coordination.operation_reviewed", obj=self, changes={"figures": self.figures()}
        )
        return self

    @transaction.atomic
    def cancel(self, *, reason: str, by) -> "JointOperation":
        self._lock()
        require_status(self, [OperationStatus.PLANNED, OperationStatus.UNDERWAY], "取消行动")
        reason = (reason or "").strip()
        if not reason:
            raise DomainError("请填写取消原因", field="reason")
        self.status, self.cancel_reason = OperationStatus.CANCELLED, reason[:200]
        self.save()
        append(actor=by, action="coordination.operation_cancelled", obj=self, changes={"reason": reason})
        return self

    def figures(self) -> dict:
        """The operation's figures, each one aggregate query over the linked inspections."""
        from eduenforce.coordination.figures import operation_figures

        return operation_figures(self)


class OperationDepartment(models.Model):
    operation = models.ForeignKey(
        JointOperation, models.CASCADE, related_name="participants", verbose_name="行动"
    )
    department = models.ForeignKey(
        "accounts.Department", models.PROTECT, related_name="joint_operation_roles", verbose_name="参与单位"
    )
    duties = models.TextField("职责分工")
    contact = models.CharField("现场联系人", max_length=100, blank=True)

    class Meta:
        ordering = ["operation", "department__kind", "department__order"]
        constraints = [
            models.UniqueConstraint(fields=["operation", "department"], name="coordination_operation_dept")
        ]
        verbose_name = verbose_name_plural = "行动参与单位"

    def __str__(self) -> str:
        return f"{self.operation} {self.department}"


class OperationTask(models.Model):
    operation = models.ForeignKey(
        JointOperation, models.CASCADE, related_name="task_links", verbose_name="行动"
    )
    task = models.ForeignKey(
        "inspections.InspectionTask", models.PROTECT, related_name="operation_links", verbose_name="检查任务"
    )
    linked_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="关联人"
    )
    linked_at = models.DateTimeField("关联时间", auto_now_add=True)

    class Meta:
        ordering = ["operation", "linked_at"]
        constraints = [
            models.UniqueConstraint(fields=["operation", "task"], name="coordination_operation_task")
        ]
        verbose_name = verbose_name_plural = "行动检查任务"

    def __str__(self) -> str:
        return f"{self.operation} {self.task}"
