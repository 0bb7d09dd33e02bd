"""What a draw would take from each stratum if it ran now, for the sampling plan's page.

The page belongs to planning (a floor below sampling); planning asks through the hook
``planning.hooks.draw_preview``, which ``SamplingConfig.ready()`` fills with ``strata_preview``.
"""

from eduenforce.planning.models import SamplingPlan
from eduenforce.sampling import algorithm, engine


def strata_preview(plan: SamplingPlan) -> list[dict]:
    """Candidates and the number to draw per stratum, as the draw would see them now
    (counted in the database, so the page stays fast on a large register)."""
    capped, inspected = engine.excluded_codes(plan)
    excluded = sorted(capped | inspected)
    rows = []
    for stratum in plan.strata.prefetch_related("streets"):
        candidates = engine.candidate_codes(plan, stratum)
        out = candidates.filter(credit_code__in=excluded).count() if excluded else 0
        n = candidates.count() - out
        rows.append(
            {
                "label": stratum.label,
                "n": n,
                "k": algorithm.sample_size(n, stratum.ratio, stratum.count),
                "excluded": out,
            }
        )
    return rows
