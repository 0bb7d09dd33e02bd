"""The report year's annual report: drafted at the end of the next January, once the year's last
complaint is answered, its findings decided, finalised and published by 31 January."""

from datetime import date, timedelta

from eduenforce.core.workdays import is_working_day


def schedule(demo, year) -> None:
    if year.current:
        return  # the current year's report is written next January
    day = date(year.year + 1, 1, 28)
    while not is_working_day(day):
        day += timedelta(days=1)
    demo.at(day, 16, _write, year)


def _write(demo, year) -> None:
    from eduenforce.reports import actions
    from eduenforce.reports.stats.figures import annual_figures
    from eduenforce.reports.stats.findings import findings
    from eduenforce.reports.stats.period import Period

    report = actions.start_draft(year.year, by=demo.head)
    for finding in findings(annual_figures(Period.year(year.year))):
        actions.decide_finding(
            report, finding.code, accept=finding.code != "plan_items_not_done", by=demo.head
        )
    report = actions.finalise(report, by=demo.leader)
    actions.publish(report, by=demo.leader)
