"""The demo district: a district education bureau's enforcement, built through the platform's own
services. It holds the last full year (the annual report year: its report states every figure of
the bureau's reference report, shared/reference/2025-dongli-education-enforcement-report.txt)
and the current year up to now, so licences, deadlines, drafts and reminders look like a live
bureau on whatever date it is loaded.

``eduenforce load-demo [--year N]`` calls ``load(log, year=N)``. The build is deterministic for a
given day (fixed seed, a fixed design moved into the years built: the clock is walked through them
as events happen, so every stamp and deadline is the one real years would have produced) and
idempotent (a second run finds the district and changes nothing). What each figure counts and
how the district meets it: docs/statistics.md.
"""

import time
from datetime import date, datetime
from datetime import time as clock_time

from django.db import transaction
from django.utils import timezone

from eduenforce.core.errors import DomainError
from eduenforce.demo import calendar
from eduenforce.demo.clock import Clock
from eduenforce.demo.context import Demo

SENTINEL_CREDIT_CODE_PREFIX = "52120110"


def already_built() -> int | None:
    """The report year of the district already loaded, if any."""
    from eduenforce.registry.models import Institution

    first = Institution.objects.filter(credit_code=_first_credit_code()).first()
    return first.created_at.year if first else None


def _first_credit_code() -> str:
    from eduenforce.demo.registry import credit_code

    return credit_code(1)


def report_year(year: int | None = None) -> int:
    """The year built in full: ``year``, or the last full year before today."""
    today = timezone.localdate()
    year = today.year - 1 if year is None else year
    if year >= today.year:
        raise DomainError(f"演示年度须是已经结束的年度（早于 {today.year} 年）", field="year")
    missing = [y for y in range(year, year + 3) if not calendar.known(y)]
    if missing:
        raise DomainError(
            f"{'、'.join(map(str, missing))} 年的节假日未知，演示年度须在 "
            f"{calendar.PACKAGE_YEARS.start} 至 {calendar.LAST_YEAR - 2} 年之间",
            field="year",
        )
    return year


def load(log, *, year: int | None = None) -> None:
    year = report_year(year)
    built = already_built()
    if built is not None:
        log(f"演示区县已存在（{built} 年起），未作改动。")
        _print_logins(log)
        return
    try:
        import time_machine  # noqa: F401 (the demo walks the clock through the years it builds)
    except ImportError:  # pragma: no cover - the test extras are part of `make demo`
        log("未安装 time-machine（pip install -e '.[test]'），无法构建演示区县。")
        return
    started = time.perf_counter()
    now = timezone.now()
    end_of_next = datetime.combine(
        date(year + 1, 12, 31), clock_time(23, 59), tzinfo=timezone.get_current_timezone()
    )
    until = min(now, end_of_next)
    with Clock(date(year, 1, 2), until=until) as clock, transaction.atomic():
        demo = Demo(clock, log, year=year, until=until)
        demo.build()
    log(f"演示区县已构建（{time.perf_counter() - started:.0f} 秒）。")
    _print_logins(log)


def _print_logins(log) -> None:
    from eduenforce.accounts.demo import DEMO_PASSWORD, DEMO_USERS

    log(f"演示账号（密码均为 {DEMO_PASSWORD}）：" + "、".join(f"{u[0]}（{u[1]}）" for u in DEMO_USERS))
    from eduenforce.accounts.demo import after_build

    after_build(log)
