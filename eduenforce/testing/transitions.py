"""Checks that a page offers a transition exactly when the transition's guard accepts it."""

from collections.abc import Mapping

from django.core.exceptions import PermissionDenied

from eduenforce.core.errors import DomainError
from eduenforce.core.transitions import Transition


def guard_accepts(transition: Transition, obj, user) -> bool:
    """Would the action's guard accept ``user`` on ``obj`` as it is in the database now?"""
    fresh = type(obj).objects.get(pk=obj.pk)
    try:
        transition.check(fresh, user)
    except (DomainError, PermissionDenied):
        return False
    return True


def offer_mismatches(page: str, markers: Mapping[Transition, str], obj, user) -> list[str]:
    """The transitions whose button (``markers``: a string only that button puts on the page)
    is shown when the guard refuses, or missing when it accepts."""
    return [
        transition.name
        for transition, marker in markers.items()
        if (marker in page) != guard_accepts(transition, obj, user)
    ]
