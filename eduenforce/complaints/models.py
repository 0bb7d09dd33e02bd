"""投诉举报: complaints and reports from the public, by phone or counter, and transfers.

States of ``Complaint`` (``choices.Status``)::

    待受理 ──accept──► 已受理待分派 ──assign──► 办理中 ──reply──► 已办结答复 ──rate──► (rated)
       └──reject──► 不予受理

A complaint is handled by creating an inspection task, a case lead or a referral to a
partner department (``actions.py``), or by a direct reply. The acceptance deadline and
the reply deadline come from the deadline rules; the reply deadline may be extended once.

The complainant's identity (name, phone) is shown only to the assigned handler and the
section head (``identity_visible_to``); it never appears on public pages, in referrals to
other departments or in the journal.
"""

from datetime import timedelta

from django.contrib.auth.hashers import check_password
from django.db import models, transaction
from django.db.models import Case, F, Q, Value, When
from django.utils import timezone

from eduenforce.complaints.choices import (
    IN_HAND_STATUSES,
    OPEN_STATUSES,
    Finding,
    HandlingKind,
    MatterType,
    NoticeChannel,
    NoticeKind,
    Outcome,
    Satisfaction,
    Source,
    Status,
    Timeliness,
)
from eduenforce.core import config
from eduenforce.core.deadlines import due_date, rule
from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.models import TimeStampedModel
from eduenforce.records.journal import append, diff, snapshot

# The fields every transition snapshots for its journal entry (never identity fields).
TRACKED = [
    "status",
    "handler",
    "accept_due",
    "reply_due",
    "decided_on",
    "handling_kind",
    "finding",
    "extended_days",
    "satisfaction",
    "institution",
    "duplicate_of",
]


def acceptance_due(received_on):
    return due_date("complaint_acceptance", received_on, number=config.get("complaints.accept_working_days"))


def reply_due_from(accepted_on):
    return due_date("complaint_reply", accepted_on, number=config.get("complaints.reply_days"))


class ComplaintQuerySet(models.QuerySet):
    def open(self):
        return self.filter(status__in=OPEN_STATUSES)

    def overdue(self, today=None):
        """Past the acceptance deadline undecided, or past the reply deadline unanswered."""
        today = today or timezone.localdate()
        return self.filter(
            Q(status=Status.RECEIVED, accept_due__lt=today)
            | Q(status__in=IN_HAND_STATUSES, reply_due__lt=today)
        )

    def handled_by(self, user):
        return self.filter(handler=user)

    def with_outcome(self):
        return self.annotate(
            outcome=Case(
                When(status=Status.REJECTED, then=Value(Outcome.NOT_ACCEPTED.value)),
                When(status=Status.REPLIED, then=F("finding")),
                default=Value(Outcome.PENDING.value),
                output_field=models.CharField(),
            )
        )

    def with_timeliness(self, today=None):
        today = today or timezone.localdate()
        return self.annotate(
            timeliness=Case(
                When(
                    status=Status.REPLIED,
                    replied_on__lte=F("reply_due"),
                    then=Value(Timeliness.ON_TIME.value),
                ),
                When(status=Status.REPLIED, then=Value(Timeliness.LATE.value)),
                When(
                    status=Status.REJECTED,
                    decided_on__lte=F("accept_due"),
                    then=Value(Timeliness.ON_TIME.value),
                ),
                When(status=Status.REJECTED, then=Value(Timeliness.LATE.value)),
                When(
                    Q(status=Status.RECEIVED, accept_due__lt=today)
                    | Q(status__in=IN_HAND_STATUSES, reply_due__lt=today),
                    then=Value(Timeliness.OVERDUE.value),
                ),
                default=Value(Timeliness.OPEN.value),
                output_field=models.CharField(),
            )
        )


class Complaint(TimeStampedModel):
    tracking_number = models.CharField("受理编号", max_length=20, unique=True)
    code_hash = models.CharField("查询码（杂凑）", max_length=128)
    source = models.CharField("来源", max_length=12, choices=Source.choices, db_index=True)
    source_reference = models.CharField(
        "来源编号", max_length=60, blank=True, help_text="12345 热线工单号或转办部门的文号"
    )
    source_department = models.ForeignKey(
        "accounts.Department",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="转办部门",
    )
    matter_type = models.CharField("事项类型", max_length=20, choices=MatterType.choices, db_index=True)
    institution = models.ForeignKey(
        "registry.Institution",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="complaints",
        verbose_name="被投诉机构",
    )
    institution_name = models.CharField("机构名称（投诉人填写）", max_length=120)
    institution_address = models.CharField("机构地址", max_length=200, blank=True)
    street = models.ForeignKey(
        "accounts.Department",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        limit_choices_to={"kind": "street"},
        verbose_name="所在街道",
    )
    occurred_on = models.DateField("发生日期", null=True, blank=True)
    content = models.TextField("反映情况")
    # Identity: shown only through ``identity_visible_to``.
    is_anonymous = models.BooleanField("匿名", default=True)
    complainant_name = models.CharField("投诉人姓名", max_length=50, blank=True)
    complainant_phone = models.CharField("投诉人电话", max_length=20, blank=True)
    complainant_address = models.CharField("投诉人通信地址", max_length=200, blank=True)

    received_at = models.DateTimeField("收到时间", db_index=True)
    received_on = models.DateField("收到日期", db_index=True)
    registered_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="登记人"
    )
    status = models.CharField(
        "状态", max_length=10, choices=Status.choices, default=Status.RECEIVED, db_index=True
    )
    accept_due = models.DateField("受理期限", db_index=True)
    decided_on = models.DateField("受理决定日期", null=True, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="受理决定人"
    )
    rejection_reason = models.TextField("不予受理理由", blank=True)
    handler = models.ForeignKey(
        "accounts.User",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="handled_complaints",
        verbose_name="承办人",
    )
    assigned_at = models.DateTimeField("分派时间", null=True, blank=True)
    reply_due = models.DateField("答复期限", null=True, blank=True, db_index=True)
    extended_days = models.PositiveSmallIntegerField("延期天数", default=0)
    extension_reason = models.TextField("延期理由", blank=True)
    handling_kind = models.CharField("办理方式", max_length=12, choices=HandlingKind.choices, blank=True)
    finding = models.CharField("核查结论", max_length=16, choices=Finding.choices, blank=True)
    reply_text = models.TextField("答复内容", blank=True)
    replied_on = models.DateField("答复日期", null=True, blank=True)
    replied_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="答复人"
    )
    satisfaction = models.CharField("满意度", max_length=12, choices=Satisfaction.choices, blank=True)
    satisfaction_comment = models.CharField("评价意见", max_length=300, blank=True)
    rated_at = models.DateTimeField("评价时间", null=True, blank=True)
    duplicate_of = models.ForeignKey(
        "self",
        models.SET_NULL,
        null=True,
        blank=True,
        related_name="duplicates",
        verbose_name="重复投诉（首件）",
    )

    objects = ComplaintQuerySet.as_manager()

    class Meta:
        ordering = ["-received_at", "-id"]
        indexes = [models.Index(fields=["institution", "received_at"], name="complaints_inst_received_idx")]
        verbose_name = verbose_name_plural = "投诉举报"

    def __str__(self) -> str:
        return f"{self.tracking_number} {self.institution_name}"

    # --- reading -------------------------------------------------------------------------
    def check_code(self, code: str) -> bool:
        return check_password(code, self.code_hash)

    def identity_visible_to(self, user) -> bool:
        """Only the assigned handler and section heads, and only with the capability."""
        from eduenforce.core.permissions import has_capability

        if not has_capability(user, "complaints.view_identity"):
            return False
        return user.role == "section_head" or (self.handler_id is not None and self.handler_id == user.pk)

    def may_handle(self, user) -> bool:
        from eduenforce.core.permissions import has_capability

        if not has_capability(user, "complaints.handle"):
            return False
        return user.role == "section_head" or self.handler_id == user.pk

    @property
    def group_root_id(self):
        return self.duplicate_of_id or self.pk

    def group(self):
        """This complaint with its linked duplicates (same institution within the window)."""
        root = self.group_root_id
        return Complaint.objects.filter(Q(pk=root) | Q(duplicate_of_id=root)).order_by("received_at", "pk")

    @property
    def is_overdue(self) -> bool:
        today = timezone.localdate()
        if self.status == Status.RECEIVED:
            return self.accept_due < today
        return self.status in IN_HAND_STATUSES and self.reply_due is not None and self.reply_due < today

    @property
    def public_progress(self) -> str:
        """What the tracking lookup says, in plain words and without internal details."""
        return {
            Status.RECEIVED: "已收到，正在审查是否受理",
            Status.ACCEPTED: "已受理，正在安排承办人员",
            Status.HANDLING: "已受理，正在调查处理",
            Status.REPLIED: "已办结并答复",
            Status.REJECTED: "不予受理",
        }[self.status]

    # --- transitions ---------------------------------------------------------------------
    def _lock(self) -> dict:
        self.refresh_from_db(from_queryset=Complaint.objects.select_for_update())
        return snapshot(self, TRACKED)

    def _journal(self, by, action: str, before: dict, **extra) -> None:
        append(
            actor=by,
            action=f"complaint.{action}",
            obj=self,
            changes={**diff(before, snapshot(self, TRACKED)), **extra},
        )

    def _require_channel(self, channel: str) -> None:
        if not self.is_anonymous and channel not in NoticeChannel.values:
            raise DomainError("实名投诉须告知投诉人，请选择告知方式", field="notice_channel")

    def _notify(self, kind: str, channel: str, content: str, by) -> "ComplaintNotice | None":
        """A named complainant is told the outcome; the notice is recorded (anonymous: lookup only)."""
        if self.is_anonymous:
            return None
        notice = ComplaintNotice.objects.create(
            complaint=self,
            kind=kind,
            channel=channel,
            content=content,
            sent_by=by if getattr(by, "is_authenticated", False) else None,
        )
        append(
            actor=by,
            action="complaint.notice_recorded",
            obj=self,
            changes={"kind": kind, "channel": channel, "notice": notice.pk},
        )
        return notice

    @transaction.atomic
    def accept(self, *, by, notice_channel: str = "") -> "Complaint":
        """受理: starts the reply deadline; a named complainant is told (the notice is recorded)."""
        before = self._lock()
        require_status(self, [Status.RECEIVED], "受理")
        self._require_channel(notice_channel)
        today = timezone.localdate()
        self.status, self.decided_on, self.decided_by = Status.ACCEPTED, today, by
        self.reply_due = reply_due_from(today)
        self.save()
        self._journal(by, "accepted", before)
        self._notify(
            NoticeKind.ACCEPTANCE,
            notice_channel,
            f"您反映的问题（受理编号 {self.tracking_number}）已于 {today:%Y年%m月%d日} 受理，"
            f"我局将于 {self.reply_due:%Y年%m月%d日} 前答复办理结果。",
            by,
        )
        return self

    @transaction.atomic
    def reject(self, *, by, reason: str, notice_channel: str = "") -> "Complaint":
        """不予受理, with the reason the complainant is told."""
        reason = (reason or "").strip()
        before = self._lock()
        require_status(self, [Status.RECEIVED], "作出不予受理决定")
        if len(reason) < 4:
            raise DomainError("请填写不予受理的理由（至少 4 个字）", field="reason")
        self._require_channel(notice_channel)
        today = timezone.localdate()
        self.status, self.decided_on, self.decided_by, self.rejection_reason = (
            Status.REJECTED,
            today,
            by,
            reason,
        )
        self.save()
        self._journal(by, "rejected", before, reason=reason)
        self._notify(
            NoticeKind.REJECTION,
            notice_channel,
            f"您反映的问题（受理编号 {self.tracking_number}）经审查不予受理，理由：{reason}",
            by,
        )
        return self

    @transaction.atomic
    def assign(self, *, handler, by) -> "Complaint":
        """分派 (or re-assign) to a handler who may handle complaints."""
        from eduenforce.core.permissions import has_capability

        before = self._lock()
        require_status(self, IN_HAND_STATUSES, "分派承办人")
        if handler is None or not handler.is_active or not has_capability(handler, "complaints.handle"):
            raise DomainError("承办人须为在职的执法人员或科室负责人", field="handler")
        self.handler, self.assigned_at, self.status = handler, timezone.now(), Status.HANDLING
        self.save()
        self._journal(by, "assigned", before)
        return self

    @transaction.atomic
    def extend(self, *, days: int, reason: str, by, notice_channel: str = "") -> "Complaint":
        """延期: once, by at most the complaint_extension rule, with a reason."""
        reason = (reason or "").strip()
        before = self._lock()
        require_status(self, IN_HAND_STATUSES, "延期")
        cap = rule("complaint_extension").number
        if self.extended_days:
            raise DomainError("答复期限只能延长一次，本件已延期", field="days")
        if not isinstance(days, int) or not 1 <= days <= cap:
            raise DomainError(f"延长天数须在 1 至 {cap} 天之间", field="days")
        if len(reason) < 4:
            raise DomainError("请填写延期理由（至少 4 个字）", field="reason")
        self._require_channel(notice_channel)
        self.reply_due = due_date("complaint_extension", self.reply_due, number=days)
        self.extended_days, self.extension_reason = days, reason
        self.save()
        self._journal(by, "extended", before, reason=reason)
        self._notify(
            NoticeKind.EXTENSION,
            notice_channel,
            f"您反映的问题（受理编号 {self.tracking_number}）因{reason}，答复期限延长至 "
            f"{self.reply_due:%Y年%m月%d日}。",
            by,
        )
        return self

    @transaction.atomic
    def reply(self, *, text: str, finding: str, by, notice_channel: str = "") -> "Complaint":
        """办结答复: the final reply; the handling method stays as recorded, else 直接答复."""
        text = (text or "").strip()
        before = self._lock()
        require_status(self, [Status.HANDLING], "答复")
        if len(text) < 10:
            raise DomainError("请填写答复内容（至少 10 个字）", field="text")
        if finding not in Finding.values:
            raise DomainError("请选择核查结论", field="finding")
        if finding == Finding.REFERRED and not self.handlings.filter(kind=HandlingKind.REFERRAL).exists():
            raise DomainError("本件未移送其他部门，核查结论不能为“已移送有关部门处理”", field="finding")
        self._require_channel(notice_channel)
        today = timezone.localdate()
        self.status, self.reply_text, self.finding = Status.REPLIED, text, finding
        self.replied_on, self.replied_by = today, by
        self.handling_kind = self.handling_kind or HandlingKind.DIRECT
        self.save()
        self._journal(by, "replied", before, late=self.reply_due is not None and today > self.reply_due)
        self._notify(NoticeKind.REPLY, notice_channel, text, by)
        return self

    @transaction.atomic
    def rate(self, *, satisfaction: str, comment: str = "", by=None) -> "Complaint":
        """The complainant's satisfaction rating: once, after the reply (portal or phone callback)."""
        before = self._lock()
        require_status(self, [Status.REPLIED], "评价")
        if self.satisfaction:
            raise DomainError("本件已评价，不能重复评价", field="satisfaction")
        if satisfaction not in Satisfaction.values:
            raise DomainError("请选择满意度", field="satisfaction")
        self.satisfaction, self.satisfaction_comment = satisfaction, (comment or "").strip()[:300]
        self.rated_at = timezone.now()
        self.save()
        self._journal(by, "rated", before)
        return self

    @transaction.atomic
    def link_institution(self, *, institution, by) -> "Complaint":
        """Link the registered institution the complaint is about; re-checks duplicates."""
        before = self._lock()
        require_status(self, OPEN_STATUSES, "关联机构")
        self.institution, self.street_id = institution, institution.street_id
        self.save()
        self._journal(by, "institution_linked", before)
        link_duplicates(self, by=by)
        return self

    @transaction.atomic
    def record_handling(self, *, kind: str, by, note: str = "", **targets) -> "ComplaintHandling":
        """A handling step (inspection task, case lead, referral); called by ``actions.py``."""
        before = self._lock()
        require_status(self, [Status.HANDLING], "办理")
        handling = ComplaintHandling.objects.create(
            complaint=self, kind=kind, note=note, created_by=by, **targets
        )
        if self.handling_kind in ("", HandlingKind.DIRECT):
            self.handling_kind = kind
            self.save(update_fields=["handling_kind", "updated_at"])
        self._journal(
            by,
            "handling_recorded",
            before,
            handling=handling.pk,
            kind=kind,
            targets={k: getattr(v, "pk", v) for k, v in targets.items()},
        )
        return handling


def link_duplicates(complaint: Complaint, *, by) -> Complaint | None:
    """Link complaints about the same institution received within the window into one group.

    The group's root is its earliest complaint; groups that the new link bridges merge.
    Returns the root, or None when there is nothing to link.
    """
    window = timedelta(days=config.get("complaints.duplicate_window_days"))
    same = Complaint.objects.exclude(pk=complaint.pk).filter(
        received_at__gte=complaint.received_at - window, received_at__lte=complaint.received_at + window
    )
    if complaint.institution_id:
        same = same.filter(institution_id=complaint.institution_id)
    elif complaint.institution_name.strip():
        same = same.filter(institution__isnull=True, institution_name=complaint.institution_name.strip())
    else:
        return None
    root_ids = {c.duplicate_of_id or c.pk for c in same.only("pk", "duplicate_of_id")}
    if not root_ids:
        return None
    root_ids.add(complaint.group_root_id)
    root = Complaint.objects.filter(pk__in=root_ids).order_by("received_at", "pk").first()
    members = (
        Complaint.objects.select_for_update()
        .filter(Q(pk__in=root_ids) | Q(duplicate_of_id__in=root_ids) | Q(pk=complaint.pk))
        .exclude(pk=root.pk)
    )
    changed = [m.pk for m in members if m.duplicate_of_id != root.pk]
    if changed:
        Complaint.objects.filter(pk__in=changed).update(duplicate_of=root)
        Complaint.objects.filter(pk=root.pk).update(duplicate_of=None)
        append(actor=by, action="complaint.duplicates_linked", obj=root, changes={"linked": sorted(changed)})
    complaint.refresh_from_db(fields=["duplicate_of"])
    return root


class ComplaintAttachment(models.Model):
    """A file the complainant attached; stored under a generated name, served only to staff."""

    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="attachments", verbose_name="投诉")
    file = models.FileField("文件", upload_to="complaint-files/%Y/")
    original_name = models.CharField("原文件名", max_length=120)
    content_type = models.CharField("类型", max_length=60)
    size = models.PositiveIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    sm3 = models.CharField("SM3", max_length=64)
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        ordering = ["complaint", "pk"]
        verbose_name = verbose_name_plural = "投诉附件"

    def __str__(self) -> str:
        return self.original_name


class ComplaintNotice(models.Model):
    """A notice given to a named complainant (acceptance, refusal, extension, reply)."""

    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="notices", verbose_name="投诉")
    kind = models.CharField("告知类型", max_length=12, choices=NoticeKind.choices)
    channel = models.CharField("告知方式", max_length=12, choices=NoticeChannel.choices)
    content = models.TextField("告知内容")
    sent_at = models.DateTimeField("告知时间", auto_now_add=True)
    sent_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="告知人"
    )

    class Meta:
        ordering = ["complaint", "sent_at", "pk"]
        verbose_name = verbose_name_plural = "投诉告知记录"

    def __str__(self) -> str:
        return f"{self.complaint.tracking_number} {self.get_kind_display()}"


class ComplaintHandling(models.Model):
    """One handling step: the inspection task, case lead or referral the complaint became."""

    complaint = models.ForeignKey(Complaint, models.CASCADE, related_name="handlings", verbose_name="投诉")
    kind = models.CharField("办理方式", max_length=12, choices=HandlingKind.choices)
    note = models.TextField("说明", blank=True)
    inspection_task = models.ForeignKey(
        "inspections.InspectionTask",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="检查任务",
    )
    case_lead = models.ForeignKey(
        "cases.CaseLead", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="案件线索"
    )
    referral = models.ForeignKey(
        "coordination.Referral", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="移送"
    )
    created_at = models.DateTimeField("时间", auto_now_add=True)
    created_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="经办人"
    )

    class Meta:
        ordering = ["complaint", "created_at", "pk"]
        verbose_name = verbose_name_plural = "投诉办理记录"

    def __str__(self) -> str:
        return f"{self.complaint.tracking_number} {self.get_kind_display()}"
