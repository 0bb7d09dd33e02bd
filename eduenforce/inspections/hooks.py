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
