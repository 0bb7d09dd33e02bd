"""The publication deadlines that count working days (处罚决定、抽查结果公示期限), registered for
recomputation when the calendar changes (``core.stored_deadlines``)."""

from django.urls import reverse

from eduenforce.core.stored_deadlines import StoredDeadline, register
from eduenforce.portal.choices import PublicationKind, PublicationState

RULES = {
    PublicationKind.DECISION: "penalty_publication",
    PublicationKind.INSPECTION_RESULT: "random_result_publication",
}


def _due():
    from eduenforce.portal.models import Publication

    return Publication.objects.filter(state=PublicationState.DUE, kind__in=list(RULES))


def _publishers(publication):
    from eduenforce.accounts.models import User
    from eduenforce.core.roles import Role

    return User.objects.filter(role=Role.SECTION_HEAD, is_active=True)


PUBLICATION = StoredDeadline(
    "公示期限",
    "due_on",
    lambda publication: RULES.get(publication.kind),
    lambda publication: publication.occurred_on,
    _due,
    _publishers,
    link=lambda publication: reverse("portal_staff:dashboard"),
)


def register_all() -> None:
    register(PUBLICATION, app="portal")
