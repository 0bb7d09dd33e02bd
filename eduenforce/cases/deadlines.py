"""Every deadline of a case, computed from the fields its actions stamp.

The dates themselves come from the deadline-rule table when the action runs
(``core.deadlines.due_date``); this module lists what is pending. Two kinds:

- obligations of the bureau (立案审查, the 90-day decision, preservation handling, legal
  review, the hearing, service, publication, the court application): the earliest pending
  one is stored on the case as ``next_deadline_on`` so overdue lists are one indexed query;
- windows of the party (陈述申辩, 听证申请, 改正, 缴款, 催告期): shown, never "overdue".
"""

from dataclasses import dataclass
from datetime import date

from django.utils import timezone

from eduenforce.cases.choices import PRE_DECISION, CaseStatus, Outcome, PreservationStatus
from eduenforce.core.deadlines import due_date


@dataclass(frozen=True)
class Deadline:
    label: str
    due_on: date
    obligation: bool
    basis: str = ""

    def overdue(self, today: date | None = None) -> bool:
        return self.obligation and self.due_on < (today or timezone.localdate())

    def days_left(self, today: date | None = None) -> int:
        return (self.due_on - (today or timezone.localdate())).days


def obligations(case) -> list[Deadline]:
    out: list[Deadline] = []
    status = case.status
    if status == CaseStatus.FILING_REVIEW and case.filing_review_due_on:
        out.append(Deadline("作出是否立案的决定", case.filing_review_due_on, True, "可配置（及时立案）"))
    if status in PRE_DECISION and case.decision_due_on:
        out.append(Deadline("作出处理决定（立案之日起90日）", case.decision_due_on, True, "行政处罚法第60条"))
    if status in PRE_DECISION and case.pk:
        for p in case.preservations.filter(status=PreservationStatus.PRESERVED):
            out.append(Deadline("先行登记保存物品作出处理决定", p.handle_due_on, True, "行政处罚法第56条"))
    if status == CaseStatus.UNDER_REVIEW and case.review_due_on:
        out.append(Deadline("法制审核办结", case.review_due_on, True, "法制审核期限（可配置）"))
    if status == CaseStatus.HEARING_SCHEDULED and case.pk:
        hearing = case.hearings.order_by("-id").first()
        if hearing:
            out.append(Deadline("举行听证", hearing.hearing_on, True, "听证通知书"))
    if (
        case.decided_on
        and case.outcome in (Outcome.PENALTY, Outcome.NO_PENALTY)
        and not case.served_on
        and status == CaseStatus.DECIDED
        and case.service_due_on
    ):
        out.append(Deadline("送达处罚决定书", case.service_due_on, True, "行政处罚法第61条"))
    if (
        case.publication_required
        and not case.published_on
        and case.publication_due_on
        and status not in (CaseStatus.DECISION_REVOKED,)
    ):
        out.append(Deadline("公示行政处罚决定", case.publication_due_on, True, "国办发〔2018〕118号"))
    court = court_window(case)
    if status == CaseStatus.EXECUTING and court and case.money_due:
        out.append(Deadline("申请法院强制执行（期满前）", court[1], True, "行政强制法第53条"))
    return sorted(out, key=lambda d: d.due_on)


def party_windows(case) -> list[Deadline]:
    out: list[Deadline] = []
    if case.status == CaseStatus.NOTIFIED and not case.rights_waived_on:
        if case.statement_due_on:
            out.append(Deadline("当事人陈述、申辩期限", case.statement_due_on, False, "53号令第31条"))
        if case.hearing_right and case.hearing_request_due_on:
            out.append(Deadline("当事人申请听证期限", case.hearing_request_due_on, False, "53号令第30条"))
    if case.status in (CaseStatus.CORRECTION,) and case.pk:
        order = case.corrections.filter(verified_on__isnull=True).order_by("-id").first()
        if order:
            out.append(Deadline("责令改正期限", order.deadline, False, "53号令第32条"))
    if case.status == CaseStatus.EXECUTING and case.payment_due_on:
        out.append(Deadline("当事人缴纳罚款期限", case.payment_due_on, False, "行政处罚法第67条"))
        if case.reminder_served_on:
            out.append(
                Deadline(
                    "催告期满（此后可申请强制执行）", court_application_opens(case), False, "行政强制法第54条"
                )
            )
    return sorted(out, key=lambda d: d.due_on)


def all_deadlines(case) -> list[Deadline]:
    return sorted(obligations(case) + party_windows(case), key=lambda d: d.due_on)


def refresh(case) -> None:
    """Store the earliest pending obligation on the case (called by every action before saving)."""
    pending = obligations(case)
    case.next_deadline_on = pending[0].due_on if pending else None
    case.next_deadline_label = pending[0].label if pending else ""


def court_window(case) -> tuple[date, date] | None:
    """行政强制法 第53条: from the end of the 复议/诉讼 periods (the longer: 6 months after service)
    to three months after it."""
    if not case.served_on:
        return None
    opens = max(due_date("reconsideration", case.served_on), due_date("litigation", case.served_on))
    closes = due_date("court_enforcement_application", opens)
    return opens, closes


def court_application_opens(case) -> date:
    """The first day a court application is allowed: 10 days after the 催告 was served, and not
    before the 复议/诉讼 periods have run out."""
    after_reminder = due_date("reminder_to_court", case.reminder_served_on)
    window = court_window(case)
    return max(after_reminder, window[0]) if window else after_reminder


__all__ = [
    "Deadline",
    "all_deadlines",
    "court_application_opens",
    "court_window",
    "obligations",
    "party_windows",
    "refresh",
]
