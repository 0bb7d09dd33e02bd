"""A decision's 变更 (a new decision superseding it) or 补正 (a clerical correction), kept on record."""

from django.db import models

from eduenforce.cases.choices import ChangeKind, ChangeOutcome, ChangeStage
from eduenforce.cases.models.case import MONEY, Case
from eduenforce.core.models import TimeStampedModel


class DecisionChange(TimeStampedModel):
    """One 变更 or 补正 of a case's decision. ``old_*`` is the decision it supersedes (it stays on record
    here and in its issued 决定书); ``new_*`` the penalty proposed, notified and decided. Stages while
    pending are ``Case.change_stage``; ``outcome`` says how it ended."""

    case = models.ForeignKey(Case, models.CASCADE, related_name="changes", verbose_name="案件")
    kind = models.CharField("类型", max_length=12, choices=ChangeKind.choices, default=ChangeKind.CHANGE)
    outcome = models.CharField(
        "结果", max_length=12, choices=ChangeOutcome.choices, default=ChangeOutcome.PENDING
    )
    reason = models.TextField("变更（补正）理由")
    opened_by = models.ForeignKey("accounts.User", models.PROTECT, related_name="+", verbose_name="提出人")
    old_decision_number = models.CharField("原决定书编号", max_length=40)
    old_decided_on = models.DateField("原决定日期", null=True)
    old_kinds = models.JSONField("原处罚种类", default=list)
    old_fine = models.DecimalField("原罚款（元）", null=True, blank=True, **MONEY)
    old_confiscation = models.DecimalField("原没收金额（元）", null=True, blank=True, **MONEY)
    new_kinds = models.JSONField("拟变更处罚种类", default=list, blank=True)
    new_fine = models.DecimalField("拟变更罚款（元）", null=True, blank=True, **MONEY)
    new_confiscation = models.DecimalField("拟变更没收金额（元）", null=True, blank=True, **MONEY)
    notified_on = models.DateField("变更告知送达日期", null=True, blank=True)
    statement_due_on = models.DateField("陈述申辩期限", null=True, blank=True)
    hearing_right = models.BooleanField("享有听证权利", default=False)
    hearing_request_due_on = models.DateField("听证申请期限", null=True, blank=True)
    rights_waived_on = models.DateField("明确放弃日期", null=True, blank=True)
    statement = models.TextField("陈述申辩及复核意见", blank=True)
    hearing_requested_on = models.DateField("申请听证日期", null=True, blank=True)
    hearing_held_on = models.DateField("听证日期", null=True, blank=True)
    hearing_chair = models.ForeignKey(
        "officers.Officer", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="听证主持人"
    )
    hearing_record = models.TextField("听证笔录及主持人意见", blank=True)
    reviewer = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="法制审核人"
    )
    reviewed_on = models.DateField("审核日期", null=True, blank=True)
    review_opinion = models.TextField("审核意见", blank=True)
    review_result = models.CharField("审核结论", max_length=10, blank=True)
    decided_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="决定人"
    )
    decided_on = models.DateField("变更决定日期", null=True, blank=True)
    new_decision_number = models.CharField("变更决定书编号", max_length=40, blank=True)
    service_due_on = models.DateField("送达期限", null=True, blank=True)
    served_on = models.DateField("变更决定书送达日期", null=True, blank=True)
    ended_on = models.DateField("办结日期", null=True, blank=True)

    class Meta:
        ordering = ["case", "id"]
        verbose_name = verbose_name_plural = "处罚决定变更与补正"

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.old_decision_number}"

    @property
    def stage_label(self) -> str:
        return ChangeStage(self.case.change_stage).label
