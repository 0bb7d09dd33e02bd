"""What every case action shares: lock, guard, stamp, recompute deadlines, journal."""

from datetime import date

from django.utils import timezone

from eduenforce.cases import deadlines
from eduenforce.cases.models import Case
from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.permissions import require
from eduenforce.records.journal import append, diff, snapshot

# Identity numbers and addresses stay out of the append-only journal (it can never be erased);
# the journal records that they changed, not what they are.
PERSONAL = ("party_id_code", "party_address", "electronic_address")
TRACKED = [
    f.name for f in Case._meta.concrete_fields if f.name not in ("id", "created_at", "updated_at", *PERSONAL)
]


def actor(by, capability: str) -> None:
    """The one permission check of an action (the matrix in core.permissions decides)."""
    if not getattr(by, "is_authenticated", False):
        raise DomainError("须由已登录的执法人员办理")
    require(by, capability)


def begin(case: Case, allowed, label: str) -> tuple[Case, dict]:
    """Lock the case row, check the state, and take the before-image for the journal."""
    locked = Case.objects.select_for_update().get(pk=case.pk)
    require_status(locked, allowed, label)
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
