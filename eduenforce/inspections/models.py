"""Inspection tasks (行政检查), the on-site record, hazards, rectification orders and outcomes.

Task states: 待提交 → 待审批 → 已批准 → 检查中 → 已完成 (or 已取消 before it starts).
Every task is approved by a section head before it starts (涉企检查: 事前审批). An urgent
task may start at once (待提交/待审批 → 检查中) and is approved afterwards, with a reason.
A task is completed by submitting its on-site record.

Record states: 填写中 → 已提交 → 已被更正版本替代. A submitted record is locked; a correction
is a new version (a new row) that replaces it when submitted.

Hazard states: 待处理 → 已现场整改 | 限期整改中 → 已整改 | 已移送立案.
Order states: 整改中 → 已整改 | 已移送立案.
"""

from django.db import models, transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.models import TimeStampedModel
from eduenforce.inspections.choices import (
    CheckResult,
    HazardSeverity,
    HazardStatus,
    MemberRole,
    OrderStatus,
    OutcomeKind,
    RecordStatus,
    TaskSource,
    TaskStatus,
)
from eduenforce.officers.eligibility import check_team
from eduenforce.planning.choices import HazardCategory
from eduenforce.records.journal import append


class InspectionTaskQuerySet(models.QuerySet):
    def visible_to(self, user):
        """A partner department's liaison officer sees only the joint tasks of that department."""
        if getattr(user, "role", None) == "liaison":
            if user.department_id is None:
                return self.none()
            return self.filter(partner_departments=user.department_id).distinct()
        return self

    def completed(self):
        return self.filter(status=TaskStatus.COMPLETED)

    def awaiting_approval(self):
        """待审批: submitted for prior approval, or urgent and started without it (补批)."""
        return self.filter(
            Q(status=TaskStatus.PENDING_APPROVAL)
            | Q(
                urgent=True,
                approved_at__isnull=True,
                status__in=[TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED],
            )
        )

    def of_user(self, user):
        return self.filter(members__officer__user=user)

    def open(self):
        return self.exclude(status__in=[TaskStatus.COMPLETED, TaskStatus.CANCELLED])

    def counted_for_item(self, item):
        """Inspections under ``item`` (any version) that count as inspections of it: not
        cancelled, not re-inspections (those belong to the inspection they follow up).
        The annual cap (``inspections.caps``) and the draw's period exclusion count these."""
        return (
            self.filter(item__code=item.code)
            .exclude(status=TaskStatus.CANCELLED)
            .exclude(source=TaskSource.REINSPECTION)
        )


class InspectionTask(TimeStampedModel):
    number = models.CharField("任务编号", max_length=40, unique=True)
    institution = models.ForeignKey(
        "registry.Institution", models.PROTECT, related_name="inspection_tasks", verbose_name="检查对象"
    )
    item = models.ForeignKey(
        "planning.EnforcementItem", models.PROTECT, related_name="inspection_tasks", verbose_name="检查事项"
    )
    source = models.CharField("任务来源", max_length=20, choices=TaskSource.choices, db_index=True)
    source_ref = models.CharField(
        "来源编号", max_length=80, blank=True, help_text="如抽查批次、投诉编号、案件编号"
    )
    campaign = models.ForeignKey(
        "planning.Campaign",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="inspection_tasks",
        verbose_name="专项检查",
    )
    is_joint = models.BooleanField("联合检查", default=False)
    partner_departments = models.ManyToManyField(
        "accounts.Department", blank=True, related_name="joint_tasks", verbose_name="联合部门"
    )
    planned_date = models.DateField("计划检查日期", db_index=True)
    status = models.CharField(
        "状态", max_length=20, choices=TaskStatus.choices, default=TaskStatus.DRAFT, db_index=True
    )
    urgent = models.BooleanField("紧急", default=False)
    urgent_reason = models.CharField("紧急事由", max_length=300, blank=True)
    exceeds_cap = models.BooleanField("超出年度频次上限", default=False, db_index=True)
    cap_reason = models.CharField("超频次检查理由", max_length=300, blank=True)
    note = models.CharField("任务说明", max_length=300, blank=True)
    submitted_at = models.DateTimeField("提交审批时间", null=True, blank=True)
    approved_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="审批人"
    )
    approved_at = models.DateTimeField("审批时间", null=True, blank=True)
    approval_note = models.CharField("审批意见", max_length=300, blank=True)
    returned_reason = models.CharField("退回理由", max_length=300, blank=True)
    started_at = models.DateTimeField("开始检查时间", null=True, blank=True)
    cancel_reason = models.CharField("取消理由", max_length=300, blank=True)
    completed_at = models.DateTimeField("完成时间", null=True, blank=True, db_index=True)
    created_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="创建人"
    )

    objects = InspectionTaskQuerySet.as_manager()

    class Meta:
        ordering = ["-planned_date", "number"]
        verbose_name = verbose_name_plural = "检查任务"

    def __str__(self) -> str:
        return f"{self.number} {self.institution}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:task-detail", args=[self.pk])

    # ------------------------------------------------------------------ helpers
    @property
    def team(self):
        return [m.officer for m in self.members.select_related("officer").order_by("order")]

    @property
    def person_times(self) -> int:
        """出动人次 of this inspection: officers on the team plus partner participants."""
        return self.members.count() + self.partner_participants.count()

    @property
    def awaits_retro_approval(self) -> bool:
        return (
            self.urgent
            and self.approved_at is None
            and self.status in (TaskStatus.IN_PROGRESS, TaskStatus.COMPLETED)
        )

    def has_member(self, user) -> bool:
        return getattr(user, "is_authenticated", False) and self.members.filter(officer__user=user).exists()

    def can_work(self, user) -> bool:
        """The team's officers work the task; a section head may step in."""
        return getattr(user, "role", None) == "section_head" or self.has_member(user)

    def current_record(self):
        """The record in force: the latest submitted version, else the draft."""
        records = self.records.exclude(status=RecordStatus.SUPERSEDED).order_by("-version")
        return records.filter(status=RecordStatus.SUBMITTED).first() or records.first()

    def draft_record(self):
        return self.records.filter(status=RecordStatus.DRAFT).first()

    def _locked(self) -> "InspectionTask":
        return InspectionTask.objects.select_for_update().get(pk=self.pk)

    def _refresh_from(self, fresh: "InspectionTask") -> None:
        for field in self._meta.concrete_fields:
            setattr(self, field.attname, getattr(fresh, field.attname))

    # ------------------------------------------------------------------ transitions
    @transaction.atomic
    def submit(self, *, by) -> None:
        """提交审批."""
        task = self._locked()
        require_status(task, [TaskStatus.DRAFT], "提交审批")
        task.status, task.submitted_at, task.returned_reason = TaskStatus.PENDING_APPROVAL, timezone.now(), ""
        task.save(update_fields=["status", "submitted_at", "returned_reason", "updated_at"])
        append(
            actor=by,
            action="inspection.task_submitted",
            obj=task,
            changes={"status": [TaskStatus.DRAFT, task.status]},
        )
        self._refresh_from(task)

    @transaction.atomic
    def approve(self, *, by, note: str = "") -> None:
        """审批: prior approval of a submitted task, or the later approval of an urgent one."""
        from eduenforce.core.permissions import has_capability

        task = self._locked()
        retro = task.awaits_retro_approval
        if not retro:
            require_status(task, [TaskStatus.PENDING_APPROVAL], "审批")
        if not has_capability(by, "inspections.approve"):
            raise DomainError("检查任务须由科室负责人审批")
        if task.has_member(by):
            raise DomainError("审批人不能是本次检查的检查组成员", field="note")
        note = (note or "").strip()
        if retro and not note:
            raise DomainError("紧急检查事后补办审批，须填写审批意见", field="note")
        if task.exceeds_cap and not note:
            raise DomainError("该检查超出事项年度频次上限，审批时须写明同意超频次检查的理由", field="note")
        task.approved_by, task.approved_at, task.approval_note = by, timezone.now(), note[:300]
        if not retro:
            task.status = TaskStatus.APPROVED
        task.save(update_fields=["status", "approved_by", "approved_at", "approval_note", "updated_at"])
        append(
            actor=by,
            action="inspection.task_approved",
            obj=task,
            changes={
                "retrospective": retro,
                "note": note,
                "exceeds_cap": task.exceeds_cap,
                "status": task.status,
            },
        )
        self._refresh_from(task)

    @transaction.atomic
    def reject(self, *, by, reason: str) -> None:
        """退回: back to the creator with a reason."""
        task = self._locked()
        require_status(task, [TaskStatus.PENDING_APPROVAL], "退回")
        reason = (reason or "").strip()
        if not reason:
            raise DomainError("退回须填写理由", field="note")
        task.status, task.returned_reason = TaskStatus.DRAFT, reason[:300]
        task.save(update_fields=["status", "returned_reason", "updated_at"])
        append(actor=by, action="inspection.task_returned", obj=task, changes={"reason": reason})
        self._refresh_from(task)

    @transaction.atomic
    def start(self, *, by) -> "InspectionRecord":
        """开始检查: the team must be certified today; opens the on-site record (a draft)."""
        task = self._locked()
        allowed = [TaskStatus.APPROVED]
        if task.urgent:
            allowed += [TaskStatus.DRAFT, TaskStatus.PENDING_APPROVAL]
        if task.status in (TaskStatus.DRAFT, TaskStatus.PENDING_APPROVAL) and not task.urgent:
            raise DomainError("检查任务须经科室负责人事前审批后方可实施（紧急检查除外）")
        require_status(task, allowed, "开始检查")
        check_team(task.team, timezone.localdate(), institution=task.institution)
        before = task.status
        task.status, task.started_at = TaskStatus.IN_PROGRESS, timezone.now()
        task.save(update_fields=["status", "started_at", "updated_at"])
        record, _ = InspectionRecord.objects.get_or_create(
            task=task, version=1, defaults={"place": task.institution.address, "started_at": task.started_at}
        )
        append(
            actor=by,
            action="inspection.task_started",
            obj=task,
            changes={"status": [before, task.status], "without_prior_approval": task.approved_at is None},
        )
        self._refresh_from(task)
        return record

    @transaction.atomic
    def cancel(self, *, by, reason: str) -> None:
        task = self._locked()
        require_status(task, [TaskStatus.DRAFT, TaskStatus.PENDING_APPROVAL, TaskStatus.APPROVED], "取消")
        reason = (reason or "").strip()
        if not reason:
            raise DomainError("取消任务须填写理由", field="note")
        before = task.status
        task.status, task.cancel_reason = TaskStatus.CANCELLED, reason[:300]
        task.save(update_fields=["status", "cancel_reason", "updated_at"])
        append(
            actor=by,
            action="inspection.task_cancelled",
            obj=task,
            changes={"status": [before, task.status], "reason": reason},
        )
        self._refresh_from(task)


class TaskMember(models.Model):
    """An officer on the task's team (at least two, each certified on the inspection date)."""

    task = models.ForeignKey(InspectionTask, models.CASCADE, related_name="members", verbose_name="检查任务")
    officer = models.ForeignKey(
        "officers.Officer", models.PROTECT, related_name="task_memberships", verbose_name="执法人员"
    )
    role = models.CharField("分工", max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER)
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        ordering = ["task", "order"]
        constraints = [models.UniqueConstraint(fields=["task", "officer"], name="inspections_member_once")]
        verbose_name = verbose_name_plural = "检查组成员"

    def __str__(self) -> str:
        return f"{self.task.number} {self.officer}"


class PartnerParticipant(models.Model):
    """A person from a partner department (消防, 市场监管, …) who took part in a joint inspection.
    Counts towards the inspection's person-times like an officer."""

    task = models.ForeignKey(
        InspectionTask, models.CASCADE, related_name="partner_participants", verbose_name="检查任务"
    )
    department = models.ForeignKey(
        "accounts.Department",
        models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "partner"},
        verbose_name="所属部门",
    )
    name = models.CharField("姓名", max_length=50)
    position = models.CharField("职务", max_length=50, blank=True)
    added_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="登记人"
    )

    class Meta:
        ordering = ["task", "department", "id"]
        verbose_name = verbose_name_plural = "联合部门参检人员"

    def __str__(self) -> str:
        return f"{self.department.display_name} {self.name}"


class InspectionRecord(TimeStampedModel):
    """现场检查笔录, one version per row. Only a draft is edited; submitting locks it."""

    task = models.ForeignKey(InspectionTask, models.PROTECT, related_name="records", verbose_name="检查任务")
    version = models.PositiveSmallIntegerField("版本", default=1)
    status = models.CharField(
        "状态", max_length=12, choices=RecordStatus.choices, default=RecordStatus.DRAFT, db_index=True
    )
    supersedes = models.OneToOneField(
        "self", models.PROTECT, null=True, blank=True, related_name="superseded_by", verbose_name="更正的版本"
    )
    correction_reason = models.CharField("更正理由", max_length=300, blank=True)
    started_at = models.DateTimeField("检查开始时间", null=True, blank=True)
    ended_at = models.DateTimeField("检查结束时间", null=True, blank=True)
    place = models.CharField("检查地点", max_length=200, blank=True)
    party_representative = models.CharField("当事人代表", max_length=50, blank=True)
    representative_position = models.CharField("代表职务", max_length=50, blank=True)
    findings = models.TextField("检查情况", blank=True)
    officer_signature = models.ForeignKey(
        "records.EvidenceFile",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="执法人员签名",
    )
    party_signature = models.ForeignKey(
        "records.EvidenceFile",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="当事人签名",
    )
    party_refused = models.BooleanField("当事人拒绝签字", default=False)
    witness_name = models.CharField("见证人", max_length=50, blank=True)
    autosaved_at = models.DateTimeField("自动保存时间", null=True, blank=True)
    submitted_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="提交人"
    )
    submitted_at = models.DateTimeField("提交时间", null=True, blank=True)
    content = models.JSONField("提交时的内容", default=dict, blank=True)
    content_sha256 = models.CharField("内容 SHA-256", max_length=64, blank=True)
    content_sm3 = models.CharField("内容 SM3", max_length=64, blank=True)

    class Meta:
        ordering = ["task", "version"]
        constraints = [
            models.UniqueConstraint(fields=["task", "version"], name="inspections_record_version_once"),
            models.UniqueConstraint(
                fields=["task"], condition=Q(status="draft"), name="inspections_record_one_draft"
            ),
        ]
        verbose_name = verbose_name_plural = "现场检查笔录"

    def __str__(self) -> str:
        return f"{self.task.number} 笔录第{self.version}版"

    def get_absolute_url(self) -> str:
        return reverse("inspections:record", args=[self.task_id])

    @property
    def is_draft(self) -> bool:
        return self.status == RecordStatus.DRAFT


class ChecklistResult(models.Model):
    """One checklist point of the item, answered on site (合格/不合格/不适用 + note)."""

    record = models.ForeignKey(InspectionRecord, models.CASCADE, related_name="results", verbose_name="笔录")
    point = models.ForeignKey(
        "planning.ChecklistPoint", models.PROTECT, related_name="+", verbose_name="检查要点"
    )
    result = models.CharField("结论", max_length=4, choices=CheckResult.choices, blank=True)
    note = models.CharField("说明", max_length=300, blank=True)
    rectified_on_spot = models.BooleanField("现场整改", default=False)

    class Meta:
        ordering = ["record", "point__order"]
        constraints = [models.UniqueConstraint(fields=["record", "point"], name="inspections_result_once")]
        verbose_name = verbose_name_plural = "检查要点结论"

    def __str__(self) -> str:
        return f"{self.point} {self.get_result_display()}"


class Hazard(TimeStampedModel):
    """A hazard (安全隐患/问题) found on site. Belongs to the task; recorded in a record version."""

    task = models.ForeignKey(InspectionTask, models.PROTECT, related_name="hazards", verbose_name="检查任务")
    record = models.ForeignKey(
        InspectionRecord, models.PROTECT, related_name="hazards", verbose_name="记录于"
    )
    point = models.ForeignKey(
        "planning.ChecklistPoint",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="对应检查要点",
    )
    category = models.CharField("隐患类别", max_length=20, choices=HazardCategory.choices)
    severity = models.CharField(
        "严重程度", max_length=10, choices=HazardSeverity.choices, default=HazardSeverity.GENERAL
    )
    description = models.TextField("隐患描述")
    location = models.CharField("位置", max_length=200, blank=True)
    rectified_on_spot = models.BooleanField("现场整改", default=False)
    spot_measure = models.CharField("现场整改措施", max_length=300, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=HazardStatus.choices, default=HazardStatus.RECORDED, db_index=True
    )
    order = models.ForeignKey(
        "RectificationOrder",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="hazards",
        verbose_name="整改通知",
    )
    closed_at = models.DateTimeField("销号时间", null=True, blank=True)

    class Meta:
        ordering = ["task", "id"]
        verbose_name = verbose_name_plural = "隐患"

    def __str__(self) -> str:
        return f"{self.get_category_display()}：{self.description[:30]}"

    @property
    def needs_order(self) -> bool:
        return self.status == HazardStatus.RECORDED and self.record.status != RecordStatus.DRAFT


class RectificationOrder(TimeStampedModel):
    """责令限期整改通知书: hazards to fix by a deadline in working days; re-inspected at the deadline."""

    number = models.CharField("文书编号", max_length=60, blank=True, db_index=True)
    task = models.ForeignKey(InspectionTask, models.PROTECT, related_name="orders", verbose_name="检查任务")
    institution = models.ForeignKey(
        "registry.Institution", models.PROTECT, related_name="rectification_orders", verbose_name="整改对象"
    )
    requirements = models.TextField("整改要求")
    legal_basis = models.TextField("法律依据")
    issued_on = models.DateField("下达日期")
    due_on = models.DateField("整改期限", db_index=True)
    working_days = models.PositiveSmallIntegerField("整改期限（工作日）")
    status = models.CharField(
        "状态", max_length=12, choices=OrderStatus.choices, default=OrderStatus.ISSUED, db_index=True
    )
    reinspection_task = models.OneToOneField(
        InspectionTask,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="reinspected_order",
        verbose_name="复查任务",
    )
    reinspection_problem = models.CharField("复查任务生成问题", max_length=300, blank=True)
    issued_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="下达人"
    )
    concluded_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="复查结论人"
    )
    concluded_at = models.DateTimeField("复查结论时间", null=True, blank=True)
    conclusion_note = models.CharField("复查意见", max_length=300, blank=True)
    lead_number = models.CharField("移送线索编号", max_length=40, blank=True)

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = verbose_name_plural = "责令限期整改通知"

    def __str__(self) -> str:
        return f"{self.number or '整改通知'} {self.institution}"

    def get_absolute_url(self) -> str:
        return reverse("inspections:order-detail", args=[self.pk])

    def is_overdue(self, today=None) -> bool:
        today = today or timezone.localdate()
        return self.status == OrderStatus.ISSUED and self.due_on < today


class Outcome(TimeStampedModel):
    """移送立案 of what an inspection found (e.g. a licence expired: 拟停办); the case lead it
    registered carries the inspection into the case. It never changes the institution: only a
    served case decision does (行政处罚法第九条、第三十八条)."""

    task = models.ForeignKey(
        InspectionTask,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="outcomes",
        verbose_name="检查任务",
    )
    institution = models.ForeignKey(
        "registry.Institution", models.PROTECT, related_name="inspection_outcomes", verbose_name="机构"
    )
    kind = models.CharField("处理结果", max_length=20, choices=OutcomeKind.choices)
    legal_basis = models.TextField("法律依据")
    reason = models.TextField("事实与理由")
    decided_on = models.DateField("移送日期")
    decided_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name="移送人")
    status_before = models.CharField("移送时机构状态", max_length=20)
    lead_number = models.CharField("案件线索编号", max_length=40, blank=True)

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = verbose_name_plural = "移送立案"

    def __str__(self) -> str:
        return f"{self.institution} {self.get_kind_display()}"
