"""The complaint deadline that counts working days (受理期限), registered for recomputation when
the calendar changes (``core.stored_deadlines``)."""

from django.urls import reverse

from eduenforce.complaints.choices import Status
from eduenforce.core import config
from eduenforce.core.stored_deadlines import StoredDeadline, register


def _received():
    from eduenforce.complaints.models import Complaint

    return Complaint.objects.filter(status=Status.RECEIVED)


ACCEPTANCE = StoredDeadline(
    "投诉受理期限",
    "accept_due",
    lambda complaint: "complaint_acceptance",
    lambda complaint: complaint.received_on,
    _received,
    lambda complaint: [complaint.handler or complaint.registered_by],
    number=lambda complaint: config.get("complaints.accept_working_days"),
    link=lambda complaint: reverse("complaints:detail", args=[complaint.pk]),
)


def register_all() -> None:
    register(ACCEPTANCE, app="complaints")
