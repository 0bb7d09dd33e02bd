from django import template
from django.utils.html import format_html

from eduenforce.registry.choices import LicenceState

register = template.Library()

_BADGES = {
    LicenceState.VALID: "bg-success",
    LicenceState.EXPIRING: "bg-warning text-dark",
    LicenceState.EXPIRED: "bg-danger",
    LicenceState.NONE: "bg-secondary",
}


@register.filter
def licence_badge(institution, today):
    """The institution's licence state on ``today`` as a coloured badge."""
    state = institution.licence_state_on(today)
    return format_html('<span class="badge {}">{}</span>', _BADGES[state], LicenceState(state).label)


_RISK = {
    "good": "bg-success",
    "warning": "bg-warning text-dark",
    "dishonest": "bg-danger",
    "seriously_dishonest": "bg-dark",
}


@register.filter
def risk_badge(institution):
    return format_html(
        '<span class="badge {}">{}</span>',
        _RISK.get(institution.risk_class, "bg-secondary"),
        institution.get_risk_class_display(),
    )
