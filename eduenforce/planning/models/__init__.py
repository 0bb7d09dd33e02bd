"""Planning: item lists, the annual plan, special campaigns and sampling plans."""

from eduenforce.planning.models.campaigns import Campaign
from eduenforce.planning.models.items import ChecklistPoint, EnforcementItem
from eduenforce.planning.models.plans import AnnualPlan, PlanLine
from eduenforce.planning.models.sampling import RequiredDepartment, SamplingPlan, Stratum

__all__ = [
    "AnnualPlan",
    "Campaign",
    "ChecklistPoint",
    "EnforcementItem",
    "PlanLine",
    "RequiredDepartment",
    "SamplingPlan",
    "Stratum",
]
