"""亮证 (public certificate check): exactly what the public may see about a certificate.

The page renders only the dict built here, never the model, so nothing else (ID number,
phone, position, account) can reach it by a template change.
"""

from django.utils import timezone

from eduenforce.officers.choices import DISPLAY_LABELS, CertificateState, OfficerStatus
from eduenforce.officers.models import Certificate

PUBLIC_FIELDS = (
    "name",
    "department",
    "number",
    "valid_from",
    "valid_to",
    "state",
    "state_label",
    "valid",
    "has_photo",
)


def lookup(number: str) -> Certificate | None:
    number = (number or "").strip().upper()
    if not number or len(number) > 40:
        return None
    return Certificate.objects.select_related("officer__department").filter(number=number).first()


def public_view(certificate: Certificate, day=None) -> dict:
    """The allowed fields: name, unit, number, validity period and state, whether a photo exists."""
    day = day or timezone.localdate()
    officer = certificate.officer
    state = certificate.display_state_on(day)
    valid = state == CertificateState.VALID and officer.status == OfficerStatus.ACTIVE
    if state == CertificateState.VALID and not valid:
        label = "无效（持证人已不在执法岗位）"
    else:
        label = DISPLAY_LABELS[state]
    view = {
        "name": officer.name,
        "department": officer.department.name,
        "number": certificate.number,
        "valid_from": certificate.valid_from,
        "valid_to": certificate.valid_to,
        "state": state,
        "state_label": label,
        "valid": valid,
        "has_photo": bool(officer.photo),
    }
    assert tuple(view) == PUBLIC_FIELDS
    return view
