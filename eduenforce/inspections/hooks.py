"""What inspections needs from the apps above it (see ``core.hooks``)."""

from typing import Any

from django.db.models import Model

from eduenforce.core import hooks


@hooks.declare(provider="cases")
def register_case_lead(
    *, source: str, summary: str, by: Any, source_obj: Model | None = None, institution: Any = None
) -> Any:
    """线索登记 (移送立案) of a hazard left unrectified; returns the lead, whose ``number`` the order
    keeps (``cases.services.register_lead``)."""


@hooks.declare(provider="cases")
def institutions_closed_by_decision(tasks: Any) -> int:
    """关停: distinct institutions ordered to stop running (责令停止举办) by a served, standing case
    decision filed from a 移送立案 of one of ``tasks`` (a queryset of tasks) — never an inspection's
    or the registry's own status change (``cases.effects.closures_from_inspections``)."""
