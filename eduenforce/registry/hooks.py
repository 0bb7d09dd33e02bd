"""What the registry needs from the apps above it (see ``core.hooks``)."""

from typing import Any

from eduenforce.core import hooks


@hooks.declare(provider="cases")
def served_decision_effects(decision: Any, institution: Any) -> frozenset[str]:
    """The registry effects (``registry.choices.PenaltyEffect`` values) a served, standing
    行政处罚决定 imposes on ``institution``; empty when ``decision`` is not such a decision
    (``cases.effects.served_effects``)."""
