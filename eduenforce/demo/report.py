"""The 2025 annual report: drafted in February 2026, findings decided, ready to finalise and publish."""

from datetime import date


def schedule(demo) -> None:
    demo.at(date(2026, 2, 16), 9, _draft)  # after the last 2025 complaint is answered


def _draft(demo) -> None:
    from eduenforce.reports import actions
    from eduenforce.reports.stats.figures import annual_figures
    from eduenforce.reports.stats.findings import findings
    from eduenforce.reports.stats.period import Period

    report = actions.start_draft(2025, by=demo.head)
    for finding in findings(annual_figures(Period.year(2025))):
        actions.decide_finding(
            report, finding.code, accept=finding.code != "plan_items_not_done", by=demo.head
        )
