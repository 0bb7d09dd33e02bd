"""What every planning action shares: lock the row, apply a form's values, journal.

Each action declares its ``Transition`` (allowed states, capability) right above it and calls
its ``check`` on the locked row, so "published plans and items are frozen" is written once,
in the declarations, and the pages offer a step exactly when the same declaration allows it."""

from collections.abc import Mapping
from typing import Any, TypeVar

from django.db.models import Model

from eduenforce.core.permissions import require
from eduenforce.core.transitions import Transition
from eduenforce.records.journal import append, snapshot

M = TypeVar("M", bound=Model)


def lock(obj: M) -> M:
    """The row of ``obj``, locked until the transaction ends."""
    return type(obj)._default_manager.select_for_update().get(pk=obj.pk)


def begin(obj: M, transition: Transition, by: Any) -> M:
    """Lock the row and run the transition's guard on it (state, role, scope)."""
    transition.check_actor(by)
    locked = lock(obj)
    transition.check(locked, by)
    return locked


def creator(by: Any, capability: str = "planning.manage") -> None:
    """The role check of an action that creates a row (it has no state to start from)."""
    require(by, capability)


def write(obj: Model, values: Mapping[str, Any]) -> None:
    """Assign a form's values (many-to-many ones after the row has a key) and save."""
    related = {}
    for name, value in values.items():
        if obj._meta.get_field(name).many_to_many:
            related[name] = value
        else:
            setattr(obj, name, value)
    obj.save()
    for name, value in related.items():
        getattr(obj, name).set(value)


def follow(original: Model, locked: Model) -> None:
    """Give the caller's copy the values the locked row now has."""
    if original is not locked:
        for field in type(locked)._meta.concrete_fields:
            setattr(original, field.attname, getattr(locked, field.attname))


def journal(by: Any, action: str, obj: Model, **changes: Any) -> None:
    append(actor=by, action=f"planning.{action}", obj=obj, changes=changes)


__all__ = ["begin", "creator", "follow", "journal", "lock", "snapshot", "write"]
