"""What every case action shares: lock, guard, stamp, recompute deadlines, journal.

Each action declares its ``Transition`` (allowed states, capability, conditions) right above
it; ``begin`` locks the row and runs that declaration's guard, and the case page offers the
step exactly when the same declaration allows it (``cases.views.flow``)."""

from datetime import date

from django.core.exceptions import PermissionDenied
from django.utils import timezone

from eduenforce.cases import deadlines
from eduenforce.cases.models import Case
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import require
from eduenforce.core.transitions import Transition
from eduenforce.records.journal import append, diff, snapshot

# Identity numbers and addresses stay out of the append-only journal (it can never be erased);
# the journal records that they changed, not what they are.
PERSONAL = ("party_id_code", "party_address", "electronic_address")
TRACKED = [
    f.name for f in Case._meta.concrete_fields if f.name not in ("id", "created_at", "updated_at", *PERSONAL)
]


def actor(by, capability: str) -> None:
    """The role check of an action that creates a case (it has no state to start from)."""
    if not getattr(by, "is_authenticated", False):
        raise PermissionDenied("须由已登录的用户办理")
    require(by, capability)


def begin(case: Case, transition: Transition, by) -> tuple[Case, dict]:
    """Lock the case row, run the transition's guard on it, take the before-image for the journal."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    transition.check(locked, by)
    before = snapshot(locked, TRACKED)
    before.update({f"_{name}": getattr(locked, name) for name in PERSONAL})  # compared, never journaled
    return locked, before


def finish(original: Case, locked: Case, before: dict, *, by, action: str, extra: dict | None = None) -> Case:
    """Recompute the next deadline, save, journal what changed, and refresh the caller's copy."""
    deadlines.refresh(locked)
    locked.save()
    changes = diff(before, snapshot(locked, TRACKED))
    changed_personal = [name for name in PERSONAL if before.get(f"_{name}", "") != getattr(locked, name)]
    if changed_personal:
        changes["personal_fields_changed"] = changed_personal
    if extra:
        changes.update(extra)
    append(actor=by, action=f"cases.{action}", obj=locked, changes=changes)
    if original is not None and original is not locked:
        for field in Case._meta.concrete_fields:
            setattr(original, field.attname, getattr(locked, field.attname))
    return locked


def today() -> date:
    return timezone.localdate()


def not_future(day: date | None, label: str, field: str) -> date:
    """A date a person reports must be given and must not lie in the future."""
    if day is None:
        raise DomainError(f"请填写{label}", field=field)
    if day > today():
        raise DomainError(f"{label}不能晚于今天", field=field)
    return day


def text(value: str | None, label: str, field: str, *, required: bool = True) -> str:
    value = (value or "").strip()
    if required and not value:
        raise DomainError(f"请填写{label}", field=field)
    return value
