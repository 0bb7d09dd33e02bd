"""The referral deadline that counts working days (签收期限), registered for recomputation when
the calendar changes (``core.stored_deadlines``)."""

from django.urls import reverse

from eduenforce.coordination.choices import ReferralStatus
from eduenforce.core.stored_deadlines import StoredDeadline, register


def _sent():
    from eduenforce.coordination.models import Referral

    return Referral.objects.filter(status=ReferralStatus.SENT)


ACKNOWLEDGEMENT = StoredDeadline(
    "移送签收期限",
    "ack_due",
    lambda referral: "referral_acknowledgement",
    lambda referral: referral.sent_on,
    _sent,
    lambda referral: [referral.sent_by],
    link=lambda referral: reverse("coordination:referral", args=[referral.pk]),
)


def register_all() -> None:
    register(ACKNOWLEDGEMENT, app="coordination")
