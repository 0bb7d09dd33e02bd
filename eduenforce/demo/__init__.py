"""The demo district: a year (2025) of a district education bureau's enforcement, built
through the platform's own services, so that the 2025 annual report states every figure of
the bureau's reference report (shared/reference/2025-dongli-education-enforcement-report.txt).

``eduenforce load-demo`` calls ``load(log)``. The build is deterministic (fixed seed, fixed
dates: the clock is moved through 2025 as events happen, so every stamp and deadline is the
one a real year would have produced) and idempotent (a second run finds the district and
changes nothing). What each figure counts and how the district meets it: docs/statistics.md.
"""

import time
from datetime import date

from django.db import transaction

from eduenforce.demo.clock import Clock
from eduenforce.demo.context import Demo

SENTINEL_CREDIT_CODE_PREFIX = "52120110"


def already_built() -> bool:
    from eduenforce.planning.models import AnnualPlan

    return AnnualPlan.objects.filter(year=2025, title__startswith="2025年度").exists()


def load(log) -> None:
    if already_built():
        log("演示区县已存在，未作改动。")
        _print_logins(log)
        return
    try:
        import time_machine  # noqa: F401 (the demo walks the clock through 2025)
    except ImportError:  # pragma: no cover - the test extras are part of `make demo`
        log("未安装 time-machine（pip install -e '.[test]'），无法构建演示区县。")
        return
    started = time.perf_counter()
    with Clock(date(2025, 1, 2)) as clock, transaction.atomic():
        demo = Demo(clock, log)
        demo.build()
    log(f"演示区县已构建（{time.perf_counter() - started:.0f} 秒）。")
    _print_logins(log)


def _print_logins(log) -> None:
    from eduenforce.accounts.demo import DEMO_PASSWORD, DEMO_USERS

    log(f"演示账号（密码均为 {DEMO_PASSWORD}）：" + "、".join(f"{u[0]}（{u[1]}）" for u in DEMO_USERS))
    from eduenforce.accounts.demo import after_build

    after_build(log)
