"""Running a draw against the database: gather the inputs, apply algorithm v1, build
the public document. Writes nothing; ``sampling.actions.do_run_draw`` stores the result.

The hot path reads plain values (``values_list``), never model instances: a draw over a
million institutions reads each stratum's credit codes once and hashes them in C.
"""

from dataclasses import dataclass, field
from datetime import date

import orjson
from django.db.models import Q

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.accounts.models import Department
from eduenforce.core.errors import DomainError
from eduenforce.planning.choices import OfficerPool
from eduenforce.sampling import algorithm
from eduenforce.sampling.algorithm import Eligible, TeamPicker, TeamRule, TeamShortfall


@dataclass
class StratumRun:
    label: str
    ratio: object
    count: int | None
    candidates: list[str]
    selected: list[str] = field(default_factory=list)
    excluded_cap: int = 0
    excluded_period: int = 0


@dataclass
class Outcome:
    final: str
    public_entropy: str
    strata: list[StratumRun]
    teams: list[tuple[str, list[Eligible], list[str]]]
    notes: list[str]
    officer_of_certificate: dict[str, int]
    document: bytes = b""


def candidate_codes(plan, stratum):
    """The named read of a stratum's candidates: operating institutions, by credit code."""
    from eduenforce.registry.models import Institution

    return (
        Institution.objects.operating()
        .filter(stratum.candidate_filter(plan.item.object_kinds))
        .order_by("credit_code")
        .values_list("credit_code", flat=True)
    )


def excluded_codes(plan, ignore_source_ref: str = "") -> tuple[set[str], set[str]]:
    """(annual cap reached for the item, already inspected for the item in the period).

    The cap is the one ``inspections.caps`` decides (涉企 items only); the period counts the
    same tasks inspections counts as inspections of the item. ``ignore_source_ref``: that
    draw's tasks do not count for the period (a redraw's pool is frozen while the draw it
    replaces still stands; its tasks are cancelled when the redraw completes).
    """
    from eduenforce.inspections.caps import institutions_at_cap
    from eduenforce.inspections.models import InspectionTask

    capped = set(institutions_at_cap(plan.item, plan.planned_date.year).values_list("credit_code", flat=True))
    inspected: set[str] = set()
    if plan.exclude_inspected_in_period:
        tasks = InspectionTask.objects.counted_for_item(plan.item)
        if ignore_source_ref:
            tasks = tasks.exclude(source="random", source_ref=ignore_source_ref)
        inspected = set(
            tasks.filter(
                Q(planned_date__range=(plan.starts_on, plan.ends_on))
                | Q(completed_at__date__range=(plan.starts_on, plan.ends_on))
            ).values_list("institution__credit_code", flat=True)
        )
    return capped, inspected


def read_strata(plan) -> list[StratumRun]:
    """Each stratum's candidates, after the exclusions."""
    capped, inspected = excluded_codes(plan)
    runs = []
    for stratum in plan.strata.prefetch_related("streets"):
        codes = list(candidate_codes(plan, stratum))
        run = StratumRun(stratum.label, stratum.ratio, stratum.count, codes)
        if capped or inspected:
            run.excluded_cap = sum(1 for c in codes if c in capped)
            run.excluded_period = sum(1 for c in codes if c in inspected and c not in capped)
            run.candidates = [c for c in codes if c not in capped and c not in inspected]
        runs.append(run)
    return runs


def streets_of(codes: list[str]) -> dict[str, int]:
    """credit code → street of the selected institutions (a local pool needs them). Looked
    up afterwards: cheaper than reading a second column for every candidate."""
    from django.db import connection
    from django.db.models.expressions import RawSQL

    from eduenforce.registry.models import Institution

    rows = Institution.objects.values_list("credit_code", "street_id")
    if connection.vendor == "postgresql":  # one array parameter, joined as a set
        return dict(rows.filter(credit_code__in=RawSQL("SELECT unnest(%s::varchar[])", [codes])))
    out: dict[str, int] = {}
    for i in range(0, len(codes), 900):  # SQLite compiles long IN lists slowly
        out.update(rows.filter(credit_code__in=codes[i : i + 900]))
    return out


class OfficerPools:
    """Who may be on a team, per institution: certified on the planned date, in service,
    from the plan's pool (bureau sections, or the institution's street) plus the required
    departments, minus declared conflicts with that institution."""

    def __init__(self, plan, planned_date: date, streets: set[int]):
        from eduenforce.officers.models import Conflict

        self.plan = plan
        self.required = plan.required_department_list()
        required_ids = {d.pk for d in self.required}
        if plan.officer_pool == OfficerPool.LOCAL:
            base_ids = set(streets)
        else:
            base_ids = set(
                Department.objects.filter(kind=DepartmentKind.SECTION).values_list("pk", flat=True)
            )
        self.by_department, self.officer_of_certificate = self._read(planned_date, base_ids | required_ids)
        self._required_ids = sorted(required_ids)
        self._bureau_ids = sorted(base_ids)
        self._cache: dict[int | None, list[Eligible]] = {}
        self.conflicts: dict[str, set[int]] = {}  # credit code → recused officer ids
        active = Conflict.objects.filter(valid_from__lte=planned_date).filter(
            Q(valid_to=None) | Q(valid_to__gte=planned_date)
        )
        for officer_id, credit_code in active.values_list("officer_id", "institution__credit_code"):
            self.conflicts.setdefault(credit_code, set()).add(officer_id)

    @staticmethod
    def _read(day: date, department_ids: set[int]):
        from eduenforce.officers.choices import OfficerStatus
        from eduenforce.officers.models import Certificate

        rows = (
            Certificate.objects.valid_on(day)
            .filter(officer__status=OfficerStatus.ACTIVE, officer__department_id__in=department_ids)
            .order_by("officer_id", "-valid_to", "-id")
            .values_list("officer_id", "number", "officer__department_id", "officer__department__name")
        )
        by_department: dict[int, list[Eligible]] = {}
        officer_of: dict[str, int] = {}
        seen: set[int] = set()
        for officer_id, number, department_id, department_name in rows.iterator(chunk_size=5000):
            if officer_id in seen:  # a renewal overlapping the old certificate: use the later one
                continue
            seen.add(officer_id)
            officer_of[number] = officer_id
            by_department.setdefault(department_id, []).append(algorithm.eligible(number, department_name))
        return by_department, officer_of

    def _pool(self, street_id: int | None) -> list[Eligible]:
        key = street_id if self.plan.officer_pool == OfficerPool.LOCAL else None
        if key not in self._cache:
            ids = ([street_id] if key is not None else self._bureau_ids) + self._required_ids
            merged = {o[1]: o for dept in dict.fromkeys(ids) for o in self.by_department.get(dept, [])}
            self._cache[key] = sorted(merged.values(), key=lambda o: o[1])
        return self._cache[key]

    def eligible_for(self, credit_code: str, street_id: int | None) -> list[Eligible]:
        pool = self._pool(street_id)
        recused = self.conflicts.get(credit_code)
        if not recused:
            return pool
        officer_of = self.officer_of_certificate
        return [o for o in pool if officer_of[o[1]] not in recused]


def execute(draw, public_entropy: str) -> Outcome:
    """The draw from its committed seed, ``public_entropy``, the plan and today's registers.

    Raises ``DomainError`` (naming the institution and the shortfall) when a team cannot be
    formed; writes nothing either way."""
    plan = draw.plan
    final = algorithm.final_of(draw.seed, public_entropy)
    strata = read_strata(plan)
    notes = []
    for run in strata:
        k = algorithm.sample_size(len(run.candidates), run.ratio, run.count)
        run.selected = algorithm.select(final, run.label, run.candidates, k)
        notes += _stratum_notes(run, k)
    order = [code for run in strata for code in run.selected]
    street_of = streets_of(order) if plan.officer_pool == OfficerPool.LOCAL else {}
    pools = OfficerPools(plan, plan.planned_date, set(street_of.values()))
    rule = TeamRule(plan.team_size, [d.name for d in pools.required], plan.max_assignments)
    picker = TeamPicker(final, rule)
    teams = []
    for code in order:
        eligible = pools.eligible_for(code, street_of.get(code))
        try:
            teams.append((code, eligible, picker.pick(code, eligible)))
        except TeamShortfall as shortfall:
            name = _institution_name(code)
            raise DomainError(
                f"抽取失败，未保存任何结果：检查对象“{name}”（{code}）无法组成检查组，"
                f"{shortfall.describe()}。请调整计划（人数、联合部门、任务上限）或补充执法人员后重新抽取。"
            ) from None
    outcome = Outcome(final, public_entropy, strata, teams, notes, pools.officer_of_certificate)
    outcome.document = build_document(draw, outcome, rule)
    return outcome


def _institution_name(credit_code: str) -> str:
    from eduenforce.registry.models import Institution

    return Institution.objects.filter(credit_code=credit_code).values_list("name", flat=True).first() or ""


def _stratum_notes(run: StratumRun, k: int) -> list[str]:
    notes = []
    n = len(run.candidates)
    if run.excluded_cap or run.excluded_period:
        notes.append(
            f"分层“{run.label}”：排除年度检查次数已达上限的对象 {run.excluded_cap} 家、"
            f"本期已检查的对象 {run.excluded_period} 家"
        )
    if n == 0:
        notes.append(f"分层“{run.label}”没有候选对象，本分层未抽取")
    elif run.count is not None and run.count > n:
        notes.append(f"分层“{run.label}”：计划抽取 {run.count} 家，候选仅 {n} 家，已按 {k} 家抽取")
    return notes


def build_document(draw, outcome: Outcome, rule: TeamRule) -> bytes:
    """The public JSON, with exactly the fields the portal documents, in that order."""
    entries: dict[str, dict] = {}
    converted: dict[int, list] = {}  # pools are shared lists: convert each one once

    def entry(officer: Eligible) -> dict:
        found = entries.get(officer[1])
        if found is None:
            found = entries[officer[1]] = {"certificate_number": officer[1], "department": officer[2]}
        return found

    def listed(eligible: list[Eligible]) -> list[dict]:
        found = converted.get(id(eligible))
        if found is None:
            found = converted[id(eligible)] = [entry(o) for o in eligible]
        return found

    doc = {
        "algorithm": algorithm.ALGORITHM,
        "commitment": draw.commitment,
        "seed": draw.seed,
        "public_entropy": outcome.public_entropy,
        "final": outcome.final,
        "team_size": rule.team_size,
        "required_departments": list(rule.required_departments),
        "max_assignments_per_officer": rule.max_assignments,
        "strata": [
            {
                "label": run.label,
                "ratio": float(run.ratio) if run.ratio is not None else None,
                "count": run.count,
                "candidates": run.candidates,
                "selected": run.selected,
            }
            for run in outcome.strata
        ],
        "teams": [
            {"credit_code": code, "eligible": listed(eligible), "team": team}
            for code, eligible, team in outcome.teams
        ],
    }
    return orjson.dumps(doc)
