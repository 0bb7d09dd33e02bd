"""Algorithm v2 of the 双随机 draw, exactly as ``docs/draw-algorithm-v2.md`` defines it.

Pure functions on plain values; no database. ``tools/verify_draw.py`` re-implements the same
page independently (standard library only) and the tests hold both to one written-out vector.

In short:

- The **pool** (candidate institutions per stratum, eligible officers with certificate number,
  department, street and cap, recusal pairs, team rule) is frozen at the commitment and
  published as canonical JSON; ``pool_sm3 = SM3(canonical bytes)``.
- Every **party** (the bureau, each partner department of a joint draw) commits to its own
  64-hex share: ``commitment = SM3(share)``.
- The **entropy source** (kind, date) is announced with the commitments; its value must match
  the kind's format.
- ``final = SM3("v2|" + pool_sm3 + "|" + share_1 + … + "|" + share_n + "|" + kind + "|" + date
  + "|" + value)``.
- Selection per stratum as in v1: sort by ``(SM3(final|label|code), code)``, take ``k``.
- Teams: slot ``j`` of institution ``X`` is the ``r``-th still-available officer of the
  published ordering, ``r = int(SM3(final|team|X|j)) mod |available|``; unavailable are the
  officers at their cap, recused with ``X``, already on the team, or (for a required slot) of
  another department.
"""

import hashlib
import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal

import orjson

from eduenforce.sampling.algorithm import TeamShortfall, sample_size, select

ALGORITHM = "v2"
POOL_FORMAT = "eduenforce-draw-pool/2"
DISTRICT, LOCAL = "district", "local"


def sm3_hex(data: str | bytes) -> str:
    if isinstance(data, str):
        data = data.encode("utf-8")
    return hashlib.new("sm3", data).hexdigest()


# ----------------------------------------------------------------------------- entropy sources


@dataclass(frozen=True)
class EntropyKind:
    kind: str
    name: str
    pattern: str
    example: str
    hint: str

    def matches(self, value: str) -> bool:
        return re.fullmatch(self.pattern, value) is not None


ENTROPY_KINDS: dict[str, EntropyKind] = {
    k.kind: k
    for k in (
        EntropyKind(
            "sports_lottery_pl5",
            "中国体育彩票“排列5”当日开奖号码",
            r"[0-9]( [0-9]){4}",
            "8 1 6 2 4",
            "5 个数字，以空格分隔",
        ),
        EntropyKind(
            "welfare_lottery_3d",
            "中国福利彩票“3D”当日开奖号码",
            r"[0-9]( [0-9]){2}",
            "3 0 7",
            "3 个数字，以空格分隔",
        ),
        EntropyKind(
            "sse_composite_close",
            "上海证券交易所上证综合指数当日收盘点位",
            r"[1-9][0-9]{2,4}\.[0-9]{2}",
            "3342.01",
            "收盘点位，保留两位小数",
        ),
    )
}
DEFAULT_ENTROPY_KIND = "sports_lottery_pl5"


def normalise_entropy(value: str) -> str:
    """Leading/trailing blanks dropped, every run of blanks (including full-width) one space."""
    return " ".join((value or "").replace("\u3000", " ").split())


def entropy_source(kind: str, on: date) -> dict:
    """The announcement published with the commitment: which source, which value, which day."""
    found = ENTROPY_KINDS[kind]
    return {
        "kind": found.kind,
        "name": found.name,
        "date": on.isoformat(),
        "format": found.hint,
        "pattern": found.pattern,
        "example": found.example,
    }


def entropy_problem(source: dict, value: str) -> str | None:
    """Why ``value`` (already normalised) is not a value of the announced source, in Chinese."""
    kind = ENTROPY_KINDS.get(source.get("kind", ""))
    if kind is None:
        return f"未知的公开随机源：{source.get('kind')!r}"
    if not kind.matches(value):
        return (
            f"公开随机数须为事先公布的随机源“{kind.name}”（{source['date']}）的数值，"
            f"格式：{kind.hint}，例如“{kind.example}”；收到“{value}”"
        )
    return None


# ----------------------------------------------------------------------------- the frozen pool


_FORBIDDEN = re.compile("[\x00-\x1f\x7f-\x9f|]")  # Unicode category Cc, and the separator


def check_text(value: str, what: str) -> str:
    """Pool strings carry no control characters (so the canonical encoding needs no escapes
    beyond ``\\"`` and ``\\\\``) and no ``|`` (a hash-input separator)."""
    if _FORBIDDEN.search(value):
        raise ValueError(f"{what}“{value}”含有控制字符或“|”")
    return value


@dataclass
class PoolOfficer:
    certificate_number: str
    department: str
    street: str
    cap: int | None


@dataclass
class PoolStratum:
    label: str
    ratio: str | None
    count: int | None
    candidates: list[str]
    streets: list[str] | None = None  # aligned with candidates; only for a local pool


@dataclass
class Pool:
    draw: str
    planned_date: str
    officer_pool: str
    team_size: int
    required_departments: list[str]
    strata: list[PoolStratum]
    officers: list[PoolOfficer]
    recusals: list[tuple[str, str]]  # (certificate number, credit code)

    def as_json(self) -> dict:
        """The pool object, keys in the documented order (this order is part of the hash)."""
        return {
            "format": POOL_FORMAT,
            "draw": self.draw,
            "planned_date": self.planned_date,
            "officer_pool": self.officer_pool,
            "team_size": self.team_size,
            "required_departments": list(self.required_departments),
            "strata": [
                {
                    "label": s.label,
                    "ratio": s.ratio,
                    "count": s.count,
                    "candidates": s.candidates,
                    "streets": s.streets,
                }
                for s in self.strata
            ],
            "officers": [
                {
                    "certificate_number": o.certificate_number,
                    "department": o.department,
                    "street": o.street,
                    "cap": o.cap,
                }
                for o in self.officers
            ],
            "recusals": [list(pair) for pair in self.recusals],
        }

    @classmethod
    def from_json(cls, data: dict) -> "Pool":
        if data.get("format") != POOL_FORMAT:
            raise ValueError(f"不支持的名单格式：{data.get('format')!r}")
        return cls(
            draw=data["draw"],
            planned_date=data["planned_date"],
            officer_pool=data["officer_pool"],
            team_size=data["team_size"],
            required_departments=list(data["required_departments"]),
            strata=[
                PoolStratum(s["label"], s["ratio"], s["count"], s["candidates"], s["streets"])
                for s in data["strata"]
            ],
            officers=[
                PoolOfficer(o["certificate_number"], o["department"], o["street"], o["cap"])
                for o in data["officers"]
            ],
            recusals=[(c, i) for c, i in data["recusals"]],
        )


def canonical(pool_json: dict) -> bytes:
    """UTF-8 JSON, no whitespace, keys in order, only ``"`` and ``\\`` escaped: the bytes hashed.
    Identical to ``json.dumps(pool, ensure_ascii=False, separators=(",", ":"))`` for a pool
    without control characters (which ``freeze`` guarantees)."""
    return orjson.dumps(pool_json)


def pool_sm3(pool_bytes: bytes) -> str:
    return sm3_hex(pool_bytes)


def freeze(
    *,
    draw: str,
    planned_date: date,
    officer_pool: str,
    team_size: int,
    required_departments: Sequence[str],
    strata: Iterable[tuple[str, Decimal | str | None, int | None, list[str], list[str] | None]],
    officers: Iterable[tuple[str, str, str, int | None]],
    recusals: Iterable[tuple[str, str]],
) -> Pool:
    """A pool in canonical order: candidates by credit code (streets aligned), officers by
    certificate number, recusal pairs sorted, only for pooled officers and candidates.

    Raises ``ValueError`` for a code in two strata, a duplicate certificate, or a text the
    encoding does not allow."""
    if officer_pool not in (DISTRICT, LOCAL):
        raise ValueError(f"未知的执法人员名录库：{officer_pool!r}")
    out_strata, seen = [], set()
    for label, ratio, count, codes, streets in strata:
        check_text(label, "分层名称")
        if streets is not None:
            pairs = sorted(zip(codes, streets, strict=True))
            codes, streets = [p[0] for p in pairs], [p[1] for p in pairs]
        else:
            codes = sorted(codes)
        for code in codes:
            if code in seen:
                raise ValueError(f"对象 {code} 同时属于两个分层")
            seen.add(code)
        if officer_pool == LOCAL and streets is None:
            raise ValueError("属地名录库须给出每个候选对象的街道")
        text_ratio = None if ratio is None else str(Decimal(str(ratio)))
        out_strata.append(
            PoolStratum(label, text_ratio, count, codes, streets if officer_pool == LOCAL else None)
        )
    if _FORBIDDEN.search("".join(seen)):  # one scan of every code
        bad = next(c for c in seen if _FORBIDDEN.search(c))
        check_text(bad, "统一社会信用代码")
    pooled = sorted(officers)
    numbers = set()
    for number, department, street, _cap in pooled:
        if number in numbers:
            raise ValueError(f"执法证号 {number} 重复")
        numbers.add(number)
        check_text(number, "执法证号"), check_text(department, "部门"), check_text(street, "街道")
    for name in required_departments:
        check_text(name, "联合部门")
    pairs = sorted({(c, i) for c, i in recusals if c in numbers and i in seen})
    return Pool(
        draw=draw,
        planned_date=planned_date.isoformat(),
        officer_pool=officer_pool,
        team_size=team_size,
        required_departments=list(required_departments),
        strata=out_strata,
        officers=[PoolOfficer(*o) for o in pooled],
        recusals=pairs,
    )


# ----------------------------------------------------------------------------- seed and final


def is_hex64(value: str) -> bool:
    return re.fullmatch(r"[0-9a-f]{64}", value) is not None


def commitment_of(share: str) -> str:
    return sm3_hex(share)


def final_of(pool_hash: str, shares: Sequence[str], source: dict, value: str) -> str:
    parts = ["v2", pool_hash, *shares, source["kind"], source["date"], value]
    return sm3_hex("|".join(parts))


# ----------------------------------------------------------------------------- selection


def selection(final: str, pool: Pool) -> list[tuple[str, list[str]]]:
    """Per stratum in pool order: (label, the selected credit codes in key order)."""
    out = []
    for s in pool.strata:
        k = sample_size(len(s.candidates), None if s.ratio is None else Decimal(s.ratio), s.count)
        out.append((s.label, select(final, s.label, s.candidates, k)))
    return out


# ----------------------------------------------------------------------------- teams


class _Group:
    """One team pool in the published ordering (department, certificate number): which
    positions are still available (a sorted list: bisect finds ranks in C), each required
    department's range of positions, and where each officer sits."""

    def __init__(self, members: list[int], officers: list[PoolOfficer], departments: Sequence[str]):
        order = sorted(
            members,
            key=lambda i: (officers[i].department.encode(), officers[i].certificate_number.encode()),
        )
        self.officer_at = order
        self.position_of = {officer: pos for pos, officer in enumerate(order)}
        self.available = list(range(len(order)))
        self.ranges: dict[str, tuple[int, int]] = {}
        names = [officers[i].department for i in order]
        for name in departments:
            lo = next((p for p, d in enumerate(names) if d == name), len(names))
            hi = lo
            while hi < len(names) and names[hi] == name:
                hi += 1
            self.ranges[name] = (lo, hi)

    def remove(self, officer: int) -> None:
        pos = self.position_of.get(officer)
        if pos is not None:
            i = bisect_left(self.available, pos)
            if i < len(self.available) and self.available[i] == pos:
                del self.available[i]

    def pick(self, digest: bytes, department: str | None, excluded: Iterable[int]) -> int | None:
        """The r-th available officer of the range, skipping ``excluded`` officers."""
        avail = self.available
        if department is None:
            a, b = 0, len(avail)
        else:
            lo, hi = self.ranges[department]
            a, b = bisect_left(avail, lo), bisect_left(avail, hi)
        skip = []
        for officer in excluded:
            pos = self.position_of.get(officer)
            if pos is None:
                continue
            i = bisect_left(avail, pos, a, b)
            if i < b and avail[i] == pos:
                skip.append(i)
        count = b - a - len(skip)
        if count <= 0:
            return None
        t = a + int.from_bytes(digest, "big") % count
        for i in sorted(skip):
            if i <= t:
                t += 1
            else:
                break
        return self.officer_at[avail[t]]


@dataclass
class Teams:
    """Team forming of one draw over a frozen pool; ``load`` counts each officer's teams."""

    final: str
    pool: Pool
    load: list[int] = field(default_factory=list)

    def __post_init__(self) -> None:
        pool = self.pool
        officers = pool.officers
        self.index = {o.certificate_number: i for i, o in enumerate(officers)}
        self.load = [0] * len(officers)
        self.recused: dict[str, list[int]] = {}
        for number, code in pool.recusals:
            self.recused.setdefault(code, []).append(self.index[number])
        required = set(pool.required_departments)
        self.groups: dict[str, _Group] = {}
        self.groups_of: list[list[_Group]] = [[] for _ in officers]
        if pool.officer_pool == DISTRICT:
            self._group("", list(range(len(officers))))
        else:
            streets = sorted({st for s in pool.strata for st in (s.streets or [])})
            for street in streets:
                self._group(
                    street,
                    [i for i, o in enumerate(officers) if o.street == street or o.department in required],
                )
        for i, o in enumerate(officers):
            if o.cap is not None and o.cap <= 0:
                for group in self.groups_of[i]:
                    group.remove(i)
        self._prefix = hashlib.new("sm3", f"{self.final}|team|".encode())

    def _group(self, street: str, members: list[int]) -> None:
        group = _Group(members, self.pool.officers, self.pool.required_departments)
        self.groups[street] = group
        for i in members:
            self.groups_of[i].append(group)

    def pick(self, credit_code: str, street: str = "") -> list[str]:
        """The team of one institution (slot order: required departments, then any)."""
        pool, officers = self.pool, self.pool.officers
        group = self.groups.get(street if pool.officer_pool == LOCAL else "")
        excluded = list(self.recused.get(credit_code, ()))
        team: list[int] = []
        required = pool.required_departments
        for slot in range(pool.team_size):
            h = self._prefix.copy()
            h.update(f"{credit_code}|{slot}".encode())
            department = required[slot] if slot < len(required) else None
            chosen = None if group is None else group.pick(h.digest(), department, excluded + team)
            if chosen is None:
                if department is not None:
                    raise TeamShortfall(credit_code, department=department)
                available = slot
                raise TeamShortfall(credit_code, missing=pool.team_size - slot, available=available)
            team.append(chosen)
        for i in team:
            self.load[i] += 1
            cap = officers[i].cap
            if cap is not None and self.load[i] >= cap:
                for g in self.groups_of[i]:
                    g.remove(i)
        return [officers[i].certificate_number for i in team]


def street_of(pool: Pool) -> dict[str, str]:
    """credit code → street, for a local pool (empty for a district pool)."""
    if pool.officer_pool != LOCAL:
        return {}
    return {c: st for s in pool.strata for c, st in zip(s.candidates, s.streets or [], strict=True)}


def draw_teams(final: str, pool: Pool, order: Sequence[str]) -> list[list[str]]:
    teams = Teams(final, pool)
    streets = street_of(pool)
    return [teams.pick(code, streets.get(code, "")) for code in order]


# ----------------------------------------------------------------------------- checking a document


def _first_mismatch(expected: list, found: list) -> str:
    for i, (a, b) in enumerate(zip(expected, found, strict=False)):
        if a != b:
            return f"第 {i + 1} 位应为 {a}，记录为 {b}"
    return f"应有 {len(expected)} 项，记录为 {len(found)} 项"


def first_difference(doc: dict) -> str | None:
    """Recompute a v2 draw from its public JSON; ``None`` when everything matches."""
    if doc.get("algorithm") != ALGORITHM:
        return f"不支持的算法版本：{doc.get('algorithm')!r}"
    pool_json = doc["pool"]
    digest = pool_sm3(canonical(pool_json))
    if digest != doc["pool_sm3"]:
        return f"公布的名单与承诺时冻结的名单不符：SM3 为 {digest}，承诺为 {doc['pool_sm3']}"
    pool = Pool.from_json(pool_json)
    for party in doc["parties"]:
        if commitment_of(party["share"]) != party["commitment"]:
            return f"“{party['party']}”的种子份额与其事先公布的承诺值不符"
    source, value = doc["entropy_source"], doc["public_entropy"]
    problem = entropy_problem(source, value)
    if problem:
        return problem
    if not doc["committed_on"] < source["date"]:
        return "公开随机源的日期不在承诺公布之后：承诺时其数值可能已经可知"
    final = final_of(doc["pool_sm3"], [p["share"] for p in doc["parties"]], source, value)
    if final != doc["final"]:
        return "最终随机值不符：按公布的名单、份额和公开随机数计算的 final 与记录不同"
    order = []
    expected = selection(final, pool)
    if [label for label, _ in expected] != [s["label"] for s in doc["strata"]]:
        return "分层与冻结的名单不符"
    for (label, selected), stratum in zip(expected, doc["strata"], strict=True):
        if selected != stratum["selected"]:
            return f"分层“{label}”的抽中结果不符：{_first_mismatch(selected, stratum['selected'])}"
        order += selected
    found_order = [t["credit_code"] for t in doc["teams"]]
    if found_order != order:
        return f"检查组的对象顺序与抽中顺序不符：{_first_mismatch(order, found_order)}"
    teams, streets = Teams(final, pool), street_of(pool)
    for entry in doc["teams"]:
        code = entry["credit_code"]
        try:
            team = teams.pick(code, streets.get(code, ""))
        except TeamShortfall as shortfall:
            return f"对象 {code} 按规则无法组成检查组（{shortfall.describe()}），但记录中有检查组"
        if team != entry["team"]:
            return f"对象 {code} 的检查组不符：{_first_mismatch(team, entry['team'])}"
    return None
