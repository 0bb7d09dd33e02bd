"""The annual report's figures: one flat dict of named counts for a period.

Each section below is a handful of aggregate queries (COUNT … FILTER / CASE), never a
Python loop over rows; ``bench/stats.py`` holds them to ≤ 1.5 × hand-written SQL.
What each key counts is documented in ``docs/statistics.md`` and in ``labels.py``.
"""

from eduenforce.reports.stats import complaints, inspections, officers, publications
from eduenforce.reports.stats.period import Period


def _sections():
    from eduenforce.reports.stats import cases, coordination, licensing, planning

    return [
        officers.training_figures,
        inspections.all_figures,
        cases.case_figures,
        complaints.complaint_figures,
        coordination.coordination_figures,
        publications.publication_figures,
        planning.plan_figures,
        licensing.licence_figures,
    ]


def annual_figures(period: Period) -> dict:
    """Every named figure for ``period`` (``year`` first, then the counts)."""
    out = {"year": period.year_number, "certified_officers": officers.certified_officers(period)}
    for section in _sections():
        out.update(section(period))
    return out


def report_extras(period: Period) -> dict:
    """Lists the report's sentences and charts need besides the counts."""
    return {
        "joint_partners": inspections.joint_partner_names(period),
        "campaign_names": inspections.campaign_names(period),
        "inspections_by_month": inspections.inspections_by_month(period),
        "inspections_by_source": inspections.inspections_by_source(period),
        "hazards_by_category": inspections.hazards_by_category(period),
    }


def statistical_table(period: Period) -> list[dict]:
    from eduenforce.reports.stats.table import statistical_table as table

    return table(period)
