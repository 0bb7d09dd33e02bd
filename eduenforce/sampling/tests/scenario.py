"""A small district for draw tests: kindergartens and training institutions, bureau and
fire-brigade officers, and a committed sampling plan. Times are fixed with time_machine."""

from datetime import date, datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import time_machine

from eduenforce.planning.tests.factories import (
    RequiredDepartmentFactory,
    SamplingPlanFactory,
    StratumFactory,
    department,
)
from eduenforce.sampling import actions
from eduenforce.sampling.tests.factories import InstitutionFactory, certified_officer

TZ = ZoneInfo("Asia/Shanghai")
COMMIT_DAY = datetime(2025, 4, 1, 9, 0, tzinfo=TZ)
DRAW_DAY = datetime(2025, 4, 7, 10, 0, tzinfo=TZ)


def institutions(n: int, kind: str = "kindergarten", **kwargs) -> list:
    return [InstitutionFactory(kind=kind, **kwargs) for _ in range(n)]


def officers(n: int, department_code: str = "zfdd", **cert) -> list:
    return [certified_officer(department_code, **cert) for _ in range(n)]


def plan(*, strata=None, required=(), **kwargs):
    """A draft plan; ``strata`` are dicts of Stratum fields (default: half the kindergartens)."""
    p = SamplingPlanFactory(**kwargs)
    for order, spec in enumerate(
        strata or [{"label": "幼儿园", "kinds": ["kindergarten"], "ratio": Decimal("0.5")}], start=1
    ):
        streets = spec.pop("streets", [])
        s = StratumFactory(plan=p, order=order, **{"ratio": None, **spec})
        s.streets.set([department(code) for code in streets])
    for order, code in enumerate(required, start=1):
        RequiredDepartmentFactory(plan=p, department=department(code), order=order)
    return p


def committed(p, by):
    with time_machine.travel(COMMIT_DAY, tick=False):
        return actions.do_commit(p, by=by)


def drawn(p, by, entropy: str = ""):
    draw = committed(p, by)
    with time_machine.travel(DRAW_DAY, tick=False):
        return actions.do_run_draw(draw, by=by, public_entropy=entropy)


__all__ = ["COMMIT_DAY", "DRAW_DAY", "committed", "date", "drawn", "institutions", "officers", "plan"]
