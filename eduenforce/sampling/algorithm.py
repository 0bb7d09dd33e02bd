"""Algorithm v1 of the 双随机 draw, exactly as the portal publishes it.

Pure functions on strings; no database. ``tools/verify_draw.py`` is an independent,
standard-library re-implementation of the same rules, and the tests hold both to one
written-out test vector.

1. ``commitment = SM3(seed)`` (SM3 of the 64 ASCII hex characters), published before the draw.
2. ``final = SM3(seed + "|" + E)`` where ``E`` is the public entropy string (may be empty).
3. Per stratum: ``key = SM3(final + "|" + label + "|" + credit_code)``; sort by ``(key, credit_code)``;
   take ``k = ceil(N × ratio)`` (exact decimal, never more than N) or ``min(count, N)``.
4. Teams, per selected institution in selection order: rank the eligible officers by
   ``SM3(final + "|team|" + credit_code + "|" + certificate_number)``; first, for each required
   department in order, the highest-ranked officer of that department not yet on the team;
   then the highest-ranked remaining officers until the team size is reached. An officer who
   has reached the per-draw cap is skipped for later institutions.

All SM3 inputs are UTF-8; hashes are lowercase hex. Sorting raw digests gives the same
order as sorting hex digests, which is what the hot loops use.
"""

import hashlib
import math
import secrets
from dataclasses import dataclass
from decimal import Decimal

ALGORITHM = "v1"


def sm3_hex(text: str) -> str:
    return hashlib.new("sm3", text.encode("utf-8")).hexdigest()


def new_seed() -> str:
    """32 random bytes from ``secrets``, as 64 lowercase hex characters."""
    return secrets.token_hex(32)


def commitment_of(seed: str) -> str:
    return sm3_hex(seed)


def final_of(seed: str, public_entropy: str) -> str:
    return sm3_hex(f"{seed}|{public_entropy}")


def sample_size(n: int, ratio: Decimal | None, count: int | None) -> int:
    """``ceil(N × ratio)`` in exact decimal arithmetic (never more than N), or ``min(count, N)``."""
    if ratio is not None:
        return min(n, math.ceil(Decimal(n) * Decimal(str(ratio))))
    return min(int(count), n)


def select(final: str, label: str, candidates: list[str], k: int) -> list[str]:
    """The first ``k`` candidates by ``(SM3(final|label|code), code)``, in that order."""
    if k <= 0 or not candidates:
        return []
    # The prefix's state is computed once; each candidate then costs one copy and one
    # compression. digest + code sorts exactly as (hex key, code) does. An inline loop,
    # because a function call per candidate would cost as much as the hash.
    copy = hashlib.new("sm3", f"{final}|{label}|".encode()).copy
    keys = []
    append = keys.append
    for code in candidates:
        raw = code.encode()
        h = copy()
        h.update(raw)
        append(h.digest() + raw)
    return [key[32:].decode() for key in _smallest(keys, k)]


def _smallest(keys: list[bytes], k: int) -> list[bytes]:
    """The ``k`` smallest keys in order. SM3 digests are uniform, so the k-th smallest lies
    near the quantile k/N: keep only the keys below a generous bound on it and sort those.
    Exact whatever the data: with fewer than k below the bound, everything is sorted."""
    n = len(keys)
    fraction = (k + 6 * math.sqrt(k) + 16) / n
    if fraction < 0.5:
        bound = int(fraction * 2**64).to_bytes(8, "big")
        below = [key for key in keys if key < bound]
        if len(below) >= k:
            below.sort()
            return below[:k]
    keys.sort()
    return keys[:k]


# An eligible officer: (certificate number as bytes, certificate number, department name).
Eligible = tuple[bytes, str, str]


def eligible(certificate_number: str, department: str) -> Eligible:
    return (certificate_number.encode(), certificate_number, department)


class TeamShortfall(Exception):
    """No lawful team for one institution: the whole draw fails."""

    def __init__(self, credit_code: str, *, department: str = "", missing: int = 0, available: int = 0):
        super().__init__(credit_code)
        self.credit_code = credit_code
        self.department = department
        self.missing = missing
        self.available = available

    def describe(self) -> str:
        if self.department:
            return f"没有可派出的“{self.department}”执法人员（回避、证件失效或已达任务上限后为 0 人）"
        return f"符合条件的执法人员还差 {self.missing} 人（可派 {self.available} 人）"


@dataclass
class TeamRule:
    team_size: int
    required_departments: list[str]
    max_assignments: int | None


class TeamPicker:
    """Forms the teams of one draw in selection order, carrying the officers' workload."""

    def __init__(self, final: str, rule: TeamRule):
        self._state = hashlib.new("sm3", final.encode())  # 64 bytes: exactly one SM3 block
        self.rule = rule
        self.load: dict[str, int] = {}

    def rank(self, credit_code: str, officers: list[Eligible]) -> list[Eligible]:
        h = self._state.copy()
        h.update(f"|team|{credit_code}|".encode())
        copy = h.copy
        keyed = []
        append = keyed.append
        for officer in officers:
            x = copy()
            x.update(officer[0])
            # (digest, officer) sorts as (key, certificate number): officer starts with its bytes.
            append((x.digest(), officer))
        keyed.sort()
        return [entry[1] for entry in keyed]

    def pick(self, credit_code: str, officers: list[Eligible]) -> list[str]:
        rule, load = self.rule, self.load
        cap = rule.max_assignments
        ranked = self.rank(credit_code, officers)
        if not rule.required_departments:
            return self._pick_any(credit_code, ranked)
        if cap is not None:
            ranked = [o for o in ranked if load.get(o[1], 0) < cap]
        team: list[str] = []
        for department in rule.required_departments:
            found = next((o[1] for o in ranked if o[2] == department and o[1] not in team), None)
            if found is None:
                raise TeamShortfall(credit_code, department=department)
            team.append(found)
        size = rule.team_size
        for officer in ranked:
            if len(team) >= size:
                break
            if officer[1] not in team:
                team.append(officer[1])
        if len(team) < size:
            available = len({o[1] for o in ranked})
            raise TeamShortfall(credit_code, missing=size - len(team), available=available)
        for cert in team:
            load[cert] = load.get(cert, 0) + 1
        return team

    def _pick_any(self, credit_code: str, ranked: list[Eligible]) -> list[str]:
        """The same rule without required departments, in one pass (the common, hot case)."""
        load, cap, size = self.load, self.rule.max_assignments, self.rule.team_size
        team: list[str] = []
        for officer in ranked:
            cert = officer[1]
            if (cap is not None and load.get(cert, 0) >= cap) or cert in team:
                continue
            team.append(cert)
            if len(team) == size:
                for member in team:
                    load[member] = load.get(member, 0) + 1
                return team
        available = len({o[1] for o in ranked if cap is None or load.get(o[1], 0) < cap})
        raise TeamShortfall(credit_code, missing=size - len(team), available=available)
