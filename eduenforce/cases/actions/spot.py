"""简易程序 (当场处罚, 行政处罚法 第51–52条): warning, or a fine up to 200 / 3,000 yuan."""

from django.db import transaction

from eduenforce.cases import discretion, limits, rules
from eduenforce.cases.actions._base import actor, finish, text, today
from eduenforce.cases.actions.filing import refuse_non_handlers
from eduenforce.cases.actions.service import Service, record_service
from eduenforce.cases.choices import (
    CaseStatus,
    Outcome,
    PartyKind,
    Procedure,
    ServedDocument,
    ServiceMethod,
    Severity,
)
from eduenforce.cases.documents import issue_document
from eduenforce.cases.models import Case, CaseOfficer
from eduenforce.core.deadlines import due_date
from eduenforce.core.errors import DomainError
from eduenforce.officers.eligibility import check_team


@transaction.atomic
def do_on_the_spot_penalty(
    *,
    by,
    party_kind: str,
    party_name: str,
    violation,
    summary: str,
    kinds,
    officers,
    place: str,
    recipient: str,
    fine=None,
    institution=None,
    party_id_code: str = "",
    party_address: str = "",
    refused_to_sign: bool = False,
    witnesses: str = "",
    severity: str = Severity.ORDINARY,
) -> Case:
    """Decide on the spot and hand the serially numbered form over (a refusal to sign is noted).

    Refused beyond 行政处罚法 第51条; the case is filed with the bureau by being recorded here.
    """
    actor(by, "cases.investigate")
    if party_kind not in PartyKind.values:
        raise DomainError("请选择当事人类型", field="party_kind")
    if violation is None:
        raise DomainError("请选择违法行为（处罚依据）", field="violation")
    kinds = list(kinds)
    fine = rules.to_amount(fine, "罚款金额", field="fine")
    rules.check_on_the_spot(party_kind=party_kind, kinds=kinds, fine=fine)
    if severity not in Severity.values:
        raise DomainError("请选择情节", field="severity")
    discretion.check_legal_limits(
        violation, severity=severity, gains=None, kinds=kinds, fine=fine, confiscation=None
    )
    limits.check_published(violation)
    officers = list(officers)
    check_team(officers, today(), institution=institution)
    refuse_non_handlers(officers)
    if not any(o.user_id == by.pk for o in officers):
        raise DomainError("当场处罚由在场的执法人员作出：请将本人列入执法人员", field="officers")
    if refused_to_sign and not witnesses.strip():
        raise DomainError("当事人拒绝签收的，应在决定书上注明并由见证人签名", field="witnesses")
    case = Case.objects.create(
        procedure=Procedure.SIMPLE,
        status=CaseStatus.DECIDED,
        institution=institution,
        street=getattr(institution, "street", None),
        party_kind=party_kind,
        party_name=text(party_name, "当事人", "party_name"),
        party_id_code=party_id_code.strip(),
        party_address=party_address.strip(),
        cause=violation.title,
        summary=text(summary, "违法事实", "summary"),
        violation=violation,
        violation_code=violation.code,
        severity=severity,
        outcome=Outcome.PENALTY,
        decided_on=today(),
        decided_by=by,
        penalty_kinds=kinds,
        fine_amount=fine,
        decided_in_time=True,
        created_by=by,
        discretion_statement="适用简易程序当场作出（行政处罚法第51条）。",
        conclusion_report=summary.strip(),
    )
    CaseOfficer.objects.bulk_create(
        [CaseOfficer(case=case, officer=o, order=i) for i, o in enumerate(officers)]
    )
    document = issue_document(case, "spot_decision", by=by, place=text(place, "地点", "place"))
    case.decision_number = document.number
    service = Service(
        method=ServiceMethod.LEFT if refused_to_sign else ServiceMethod.DIRECT,
        delivered_on=today(),
        recipient="（拒绝签收）" if refused_to_sign else text(recipient, "签收人", "recipient"),
        witnesses=witnesses.strip(),
    )
    record_service(
        case,
        service,
        document=ServedDocument.DECISION,
        served_on=today(),
        by=by,
        document_number=document.number,
    )
    case.served_on, case.served_in_time = today(), True
    if case.money_due:
        case.payment_due_on, case.status = due_date("fine_payment", today()), CaseStatus.EXECUTING
    else:
        case.executed_on, case.status = today(), CaseStatus.EXECUTED
    return finish(
        None,
        case,
        {},
        by=by,
        action="on_the_spot_decided",
        extra={"officers": [o.pk for o in officers], "place": place},
    )
