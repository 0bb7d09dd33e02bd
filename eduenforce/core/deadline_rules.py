"""Changing a deadline rule: only configurable ([U]) rules may have their count or day type changed.

A statutory limit (法律原文, official or local sources: confidence P/S/L) is the law's, not the
bureau's: the system administrator may correct its name or note, never shorten or lengthen it, nor
switch working days and calendar days (which would lower it below the law), nor relabel its basis.
"""

from django.db import transaction

from eduenforce.core.choices import Confidence
from eduenforce.core.errors import DomainError
from eduenforce.core.journal import append, snapshot

EDITABLE = ("name", "note")
LOCKED = ("number", "day_type", "basis")
FIELDS = (*EDITABLE, *LOCKED)


def statutory(rule) -> bool:
    return rule.confidence != Confidence.UNCONFIRMED


@transaction.atomic
def do_change_rule(rule, *, by, **values):
    """Change ``rule`` to ``values`` (a subset of ``FIELDS``), journaled; refused for a statutory limit."""
    from eduenforce.core.models import DeadlineRule

    rule = DeadlineRule.objects.select_for_update().get(pk=rule.pk)
    before = snapshot(rule, list(FIELDS))
    if statutory(rule):
        touched = [f for f in LOCKED if f in values and values[f] != getattr(rule, f)]
        if touched:
            labels = "、".join(str(DeadlineRule._meta.get_field(f).verbose_name) for f in touched)
            raise DomainError(
                f"“{rule.name}”是法定期限（{rule.basis}），不得修改{labels}；"
                "只有可配置（未确认）的期限规则可以修改",
                field=touched[0],
            )
    if "number" in values and (values["number"] is None or int(values["number"]) < 1):
        raise DomainError("期限须为正整数", field="number")
    for name in FIELDS:
        if name in values:
            setattr(rule, name, values[name])
    rule.save()
    append(
        actor=by,
        action="deadline_rule.changed",
        obj=rule,
        changes={"before": before, "after": snapshot(rule, list(FIELDS))},
    )
    return rule
