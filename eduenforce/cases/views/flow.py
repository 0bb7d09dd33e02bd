"""One view for every step of the procedure: a registry of steps, each a form and an action.

A step is offered on the case page exactly when its action's ``Transition`` (declared once,
next to the action in ``cases.actions``) would accept this user on this case now; posting it
runs the action, whose guard is that same declaration. A refused action
comes back as a form error with the case unchanged (the action is atomic).
"""

from collections.abc import Callable
from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect, render

from eduenforce.cases import actions as A
from eduenforce.cases import discretion, forms
from eduenforce.cases.actions import change, decision, execution, filing, investigation, procedure
from eduenforce.cases.models import Case, Preservation
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, get_object_for_user
from eduenforce.core.transitions import Transition


@dataclass(frozen=True)
class Step:
    """A button on the case page: the transition it takes (states, capability and conditions
    come from that declaration), the form it asks for and how the form's data reach the action."""

    slug: str
    transition: Transition
    form: type
    run: Callable
    style: str = "primary"
    help: str = ""

    @property
    def label(self) -> str:
        return self.transition.label

    @property
    def capability(self) -> str:
        return self.transition.capability


@dataclass(frozen=True)
class Offered:
    """A step as the case page shows it: a link, or (``blocked``) a disabled button with the reason."""

    step: Step
    blocked: str | None = None

    def __getattr__(self, name):
        return getattr(self.step, name)


def _service(f):
    return f.service()


def _pres(data):
    return Preservation.objects.get(pk=data["preservation"].pk)


STEPS = [
    Step(
        "approve-filing",
        filing.APPROVE_FILING,
        forms.NoteForm,
        lambda c, d, f, u: A.do_approve_filing(c, by=u, note=d["note"]),
    ),
    Step(
        "refuse-filing",
        filing.REFUSE_FILING,
        forms.ReasonForm,
        lambda c, d, f, u: A.do_refuse_filing(c, by=u, reason=d["reason"]),
        "outline-danger",
    ),
    Step(
        "record",
        investigation.ADD_RECORD,
        forms.RecordForm,
        lambda c, d, f, u: A.do_add_record(c, by=u, **d),
        "outline-primary",
    ),
    Step(
        "evidence",
        investigation.ADD_EVIDENCE,
        forms.EvidenceForm,
        lambda c, d, f, u: A.do_add_evidence(c, by=u, **d),
        "outline-primary",
    ),
    Step(
        "preservation",
        investigation.REQUEST_PRESERVATION,
        forms.PreservationRequestForm,
        lambda c, d, f, u: A.do_request_preservation(c, by=u, **d),
        "outline-primary",
    ),
    Step(
        "approve-preservation",
        investigation.APPROVE_PRESERVATION,
        forms.PreservationChoiceForm,
        lambda c, d, f, u: A.do_approve_preservation(_pres(d), by=u),
    ),
    Step(
        "refuse-preservation",
        investigation.REFUSE_PRESERVATION,
        forms.PreservationRefuseForm,
        lambda c, d, f, u: A.do_refuse_preservation(_pres(d), by=u, reason=d["reason"]),
        "outline-danger",
    ),
    Step(
        "handle-preservation",
        investigation.HANDLE_PRESERVATION,
        forms.PreservationHandleForm,
        lambda c, d, f, u: A.do_handle_preservation(
            _pres(d), by=u, handling=d["handling"], note=d["note"], handled_on=d["handled_on"]
        ),
    ),
    Step(
        "order-correction",
        investigation.ORDER_CORRECTION,
        forms.CorrectionOrderForm,
        lambda c, d, f, u: A.do_order_correction(c, by=u, **d),
    ),
    Step(
        "correction-result",
        investigation.RECORD_CORRECTION,
        forms.CorrectionResultForm,
        lambda c, d, f, u: A.do_record_correction(c, by=u, **d),
    ),
    Step(
        "conclude",
        investigation.CONCLUDE,
        forms.ConcludeForm,
        lambda c, d, f, u: A.do_conclude_investigation(c, by=u, **d),
        help="先点“计算裁量建议”查看裁量基准的建议阶次和范围，再提交。",
    ),
    Step(
        "discussion",
        procedure.RECORD_DISCUSSION,
        forms.DiscussionForm,
        lambda c, d, f, u: A.do_record_discussion(c, by=u, **d),
    ),
    Step(
        "address",
        procedure.CONFIRM_ADDRESS,
        forms.AddressForm,
        lambda c, d, f, u: A.do_record_address_confirmation(c, by=u, **d),
        "outline-secondary",
    ),
    Step(
        "prior-notice",
        procedure.SERVE_PRIOR_NOTICE,
        forms.ServiceForm,
        lambda c, d, f, u: A.do_serve_prior_notice(c, by=u, service=_service(f)),
    ),
    Step(
        "statement",
        procedure.RECORD_STATEMENT,
        forms.StatementForm,
        lambda c, d, f, u: A.do_record_statement(c, by=u, **d),
        "outline-primary",
    ),
    Step(
        "waive",
        procedure.WAIVE_RIGHTS,
        forms.WaiverForm,
        lambda c, d, f, u: A.do_waive_rights(c, by=u, **d),
        "outline-secondary",
    ),
    Step(
        "hearing-request",
        procedure.REQUEST_HEARING,
        forms.HearingRequestForm,
        lambda c, d, f, u: A.do_request_hearing(c, by=u, **d),
    ),
    Step(
        "hearing-schedule",
        procedure.SCHEDULE_HEARING,
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
        procedure.RECORD_HEARING,
        forms.HearingRecordForm,
        lambda c, d, f, u: A.do_record_hearing(c, by=u, **d),
    ),
    Step(
        "submit-review",
        procedure.SUBMIT_FOR_REVIEW,
        forms.NoteForm,
        lambda c, d, f, u: A.do_submit_for_review(c, by=u, note=d["note"]),
    ),
    Step(
        "review",
        procedure.REVIEW,
        forms.ReviewForm,
        lambda c, d, f, u: A.do_review(
            c, by=u, checklist=f.checklist(), opinion=d["opinion"], result=d["result"]
        ),
    ),
    Step(
        "reopen",
        investigation.REOPEN,
        forms.ReasonForm,
        lambda c, d, f, u: A.do_reopen_investigation(c, by=u, reason=d["reason"]),
        "outline-secondary",
    ),
    Step("decide", decision.DECIDE, forms.DecideForm, lambda c, d, f, u: A.do_decide(c, by=u, **d)),
    Step(
        "serve-decision",
        decision.SERVE_DECISION,
        forms.ServiceForm,
        lambda c, d, f, u: A.do_serve_decision(c, by=u, service=_service(f)),
    ),
    Step(
        "publish",
        decision.PUBLISH_DECISION,
        forms.NoteForm,
        lambda c, d, f, u: A.do_publish_decision(c, by=u),
    ),
    Step(
        "payment",
        execution.RECORD_PAYMENT,
        forms.PaymentForm,
        lambda c, d, f, u: A.do_record_payment(c, by=u, **d),
    ),
    Step(
        "confirm-execution",
        execution.CONFIRM_EXECUTION,
        forms.ExecutionForm,
        lambda c, d, f, u: A.do_confirm_execution(c, by=u, **d),
    ),
    Step(
        "payment-reminder",
        execution.SERVE_PAYMENT_REMINDER,
        forms.ServiceForm,
        lambda c, d, f, u: A.do_serve_payment_reminder(c, by=u, service=_service(f)),
        "outline-primary",
    ),
    Step(
        "court",
        execution.APPLY_TO_COURT,
        forms.CourtForm,
        lambda c, d, f, u: A.do_apply_to_court(c, by=u, **d),
        "outline-primary",
    ),
    Step(
        "open-change",
        change.OPEN_CHANGE,
        forms.ChangeDecisionForm,
        lambda c, d, f, u: A.do_open_change(c, by=u, **d),
        "outline-secondary",
    ),
    Step(
        "change-discussion",
        change.RECORD_CHANGE_DISCUSSION,
        forms.ChangeDiscussionForm,
        lambda c, d, f, u: A.do_record_change_discussion(c, by=u, **d),
    ),
    Step(
        "change-notice",
        change.SERVE_CHANGE_NOTICE,
        forms.ServiceForm,
        lambda c, d, f, u: A.do_serve_change_notice(c, by=u, service=_service(f)),
    ),
    Step(
        "change-statement",
        change.RECORD_CHANGE_STATEMENT,
        forms.ChangeStatementForm,
        lambda c, d, f, u: A.do_record_change_statement(c, by=u, **d),
        "outline-primary",
    ),
    Step(
        "change-waive",
        change.WAIVE_CHANGE_RIGHTS,
        forms.WaiverForm,
        lambda c, d, f, u: A.do_waive_change_rights(c, by=u, **d),
        "outline-secondary",
    ),
    Step(
        "change-hearing-request",
        change.REQUEST_CHANGE_HEARING,
        forms.HearingRequestForm,
        lambda c, d, f, u: A.do_request_change_hearing(c, by=u, **d),
    ),
    Step(
        "change-hearing",
        change.RECORD_CHANGE_HEARING,
        forms.ChangeHearingForm,
        lambda c, d, f, u: A.do_record_change_hearing(c, by=u, **d),
    ),
    Step(
        "change-submit-review",
        change.SUBMIT_CHANGE_REVIEW,
        forms.NoteForm,
        lambda c, d, f, u: A.do_submit_change_review(c, by=u),
    ),
    Step(
        "change-review",
        change.REVIEW_CHANGE,
        forms.ChangeReviewForm,
        lambda c, d, f, u: A.do_review_change(c, by=u, **d),
    ),
    Step(
        "change-decide",
        change.DECIDE_CHANGE,
        forms.NoteForm,
        lambda c, d, f, u: A.do_decide_change(c, by=u),
    ),
    Step(
        "change-serve",
        change.SERVE_CHANGE_DECISION,
        forms.ServiceForm,
        lambda c, d, f, u: A.do_serve_change_decision(c, by=u, service=_service(f)),
    ),
    Step(
        "change-withdraw",
        change.WITHDRAW_CHANGE,
        forms.ReasonForm,
        lambda c, d, f, u: A.do_withdraw_change(c, by=u, reason=d["reason"]),
        "outline-danger",
    ),
    Step(
        "correct-decision",
        change.CORRECT_DECISION,
        forms.CorrectDecisionForm,
        lambda c, d, f, u: A.do_correct_decision(c, by=u, **d),
        "outline-secondary",
    ),
    Step(
        "revoke-decision",
        decision.REVOKE_DECISION,
        forms.RevokeForm,
        lambda c, d, f, u: A.do_revoke_decision(c, by=u, **d),
        "outline-danger",
    ),
    Step(
        "request-closing",
        execution.REQUEST_CLOSING,
        forms.ClosingForm,
        lambda c, d, f, u: A.do_request_closing(c, by=u, **d),
        "outline-primary",
    ),
    Step(
        "approve-closing",
        execution.APPROVE_CLOSING,
        forms.NoteForm,
        lambda c, d, f, u: A.do_approve_closing(c, by=u),
    ),
    Step(
        "return-closing",
        execution.RETURN_CLOSING,
        forms.ReasonForm,
        lambda c, d, f, u: A.do_return_closing(c, by=u, reason=d["reason"]),
        "outline-danger",
    ),
    Step("archive", execution.ARCHIVE, forms.ArchiveForm, lambda c, d, f, u: A.do_archive(c, by=u, **d)),
]
STEP_BY_SLUG = {s.slug: s for s in STEPS}


def steps_for(case: Case, user) -> list[Offered]:
    """The steps to show this user on this case now, read from the transitions' own guards:
    a link where the action would accept, a disabled button where only a condition the user can
    still bring about (``Requirement.show``) stands in the way."""
    shown = []
    for step in STEPS:
        if step.transition.allowed(case, user):
            shown.append(Offered(step))
        elif (blocked := step.transition.blocked_by(case, user)) is not None:
            shown.append(Offered(step, blocked))
    return shown


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
    if step.slug == "open-change":
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
    refusal = step.transition.refusal(case, request.user)
    if isinstance(refusal, PermissionDenied):
        raise refusal
    context = {"case": case, "step": step, "form": form, "suggestion": suggestion, "refused": refusal}
    return render(request, "cases/action.html", context)


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
        mandatory_mitigation=data["mandatory_mitigation"] or bool(data.get("mitigation_grounds")),
        illegal_gains=data.get("illegal_gains"),
    )
    suggestion = discretion.suggest(violation, facts)
    return {
        "s": suggestion,
        "recent": recent,
        "violation": violation,
        "inside": suggestion.allows(data.get("kinds") or [], data.get("fine")),
    }
