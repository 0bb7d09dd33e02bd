"""The penalty case (行政处罚案件) and its team."""

from datetime import date

from django.db import models
from django.db.models import Q
from django.utils import timezone

from eduenforce.cases.choices import (
    FINISHED,
    CaseStatus,
    ChangeStage,
    ClosingGround,
    Harm,
    Outcome,
    PartyKind,
    PenaltyKind,
    Procedure,
    ProposedOutcome,
    RevokeGround,
    Severity,
    Tier,
)
from eduenforce.core.models import TimeStampedModel

MONEY = {"max_digits": 14, "decimal_places": 2}


class CaseQuerySet(models.QuerySet):
    def open(self):
        """Cases still being handled (not 不予立案, 已结案 or 已归档)."""
        return self.exclude(status__in=FINISHED)

    def overdue(self, today: date | None = None):
        """Open cases whose next bureau obligation is past its deadline."""
        today = today or timezone.localdate()
        return self.open().filter(next_deadline_on__lt=today)

    def awaiting_review(self):
        return self.filter(status=CaseStatus.UNDER_REVIEW)

    def penalties(self):
        """Decisions that imposed a penalty and stand (for statistics and the portal)."""
        return self.filter(outcome=Outcome.PENALTY, decided_on__isnull=False, revoked_on__isnull=True)

    def decided_in(self, year: int):
        return self.filter(decided_on__year=year)

    def of_party(
        self, *, institution=None, party_id_code: str = "", party_name: str = "", party_kind: str = ""
    ):
        """The same party's cases: by institution, else by ID/credit code, else by name and kind."""
        if institution is not None:
            return self.filter(institution=institution)
        if party_id_code:
            return self.filter(party_id_code=party_id_code)
        return self.filter(institution__isnull=True, party_name=party_name, party_kind=party_kind)


class Case(TimeStampedModel):
    """A 行政处罚 case, general procedure (普通程序) or on the spot (简易程序).

    States (``CaseStatus``) and the ``cases.actions`` function that moves each one:

    - 立案审查 ``do_open_filing_review`` (five conditions, team of ≥2 certified officers)
      → 调查取证 ``do_approve_filing`` (head; case number 东教罚立〔YYYY〕N号; 90-day clock)
      or 不予立案 ``do_refuse_filing`` (head, with reason).
    - 调查取证: ``do_add_record`` (询问/现场检查笔录), ``do_add_evidence``, 先行登记保存
      (``do_request_preservation`` → ``do_approve_preservation`` → ``do_handle_preservation``
      within 7 working days) → 责令改正 ``do_order_correction`` / ``do_record_correction``.
    - → 调查终结 ``do_conclude_investigation`` (facts, proposal, discretion suggestion; a
      proposal outside the suggested range needs a reason and makes the case major)
      → 已集体讨论 ``do_record_discussion`` (required for complex or major cases).
    - → 事先告知 ``do_serve_prior_notice`` (陈述申辩 and, above the 53号令 第30条 thresholds,
      a hearing request within 5 working days) → 已申请听证 ``do_request_hearing``
      → 听证已安排 ``do_schedule_hearing`` (notice ≥7 working days ahead; chair not an
      investigator) → 听证结束 ``do_record_hearing``.
    - → 法制审核 ``do_submit_for_review`` → 审核通过 / 审核退回 ``do_review`` (qualified reviewer,
      §2.3 checklist); 审核退回 → ``do_submit_for_review`` again or ``do_reopen_investigation``.
    - → 已决定 ``do_decide`` (leader; penalty / 不予处罚 / 撤销立案; decision number
      东教罚决〔YYYY〕N号; publication scheduled) → 已送达 / 执行中 ``do_serve_decision``
      (within 7 working days) → 执行完毕 ``do_record_payment`` / ``do_confirm_execution``,
      or ``do_serve_payment_reminder`` (催告) → 已申请法院强制执行 ``do_apply_to_court``.
      公示 runs beside service and execution: ``do_publish_decision`` (7 working days).
      A standing decision may be revoked: 决定已撤销 ``do_revoke_decision`` (ground and approving leader;
      publication withdrawn). Changing the penalty is a new decision (``cases.actions.change``,
      tracked in ``change_stage``): notice, statement/hearing, review, decision, new 决定书, service;
      a clerical 补正 is ``do_correct_decision``.
    - → 待结案审批 ``do_request_closing`` (one of four grounds) → 已结案 ``do_approve_closing``
      (head) → 已归档 ``do_archive``.
    - 简易程序: ``do_on_the_spot_penalty`` creates a served decision directly (warning, or a fine
      ≤200 yuan for a person / ≤3,000 yuan for an organisation), then execution and closing.

    Every action locks the row, checks its allowed states with ``require_status``, stamps
    who and when, recomputes ``next_deadline_on`` and journals in the same transaction.
    """

    number = models.CharField("立案编号", max_length=40, blank=True, db_index=True)
    procedure = models.CharField("程序", max_length=10, choices=Procedure.choices, default=Procedure.GENERAL)
    status = models.CharField(
        "阶段", max_length=20, choices=CaseStatus.choices, default=CaseStatus.FILING_REVIEW, db_index=True
    )
    lead = models.OneToOneField(
        "cases.CaseLead", models.PROTECT, null=True, blank=True, related_name="case", verbose_name="案件线索"
    )

    # The party (当事人). Identity numbers never leave the staff pages.
    institution = models.ForeignKey(
        "registry.Institution",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name="涉案机构",
    )
    street = models.ForeignKey(
        "accounts.Department",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="所在街道",
    )
    party_kind = models.CharField(
        "当事人类型", max_length=14, choices=PartyKind.choices, default=PartyKind.ORGANISATION
    )
    party_name = models.CharField("当事人", max_length=120)
    party_id_code = models.CharField("统一社会信用代码/身份证号", max_length=18, blank=True)
    party_address = models.CharField("当事人地址", max_length=200, blank=True)
    party_representative = models.CharField("法定代表人/负责人", max_length=50, blank=True)
    party_is_minor = models.BooleanField("当事人为未成年人", default=False, help_text="未成年人案件不予公示")
    cause = models.CharField("案由", max_length=200)
    summary = models.TextField("简要案情")
    violation = models.ForeignKey(
        "cases.Violation",
        models.PROTECT,
        null=True,
        blank=True,
        related_name="cases",
        verbose_name="违法行为（裁量基准）",
    )
    violation_code = models.CharField("违法行为编码", max_length=30, blank=True, db_index=True)
    violation_ended_on = models.DateField("违法行为终了日期", null=True, blank=True)

    # 立案审查: the five conditions of 53号令 第26条.
    cond_party_clear = models.BooleanField("有明确的违法嫌疑人", default=False)
    cond_evidence = models.BooleanField("有初步证据证明存在违法行为", default=False)
    cond_penalty_due = models.BooleanField("依法应当给予行政处罚", default=False)
    cond_jurisdiction = models.BooleanField("属于本机关管辖", default=False)
    cond_time_bar = models.BooleanField("在给予行政处罚的法定期限内", default=False)
    filing_opinion = models.TextField("承办人意见", blank=True)
    filing_submitted_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="立案申请人"
    )
    filing_review_due_on = models.DateField("立案审查期限", null=True, blank=True)
    filing_decided_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="立案审批人"
    )
    filing_decided_at = models.DateTimeField("立案审批时间", null=True, blank=True)
    not_filed_reason = models.TextField("不予立案理由", blank=True)
    filed_on = models.DateField("立案日期", null=True, blank=True, db_index=True)
    decision_due_on = models.DateField("作出决定期限", null=True, blank=True)

    # Discretion facts (裁量情节), fixed at the end of the investigation.
    severity = models.CharField("情节", max_length=20, choices=Severity.choices, default=Severity.ORDINARY)
    harm = models.CharField("危害后果", max_length=10, choices=Harm.choices, default=Harm.MINOR)
    illegal_gains = models.DecimalField("违法所得（元）", null=True, blank=True, **MONEY)
    first_violation = models.BooleanField("初次违法", default=True)
    repeat_within_window = models.BooleanField("两年内再次违法", default=False)
    promptly_corrected = models.BooleanField("及时改正", default=False)
    in_service_teacher = models.BooleanField("在职中小学教师从事学科类培训", default=False)
    obstruction = models.BooleanField("阻碍执法或伪造、隐匿、毁灭证据", default=False)
    minors_affected = models.BooleanField("损害未成年人身心健康", default=False)
    mandatory_mitigation = models.BooleanField("有应当从轻或减轻的情形（第32条）", default=False)
    mitigation_grounds = models.JSONField("从轻、减轻的法定情形（第30–32条）", default=list, blank=True)
    mitigation_facts = models.TextField("从轻、减轻情形的事实和证据", blank=True)

    # 调查终结: the investigation's conclusion and proposal.
    conclusion_report = models.TextField("调查终结报告", blank=True)
    proposed_outcome = models.CharField(
        "处理意见", max_length=20, choices=ProposedOutcome.choices, blank=True
    )
    proposed_kinds = models.JSONField("拟处罚种类", default=list, blank=True)
    proposed_fine = models.DecimalField("拟罚款（元）", null=True, blank=True, **MONEY)
    proposed_confiscation = models.DecimalField("拟没收违法所得（元）", null=True, blank=True, **MONEY)
    suggested_tier = models.CharField("建议裁量阶次", max_length=12, choices=Tier.choices, blank=True)
    suggested_min = models.DecimalField("建议罚款下限（元）", null=True, blank=True, **MONEY)
    suggested_max = models.DecimalField("建议罚款上限（元）", null=True, blank=True, **MONEY)
    suggestion_reasons = models.JSONField("裁量理由", default=list, blank=True)
    deviation_reason = models.TextField("偏离裁量基准的理由", blank=True)
    deviation_approved = models.BooleanField("偏离经集体讨论同意", default=False)
    concluded_at = models.DateTimeField("调查终结时间", null=True, blank=True)
    is_major = models.BooleanField("重大复杂案件", default=False)
    major_reason = models.CharField("重大复杂理由", max_length=200, blank=True)
    discussed_on = models.DateField("集体讨论日期", null=True, blank=True)

    # 事先告知, 陈述申辩, 听证.
    notified_on = models.DateField("事先告知送达日期", null=True, blank=True)
    notice_kinds = models.JSONField("告知的处罚种类", default=list, blank=True)
    notice_fine = models.DecimalField("告知的罚款（元）", null=True, blank=True, **MONEY)
    notice_confiscation = models.DecimalField("告知的没收金额（元）", null=True, blank=True, **MONEY)
    hearing_right = models.BooleanField("享有听证权利", default=False)
    statement_due_on = models.DateField("陈述申辩期限", null=True, blank=True)
    hearing_request_due_on = models.DateField("听证申请期限", null=True, blank=True)
    rights_waived_on = models.DateField("明确放弃陈述申辩（听证）日期", null=True, blank=True)
    hearing_requested_on = models.DateField("申请听证日期", null=True, blank=True)
    address_confirmed_on = models.DateField("送达地址确认书签署日期", null=True, blank=True)
    electronic_address = models.CharField("电子送达地址", max_length=120, blank=True)

    # 法制审核.
    review_due_on = models.DateField("法制审核期限", null=True, blank=True)

    # 决定.
    outcome = models.CharField("处理结果", max_length=16, choices=Outcome.choices, blank=True, db_index=True)
    decision_number = models.CharField("决定书编号", max_length=40, blank=True, db_index=True)
    decided_on = models.DateField("决定日期", null=True, blank=True, db_index=True)
    decided_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="决定人"
    )
    penalty_kinds = models.JSONField("处罚种类", default=list, blank=True)
    fine_amount = models.DecimalField("罚款（元）", null=True, blank=True, **MONEY)
    confiscation_amount = models.DecimalField("没收违法所得（元）", null=True, blank=True, **MONEY)
    decision_measures = models.CharField("责令改正等其他措施", max_length=300, blank=True)
    applied_tier = models.CharField("适用裁量阶次", max_length=12, choices=Tier.choices, blank=True)
    within_range = models.BooleanField("在建议裁量范围内", null=True)
    discretion_statement = models.TextField("裁量基准适用说明", blank=True)
    decided_in_time = models.BooleanField("在法定期限内作出决定", null=True)

    # 送达, 公示, 执行.
    service_due_on = models.DateField("送达期限", null=True, blank=True)
    served_on = models.DateField("决定书送达日期", null=True, blank=True)
    served_in_time = models.BooleanField("按期送达", null=True)
    publication_required = models.BooleanField("须公示", default=False)
    publication_due_on = models.DateField("公示期限", null=True, blank=True)
    published_on = models.DateField("公示日期", null=True, blank=True)
    published_in_time = models.BooleanField("按期公示", null=True)
    payment_due_on = models.DateField("缴款期限", null=True, blank=True)
    paid_on = models.DateField("缴款日期", null=True, blank=True)
    paid_amount = models.DecimalField("实缴金额（元）", null=True, blank=True, **MONEY)
    surcharge_amount = models.DecimalField("加处罚款（元）", null=True, blank=True, **MONEY)
    reminder_served_on = models.DateField("催告书送达日期", null=True, blank=True)
    court_applied_on = models.DateField("申请法院强制执行日期", null=True, blank=True)
    executed_on = models.DateField("执行完毕日期", null=True, blank=True)
    revoked_on = models.DateField("决定撤销日期", null=True, blank=True)
    revoke_reason = models.TextField("撤销理由", blank=True)
    revoke_ground = models.CharField("撤销依据", max_length=20, choices=RevokeGround.choices, blank=True)
    revoke_basis_number = models.CharField("复议决定书/判决书文号", max_length=60, blank=True)
    revoked_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="撤销批准人"
    )
    change_stage = models.CharField(
        "变更程序", max_length=20, choices=ChangeStage.choices, blank=True, default=ChangeStage.NONE
    )

    # 结案, 归档.
    closing_ground = models.CharField("结案情形", max_length=12, choices=ClosingGround.choices, blank=True)
    closing_note = models.TextField("结案说明", blank=True)
    closing_requested_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="结案申请人"
    )
    status_before_closing = models.CharField("申请结案前阶段", max_length=20, blank=True)
    closed_on = models.DateField("结案日期", null=True, blank=True, db_index=True)
    closed_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="结案审批人"
    )
    archived_on = models.DateField("归档日期", null=True, blank=True)
    archive_location = models.CharField("档案号/存放位置", max_length=100, blank=True)

    # The next deadline the bureau must meet (recomputed by every action; see cases.deadlines).
    next_deadline_on = models.DateField("下一期限", null=True, blank=True, db_index=True)
    next_deadline_label = models.CharField("下一期限事项", max_length=60, blank=True)

    created_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="创建人"
    )

    objects = CaseQuerySet.as_manager()

    class Meta:
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["number"], condition=~Q(number=""), name="cases_case_number_unique"
            ),
            models.UniqueConstraint(
                fields=["decision_number"],
                condition=~Q(decision_number=""),
                name="cases_case_decision_number_unique",
            ),
        ]
        indexes = [models.Index(fields=["violation_code", "applied_tier"], name="cases_case_violation_tier")]
        verbose_name = verbose_name_plural = "行政处罚案件"

    def __str__(self) -> str:
        return f"{self.number or '（未立案）'} {self.party_name} {self.cause}"

    def get_absolute_url(self) -> str:
        from django.urls import reverse

        return reverse("cases:detail", args=[self.pk])

    @property
    def display_number(self) -> str:
        return self.number or self.decision_number or f"审查中-{self.pk}"

    @property
    def is_open(self) -> bool:
        return self.status not in FINISHED

    @property
    def filing_conditions(self) -> list[tuple[str, bool]]:
        names = [
            "cond_party_clear",
            "cond_evidence",
            "cond_penalty_due",
            "cond_jurisdiction",
            "cond_time_bar",
        ]
        return [(self._meta.get_field(n).verbose_name, getattr(self, n)) for n in names]

    @property
    def money_due(self) -> bool:
        return bool((self.fine_amount or 0) > 0 or (self.confiscation_amount or 0) > 0)

    def kind_labels(self, kinds=None) -> list[str]:
        labels = dict(PenaltyKind.choices)
        return [labels.get(k, k) for k in (self.penalty_kinds if kinds is None else kinds)]

    @property
    def notice_kind_labels(self) -> list[str]:
        return self.kind_labels(self.notice_kinds)

    @property
    def proposed_kind_labels(self) -> list[str]:
        return self.kind_labels(self.proposed_kinds)

    @property
    def team_officers(self):
        return [m.officer for m in self.members.select_related("officer").order_by("order")]


class CaseOfficer(models.Model):
    """承办人: an officer on the case (at least two, certified on the day of filing)."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="members", verbose_name="案件")
    officer = models.ForeignKey(
        "officers.Officer", models.PROTECT, related_name="case_memberships", verbose_name="执法人员"
    )
    order = models.PositiveSmallIntegerField("顺序", default=0)

    class Meta:
        ordering = ["case", "order"]
        constraints = [models.UniqueConstraint(fields=["case", "officer"], name="cases_member_once")]
        verbose_name = verbose_name_plural = "承办人员"

    def __str__(self) -> str:
        return f"{self.case_id} {self.officer}"
