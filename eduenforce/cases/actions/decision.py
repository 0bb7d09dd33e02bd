"""决定 → 送达 → 公示, and revoking a decision (行政处罚法 第48、57–62条); changing one is a new\ndecision (``cases.actions.change``)."""

from django.db import transaction

from eduenforce.cases import discretion, effects, limits
from eduenforce.cases import discussion as collective
from eduenforce.cases.actions._base import begin, finish, not_future, text, today
from eduenforce.cases.actions.service import Service, record_service, served_date
from eduenforce.cases.choices import (
    PRE_DECISION,
    CaseStatus,
    Outcome,
    PenaltyKind,
    Procedure,
    ProposedOutcome,
    ReviewResult,
    RevokeGround,
    ServedDocument,
)
from eduenforce.cases.documents import issue_document, penalty_text
from eduenforce.cases.models import Case
from eduenforce.cases.rules import to_amount
from eduenforce.core.deadlines import due_date
from eduenforce.core.errors import DomainError
from eduenforce.core.transitions import Requirement, Transition
from eduenforce.portal import services as portal
from eduenforce.portal.choices import PublicationKind, PublicationState
from eduenforce.portal.masking import mask_person_name, redact_text
from eduenforce.portal.models import Publication

# A decision in force: it may be published, revoked (and, before execution, changed).
STANDING = frozenset(
    {
        CaseStatus.DECIDED,
        CaseStatus.SERVED,
        CaseStatus.EXECUTING,
        CaseStatus.COURT_APPLIED,
        CaseStatus.EXECUTED,
    }
)
NON_MONETARY_DONE_ON_SERVICE = frozenset({PenaltyKind.WARNING, PenaltyKind.CRITICISM})
S = CaseStatus


def _unreviewed(case: Case) -> str:
    if case.status in PRE_DECISION:
        return "未经法制审核通过，不得作出决定（行政处罚法第58条）"
    return ""


DECIDE = Transition(
    "cases.decide",
    "作出决定",
    "cases.decide",
    {S.REVIEWED},
    why=_unreviewed,
    requires=(
        Requirement(
            lambda case: getattr(case.reviews.order_by("-id").first(), "result", "") == ReviewResult.PASSED,
            "未经法制审核通过，不得作出决定（行政处罚法第58条）",
        ),
        Requirement(
            lambda case: _undiscussed(case) is None,
            lambda case: _undiscussed(case),
        ),
    ),
)


def _undiscussed(case: Case, kinds=None, fine=None) -> str | None:
    """The refusal of a penalty decision the law reserves to 负责人集体讨论 when none was held."""
    if case.proposed_outcome != ProposedOutcome.PENALTY:
        return None
    if kinds is None:
        kinds, fine = case.notice_kinds or case.proposed_kinds, case.notice_fine or case.proposed_fine
    return collective.refusal(case, kinds, fine, before="作出行政处罚决定")


@transaction.atomic
def do_decide(
    case: Case,
    *,
    by,
    outcome: str,
    kinds=(),
    fine=None,
    confiscation=None,
    measures: str = "",
    reason: str = "",
) -> Case:
    """The leader's decision after a passed 法制审核: penalty, 不予处罚 or 撤销立案.

    A penalty may not be heavier than the notice (第45条) nor exceed the law; outside the
    catalogue's range it needs the collective discussion's approval. Issues the 决定书
    (its number is the decision number) and schedules the publication.
    """
    locked, before = begin(case, DECIDE, by)
    if outcome not in Outcome.values:
        raise DomainError("请选择处理结果", field="outcome")
    kinds = list(kinds)
    fine = to_amount(fine, "罚款金额", field="fine")
    confiscation = to_amount(confiscation, "没收违法所得金额", field="confiscation")
    locked.decision_measures = measures.strip()
    if outcome == Outcome.PENALTY:
        _check_penalty(locked, kinds, fine, confiscation)
    elif kinds or fine or confiscation:
        raise DomainError("不予处罚或撤销立案的，不应填写处罚种类和金额", field="kinds")
    elif outcome == Outcome.REVOKED_FILING:
        locked.decision_measures = text(reason, "撤销立案理由", "reason")
    limits.check_decision(locked, outcome=outcome, kinds=kinds, fine=fine, confiscation=confiscation)
    locked.outcome, locked.decided_on, locked.decided_by = outcome, today(), by
    locked.penalty_kinds, locked.fine_amount, locked.confiscation_amount = kinds, fine, confiscation
    locked.decided_in_time = bool(locked.decision_due_on and locked.decided_on <= locked.decision_due_on)
    locked.status = CaseStatus.DECIDED
    if outcome == Outcome.REVOKED_FILING:
        return finish(case, locked, before, by=by, action="filing_revoked")
    locked.service_due_on = due_date("decision_service", locked.decided_on)
    if outcome == Outcome.PENALTY and not locked.party_is_minor:
        locked.publication_required = True
        locked.publication_due_on = due_date("penalty_publication", locked.decided_on)
        portal.schedule(
            kind=PublicationKind.DECISION,
            source=locked,
            title=_publication_title(locked),
            occurred_on=locked.decided_on,
            due_on=locked.publication_due_on,
            year=locked.decided_on.year,
            street=locked.street,
        )
    document = issue_document(locked, "decision", by=by)
    locked.decision_number = document.number
    return finish(case, locked, before, by=by, action="decided", extra={"document": document.number})


def _check_penalty(case: Case, kinds, fine, confiscation) -> None:
    if case.proposed_outcome != ProposedOutcome.PENALTY or not case.notified_on:
        raise DomainError("未经事先告知，不得作出行政处罚决定（行政处罚法第44、62条）")
    if not kinds:
        raise DomainError("请选择处罚种类", field="kinds")
    if (refusal := _undiscussed(case, kinds, fine)) is not None:
        raise DomainError(refusal, field="kinds")
    discretion.check_legal_limits(
        case.violation,
        severity=case.severity,
        gains=case.illegal_gains,
        kinds=kinds,
        fine=fine,
        confiscation=confiscation,
    )
    heavier = [k for k in kinds if k not in case.notice_kinds]
    if (
        heavier
        or (fine or 0) > (case.notice_fine or 0)
        or (confiscation or 0) > (case.notice_confiscation or 0)
    ):
        raise DomainError(
            "决定的处罚重于事先告知的内容：不得因当事人陈述、申辩而加重处罚（行政处罚法第45条）；"
            "确需加重的，应恢复调查并重新事先告知",
            field="fine",
        )
    suggestion = discretion.suggest(case.violation, discretion.Facts.of(case))
    case.applied_tier = suggestion.tier
    case.within_range = suggestion.allows(kinds, fine)
    if not case.within_range and not case.deviation_approved:
        raise DomainError(
            f"决定超出裁量基准建议（{suggestion.tier_label}：{suggestion.range_text()}），"
            "偏离须写明理由并经负责人集体讨论同意",
            field="fine",
        )
    case.penalty_kinds, case.fine_amount, case.confiscation_amount = kinds, fine, confiscation
    case.discretion_statement = discretion.statement(case, suggestion.range_text())


def _publication_title(case: Case) -> str:
    return f"{public_party(case)}行政处罚决定"


def public_party(case: Case) -> str:
    """The party as the public sees it: an organisation's name, an individual as surname + 某."""
    if case.party_kind == "person":
        return mask_person_name(case.party_name)
    return case.party_name


SERVE_DECISION = Transition(
    "cases.serve_decision",
    "送达决定书",
    "cases.investigate",
    {S.DECIDED},
    requires=(
        Requirement(
            lambda case: case.outcome in (Outcome.PENALTY, Outcome.NO_PENALTY),
            "撤销立案无需送达决定书，请申请结案",
        ),
    ),
)


@transaction.atomic
def do_serve_decision(case: Case, *, by, service: Service) -> Case:
    """送达决定书 (within 7 working days; 公告送达 takes effect after 30 days); the payment clock starts."""
    locked, before = begin(case, SERVE_DECISION, by)
    served_on = served_date(locked, service, not_before=locked.decided_on, label="决定日期")
    record = record_service(
        locked,
        service,
        document=ServedDocument.DECISION,
        served_on=served_on,
        by=by,
        document_number=locked.decision_number,
    )
    locked.served_on = served_on
    locked.served_in_time = service.delivered_on <= locked.service_due_on
    if locked.outcome == Outcome.NO_PENALTY:
        locked.status = CaseStatus.SERVED
    elif locked.money_due:
        locked.payment_due_on = due_date("fine_payment", served_on)
        locked.status = CaseStatus.EXECUTING
    elif set(locked.penalty_kinds) <= NON_MONETARY_DONE_ON_SERVICE:
        locked.status, locked.executed_on = CaseStatus.EXECUTED, served_on
    else:
        locked.status = CaseStatus.EXECUTING
    served = finish(case, locked, before, by=by, action="decision_served", extra={"service": record.pk})
    effects.apply(served, by=by)  # 吊销 / 停止招生 / 停办 written into the registry, same transaction
    return served


def named_persons(case: Case) -> tuple[list[str], list[str]]:
    """(names to remove, names to mask): the natural persons named in the case; the portal's
    reviewer check refuses free text that still names one of them."""
    remove = [
        case.party_representative,
        *case.records.values_list("subject_name", flat=True),
        *case.hearings.values_list("representatives", flat=True),
    ]
    mask = [case.party_name] if case.party_kind == "person" else []
    return [n for n in remove if n], mask


def public_fields(case: Case) -> dict:
    """The masked snapshot the portal shows (security-requirements row 33)."""
    remove, mask = named_persons(case)
    violation = case.violation
    return {
        "decision_number": case.decision_number,
        "party": public_party(case),
        "party_kind": case.get_party_kind_display(),
        "credit_code": case.party_id_code if case.party_kind == "organisation" else "",
        "violation_code": case.violation_code,
        "violation": violation.title if violation else case.cause,
        "article": violation.article if violation else "",
        "legal_basis": violation.legal_basis if violation else "",
        "facts": redact_text(case.conclusion_report, names_to_remove=remove, names_to_mask=mask),
        "penalty": redact_text(penalty_text(case), names_to_remove=remove, names_to_mask=mask),
        "penalty_kinds": case.kind_labels(),
        "fine_amount": str(case.fine_amount or ""),
        "confiscation_amount": str(case.confiscation_amount or ""),
        "decided_on": case.decided_on.isoformat(),
        "street": case.street.name if case.street else "",
        "discretion": redact_text(case.discretion_statement, names_to_remove=remove, names_to_mask=mask),
    }


PUBLISH_DECISION = Transition(
    "cases.publish_decision",
    "公示处罚决定",
    "portal.publish",
    STANDING,
    requires=(
        Requirement(lambda case: case.outcome == Outcome.PENALTY, "只有行政处罚决定需要公示"),
        Requirement(
            lambda case: case.procedure == Procedure.GENERAL,
            "当场作出的（简易程序）处罚决定不列入公示，无需公示",
        ),
        Requirement(lambda case: not case.party_is_minor, "当事人为未成年人的案件不予公示"),
        Requirement(lambda case: not case.published_on, "该决定已公示"),
    ),
)


@transaction.atomic
def do_publish_decision(case: Case, *, by) -> Case:
    """公示 the masked decision on the portal (due 7 working days after the decision)."""
    locked, before = begin(case, PUBLISH_DECISION, by)
    fields = public_fields(locked)
    portal.publish(
        kind=PublicationKind.DECISION,
        source=locked,
        title=_publication_title(locked),
        occurred_on=locked.decided_on,
        year=locked.decided_on.year,
        by=by,
        summary=f"{fields['violation']}；{fields['penalty']}"[:500],
        body=fields["facts"],
        fields=fields,
        street=locked.street,
        due_on=locked.publication_due_on,
        names_to_remove=named_persons(locked)[0],
        names_to_mask=named_persons(locked)[1],
    )
    locked.published_on = today()
    locked.published_in_time = locked.published_on <= locked.publication_due_on
    return finish(case, locked, before, by=by, action="decision_published")


REVOKE_DECISION = Transition(
    "cases.revoke_decision",
    "撤销处罚决定",
    "cases.decide",
    STANDING,
    requires=(
        Requirement(lambda case: case.outcome == Outcome.PENALTY, "只有行政处罚决定可以撤销"),
        Requirement(lambda case: not case.change_stage, "本案有进行中的变更程序，请先撤回变更程序"),
    ),
)
NEEDS_BASIS = {RevokeGround.RECONSIDERATION, RevokeGround.JUDGMENT}


@transaction.atomic
def do_revoke_decision(
    case: Case, *, by, revoked_on, reason: str, ground: str, basis_number: str = ""
) -> Case:
    """A decision revoked, with its ground (复议决定, 判决, or the bureau's own finding) and the approving
    leader: it no longer counts as a decision in force, and its publication is withdrawn at once (the
    law allows 3 working days, recorded as the withdrawal deadline; 行政处罚法 第48条)."""
    locked, before = begin(case, REVOKE_DECISION, by)
    if ground not in RevokeGround.values:
        raise DomainError("请选择撤销依据", field="ground")
    basis_number = (basis_number or "").strip()
    if ground in NEEDS_BASIS and not basis_number:
        raise DomainError("因复议决定或判决撤销的，请填写复议决定书或判决书文号", field="basis_number")
    locked.revoke_ground, locked.revoke_basis_number, locked.revoked_by = ground, basis_number, by
    revoked_on = not_future(revoked_on, "撤销日期", "revoked_on")
    if revoked_on < locked.decided_on:
        raise DomainError("撤销日期不能早于决定日期", field="revoked_on")
    locked.revoke_reason = text(reason, "撤销理由", "reason")
    locked.revoked_on, locked.status = revoked_on, CaseStatus.DECISION_REVOKED
    publication = portal.publication_for(PublicationKind.DECISION, locked)
    if publication is not None and publication.state != PublicationState.WITHDRAWN:
        Publication.objects.filter(pk=publication.pk).update(
            withdraw_due_on=due_date("revoked_withdrawal", revoked_on)
        )
        portal.withdraw(
            publication,
            by=by,
            note=f"该行政处罚决定已于{revoked_on:%Y年%m月%d日}被撤销：{locked.revoke_reason}",
        )
    return finish(case, locked, before, by=by, action="decision_revoked")
