"""Institution status changes caused by inspections (整改中, back to 正常, 停止招生, 停办).

The registry owns the ``Institution`` model; the transitions that inspections cause are
written here, one function, so each one is locked, saved and journaled the same way.
"""

from django.db import transaction

from eduenforce.records.journal import append
from eduenforce.registry.choices import InstitutionStatus
from eduenforce.registry.models import Institution


@transaction.atomic
def set_status(
    institution: Institution, status: str, *, by, reason: str, source=None, only_from=None
) -> bool:
    """Set the institution's status and journal it; returns whether it changed.

    ``only_from``: change only when the current status is one of these (e.g. back to 正常 only
    from 整改中, never reopening an institution that was closed meanwhile).
    """
    if status not in InstitutionStatus.values:
        raise ValueError(status)
    locked = Institution.objects.select_for_update().get(pk=institution.pk)
    before = locked.status
    if before == status or (only_from is not None and before not in only_from):
        institution.status = before
        return False
    locked.status = status
    locked.save(update_fields=["status", "updated_at"])
    institution.status = status
    append(
        actor=by,
        action="registry.institution_status_changed",
        obj=locked,
        changes={
            "status": [before, status],
            "reason": reason,
            "source": f"{source._meta.label_lower}:{source.pk}" if source is not None else "",
        },
    )
    return True


def mark_rectifying(institution: Institution, *, by, source) -> bool:
    """整改中, from 正常 only: a closed or stopped institution keeps its stronger status."""
    return set_status(
        institution,
        InstitutionStatus.RECTIFYING,
        by=by,
        reason="下达责令限期整改通知",
        source=source,
        only_from=[InstitutionStatus.NORMAL],
    )


def mark_normal_if_clear(institution: Institution, *, by, source) -> bool:
    """Back to 正常 when no hazard of the institution is still open (待处理, 限期整改中, 已移送立案)."""
    from eduenforce.inspections.choices import HazardStatus, RecordStatus
    from eduenforce.inspections.models import Hazard

    still_open = (
        Hazard.objects.filter(task__institution=institution)
        .exclude(record__status=RecordStatus.DRAFT)
        .filter(status__in=[HazardStatus.RECORDED, HazardStatus.ORDERED, HazardStatus.ESCALATED])
        .exists()
    )
    if still_open:
        return False
    return set_status(
        institution,
        InstitutionStatus.NORMAL,
        by=by,
        reason="隐患全部整改销号",
        source=source,
        only_from=[InstitutionStatus.RECTIFYING],
    )
