"""The institution page offers each change exactly when that change's action would accept it."""

import pytest
from django.urls import reverse

from eduenforce.registry import actions
from eduenforce.registry.choices import InstitutionStatus
from eduenforce.registry.tests.factories import InstitutionFactory
from eduenforce.testing.transitions import offer_mismatches

pytestmark = pytest.mark.django_db


def _markers(pk: int) -> dict:
    licence = {
        actions.ISSUE_LICENCE: "issue",
        actions.RENEW_LICENCE: "renew",
        actions.CHANGE_LICENCE: "change",
    }  # 吊销 is never offered: only a served case decision writes it (test_penalties_only_through_a_case)
    return {
        actions.UPDATE: reverse("registry:edit", args=[pk]),
        actions.CHANGE_STATUS: reverse("registry:status", args=[pk]),
        actions.SET_RISK: reverse("registry:risk", args=[pk]),
        **{t: f'href="{reverse("registry:licence", args=[pk, key])}"' for t, key in licence.items()},
    }


@pytest.mark.parametrize("licensed", [True, False])
@pytest.mark.parametrize("status", list(InstitutionStatus))
def test_each_change_is_offered_exactly_when_its_action_would_accept_it(
    status, licensed, make_user, client_for
):
    institution = InstitutionFactory(status=status)
    if not licensed:
        InstitutionFactory._meta.model.objects.filter(pk=institution.pk).update(
            licence_number="", licence_expires=None
        )
    for role in ("officer", "section_head", "legal_reviewer", "liaison"):
        user = make_user(role)
        page = client_for(user).get(reverse("registry:detail", args=[institution.pk])).content.decode()
        wrong = offer_mismatches(page, _markers(institution.pk), institution, user)
        assert not wrong, f"{role} on a {status.label} institution: offer and guard differ for {wrong}"


def test_every_registry_transition_the_page_can_offer_is_checked_above():
    assert set(_markers(1)) == set(actions.TRANSITIONS)
