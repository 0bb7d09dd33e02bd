"""线索 → 立案审查 → 立案 or 不予立案 (53号令 第26、27条)."""

from django.db import transaction
from django.utils import timezone

from eduenforce.cases import carry
from eduenforce.cases.actions._base import begin, finish, text, today
from eduenforce.cases.choices import CaseStatus, CatalogueStatus, LeadStatus, PartyKind
from eduenforce.cases.documents import issue_document
from eduenforce.cases.models import Case, CaseLead, CaseOfficer
from eduenforce.core import config
from eduenforce.core.deadlines import due_date
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import may_be_handler
from eduenforce.core.serials import formatted, next_serial
from eduenforce.core.transitions import Actor, Requirement, Transition
from eduenforce.officers.eligibility import check_recusal, check_team
from eduenforce.records.journal import append

CONDITIONS = ["cond_party_clear", "cond_evidence", "cond_penalty_due", "cond_jurisdiction", "cond_time_bar"]

OPEN_FILING_REVIEW = Transition(
    "cases.open_filing_review", "提起立案审查", "cases.investigate", {LeadStatus.REGISTERED}
)


@transaction.atomic
def do_open_filing_review(
    lead: CaseLead,
    *,
    by,
    cause: str,
    summary: str,
    officers,
    conditions: dict,
    opinion: str = "",
    violation=None,
    institution=None,
    party_kind: str | None = None,
    party_name: str = "",
    party_id_code: str = "",
    party_address: str = "",
    party_representative: str = "",
    party_is_minor: bool = False,
    violation_ended_on=None,
) -> Case:
    """Open the 立案审查 of a lead: the 立案审批表 with the five conditions and the team.

    ``officers`` are the 承办人 (at least two, certified today); ``conditions`` maps the five
    ``cond_*`` names to booleans; party fields default to the lead's institution.
    """
    lead = CaseLead.objects.select_for_update().get(pk=lead.pk)
    OPEN_FILING_REVIEW.check(lead, by)
    officers = list(officers)
    check_team(officers, today())
    refuse_non_handlers(officers)
    if violation is not None and violation.version.status != CatalogueStatus.CURRENT:
        raise DomainError("只能选择现行有效裁量基准中的违法行为", field="violation")
    institution = institution or lead.institution
    check_recusal(officers, institution, today(), role="本案承办人")
    kind = party_kind or (PartyKind.ORGANISATION if institution else PartyKind.PERSON)
    if kind not in PartyKind.values:
        raise DomainError("当事人类型不正确", field="party_kind")
    flags = {name: bool(conditions.get(name)) for name in CONDITIONS}
    if (
        violation_ended_on
        and flags["cond_time_bar"]
        and due_date("penalty_time_bar", violation_ended_on) < today()
    ):
        raise DomainError(
            "违法行为终了之日起已超过两年追责时效（行政处罚法第36条），不能认定“在法定期限内”",
            field="cond_time_bar",
        )
    case = Case.objects.create(
        lead=lead,
        institution=institution,
        street=getattr(institution, "street", None),
        party_kind=kind,
        party_name=text(
            party_name or (institution.name if institution else lead.party_name), "当事人", "party_name"
        ),
        party_id_code=party_id_code or getattr(institution, "credit_code", ""),
        party_address=party_address or getattr(institution, "address", ""),
        party_representative=party_representative or getattr(institution, "legal_rep_name", ""),
        party_is_minor=party_is_minor,
        cause=text(cause, "案由", "cause"),
        summary=text(summary, "简要案情", "summary"),
        violation=violation,
        violation_code=violation.code if violation else "",
        violation_ended_on=violation_ended_on,
        filing_opinion=opinion.strip(),
        filing_submitted_by=by,
        created_by=by,
        **flags,
        filing_review_due_on=due_date("case_filing_review", timezone.localdate(lead.created_at)),
    )
    CaseOfficer.objects.bulk_create(
        [CaseOfficer(case=case, officer=o, order=i) for i, o in enumerate(officers)]
    )
    lead.status = LeadStatus.UNDER_REVIEW
    lead.save(update_fields=["status", "updated_at"])
    append(actor=by, action="cases.lead_under_review", obj=lead, changes={"case": case.pk})
    return finish(
        None, case, {}, by=by, action="filing_review_opened", extra={"officers": [o.pk for o in officers]}
    )


def refuse_non_handlers(officers) -> None:
    """A 法制审核员 reviews the handlers' work and a leader decides on it: neither handles a case
    (行政处罚法第58条: 法制审核 by others than the investigators)."""
    refused = [o.name for o in officers if not may_be_handler(o)]
    if refused:
        raise DomainError(f"{'、'.join(refused)}是法制审核人员或局领导，不能担任承办人", field="officers")


def _missing_conditions(case: Case) -> str:
    missing = [label for label, ok in case.filing_conditions if not ok]
    return f"立案条件未全部满足（{'、'.join(missing)}），不能批准立案；不符合条件的应不予立案"


APPROVE_FILING = Transition(
    "cases.approve_filing",
    "批准立案",
    "cases.approve",
    {CaseStatus.FILING_REVIEW},
    actor=Actor(lambda case, user: case.filing_submitted_by_id != user.pk, "立案须由承办人以外的负责人审批"),
    requires=(Requirement(lambda case: all(ok for _, ok in case.filing_conditions), _missing_conditions),),
)


@transaction.atomic
def do_approve_filing(case: Case, *, by, note: str = "") -> Case:
    """负责人批准立案: number 东教罚立〔YYYY〕N号, the 90-day clock starts, 立案审批表 issued."""
    locked, before = begin(case, APPROVE_FILING, by)
    check_team(locked.team_officers, today(), institution=locked.institution)
    year = today().year
    prefix = config.get("serial.case_filing_prefix")
    locked.number = formatted(prefix, year, next_serial(prefix, year))
    locked.filed_on = today()
    locked.decision_due_on = due_date("filing_to_decision", locked.filed_on)
    locked.filing_decided_by, locked.filing_decided_at = by, timezone.now()
    locked.status = CaseStatus.INVESTIGATING
    _set_lead(locked, LeadStatus.FILED, by)
    issue_document(locked, "filing_approval", by=by)
    filed = finish(case, locked, before, by=by, action="filing_approved", extra={"note": note.strip()})
    carry.carry_over(filed, by=by)  # 移送立案: the inspection's 笔录 and evidence files become the case's
    return filed


REFUSE_FILING = Transition("cases.refuse_filing", "不予立案", "cases.approve", {CaseStatus.FILING_REVIEW})


@transaction.atomic
def do_refuse_filing(case: Case, *, by, reason: str) -> Case:
    """不予立案, with the reason (the lead is closed as 不予立案)."""
    locked, before = begin(case, REFUSE_FILING, by)
    locked.not_filed_reason = text(reason, "不予立案理由", "reason")
    locked.filing_decided_by, locked.filing_decided_at = by, timezone.now()
    locked.status = CaseStatus.NOT_FILED
    _set_lead(locked, LeadStatus.NOT_FILED, by)
    return finish(case, locked, before, by=by, action="filing_refused")


def _set_lead(case: Case, status: str, by) -> None:
    if case.lead_id is None:
        return
    lead = CaseLead.objects.select_for_update().get(pk=case.lead_id)
    lead.status = status
    lead.save(update_fields=["status", "updated_at"])
    append(actor=by, action="cases.lead_" + status, obj=lead, changes={"case": case.pk, "status": status})
