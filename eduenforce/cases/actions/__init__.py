"""Every state change of a case, one ``do_*`` function each (see ``Case`` for the flow).

Each is atomic, locks the case row, checks the allowed states, stamps who and when,
recomputes the next deadline and writes one journal entry ``cases.<verb>`` in the same
transaction; a refused action raises ``DomainError`` and changes nothing.
"""

from eduenforce.cases.actions.decision import (
    do_change_decision,
    do_decide,
    do_publish_decision,
    do_revoke_decision,
    do_serve_decision,
    public_fields,
)
from eduenforce.cases.actions.execution import (
    do_apply_to_court,
    do_approve_closing,
    do_archive,
    do_confirm_execution,
    do_record_payment,
    do_request_closing,
    do_return_closing,
    do_serve_payment_reminder,
)
from eduenforce.cases.actions.filing import do_approve_filing, do_open_filing_review, do_refuse_filing
from eduenforce.cases.actions.investigation import (
    do_add_evidence,
    do_add_record,
    do_approve_preservation,
    do_conclude_investigation,
    do_handle_preservation,
    do_order_correction,
    do_record_correction,
    do_refuse_preservation,
    do_reopen_investigation,
    do_request_preservation,
)
from eduenforce.cases.actions.procedure import (
    do_record_address_confirmation,
    do_record_discussion,
    do_record_hearing,
    do_record_statement,
    do_request_hearing,
    do_review,
    do_schedule_hearing,
    do_serve_prior_notice,
    do_submit_for_review,
    do_waive_rights,
)
from eduenforce.cases.actions.service import Service
from eduenforce.cases.actions.spot import do_on_the_spot_penalty

__all__ = [
    "Service",
    "do_add_evidence",
    "do_add_record",
    "do_apply_to_court",
    "do_approve_closing",
    "do_approve_filing",
    "do_approve_preservation",
    "do_archive",
    "do_change_decision",
    "do_conclude_investigation",
    "do_confirm_execution",
    "do_decide",
    "do_handle_preservation",
    "do_on_the_spot_penalty",
    "do_open_filing_review",
    "do_order_correction",
    "do_publish_decision",
    "do_record_address_confirmation",
    "do_record_correction",
    "do_record_discussion",
    "do_record_hearing",
    "do_record_payment",
    "do_record_statement",
    "do_refuse_filing",
    "do_refuse_preservation",
    "do_reopen_investigation",
    "do_request_closing",
    "do_request_hearing",
    "do_request_preservation",
    "do_return_closing",
    "do_review",
    "do_revoke_decision",
    "do_schedule_hearing",
    "do_serve_decision",
    "do_serve_payment_reminder",
    "do_serve_prior_notice",
    "do_submit_for_review",
    "do_waive_rights",
    "public_fields",
]
