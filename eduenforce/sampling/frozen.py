"""Algorithm v2 against the database: freeze the pool at the commitment (``freeze_pool``), and
run the draw from that frozen pool alone (``execute``) — the registers are not read again, so
a change after the commitment cannot change who is drawn.

Writes nothing but the ``DrawPool`` row; ``sampling.actions`` stores the rest.
"""

from datetime import date

import orjson
from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.accounts.models import Department
from eduenforce.core.errors import DomainError
from eduenforce.planning.choices import OfficerPool
from eduenforce.sampling import engine, v2
from eduenforce.sampling.algorithm import TeamShortfall
from eduenforce.sampling.engine import Outcome, StratumRun


def _candidates(plan, stratum, local: bool) -> tuple[list[str], list[str] | None]:
    rows = engine.candidate_codes(plan, stratum)
    if not local:
        return list(rows), None
    pairs = list(rows.values_list("credit_code", "street__name"))
    return [c for c, _s in pairs], [s or "" for _c, s in pairs]


def _officers(plan, day: date) -> tuple[list[tuple[str, str, str, int | None]], dict[int, str]]:
    """(certificate, department, street, cap) of every eligible officer; officer id → certificate."""
    from eduenforce.officers.choices import OfficerStatus
    from eduenforce.officers.models import Certificate

    required_ids = {d.pk for d in plan.required_department_list()}
    base = DepartmentKind.STREET if plan.officer_pool == OfficerPool.LOCAL else DepartmentKind.SECTION
    department_ids = set(Department.objects.filter(kind=base).values_list("pk", flat=True)) | required_ids
    rows = (
        Certificate.objects.valid_on(day)
        .filter(officer__status=OfficerStatus.ACTIVE, officer__department_id__in=department_ids)
        .order_by("officer_id", "-valid_to", "-id")
        .values_list("officer_id", "number", "officer__department__name", "officer__department__kind")
    )
    out, number_of = [], {}
    for officer_id, number, department, kind in rows.iterator(chunk_size=5000):
        if officer_id in number_of:  # a renewal overlapping the old certificate: the later one
            continue
        number_of[officer_id] = number
        street = department if kind == DepartmentKind.STREET else ""
        out.append((number, department, street, plan.max_assignments))
    return out, number_of


def officers_without_account(plan) -> list[str]:
    """Names of the pool's officers (as ``_officers`` takes them) who cannot sign in: no linked
    account, a disabled one, or one without an enforcement role. A drawn officer must be able to
    sign in to work the task, so the commitment is refused while any is listed."""
    from eduenforce.core.roles import BUSINESS_ROLES
    from eduenforce.officers.choices import OfficerStatus
    from eduenforce.officers.models import Officer

    required_ids = {d.pk for d in plan.required_department_list()}
    base = DepartmentKind.STREET if plan.officer_pool == OfficerPool.LOCAL else DepartmentKind.SECTION
    can_sign_in = Q(user__is_active=True, user__role__in=[r.value for r in BUSINESS_ROLES])
    return list(
        Officer.objects.certified_on(plan.planned_date)
        .filter(status=OfficerStatus.ACTIVE)
        .filter(Q(department__kind=base) | Q(department_id__in=required_ids))
        .exclude(can_sign_in)
        .order_by("department__order", "name")
        .values_list("name", flat=True)
    )


def _recusals(day: date, number_of: dict[int, str]) -> list[tuple[str, str]]:
    from eduenforce.officers.models import Conflict

    active = Conflict.objects.filter(valid_from__lte=day).filter(Q(valid_to=None) | Q(valid_to__gte=day))
    return [
        (number_of[officer_id], code)
        for officer_id, code in active.values_list("officer_id", "institution__credit_code")
        if officer_id in number_of
    ]


def freeze_pool(draw) -> tuple[bytes, dict]:
    """The canonical pool bytes of ``draw`` as the registers stand now, and its counts/notes.

    Raises ``DomainError`` when a text cannot be frozen (names the text)."""
    plan = draw.plan
    local = plan.officer_pool == OfficerPool.LOCAL
    previous = draw.redraw_of.public_id if draw.redraw_of_id else ""
    capped, inspected = engine.excluded_codes(plan, ignore_source_ref=previous)
    strata, notes, total = [], [], 0
    for stratum in plan.strata.prefetch_related("streets"):
        codes, streets = _candidates(plan, stratum, local)
        if capped or inspected:
            keep = [c not in capped and c not in inspected for c in codes]
            n_cap = sum(1 for c in codes if c in capped)
            n_period = sum(1 for c in codes if c in inspected and c not in capped)
            codes = [c for c, k in zip(codes, keep, strict=True) if k]
            if streets is not None:
                streets = [s for s, k in zip(streets, keep, strict=True) if k]
            if n_cap or n_period:
                notes.append(
                    f"分层“{stratum.label}”：排除年度检查次数已达上限的对象 {n_cap} 家、"
                    f"本期已检查的对象 {n_period} 家"
                )
        total += len(codes)
        strata.append((stratum.label, stratum.ratio, stratum.count, codes, streets))
    officers, number_of = _officers(plan, plan.planned_date)
    try:
        pool = v2.freeze(
            draw=draw.public_id,
            planned_date=plan.planned_date,
            officer_pool=v2.LOCAL if local else v2.DISTRICT,
            team_size=plan.team_size,
            required_departments=[d.name for d in plan.required_department_list()],
            strata=strata,
            officers=officers,
            recusals=_recusals(plan.planned_date, number_of),
        )
    except ValueError as error:
        raise DomainError(f"名单无法冻结：{error}") from None
    counts = {
        "candidates": total,
        "officers": len(pool.officers),
        "recusals": len(pool.recusals),
        "notes": notes,
    }
    return v2.canonical(pool.as_json()), counts


def parties_for(plan, bureau_commitment: str, partner_commitments: dict[str, str]) -> list[dict]:
    """The bureau first, then each partner department of the plan in order, each with the
    commitment it published; a missing or malformed partner commitment is refused."""
    parties = [{"party": settings.BUREAU_NAME, "commitment": bureau_commitment, "share": ""}]
    for department in plan.required_department_list():
        if department.kind != DepartmentKind.PARTNER:
            continue
        commitment = (partner_commitments.get(department.name) or "").strip().lower()
        if not commitment:
            raise DomainError(
                f"联合抽查须由各合作部门自行生成种子份额并提交其 SM3 承诺值：缺“{department.name}”的承诺值",
                field="partner_commitments",
            )
        if not v2.is_hex64(commitment):
            raise DomainError(
                f"“{department.name}”的承诺值须为 64 位十六进制 SM3 值", field="partner_commitments"
            )
        parties.append({"party": department.name, "commitment": commitment, "share": ""})
    return parties


def revealed_parties(draw, shares: dict[str, str]) -> list[dict]:
    """The parties with their shares: the bureau's is the stored seed; every partner's share
    must be given and hash to the commitment it published."""
    out = []
    for i, party in enumerate(draw.parties):
        if i == 0:
            share = draw.seed
        else:
            share = (shares.get(party["party"]) or "").strip().lower()
            if not share:
                raise DomainError(f"请填写“{party['party']}”公开的种子份额", field="shares")
            if v2.commitment_of(share) != party["commitment"] or not v2.is_hex64(share):
                raise DomainError(f"“{party['party']}”的种子份额与其事先公布的承诺值不符", field="shares")
        out.append({"party": party["party"], "commitment": party["commitment"], "share": share})
    return out


def execute(draw, entropy: str, parties: list[dict]) -> Outcome:
    """The draw from the frozen pool, the revealed shares and the announced entropy's value.

    Raises ``DomainError`` when the stored pool no longer matches its published hash, or a
    team cannot be formed; writes nothing either way."""
    data = draw.pool.data
    digest = v2.pool_sm3(data)
    if digest != draw.pool_sm3 or digest != draw.pool.sm3:
        raise DomainError("冻结的名单已被改动（SM3 与承诺时公布的不符），不能抽取：请联系安全管理员核查")
    pool = v2.Pool.from_json(orjson.loads(data))
    final = v2.final_of(digest, [p["share"] for p in parties], draw.entropy_source, entropy)
    strata = []
    for stratum, (label, selected) in zip(pool.strata, v2.selection(final, pool), strict=True):
        run = StratumRun(label, stratum.ratio, stratum.count, stratum.candidates)
        run.selected = selected
        strata.append(run)
    order = [code for run in strata for code in run.selected]
    teams, streets = v2.Teams(final, pool), v2.street_of(pool)
    formed = []
    for code in order:
        try:
            formed.append((code, None, teams.pick(code, streets.get(code, ""))))
        except TeamShortfall as shortfall:
            name = engine._institution_name(code)
            raise DomainError(
                f"抽取失败，未保存任何结果：检查对象“{name}”（{code}）无法组成检查组，"
                f"{shortfall.describe()}。请调整计划（人数、联合部门、任务上限）或补充执法人员后重新抽取。"
            ) from None
    notes = list(draw.pool.notes)
    for run in strata:
        notes += _sample_notes(run)
    outcome = Outcome(final, entropy, strata, formed, notes, _officer_ids(formed))
    outcome.document = build_document(draw, outcome, parties, data)
    return outcome


def _sample_notes(run: StratumRun) -> list[str]:
    n = len(run.candidates)
    if n == 0:
        return [f"分层“{run.label}”没有候选对象，本分层未抽取"]
    if run.count is not None and run.count > n:
        return [f"分层“{run.label}”：计划抽取 {run.count} 家，候选仅 {n} 家，已按 {n} 家抽取"]
    return []


def _officer_ids(teams: list) -> dict[str, int]:
    from eduenforce.officers.models import Certificate

    numbers = {c for _code, _e, team in teams for c in team}
    return dict(Certificate.objects.filter(number__in=numbers).values_list("number", "officer_id"))


def build_document(draw, outcome: Outcome, parties: list[dict], pool_bytes: bytes) -> bytes:
    """The public JSON of a v2 draw (docs/draw-algorithm-v2.md, section 7); the pool is
    embedded byte for byte as it was hashed, listed once."""
    doc = {
        "algorithm": v2.ALGORITHM,
        "draw": draw.public_id,
        "committed_on": timezone.localtime(draw.committed_at).date().isoformat(),
        "parties": parties,
        "entropy_source": draw.entropy_source,
        "public_entropy": outcome.public_entropy,
        "pool_sm3": draw.pool_sm3,
        "final": outcome.final,
        "strata": [{"label": run.label, "selected": run.selected} for run in outcome.strata],
        "teams": [{"credit_code": code, "team": team} for code, _e, team in outcome.teams],
        "pool": orjson.Fragment(pool_bytes),
    }
    return orjson.dumps(doc)
