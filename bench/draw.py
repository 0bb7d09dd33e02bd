"""A stratified 5 % draw from 1,000,000 institutions in 4 strata, with teams of 2 from 20,000
officers with recusal, against the time of only reading the candidates' credit codes (≤ 3×).

Both sides run the same named read (``sampling.engine.candidate_codes``). The draw side is
the whole ``engine.execute`` — exclusions, SM3 ranking, eligibility, team forming with the
workload cap and the building of the public JSON — plus storing that JSON. It leaves out
creating the 50,000 inspection tasks (each goes through ``inspections.services.create_task``
and the journal, as a real draw does; that cost is per task, not the draw's).

Teams are drawn from the officers of the institution's street (the plan's 属地 pool): 2,000
synthetic streets of 500 institutions and a 10-officer team each (``BENCH_DRAW_STREETS``
changes that). Team forming costs one SM3 per eligible officer per selected institution, so
it grows with the pool: ranking all 20,000 officers for each of 50,000 institutions would be
10⁹ SM3 evaluations (minutes, whatever the code), which algorithm v1 requires whenever the
pool is one district-wide list.
"""

import os
import random
import secrets
from datetime import date
from decimal import Decimal

from bench._common import Result, best_of

INSTITUTIONS = int(os.environ.get("BENCH_DRAW_INSTITUTIONS", "1000000"))
OFFICERS = int(os.environ.get("BENCH_DRAW_OFFICERS", "20000"))
# 属地 pools: 2,000 synthetic streets of 500 institutions and 10 officers each.
STREETS = max(1, int(os.environ.get("BENCH_DRAW_STREETS", str(INSTITUTIONS // 500))))
KINDS = ["kindergarten", "private_school", "training_academic", "training_non_academic"]
RISKS = ["good"] * 8 + ["warning", "dishonest"]
PLANNED = date(2025, 4, 15)


def _insert(model, rows: list[dict], batch: int = 20_000) -> None:
    """Raw multi-row inserts with every column filled from the model's defaults (the schema
    may grow; nothing here needs to know its other columns)."""
    from django.db import connection

    template = model()
    fields = [f for f in model._meta.concrete_fields if not f.primary_key]
    base = {f.attname: f.get_db_prep_save(f.pre_save(template, add=True), connection) for f in fields}
    columns = [connection.ops.quote_name(f.column) for f in fields]
    names = [f.attname for f in fields]
    sql = (
        f"INSERT INTO {connection.ops.quote_name(model._meta.db_table)} ({', '.join(columns)}) "  # noqa: S608 (model metadata)
        f"VALUES ({', '.join(['%s'] * len(columns))})"
    )
    with connection.cursor() as cursor:
        for i in range(0, len(rows), batch):
            cursor.executemany(sql, [[row.get(n, base[n]) for n in names] for row in rows[i : i + batch]])


def _build(rng: random.Random):
    from django.db import connection, transaction

    from eduenforce.accounts.models import Department
    from eduenforce.officers.models import Certificate, Conflict, Officer
    from eduenforce.registry.models import Institution

    with transaction.atomic():
        _insert(
            Department,
            [
                {"name": f"测试街道{s:04d}", "kind": "street", "code": f"bench-street-{s}", "order": s}
                for s in range(STREETS)
            ],
        )
        streets = list(
            Department.objects.filter(code__startswith="bench-street-")
            .order_by("order")
            .values_list("pk", flat=True)
        )
        _insert(
            Institution,
            [
                {
                    "name": f"机构{i:07d}",
                    "kind": KINDS[i % 4],
                    "credit_code": f"91120110{i:010d}",
                    "street_id": streets[i % STREETS],
                    "risk_class": rng.choice(RISKS),
                    "status": "suspended" if i % 97 == 0 else "normal",
                }
                for i in range(INSTITUTIONS)
            ],
        )
        _insert(
            Officer,
            [
                {
                    "name": f"执法员{o:05d}",
                    "department_id": streets[o % STREETS],
                    "status": "away" if o % 101 == 0 else "active",
                }
                for o in range(OFFICERS)
            ],
        )
        officer_ids = list(Officer.objects.order_by("pk").values_list("pk", flat=True))
        _insert(
            Certificate,
            [
                {
                    "officer_id": pk,
                    "number": f"12010025{o:08d}",
                    "issuing_authority": "天津市人民政府",
                    "valid_from": date(2023, 1, 1),
                    "valid_to": date(2025, 3, 31) if o % 37 == 0 else date(2027, 12, 31),
                    "state": "valid",
                }
                for o, pk in enumerate(officer_ids)
            ],
        )
        institution_ids = list(Institution.objects.order_by("pk").values_list("pk", flat=True))
        # Each officer declares one conflict with an institution of their own street.
        _insert(
            Conflict,
            [
                {
                    "officer_id": pk,
                    "institution_id": institution_ids[
                        (o % STREETS) + STREETS * rng.randrange(INSTITUTIONS // STREETS)
                    ],
                    "relation": "近亲属",
                    "valid_from": date(2024, 1, 1),
                }
                for o, pk in enumerate(officer_ids)
            ],
        )
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return _plan()


def _plan():
    from eduenforce.accounts.models import Department
    from eduenforce.planning.models import ChecklistPoint, EnforcementItem, SamplingPlan, Stratum
    from eduenforce.sampling import algorithm
    from eduenforce.sampling.models import Draw

    item = EnforcementItem.objects.create(
        code="BENCH-1",
        list_kind="random",
        name="办学行为双随机抽查",
        legal_basis="《民办教育促进法》",
        section=Department.objects.get(code="zfdd"),
        object_kinds=KINDS,
        is_random=True,
    )
    ChecklistPoint.objects.create(item=item, order=1, text="办学许可证是否有效")
    item.publish(by=None)
    plan = SamplingPlan.objects.create(
        name="全市双随机抽查（压力测试）",
        year=2025,
        item=item,
        starts_on=date(2025, 4, 1),
        ends_on=date(2025, 6, 30),
        draw_date=date(2025, 4, 7),
        planned_date=PLANNED,
        officer_pool="local",
        team_size=2,
        max_assignments=12,
    )
    for order, kind in enumerate(KINDS, start=1):
        Stratum.objects.create(plan=plan, order=order, label=kind, kinds=[kind], ratio=Decimal("0.05"))
    seed = algorithm.new_seed()
    return Draw.objects.create(
        plan=plan,
        sequence=1,
        public_id=f"{plan.public_id}-1",
        status="committed",
        seed=seed,
        commitment=algorithm.commitment_of(seed),
        draw_date=plan.draw_date,
    )


def run() -> Result:
    from django.db import transaction
    from django.test.utils import setup_test_environment

    from eduenforce.bench_support import scratch_database
    from eduenforce.sampling import engine
    from eduenforce.sampling.models import DrawDocument

    setup_test_environment()
    with scratch_database():
        draw = _build(random.Random(2025))
        plan = draw.plan
        strata = list(plan.strata.prefetch_related("streets"))

        def read_candidates():
            for stratum in strata:
                list(engine.candidate_codes(plan, stratum))

        box = {}

        def full_draw():
            with transaction.atomic():
                outcome = engine.execute(draw, secrets.token_hex(4))
                DrawDocument.store(draw, outcome.document)
                transaction.set_rollback(True)  # the next round stores its own document
            box["outcome"] = outcome

        read_candidates()  # warm the page cache for both sides alike
        floor = best_of(3, read_candidates)
        elapsed = best_of(2, full_draw)
        outcome = box["outcome"]
        selected = sum(len(s.selected) for s in outcome.strata)
        candidates = sum(len(s.candidates) for s in outcome.strata)
    pool = OFFICERS // STREETS
    return Result(
        "draw",
        elapsed,
        floor,
        3.0,
        extra=(
            f"[{candidates} candidates in 4 strata, {selected} selected, {len(outcome.teams)} teams of 2 from "
            f"{OFFICERS} officers in {STREETS} local pools of {pool}, JSON {len(outcome.document) / 1e6:.0f} MB; "
            f"draw {elapsed:.2f}s, read {floor:.2f}s]"
        ),
    )
