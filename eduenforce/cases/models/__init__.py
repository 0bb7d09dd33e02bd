"""Penalty cases (行政处罚): leads, cases, their records and the discretion catalogue."""

from eduenforce.cases.models.case import Case, CaseOfficer, CaseQuerySet
from eduenforce.cases.models.catalogue import CatalogueVersion, TierRule, Violation
from eduenforce.cases.models.change import DecisionChange
from eduenforce.cases.models.lead import CaseLead
from eduenforce.cases.models.steps import (
    REVIEW_CHECKLIST,
    CaseEvidence,
    CaseReminder,
    CorrectionOrder,
    Discussion,
    Hearing,
    InvestigationRecord,
    LegalReview,
    Payment,
    Preservation,
    ServiceRecord,
    Statement,
)

__all__ = [
    "DecisionChange",
    "REVIEW_CHECKLIST",
    "CatalogueVersion",
    "Case",
    "CaseEvidence",
    "CaseLead",
    "CaseOfficer",
    "CaseQuerySet",
    "CaseReminder",
    "CorrectionOrder",
    "Discussion",
    "Hearing",
    "InvestigationRecord",
    "LegalReview",
    "Payment",
    "Preservation",
    "ServiceRecord",
    "Statement",
    "TierRule",
    "Violation",
]
