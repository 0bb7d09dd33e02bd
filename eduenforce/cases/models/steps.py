"""The records a case accumulates: 笔录, evidence, preservation, correction, discussion,
statements, hearings, legal reviews, service, payments and reminders.

Each row is written by one ``cases.actions`` function, journaled against its case.
"""

from django.db import models

from eduenforce.cases.choices import (
    DiscussionResult,
    EvidenceKind,
    PreservationHandling,
    PreservationStatus,
    RecordKind,
    ReminderKind,
    ReviewResult,
    ServedDocument,
    ServiceMethod,
)
from eduenforce.cases.models.case import MONEY, Case
from eduenforce.core.models import TimeStampedModel


class InvestigationRecord(TimeStampedModel):
    """询问笔录 or 现场检查笔录: officers (≥2, certified that day) and what was found or said."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="records", verbose_name="案件")
    kind = models.CharField("笔录种类", max_length=12, choices=RecordKind.choices)
    started_at = models.DateTimeField("开始时间")
    ended_at = models.DateTimeField("结束时间")
    place = models.CharField("地点", max_length=200)
    officers = models.ManyToManyField(
        "officers.Officer", related_name="case_records", verbose_name="执法人员"
    )
    subject_name = models.CharField("被询问人/现场负责人", max_length=50)
    subject_detail = models.CharField("身份信息（性别、年龄、职务、联系方式）", max_length=200, blank=True)
    content = models.TextField("笔录内容")
    recorded_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name="记录人")

    class Meta:
        ordering = ["case", "started_at"]
        verbose_name = verbose_name_plural = "调查笔录"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.started_at:%Y-%m-%d}"


class CaseEvidence(TimeStampedModel):
    """An item of evidence. ``source_ref`` names an evidence file of the records app
    (``records.evidencefile:<id>``) or another record, so the link holds without a hard
    dependency; ``sha256`` is the hash taken when it was collected."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="evidence", verbose_name="案件")
    kind = models.CharField("证据种类", max_length=20, choices=EvidenceKind.choices)
    title = models.CharField("名称", max_length=200)
    description = models.TextField("证明内容", blank=True)
    collected_on = models.DateField("取得日期")
    source_ref = models.CharField("关联证据文件", max_length=120, blank=True)
    sha256 = models.CharField("SHA-256", max_length=64, blank=True)
    added_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name="登记人")

    class Meta:
        ordering = ["case", "collected_on", "id"]
        verbose_name = verbose_name_plural = "案件证据"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}：{self.title}"


class Preservation(TimeStampedModel):
    """先行登记保存: head approval first, then a handling decision within 7 working days.

    States: 待负责人批准 → 已登记保存 → 已作出处理决定 (or 未批准).
    """

    case = models.ForeignKey(Case, models.CASCADE, related_name="preservations", verbose_name="案件")
    items = models.TextField("保存物品清单")
    reason = models.TextField("理由")
    status = models.CharField(
        "状态", max_length=20, choices=PreservationStatus.choices, default=PreservationStatus.PENDING_APPROVAL
    )
    requested_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name="申请人")
    approved_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="批准人"
    )
    preserved_on = models.DateField("登记保存日期", null=True, blank=True)
    handle_due_on = models.DateField("处理决定期限", null=True, blank=True)
    handling = models.CharField("处理决定", max_length=12, choices=PreservationHandling.choices, blank=True)
    handling_note = models.TextField("处理说明", blank=True)
    handled_on = models.DateField("处理日期", null=True, blank=True)
    handled_in_time = models.BooleanField("按期处理", null=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = verbose_name_plural = "先行登记保存"

    def __str__(self) -> str:
        return f"先行登记保存 {self.items[:20]}"


class CorrectionOrder(TimeStampedModel):
    """责令（限期）改正 (53号令 第32条: required before the decision) and its re-inspection."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="corrections", verbose_name="案件")
    content = models.TextField("责令改正内容")
    basis = models.CharField("依据", max_length=200)
    ordered_on = models.DateField("责令日期")
    deadline = models.DateField("改正期限")
    ordered_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name="承办人")
    verified_on = models.DateField("复查日期", null=True, blank=True)
    corrected = models.BooleanField("已改正", null=True)
    verification_note = models.TextField("复查情况", blank=True)

    class Meta:
        ordering = ["case", "ordered_on", "id"]
        verbose_name = verbose_name_plural = "责令改正"

    def __str__(self) -> str:
        return f"责令改正（期限 {self.deadline}）"

    @property
    def corrected_in_time(self) -> bool:
        return bool(self.corrected and self.verified_on and self.verified_on <= self.deadline)


class Discussion(TimeStampedModel):
    """负责人集体讨论 (行政处罚法 第57条第2款; before the notice per 53号令 第34条): the date, the
    leaders who attended, their opinions and the conclusion. ``cases.discussion`` says which
    cases require it."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="discussions", verbose_name="案件")
    change = models.ForeignKey(
        "cases.DecisionChange",
        models.CASCADE,
        null=True,
        blank=True,
        related_name="discussions",
        verbose_name="变更程序",
    )
    held_on = models.DateField("讨论日期")
    attendees = models.ManyToManyField("accounts.User", related_name="+", verbose_name="参加讨论的局领导")
    participants = models.TextField("列席人员", blank=True)
    opinions = models.TextField("参加人员意见", default="")
    minutes = models.TextField("讨论记录")
    result = models.CharField("讨论结论", max_length=10, choices=DiscussionResult.choices)
    deviation_approved = models.BooleanField("同意偏离裁量基准", default=False)
    recorded_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name="记录人")

    class Meta:
        ordering = ["case", "held_on", "id"]
        verbose_name = verbose_name_plural = "集体讨论"

    def __str__(self) -> str:
        return f"集体讨论 {self.held_on}"


class Statement(TimeStampedModel):
    """陈述、申辩 and the bureau's 复核 of it (行政处罚法 第45条)."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="statements", verbose_name="案件")
    received_on = models.DateField("提出日期")
    content = models.TextField("陈述申辩内容")
    review_opinion = models.TextField("复核意见")
    adopted = models.BooleanField("意见予以采纳", default=False)
    recorded_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name="记录人")

    class Meta:
        ordering = ["case", "received_on", "id"]
        verbose_name = verbose_name_plural = "陈述申辩"

    def __str__(self) -> str:
        return f"陈述申辩 {self.received_on}"


class Hearing(TimeStampedModel):
    """听证: notice at least 7 working days ahead, a chair who did not investigate."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="hearings", verbose_name="案件")
    hearing_on = models.DateField("听证日期")
    place = models.CharField("听证地点", max_length=200)
    chair = models.ForeignKey("officers.Officer", models.PROTECT, related_name="+", verbose_name="听证主持人")
    public = models.BooleanField("公开举行", default=True)
    notice_served_on = models.DateField("听证通知送达日期")
    held_on = models.DateField("举行日期", null=True, blank=True)
    party_attended = models.BooleanField("当事人到场", null=True)
    representatives = models.CharField("委托代理人", max_length=100, blank=True)
    record = models.TextField("听证笔录", blank=True)
    chair_opinion = models.TextField("主持人意见", blank=True)
    scheduled_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name="安排人")

    class Meta:
        ordering = ["case", "hearing_on", "id"]
        verbose_name = verbose_name_plural = "听证"

    def __str__(self) -> str:
        return f"听证 {self.hearing_on}"


REVIEW_CHECKLIST = [
    ("body_lawful", "执法主体合法、属于本机关管辖，执法人员具备执法资格"),
    ("procedure_lawful", "程序合法"),
    ("facts_clear", "事实清楚，证据合法充分"),
    ("law_applied", "适用法律正确，裁量基准运用适当"),
    ("within_powers", "未超越本机关职权范围"),
    ("documents_complete", "执法文书完备、规范"),
    ("no_crime", "不涉嫌犯罪，无需移送司法机关"),
]


class LegalReview(TimeStampedModel):
    """法制审核 (行政处罚法 第58条; checklist of domain-rules §2.3) and its opinion."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="reviews", verbose_name="案件")
    submitted_on = models.DateField("提交日期")
    submitted_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name="提交人")
    due_on = models.DateField("审核期限")
    reviewer = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="审核人"
    )
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    checklist = models.JSONField("审核清单", default=dict, blank=True)
    opinion = models.TextField("审核意见", blank=True)
    result = models.CharField("审核结论", max_length=10, choices=ReviewResult.choices, blank=True)

    class Meta:
        ordering = ["case", "submitted_on", "id"]
        verbose_name = verbose_name_plural = "法制审核"

    def __str__(self) -> str:
        return f"法制审核 {self.submitted_on} {self.get_result_display()}"

    @property
    def checklist_rows(self) -> list[tuple[str, bool]]:
        return [(label, bool(self.checklist.get(key))) for key, label in REVIEW_CHECKLIST]


class ServiceRecord(TimeStampedModel):
    """送达: which document, how, when delivered and when legally served (公告: +30 days)."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="services", verbose_name="案件")
    document = models.CharField("送达文书", max_length=20, choices=ServedDocument.choices)
    method = models.CharField("送达方式", max_length=14, choices=ServiceMethod.choices)
    delivered_on = models.DateField("送达（公告）日期")
    served_on = models.DateField("视为送达日期")
    recipient = models.CharField("受送达人/签收人", max_length=100, blank=True)
    witnesses = models.CharField("见证人", max_length=100, blank=True)
    tracking_number = models.CharField("邮件号", max_length=40, blank=True)
    electronic_address = models.CharField("电子送达地址", max_length=120, blank=True)
    reason = models.TextField("公告送达原因及经过", blank=True)
    recorded_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name="送达人")

    class Meta:
        ordering = ["case", "delivered_on", "id"]
        verbose_name = verbose_name_plural = "送达记录"

    def __str__(self) -> str:
        return f"{self.get_document_display()} {self.get_method_display()} {self.served_on}"


class Payment(TimeStampedModel):
    """A payment of the fine (and confiscated gains), with the surcharge computed on that day."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="payments", verbose_name="案件")
    paid_on = models.DateField("缴款日期")
    amount = models.DecimalField("实缴金额（元）", **MONEY)
    fine = models.DecimalField("罚款（元）", **MONEY)
    confiscation = models.DecimalField("没收违法所得（元）", **MONEY)
    surcharge = models.DecimalField("加处罚款（元）", **MONEY)
    days_late = models.PositiveIntegerField("逾期天数", default=0)
    receipt_number = models.CharField("缴款凭证号", max_length=60)
    recorded_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name="登记人")

    class Meta:
        ordering = ["case", "paid_on", "id"]
        verbose_name = verbose_name_plural = "缴款记录"

    def __str__(self) -> str:
        return f"{self.paid_on} {self.amount}"


class CaseReminder(models.Model):
    """A deadline reminder for one person, written by the reminder task (idempotent)."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="reminders", verbose_name="案件")
    recipient = models.ForeignKey(
        "accounts.User", models.CASCADE, related_name="case_reminders", verbose_name="提醒对象"
    )
    kind = models.CharField("类型", max_length=10, choices=ReminderKind.choices)
    label = models.CharField("期限事项", max_length=60)
    due_on = models.DateField("期限")
    created_at = models.DateTimeField("提醒时间", auto_now_add=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "recipient", "kind", "label", "due_on"], name="cases_reminder_once"
            )
        ]
        verbose_name = verbose_name_plural = "期限提醒"

    def __str__(self) -> str:
        return f"{self.case} {self.label} {self.due_on}"
