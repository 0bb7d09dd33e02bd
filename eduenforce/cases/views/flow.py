"""One view for every step of the procedure: a registry of steps, each a form and an action.

A step is offered on the case page when the case is in one of its states and the user
holds its capability; posting it runs the ``cases.actions`` function. A refused action
comes back as a form error with the case unchanged (the action is atomic).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from django.contrib import messages
from django.shortcuts import redirect, render

from eduenforce.cases import actions as A
from eduenforce.cases import discretion, forms
from eduenforce.cases.choices import GATHERING, PRE_DECISION, CaseStatus
from eduenforce.cases.choices import CaseStatus as S
from eduenforce.cases.models import Case, Preservation
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, get_object_for_user, has_capability


@dataclass(frozen=True)
class Step:
    slug: str
    label: str
    capability: str
    statuses: frozenset
    form: type
    run: Callable
    style: str = "primary"
    help: str = ""
    when: Callable = field(default=lambda case: True)


def _service(f):
    return f.service()


def _pres(data):
    return Preservation.objects.get(pk=data["preservation"].pk)


CLOSABLE = frozenset(PRE_DECISION | {S.DECIDED, S.SERVED, S.EXECUTED, S.COURT_APPLIED, S.DECISION_REVOKED})
STANDING = frozenset({S.DECIDED, S.SERVED, S.EXECUTING, S.COURT_APPLIED, S.EXECUTED})
OPEN = frozenset(set(CaseStatus) - {S.NOT_FILED, S.CLOSED, S.ARCHIVED, S.FILING_REVIEW})

STEPS = [
    Step(
        "approve-filing",
        "批准立案",
        "cases.approve",
        frozenset({S.FILING_REVIEW}),
        forms.NoteForm,
        lambda c, d, f, u: A.do_approve_filing(c, by=u, note=d["note"]),
    ),
    Step(
        "refuse-filing",
        "不予立案",
        "cases.approve",
        frozenset({S.FILING_REVIEW}),
        forms.ReasonForm,
        lambda c, d, f, u: A.do_refuse_filing(c, by=u, reason=d["reason"]),
        "outline-danger",
    ),
    Step(
        "record",
        "制作笔录",
        "cases.investigate",
        GATHERING,
        forms.RecordForm,
        lambda c, d, f, u: A.do_add_record(c, by=u, **d),
        "outline-primary",
    ),
    Step(
        "evidence",
        "登记证据",
        "cases.investigate",
        GATHERING,
        forms.EvidenceForm,
        lambda c, d, f, u: A.do_add_evidence(c, by=u, **d),
        "outline-primary",
    ),
    Step(
        "preservation",
        "申请先行登记保存",
        "cases.investigate",
        GATHERING,
        forms.PreservationRequestForm,
        lambda c, d, f, u: A.do_request_preservation(c, by=u, **d),
        "outline-primary",
    ),
    Step(
        "approve-preservation",
        "批准先行登记保存",
        "cases.approve",
        GATHERING,
        forms.PreservationChoiceForm,
        lambda c, d, f, u: A.do_approve_preservation(_pres(d), by=u),
        when=lambda c: c.preservations.filter(status="pending_approval").exists(),
    ),
    Step(
        "refuse-preservation",
        "不批准先行登记保存",
        "cases.approve",
        GATHERING,
        forms.PreservationRefuseForm,
        lambda c, d, f, u: A.do_refuse_preservation(_pres(d), by=u, reason=d["reason"]),
        "outline-danger",
        when=lambda c: c.preservations.filter(status="pending_approval").exists(),
    ),
    Step(
        "handle-preservation",
        "先行登记保存处理决定",
        "cases.investigate",
        PRE_DECISION,
        forms.PreservationHandleForm,
        lambda c, d, f, u: A.do_handle_preservation(
            _pres(d), by=u, handling=d["handling"], note=d["note"], handled_on=d["handled_on"]
        ),
        when=lambda c: c.preservations.filter(status="preserved").exists(),
    ),
    Step(
        "order-correction",
        "责令改正",
        "cases.investigate",
        frozenset({S.INVESTIGATING, S.CORRECTION}),
        forms.CorrectionOrderForm,
        lambda c, d, f, u: A.do_order_correction(c, by=u, **d),
    ),
    Step(
        "correction-result",
        "记录改正复查结果",
        "cases.investigate",
        frozenset({S.CORRECTION}),
        forms.CorrectionResultForm,
        lambda c, d, f, u: A.do_record_correction(c, by=u, **d),
        when=lambda c: c.corrections.filter(verified_on__isnull=True).exists(),
    ),
    Step(
        "conclude",
        "调查终结",
        "cases.investigate",
        frozenset({S.INVESTIGATING, S.CORRECTION}),
        forms.ConcludeForm,
        lambda c, d, f, u: A.do_conclude_investigation(c, by=u, **d),
        help="先点“计算裁量建议”查看裁量基准的建议阶次和范围，再提交。",
    ),
    Step(
        "discussion",
        "记录集体讨论",
        "cases.approve",
        frozenset({S.CONCLUDED}),
        forms.DiscussionForm,
        lambda c, d, f, u: A.do_record_discussion(c, by=u, **d),
    ),
    Step(
        "address",
        "登记送达地址确认书",
        "cases.investigate",
        OPEN,
        forms.AddressForm,
        lambda c, d, f, u: A.do_record_address_confirmation(c, by=u, **d),
        "outline-secondary",
    ),
    Step(
        "prior-notice",
        "送达事先告知书",
        "cases.investigate",
        frozenset({S.CONCLUDED, S.DISCUSSED}),
        forms.ServiceForm,
        lambda c, d, f, u: A.do_serve_prior_notice(c, by=u, service=_service(f)),
        when=lambda c: c.proposed_outcome == "penalty",
    ),
    Step(
        "statement",
        "记录陈述申辩",
        "cases.investigate",
        frozenset({S.NOTIFIED, S.HEARING_REQUESTED, S.HEARING_SCHEDULED}),
        forms.StatementForm,
        lambda c, d, f, u: A.do_record_statement(c, by=u, **d),
        "outline-primary",
    ),
    Step(
        "waive",
        "登记放弃陈述申辩",
        "cases.investigate",
        frozenset({S.NOTIFIED}),
        forms.WaiverForm,
        lambda c, d, f, u: A.do_waive_rights(c, by=u, **d),
        "outline-secondary",
    ),
    Step(
        "hearing-request",
        "登记听证申请",
        "cases.investigate",
        frozenset({S.NOTIFIED}),
        forms.HearingRequestForm,
        lambda c, d, f, u: A.do_request_hearing(c, by=u, **d),
        when=lambda c: c.hearing_right,
    ),
    Step(
        "hearing-schedule",
        "安排听证",
        "cases.hearing",
        frozenset({S.HEARING_REQUESTED}),
        forms.HearingScheduleForm,
        lambda c, d, f, u: A.do_schedule_hearing(
            c,
            by=u,
            hearing_on=d["hearing_on"],
            place=d["place"],
            chair=d["chair"],
            public=d["public"],
            service=_service(f),
        ),
    ),
    Step(
        "hearing-record",
        "记录听证",
        "cases.hearing",
        frozenset({S.HEARING_SCHEDULED}),
        forms.HearingRecordForm,
        lambda c, d, f, u: A.do_record_hearing(c, by=u, **d),
    ),
    Step(
        "submit-review",
        "提交法制审核",
        "cases.investigate",
        frozenset({S.CONCLUDED, S.DISCUSSED, S.NOTIFIED, S.HEARD, S.REVIEW_RETURNED}),
        forms.NoteForm,
        lambda c, d, f, u: A.do_submit_for_review(c, by=u, note=d["note"]),
    ),
    Step(
        "review",
        "法制审核",
        "cases.review",
        frozenset({S.UNDER_REVIEW}),
        forms.ReviewForm,
        lambda c, d, f, u: A.do_review(
            c, by=u, checklist=f.checklist(), opinion=d["opinion"], result=d["result"]
        ),
    ),
    Step(
        "reopen",
        "恢复调查",
        "cases.investigate",
        frozenset({S.REVIEW_RETURNED}),
        forms.ReasonForm,
        lambda c, d, f, u: A.do_reopen_investigation(c, by=u, reason=d["reason"]),
        "outline-secondary",
    ),
    Step(
        "decide",
        "作出决定",
        "cases.decide",
        frozenset({S.REVIEWED}),
        forms.DecideForm,
        lambda c, d, f, u: A.do_decide(c, by=u, **d),
    ),
    Step(
        "serve-decision",
        "送达决定书",
        "cases.investigate",
        frozenset({S.DECIDED}),
        forms.ServiceForm,
        lambda c, d, f, u: A.do_serve_decision(c, by=u, service=_service(f)),
        when=lambda c: c.outcome in ("penalty", "no_penalty"),
    ),
    Step(
        "publish",
        "公示处罚决定",
        "portal.publish",
        STANDING,
        forms.NoteForm,
        lambda c, d, f, u: A.do_publish_decision(c, by=u),
        when=lambda c: c.publication_required and not c.published_on,
    ),
    Step(
        "payment",
        "登记缴款",
        "cases.investigate",
        frozenset({S.EXECUTING, S.COURT_APPLIED}),
        forms.PaymentForm,
        lambda c, d, f, u: A.do_record_payment(c, by=u, **d),
        when=lambda c: c.money_due,
    ),
    Step(
        "confirm-execution",
        "确认执行完毕",
        "cases.investigate",
        frozenset({S.EXECUTING}),
        forms.ExecutionForm,
        lambda c, d, f, u: A.do_confirm_execution(c, by=u, **d),
        when=lambda c: not c.money_due,
    ),
    Step(
        "payment-reminder",
        "送达催告书",
        "cases.investigate",
        frozenset({S.EXECUTING}),
        forms.ServiceForm,
        lambda c, d, f, u: A.do_serve_payment_reminder(c, by=u, service=_service(f)),
        "outline-primary",
        when=lambda c: c.money_due,
    ),
    Step(
        "court",
        "申请法院强制执行",
        "cases.approve",
        frozenset({S.EXECUTING}),
        forms.CourtForm,
        lambda c, d, f, u: A.do_apply_to_court(c, by=u, **d),
        "outline-primary",
        when=lambda c: bool(c.reminder_served_on),
    ),
    Step(
        "change-decision",
        "变更处罚决定",
        "cases.decide",
        frozenset({S.DECIDED, S.SERVED, S.EXECUTING}),
        forms.ChangeDecisionForm,
        lambda c, d, f, u: A.do_change_decision(c, by=u, **d),
        "outline-secondary",
        when=lambda c: c.outcome == "penalty",
    ),
    Step(
        "revoke-decision",
        "撤销处罚决定",
        "cases.decide",
        STANDING,
        forms.RevokeForm,
        lambda c, d, f, u: A.do_revoke_decision(c, by=u, **d),
        "outline-danger",
        when=lambda c: c.outcome == "penalty",
    ),
    Step(
        "request-closing",
        "申请结案",
        "cases.investigate",
        CLOSABLE,
        forms.ClosingForm,
        lambda c, d, f, u: A.do_request_closing(c, by=u, **d),
        "outline-primary",
    ),
    Step(
        "approve-closing",
        "批准结案",
        "cases.approve",
        frozenset({S.CLOSING}),
        forms.NoteForm,
        lambda c, d, f, u: A.do_approve_closing(c, by=u),
    ),
    Step(
        "return-closing",
        "退回结案申请",
        "cases.approve",
        frozenset({S.CLOSING}),
        forms.ReasonForm,
        lambda c, d, f, u: A.do_return_closing(c, by=u, reason=d["reason"]),
        "outline-danger",
    ),
    Step(
        "archive",
        "归档",
        "cases.approve",
        frozenset({S.CLOSED}),
        forms.ArchiveForm,
        lambda c, d, f, u: A.do_archive(c, by=u, **d),
    ),
]
STEP_BY_SLUG = {s.slug: s for s in STEPS}


def steps_for(case: Case, user) -> list[Step]:
    """The steps this user may take on this case now."""
    return [
        s for s in STEPS if case.status in s.statuses and has_capability(user, s.capability) and s.when(case)
    ]


def _make_form(step: Step, case: Case, data=None):
    kwargs = {"case": case} if step.form in _CASE_FORMS else {}
    return step.form(data, initial=_initial(step, case), **kwargs)


def _initial(step: Step, case: Case) -> dict:
    """Sensible starting values: today for dates, the proposal for the decision."""
    from django.utils import timezone

    today = timezone.localdate()
    dates = (
        "delivered_on",
        "held_on",
        "received_on",
        "waived_on",
        "requested_on",
        "signed_on",
        "verified_on",
        "handled_on",
        "paid_on",
        "applied_on",
        "executed_on",
        "revoked_on",
    )
    initial = dict.fromkeys(dates, today)
    initial["method"] = "direct"
    if step.slug == "decide":
        initial |= {
            "outcome": "penalty" if case.proposed_outcome == "penalty" else "no_penalty",
            "kinds": case.proposed_kinds,
            "fine": case.proposed_fine,
            "confiscation": case.proposed_confiscation,
        }
    if step.slug == "change-decision":
        initial |= {
            "kinds": case.penalty_kinds,
            "fine": case.fine_amount,
            "confiscation": case.confiscation_amount,
        }
    return initial


_CASE_FORMS = {
    forms.PreservationChoiceForm,
    forms.PreservationRefuseForm,
    forms.PreservationHandleForm,
    forms.ConcludeForm,
}


def case_action(request, pk: int, action: str):
    step = STEP_BY_SLUG.get(action)
    if step is None:
        from django.http import Http404

        raise Http404
    return capability_required(step.capability)(_case_action)(request, pk=pk, step=step)


def _case_action(request, pk: int, step: Step):
    case = get_object_for_user(request.user, Case.objects.all(), step.capability, pk=pk)
    form = _make_form(step, case, request.POST or None)
    suggestion = None
    if request.method == "POST" and form.is_valid():
        if step.slug == "conclude" and "preview" in request.POST:
            suggestion = _preview(case, form.cleaned_data)
        else:
            try:
                step.run(case, form.cleaned_data, form, request.user)
            except DomainError as error:
                _add_error(form, error)
            else:
                messages.success(request, f"已完成：{step.label}")
                return redirect("cases:detail", pk=case.pk)
    return render(
        request, "cases/action.html", {"case": case, "step": step, "form": form, "suggestion": suggestion}
    )


def _add_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def _preview(case: Case, data: dict):
    """The catalogue's suggestion for the facts typed so far (nothing is saved)."""
    violation = data.get("violation") or case.violation
    if violation is None:
        return {"error": "请先选择违法行为"}
    first, repeat, recent = discretion.history_facts(case)
    facts = discretion.Facts(
        severity=data["severity"],
        harm=data["harm"],
        first_violation=first,
        repeat_within_window=repeat,
        promptly_corrected=case.promptly_corrected,
        in_service_teacher=data["in_service_teacher"],
        obstruction=data["obstruction"],
        minors_affected=data["minors_affected"],
        mandatory_mitigation=data["mandatory_mitigation"],
        illegal_gains=data.get("illegal_gains"),
    )
    suggestion = discretion.suggest(violation, facts)
    return {
        "s": suggestion,
        "recent": recent,
        "violation": violation,
        "inside": suggestion.allows(data.get("kinds") or [], data.get("fine")),
    }
