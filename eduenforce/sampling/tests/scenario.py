"""A small district for draw tests: kindergartens and training institutions, bureau and
fire-brigade officers, and a committed sampling plan. Times are fixed with time_machine."""

import secrets
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
from eduenforce.sampling import actions, v2
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


def partner_shares(p) -> dict[str, str]:
    """A secret share per partner department of a joint plan (each department makes its own)."""
    return {d.name: secrets.token_hex(32) for d in p.required_department_list() if d.kind == "partner"}


def commitments(shares: dict[str, str]) -> dict[str, str]:
    return {name: v2.commitment_of(share) for name, share in shares.items()}


def committed(p, by, shares: dict[str, str] | None = None):
    shares = partner_shares(p) if shares is None else shares
    with time_machine.travel(COMMIT_DAY, tick=False):
        draw = actions.do_commit(p, by=by, partner_commitments=commitments(shares))
    draw.test_shares = shares  # what each partner reveals at the draw
    return draw


def drawn(p, by, entropy: str = "8 1 6 2 4"):
    draw = committed(p, by)
    with time_machine.travel(DRAW_DAY, tick=False):
        return actions.do_run_draw(draw, by=by, public_entropy=entropy, shares=draw.test_shares)


__all__ = ["COMMIT_DAY", "DRAW_DAY", "committed", "date", "drawn", "institutions", "officers", "plan"]
