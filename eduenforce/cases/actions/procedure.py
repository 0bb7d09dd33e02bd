"""集体讨论 → 事先告知 → 陈述申辩 / 听证 → 法制审核 (行政处罚法 第44、45、57、58、63–65条;
53号令 第29–34条). The order is fixed by 53号令 第34条: discussion, notice, hearing, review."""

import re

from django.core.exceptions import ObjectDoesNotExist
from django.db import transaction

from eduenforce.cases import discussion as collective
from eduenforce.cases import rules
from eduenforce.cases.actions._base import begin, finish, not_future, text, today
from eduenforce.cases.actions.investigation import reset_notice
from eduenforce.cases.actions.service import Service, record_service, served_date
from eduenforce.cases.choices import (
    FINISHED,
    CaseStatus,
    DiscussionResult,
    ProposedOutcome,
    ReviewResult,
    ServedDocument,
)
from eduenforce.cases.documents import issue_document
from eduenforce.cases.models import REVIEW_CHECKLIST, Case, Discussion, Hearing, LegalReview, Statement
from eduenforce.core import config
from eduenforce.core.deadlines import due_date
from eduenforce.core.errors import DomainError
from eduenforce.core.roles import Role
from eduenforce.core.transitions import Actor, Requirement, Transition
from eduenforce.officers.eligibility import RECUSAL_ARTICLE, check_recusal, conflicted

S = CaseStatus


RECORD_DISCUSSION = Transition("cases.record_discussion", "记录集体讨论", "cases.approve", {S.CONCLUDED})


def _leaders(attendees) -> list:
    """The attendees, each a 局领导 (本机关负责人), at least the configured number."""
    attendees = list(attendees or ())
    others = [str(u) for u in attendees if u.role != Role.LEADER]
    if others:
        raise DomainError(
            f"集体讨论应由本机关负责人（局领导）参加，{'、'.join(others)}不是局领导（{collective.ARTICLE}）",
            field="attendees",
        )
    minimum = config.get("cases.discussion_min_leaders")
    if len({u.pk for u in attendees}) < minimum:
        raise DomainError(f"集体讨论须至少 {minimum} 名局领导参加（{collective.ARTICLE}）", field="attendees")
    return attendees


@transaction.atomic
def do_record_discussion(
    case: Case,
    *,
    by,
    held_on,
    attendees,
    opinions: str,
    minutes: str,
    result: str,
    participants: str = "",
    deviation_approved: bool = False,
) -> Discussion:
    """负责人集体讨论 (required for the cases ``cases.discussion.grounds`` names, and for any deviation
    from the catalogue): the date, the leaders present, their opinions and the conclusion."""
    locked, before = begin(case, RECORD_DISCUSSION, by)
    held_on = not_future(held_on, "讨论日期", "held_on")
    if locked.concluded_at and held_on < locked.concluded_at.date():
        raise DomainError("集体讨论日期不能早于调查终结", field="held_on")
    leaders = _leaders(attendees)
    if result not in DiscussionResult.values:
        raise DomainError("请选择讨论结论", field="result")
    if result == DiscussionResult.AGREED and locked.deviation_reason and not deviation_approved:
        raise DomainError(
            "本案拟处罚偏离裁量基准：同意处理意见须同时明确同意偏离；不同意偏离的，请选择退回补充调查",
            field="deviation_approved",
        )
    discussion = Discussion.objects.create(
        case=locked,
        held_on=held_on,
        participants=text(participants, "列席人员", "participants", required=False),
        opinions=text(opinions, "参加人员意见", "opinions"),
        minutes=text(minutes, "讨论结论及理由", "minutes"),
        result=result,
        deviation_approved=bool(deviation_approved and locked.deviation_reason),
        recorded_by=by,
    )
    discussion.attendees.set(leaders)
    if result == DiscussionResult.AGREED:
        locked.status, locked.discussed_on = CaseStatus.DISCUSSED, held_on
        locked.deviation_approved = discussion.deviation_approved
    else:
        locked.status = CaseStatus.INVESTIGATING
        reset_notice(locked)
    issue_document(locked, "discussion_minutes", by=by, obj=discussion)
    extra = {"discussion": discussion.pk, "attendees": [u.pk for u in leaders], "result": result}
    finish(case, locked, before, by=by, action="discussion_recorded", extra=extra)
    return discussion


CONFIRM_ADDRESS = Transition(
    "cases.record_address_confirmation",
    "登记送达地址确认书",
    "cases.investigate",
    frozenset(CaseStatus) - FINISHED - {S.FILING_REVIEW},
)


@transaction.atomic
def do_record_address_confirmation(case: Case, *, by, signed_on, address: str) -> Case:
    """送达地址确认书: the party's signed consent to electronic service at ``address``."""
    locked, before = begin(case, CONFIRM_ADDRESS, by)
    locked.address_confirmed_on = not_future(signed_on, "签署日期", "signed_on")
    address = text(address, "电子送达地址", "address")
    if not re.fullmatch(r"[^@\s]+@[^@\s]+\.[^@\s]+|1[3-9]\d{9}", address):
        raise DomainError("电子送达地址应为电子邮箱或手机号码", field="address")
    locked.electronic_address = address
    return finish(case, locked, before, by=by, action="address_confirmed")


SERVE_PRIOR_NOTICE = Transition(
    "cases.serve_prior_notice",
    "送达事先告知书",
    "cases.investigate",
    {S.CONCLUDED, S.DISCUSSED},
    requires=(
        Requirement(
            lambda case: case.proposed_outcome == ProposedOutcome.PENALTY,
            "处理意见不是给予行政处罚，无需事先告知，请直接提交法制审核",
        ),
        Requirement(
            lambda case: collective.proposal_refusal(case, before="送达事先告知书") is None,
            lambda case: collective.proposal_refusal(case, before="送达事先告知书"),
            show=True,
        ),
    ),
)


@transaction.atomic
def do_serve_prior_notice(case: Case, *, by, service: Service) -> Case:
    """Issue and serve the 行政处罚事先告知书; the 5-working-day windows start."""
    locked, before = begin(case, SERVE_PRIOR_NOTICE, by)
    served_on = served_date(locked, service, not_before=locked.concluded_at.date(), label="调查终结日期")
    reasons = rules.hearing_right(
        party_kind=locked.party_kind,
        kinds=locked.proposed_kinds,
        fine=locked.proposed_fine,
        confiscation=locked.proposed_confiscation,
    )
    locked.hearing_right = bool(reasons)
    locked.notice_kinds, locked.notice_fine = locked.proposed_kinds, locked.proposed_fine
    locked.notice_confiscation = locked.proposed_confiscation
    locked.notified_on = served_on
    locked.statement_due_on = due_date("statement_defence", served_on)
    locked.hearing_request_due_on = due_date("hearing_request", served_on) if reasons else None
    locked.rights_waived_on = None
    locked.status = CaseStatus.NOTIFIED
    notice = issue_document(locked, "prior_notice", by=by, hearing_reasons="；".join(reasons))
    record = record_service(
        locked,
        service,
        document=ServedDocument.PRIOR_NOTICE,
        served_on=served_on,
        by=by,
        document_number=notice.number,
    )
    return finish(
        case,
        locked,
        before,
        by=by,
        action="prior_notice_served",
        extra={"service": record.pk, "hearing_reasons": reasons},
    )


RECORD_STATEMENT = Transition(
    "cases.record_statement",
    "记录陈述申辩",
    "cases.investigate",
    {S.NOTIFIED, S.HEARING_REQUESTED, S.HEARING_SCHEDULED},
)


@transaction.atomic
def do_record_statement(
    case: Case, *, by, received_on, content: str, review_opinion: str, adopted: bool = False
) -> Statement:
    """陈述、申辩 within 5 working days of the notice, and the bureau's 复核."""
    locked, before = begin(case, RECORD_STATEMENT, by)
    received_on = not_future(received_on, "提出日期", "received_on")
    if received_on < locked.notified_on:
        raise DomainError("陈述申辩日期不能早于事先告知书送达日期", field="received_on")
    if received_on > locked.statement_due_on:
        raise DomainError(
            f"陈述申辩期限已于 {locked.statement_due_on:%Y-%m-%d} 届满，视为放弃（53号令第31条）",
            field="received_on",
        )
    statement = Statement.objects.create(
        case=locked,
        received_on=received_on,
        content=text(content, "陈述申辩内容", "content"),
        review_opinion=text(review_opinion, "复核意见", "review_opinion"),
        adopted=bool(adopted),
        recorded_by=by,
    )
    finish(case, locked, before, by=by, action="statement_recorded", extra={"statement": statement.pk})
    return statement


WAIVE_RIGHTS = Transition("cases.waive_rights", "登记放弃陈述申辩", "cases.investigate", {S.NOTIFIED})


@transaction.atomic
def do_waive_rights(case: Case, *, by, waived_on, note: str) -> Case:
    """The party expressly waives 陈述申辩 (and the hearing): review may start before the windows end."""
    locked, before = begin(case, WAIVE_RIGHTS, by)
    waived_on = not_future(waived_on, "放弃日期", "waived_on")
    if waived_on < locked.notified_on:
        raise DomainError("放弃日期不能早于事先告知书送达日期", field="waived_on")
    locked.rights_waived_on = waived_on
    return finish(
        case, locked, before, by=by, action="rights_waived", extra={"note": text(note, "说明", "note")}
    )


REQUEST_HEARING = Transition(
    "cases.request_hearing",
    "登记听证申请",
    "cases.investigate",
    {S.NOTIFIED},
    requires=(
        Requirement(
            lambda case: case.hearing_right,
            "本案拟作出的处罚未达到听证条件（53号令第30条），当事人不享有听证权利",
        ),
        Requirement(lambda case: not case.rights_waived_on, "当事人已明确放弃听证权利"),
    ),
)


@transaction.atomic
def do_request_hearing(case: Case, *, by, requested_on) -> Case:
    """听证申请, within 5 working days of the notice, where the §11 thresholds give the right."""
    locked, before = begin(case, REQUEST_HEARING, by)
    requested_on = not_future(requested_on, "申请日期", "requested_on")
    if requested_on < locked.notified_on:
        raise DomainError("申请日期不能早于事先告知书送达日期", field="requested_on")
    if requested_on > locked.hearing_request_due_on:
        raise DomainError(
            f"听证申请期限已于 {locked.hearing_request_due_on:%Y-%m-%d} 届满（五个工作日）",
            field="requested_on",
        )
    locked.hearing_requested_on = requested_on
    locked.status = CaseStatus.HEARING_REQUESTED
    return finish(case, locked, before, by=by, action="hearing_requested")


SCHEDULE_HEARING = Transition("cases.schedule_hearing", "安排听证", "cases.hearing", {S.HEARING_REQUESTED})


@transaction.atomic
def do_schedule_hearing(
    case: Case, *, by, hearing_on, place: str, chair, service: Service, public: bool = True
) -> Hearing:
    """听证通知: served at least 7 working days before; the chair did not investigate."""
    locked, before = begin(case, SCHEDULE_HEARING, by)
    if chair is None:
        raise DomainError("请选择听证主持人", field="chair")
    investigators = {o.pk for o in locked.team_officers} | set(
        locked.records.values_list("officers", flat=True)
    )
    if chair.pk in investigators:
        raise DomainError("听证主持人不得由本案调查人员担任（行政处罚法第64条）", field="chair")
    check_recusal([chair], locked.institution, today(), role="听证主持人", field="chair")
    served_on = served_date(locked, service, not_before=locked.hearing_requested_on, label="听证申请日期")
    earliest = due_date("hearing_notice", served_on)
    if hearing_on is None or hearing_on < earliest:
        raise DomainError(
            f"听证通知须在举行听证7个工作日前送达：按 {served_on:%Y-%m-%d} 送达，"
            f"听证最早可定于 {earliest:%Y-%m-%d}",
            field="hearing_on",
        )
    hearing = Hearing.objects.create(
        case=locked,
        hearing_on=hearing_on,
        place=text(place, "听证地点", "place"),
        chair=chair,
        public=bool(public),
        notice_served_on=served_on,
        scheduled_by=by,
    )
    locked.status = CaseStatus.HEARING_SCHEDULED
    notice = issue_document(locked, "hearing_notice", by=by, obj=hearing)
    record = record_service(
        locked,
        service,
        document=ServedDocument.HEARING_NOTICE,
        served_on=served_on,
        by=by,
        document_number=notice.number,
    )
    finish(
        case,
        locked,
        before,
        by=by,
        action="hearing_scheduled",
        extra={"hearing": hearing.pk, "service": record.pk, "hearing_on": hearing_on},
    )
    return hearing


RECORD_HEARING = Transition("cases.record_hearing", "记录听证", "cases.hearing", {S.HEARING_SCHEDULED})


@transaction.atomic
def do_record_hearing(
    case: Case,
    *,
    by,
    held_on,
    party_attended: bool,
    record: str,
    chair_opinion: str,
    representatives: str = "",
) -> Hearing:
    """听证笔录. A party absent without reason has waived the hearing (第64条); either way the
    case goes on to legal review, which for hearing cases follows the hearing (53号令 第33条)."""
    locked, before = begin(case, RECORD_HEARING, by)
    hearing = locked.hearings.select_for_update().order_by("-id").first()
    held_on = not_future(held_on, "举行日期", "held_on")
    if held_on < hearing.hearing_on:
        raise DomainError(f"听证定于 {hearing.hearing_on:%Y-%m-%d}，不能提前举行", field="held_on")
    names = [n for n in re.split(r"[、,，;；\s]+", representatives or "") if n]
    if len(names) > 2:
        raise DomainError("委托代理人不得超过二人（行政处罚法第64条）", field="representatives")
    hearing.held_on, hearing.party_attended = held_on, bool(party_attended)
    hearing.representatives = "、".join(names)
    hearing.record = text(record, "听证笔录", "record")
    hearing.chair_opinion = text(chair_opinion, "主持人意见", "chair_opinion")
    hearing.save()
    locked.status = CaseStatus.HEARD
    issue_document(locked, "hearing_record", by=by, obj=hearing)
    finish(
        case,
        locked,
        before,
        by=by,
        action="hearing_recorded",
        extra={"hearing": hearing.pk, "party_attended": hearing.party_attended},
    )
    return hearing


def _notice_needed(case: Case) -> bool:
    """Concluded with a penalty proposed: the 事先告知书 comes first (行政处罚法 第44条)."""
    return case.status in (S.CONCLUDED, S.DISCUSSED) and case.proposed_outcome == ProposedOutcome.PENALTY


def _in_window(case: Case, due_on_field: str) -> bool:
    """Still inside a window the notice opened, and the party has not waived it."""
    due_on = getattr(case, due_on_field)
    return (
        case.status == S.NOTIFIED and not case.rights_waived_on and due_on is not None and today() <= due_on
    )


SUBMIT_FOR_REVIEW = Transition(
    "cases.submit_for_review",
    "提交法制审核",
    "cases.investigate",
    {S.CONCLUDED, S.DISCUSSED, S.NOTIFIED, S.HEARD, S.REVIEW_RETURNED},
    requires=(
        Requirement(
            lambda case: not _notice_needed(case),
            "拟给予行政处罚的，须先送达行政处罚事先告知书（行政处罚法第44条）",
        ),
        Requirement(
            lambda case: (
                case.status != S.CONCLUDED or collective.proposal_refusal(case, before="提交法制审核") is None
            ),
            lambda case: collective.proposal_refusal(case, before="提交法制审核"),
            show=True,
        ),
        Requirement(
            lambda case: not _in_window(case, "statement_due_on"),
            lambda case: (
                f"陈述申辩期限至 {case.statement_due_on:%Y-%m-%d}，期满前不能提交法制审核"
                "（当事人明确放弃的除外）"
            ),
            show=True,
        ),
        Requirement(
            lambda case: not (case.hearing_right and _in_window(case, "hearing_request_due_on")),
            lambda case: f"听证申请期限至 {case.hearing_request_due_on:%Y-%m-%d}，期满前不能提交法制审核",
            show=True,
        ),
    ),
)


@transaction.atomic
def do_submit_for_review(case: Case, *, by, note: str = "") -> LegalReview:
    """提交法制审核: after the notice windows (or a waiver), after the hearing, or again after a return."""
    locked, before = begin(case, SUBMIT_FOR_REVIEW, by)
    review = LegalReview.objects.create(
        case=locked, submitted_on=today(), submitted_by=by, due_on=due_date("legal_review", today())
    )
    locked.review_due_on = review.due_on
    locked.status = CaseStatus.UNDER_REVIEW
    finish(
        case,
        locked,
        before,
        by=by,
        action="review_submitted",
        extra={"review": review.pk, "note": note.strip()},
    )
    return review


def reviewer_officer(user):
    """The reviewer's officer record, if it carries the 法律职业资格 (行政处罚法 第58条)."""
    try:
        officer = user.officer
    except (ObjectDoesNotExist, AttributeError):
        return None
    return officer if officer.has_legal_qualification else None


REVIEW = Transition(
    "cases.review",
    "法制审核",
    "cases.review",
    {S.UNDER_REVIEW},
    actor=(
        Actor(
            lambda case, user: reviewer_officer(user) is not None,
            "法制审核人员须取得国家统一法律职业资格（行政处罚法第58条）；"
            "请在执法人员信息中登记您的法律职业资格证号",
        ),
        Actor(
            lambda case, user: user.officer.pk not in {o.pk for o in case.team_officers},
            "本案承办人不得审核本案",
        ),
        Actor(
            lambda case, user: not conflicted([user.officer], case.institution, today()),
            f"您与本案当事人有利益冲突申报，应当回避，不能审核本案（{RECUSAL_ARTICLE}）",
        ),
    ),
)


@transaction.atomic
def do_review(case: Case, *, by, checklist: dict, opinion: str, result: str) -> LegalReview:
    """法制审核: a qualified reviewer who is not on the case goes through the §2.3 checklist and
    passes the case or returns it for correction. No decision without a pass."""
    locked, before = begin(case, REVIEW, by)
    if result not in ReviewResult.values:
        raise DomainError("请选择审核结论", field="result")
    items = {key: bool(checklist.get(key)) for key, _ in REVIEW_CHECKLIST}
    failed = [label for key, label in REVIEW_CHECKLIST if not items[key]]
    if result == ReviewResult.PASSED and failed:
        raise DomainError(
            f"审核清单有未通过项（{'；'.join(failed)}），不能审核通过，请退回修改", field="result"
        )
    review = locked.reviews.select_for_update().filter(result="").order_by("-id").first()
    review.reviewer, review.reviewed_on, review.checklist = by, today(), items
    review.opinion, review.result = text(opinion, "审核意见", "opinion"), result
    review.save()
    locked.status = CaseStatus.REVIEWED if result == ReviewResult.PASSED else CaseStatus.REVIEW_RETURNED
    locked.review_due_on = None
    issue_document(locked, "review_opinion", by=by, obj=review)
    finish(case, locked, before, by=by, action="reviewed", extra={"review": review.pk, "result": result})
    return review
