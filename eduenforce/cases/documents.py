"""Issuing a case's documents: context from the case, numbering, storage and PDF.

``issue_document(case, kind, by=…, **objects)`` is called by the actions at the moment the
document is made (立案审批表 at approval, 决定书 at the decision, …), inside their
transaction, through ``records.documents.issue`` (serial number, SHA-256/SM3, journal).
The PDF is rendered from the issued .docx itself, so an edited template shows in both.
"""

from datetime import date
from decimal import Decimal

from django.utils import timezone

from eduenforce.cases import wording
from eduenforce.cases.choices import (
    ClosingGround,
    Outcome,
    PartyKind,
    Procedure,
    ProposedOutcome,
    ReviewResult,
    ServiceMethod,
)
from eduenforce.cases.discussion import grounds
from eduenforce.cases.docspecs import SPECS
from eduenforce.core import config
from eduenforce.core.documents import cn_date, docx_pdf
from eduenforce.records.documents import issue


def yuan(value) -> str:
    return f"{Decimal(value or 0):,.2f}"


def officers_text(officers, on: date | None) -> str:
    parts = []
    for o in officers:
        cert = o.certificate_on(on) if on else None
        parts.append(f"{o.name}（执法证号 {cert.number}）" if cert else o.name)
    return "、".join(parts)


def penalty_text(case, kinds=None, fine=None, confiscation=None, measures=None) -> str:
    kinds = case.penalty_kinds if kinds is None else kinds
    fine = case.fine_amount if fine is None else fine
    confiscation = case.confiscation_amount if confiscation is None else confiscation
    parts = []
    for label, kind in zip(case.kind_labels(kinds), kinds, strict=True):
        if kind == "fine":
            parts.append(f"罚款人民币 {yuan(fine)} 元")
        elif kind == "confiscate_gains":
            parts.append(f"没收违法所得人民币 {yuan(confiscation)} 元")
        else:
            parts.append(label)
    measures = case.decision_measures if measures is None else measures
    if measures:
        parts.append(measures)
    return "；".join(parts) or "不予行政处罚"


def proposal_text(case) -> str:
    if case.proposed_outcome != ProposedOutcome.PENALTY:
        return case.get_proposed_outcome_display()
    return penalty_text(case, case.proposed_kinds, case.proposed_fine, case.proposed_confiscation, "")


def suggestion_text(case) -> str:
    if not case.suggested_tier:
        return "未列入裁量基准"
    tier = case.get_suggested_tier_display()
    if case.suggested_max is None:
        return f"{tier}（不罚款）"
    return f"{tier}（罚款 {yuan(case.suggested_min)}–{yuan(case.suggested_max)} 元）"


def party(case) -> dict:
    is_person = case.party_kind == PartyKind.PERSON
    return {
        "name": case.party_name,
        "kind": case.get_party_kind_display(),
        "address": case.party_address or "—",
        "id_label": "身份证号" if is_person else "统一社会信用代码",
        "id_code": case.party_id_code or "—",
        "representative": case.party_representative,
    }


def payment_place() -> str:
    """Where to pay (行政处罚法 第67条): the bank and account of the bureau's settings."""
    bank = config.get("cases.payment_bank")
    if not bank:
        return "指定银行"
    name, account = config.get("cases.payment_account_name"), config.get("cases.payment_account")
    details = "，".join(
        x for x in (f"户名：{name}" if name else "", f"账号：{account}" if account else "") if x
    )
    return f"{bank}（{details}）" if details else bank


def performance_text(case) -> str:
    if case.outcome != Outcome.PENALTY:
        return "本决定无需履行缴款义务。"
    parts = []
    if case.money_due:
        parts.append(f"罚没款自收到本决定书之日起十五日内缴至{payment_place()}或者通过电子支付系统缴纳。")
    if "fine" in case.penalty_kinds and case.fine_amount:
        parts.append("到期不缴纳罚款的，每日按罚款数额的百分之三加处罚款，加处罚款的数额不超过罚款的数额。")
    if case.decision_measures:
        parts.append(f"{case.decision_measures}。")
    others = [k for k in case.penalty_kinds if k not in ("fine", "confiscate_gains")]
    if others:
        parts.append("自本决定书送达之日起执行" + "、".join(case.kind_labels(others)) + "。")
    return "".join(parts) or "自本决定书送达之日起执行。"


def base_context(case) -> dict:
    violation = case.violation
    evidence = [f"{e.get_kind_display()}《{e.title}》" for e in case.evidence.all()] if case.pk else []
    team = case.team_officers if case.pk else []
    return {
        "case": case,
        "party": party(case),
        "filed_on": cn_date(case.filed_on),
        "decided_on": cn_date(case.decided_on),
        "served_on": cn_date(case.served_on),
        "payment_due": cn_date(case.payment_due_on),
        "you": wording.you(case.party_kind),
        "facts": wording.findings(case.conclusion_report),
        "summary": wording.findings(case.summary, opening=""),
        "violation": {
            "legal_basis": wording.legal_basis(violation.legal_basis)
            if violation
            else "有关法律、法规、规章",
            "article": violation.article if violation else "",
            "title": violation.title if violation else "",
        },
        "officers_text": officers_text(team, case.filed_on or timezone.localdate()),
        "evidence_text": "、".join(evidence[:8]) or "现场检查笔录、询问笔录",
        "evidence": evidence,
        "proposal_text": proposal_text(case),
        "suggestion_text": suggestion_text(case),
        "penalty_text": penalty_text(case) if case.outcome == Outcome.PENALTY else "不予行政处罚",
        "reasons_text": "；".join(case.suggestion_reasons) or "无",
        "proposed_outcome": case.get_proposed_outcome_display(),
        "review_body": config.get("cases.review_body"),
    }


def _record(r) -> dict:
    return {
        "started": cn_date(r.started_at),
        "ended": cn_date(r.ended_at),
        "place": r.place,
        "officers": officers_text(r.officers.all(), timezone.localdate(r.started_at)),
        "subject_name": r.subject_name,
        "subject_detail": r.subject_detail,
        "content": r.content,
    }


def _defence_text(case) -> str:
    you = wording.you(case.party_kind)
    parts = []
    if case.notified_on:
        parts.append(f"本机关于{cn_date(case.notified_on)}向{you}送达了《行政处罚事先告知书》")
    statements = list(case.statements.all())
    if statements:
        adopted = any(s.adopted for s in statements)
        parts.append(
            f"{you}提出了陈述、申辩，本机关进行了复核，" + ("部分意见予以采纳" if adopted else "意见不予采纳")
        )
    elif case.notified_on:
        parts.append(
            f"{you}在法定期限内未提出陈述、申辩"
            if not case.rights_waived_on
            else f"{you}明确表示放弃陈述、申辩"
        )
    hearing = case.hearings.exclude(held_on=None).order_by("-id").first()
    if hearing:
        parts.append(f"本机关于{cn_date(hearing.held_on)}依法举行了听证")
    return "，".join(parts) + "。" if parts else ""


def kind_context(case, kind: str, obj=None, **extra) -> dict:
    ctx = base_context(case)
    if kind == "filing_approval":
        ctx |= {
            "source": case.lead.get_source_display() if case.lead else "现场发现",
            "lead_number": case.lead.number if case.lead else "",
            "conditions": [f"{label}：{'是' if ok else '否'}" for label, ok in case.filing_conditions],
            "approver": str(case.filing_decided_by or ""),
            "approved_on": cn_date(case.filing_decided_at),
        }
    elif kind in ("inquiry_record", "inspection_record"):
        ctx["record"] = _record(obj)
    elif kind == "preservation_notice":
        ctx |= {
            "p": {
                "items": obj.items,
                "reason": obj.reason,
                "handle_due": cn_date(obj.handle_due_on),
                "preserved_on": cn_date(obj.preserved_on),
            },
            "approver": str(obj.approved_by or ""),
        }
    elif kind == "correction_notice":
        ctx["order"] = {
            "basis": wording.legal_basis(obj.basis),
            "deadline": cn_date(obj.deadline),
            "content": obj.content,
        }
    elif kind == "investigation_report":
        ctx["records"] = [
            f"{cn_date(r.started_at)}{r.get_kind_display()}（{r.place}）" for r in case.records.all()
        ]
    elif kind == "discussion_minutes":
        ctx["d"] = {
            "held_on": cn_date(obj.held_on),
            "attendees": "、".join(str(u) for u in obj.attendees.order_by("name")),
            "participants": obj.participants,
            "grounds": "；".join(grounds(case, case.proposed_kinds, case.proposed_fine))
            or "承办部门提请讨论",
            "opinions": obj.opinions,
            "minutes": obj.minutes,
            "result": obj.get_result_display(),
            "deviation": "同意" if obj.deviation_approved else "不同意",
        }
    elif kind == "change_notice":
        ctx |= {
            "hearing_right": obj.hearing_right,
            "hearing_reasons": extra.get("hearing_reasons", ""),
            "c": {
                "old_number": obj.old_decision_number,
                "old_penalty": penalty_text(case, obj.old_kinds, obj.old_fine, obj.old_confiscation),
                "new_penalty": penalty_text(case, obj.new_kinds, obj.new_fine, obj.new_confiscation),
                "reason": obj.reason,
            },
        }
    elif kind == "prior_notice":
        ctx |= {"hearing_right": case.hearing_right, "hearing_reasons": extra.get("hearing_reasons", "")}
    elif kind in ("hearing_notice", "hearing_record"):
        ctx |= {
            "requested_on": cn_date(case.hearing_requested_on),
            "h": {
                "hearing_on": cn_date(obj.hearing_on),
                "place": obj.place,
                "chair": obj.chair.name,
                "public": "公开" if obj.public else "不公开",
                "held_on": cn_date(obj.held_on),
                "attended": {True: "到场", False: "无正当理由未到场，视为放弃听证"}.get(
                    obj.party_attended, ""
                ),
                "representatives": obj.representatives or "无",
                "record": obj.record,
                "chair_opinion": obj.chair_opinion,
            },
        }
    elif kind == "review_opinion":
        officer = getattr(obj.reviewer, "officer", None)
        ctx |= {
            "checklist": [f"{label}：{'符合' if ok else '不符合'}" for label, ok in obj.checklist_rows],
            "r": {
                "opinion": obj.opinion,
                "result": ReviewResult(obj.result).label,
                "reviewer": str(obj.reviewer),
                "qualification": getattr(officer, "legal_qualification_number", ""),
                "reviewed_on": cn_date(obj.reviewed_on),
            },
        }
    elif kind in ("decision", "spot_decision"):
        ctx |= {
            "discretion_statement": case.discretion_statement or "—",
            "performance_text": performance_text(case),
            "procedure_text": _defence_text(case) if case.procedure == Procedure.GENERAL else "",
            "place": extra.get("place", ""),
        }
        if case.outcome == Outcome.NO_PENALTY:
            ctx["penalty_text"] = "不予行政处罚" + (
                f"，{case.decision_measures}" if case.decision_measures else ""
            )
    elif kind == "service_receipt":
        ctx["s"] = service_context(case, obj, extra.get("document_number", ""))
    elif kind == "payment_reminder":
        due = extra["due"]
        ctx["due"] = {
            "fine": yuan(due.fine),
            "confiscation": yuan(due.confiscation),
            "surcharge": yuan(due.surcharge),
            "total": yuan(due.total),
            "days": due.days_late,
            "on": cn_date(extra["on"]),
        }
    elif kind == "closing_report":
        ctx |= {
            "ground": ClosingGround(case.closing_ground).label if case.closing_ground else "",
            "requester": str(case.closing_requested_by or ""),
            "execution_text": execution_text(case),
        }
        if case.outcome != Outcome.PENALTY:
            ctx["penalty_text"] = (
                case.get_outcome_display() or case.get_proposed_outcome_display() or "未作出决定"
            )
    return ctx


def service_place(case, service) -> str:
    """Where the document was served, from the method (the record keeps no separate place)."""
    address = case.party_address or "受送达人住所"
    return {
        ServiceMethod.DIRECT: address,
        ServiceMethod.LEFT: address,
        ServiceMethod.POST: f"邮寄至{address}",
        ServiceMethod.ELECTRONIC: service.electronic_address or "电子送达地址",
        ServiceMethod.ANNOUNCEMENT: "公告",
    }.get(service.method, address)


def service_context(case, service, document_number: str) -> dict:
    refused = service.method == ServiceMethod.LEFT
    return {
        "document": service.get_document_display(),
        "document_number": document_number,
        "place": service_place(case, service),
        "method": service.get_method_display(),
        "delivered_on": cn_date(service.delivered_on),
        "served_on": cn_date(service.served_on),
        "deemed": service.served_on != service.delivered_on,
        "recipient": service.recipient or "—",
        "signature": "",  # signed by hand on the printed receipt
        "refusal": (
            f"受送达人拒绝签收，文书留置于送达地点；见证人：{service.witnesses or '—'}（签名）"
            if refused
            else ""
        ),
        "server": "",
        "note": service.reason,
        "tracking_number": service.tracking_number,
        "electronic_address": service.electronic_address,
        "recorded_by": str(service.recorded_by),
    }


def execution_text(case) -> str:
    if case.paid_on:
        return (
            f"当事人于{cn_date(case.paid_on)}缴纳 {yuan(case.paid_amount)} 元"
            f"（含加处罚款 {yuan(case.surcharge_amount)} 元）"
        )
    if case.court_applied_on:
        return f"当事人经催告未履行，本机关于{cn_date(case.court_applied_on)}申请人民法院强制执行"
    if case.executed_on:
        return f"{cn_date(case.executed_on)}执行完毕"
    return "无需执行" if case.outcome != Outcome.PENALTY else "尚未执行完毕"


def prefix_for(kind: str) -> str:
    if kind == "decision":
        return config.get("serial.case_decision_prefix")
    if kind == "spot_decision":
        return config.get("serial.case_spot_prefix")
    return config.get("serial.document_prefix")


def issue_document(case, kind: str, *, by, obj=None, **extra):
    """Issue document ``kind`` about ``case`` now (numbered, stored, journaled)."""
    spec = SPECS[kind]
    title = spec.title
    if kind == "decision" and case.outcome == Outcome.NO_PENALTY:
        title = "不予行政处罚决定书"
    return issue(
        kind=kind,
        title=title,
        obj=case,
        template=spec.template,
        context=kind_context(case, kind, obj, **extra),
        prefix=prefix_for(kind),
        by=by,
    )


def pdf_bytes(document) -> bytes:
    """The PDF of an issued document, made from its stored .docx (the text and tables as issued)."""
    with document.file.open("rb") as f:
        return docx_pdf(f.read(), title=document.title)
