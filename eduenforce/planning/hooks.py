"""What planning needs from the apps above it (see ``core.hooks``): planning stands below
inspections and sampling, so it asks through these hooks and those apps fill them in ready()."""

from typing import TYPE_CHECKING

from eduenforce.core import hooks

if TYPE_CHECKING:
    from eduenforce.planning.models import SamplingPlan


@hooks.declare(provider="inspections")
def completed_per_quarter(year: int) -> dict[tuple[str, str, int], int]:
    """(item code, object kind, quarter) → inspections completed in ``year``
    (``inspections.stats.completed_per_quarter``)."""


@hooks.declare(provider="sampling")
def draw_preview(plan: "SamplingPlan") -> list[dict]:
    """Per stratum: label, candidates ``n``, to draw ``k``, ``excluded`` (``sampling.preview.strata_preview``)."""
