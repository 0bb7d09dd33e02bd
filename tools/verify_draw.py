#!/usr/bin/env python3
"""Check a published 双随机 draw (algorithm v1 or v2) from its public JSON file alone.

    python3 verify_draw.py 2025-001-1.json
    python3 verify_draw.py https://<portal>/portal/draws/2025-001-1.json
    python3 verify_draw.py 2025-001-1.json --sm3 <SM3 shown on the result page>
    python3 verify_draw.py 2025-001-1.json --pool-sm3 <名单 SM3 published with the commitment>

Standard library only (Python 3.8+). SM3 comes from OpenSSL when this Python has it, else from
the pure-Python implementation below (same results, much slower on a large draw). Exit code 0:
the draw is reproduced exactly; 1: a difference (the first one is printed); 2: the file cannot
be read.

Algorithm v2 is specified in docs/draw-algorithm-v2.md (the portal's “如何核验” page links it):
1. pool_sm3 = SM3(canonical JSON of "pool"); it must equal the hash published with the commitment.
2. Every party's SM3(share) equals the commitment it published before the draw.
3. public_entropy matches the format of the announced source; the source's date is after the
   commitment day.
4. final = SM3("v2|" + pool_sm3 + "|" + share_1 + ... + "|" + share_n + "|" + kind + "|" + date + "|" + value).
5. Each stratum: sort candidates by (SM3(final|label|code), code); take k = ceil(N x ratio) or min(count, N).
6. Each selected institution X in order, slot j = 0 .. team_size-1: the available officers A are
   the team pool in the order (department, certificate number) minus those at their cap,
   recused with X, already on X's team, and (for j < number of required departments) those not
   of required department j. The member is A[int(SM3(final|team|X|j), 16) mod |A|].

Algorithm v1 (draws made before v2): SM3(seed) = commitment; final = SM3(seed|public_entropy);
selection as in 5; each team ranks its listed eligible officers by SM3(final|team|code|certificate),
takes the best-ranked officer of each required department, then the best-ranked others, skipping
officers with max_assignments_per_officer teams.
"""

import argparse
import hashlib
import json
import math
import re
import struct
import sys
import urllib.request
from decimal import Decimal

# ------------------------------------------------------------------------------------- SM3


def _rotl(x, n):
    n %= 32
    return ((x << n) | (x >> (32 - n))) & 0xFFFFFFFF


_IV = (0x7380166F, 0x4914B2B9, 0x172442D7, 0xDA8A0600, 0xA96F30BC, 0x163138AA, 0xE38DEE4D, 0xB0FB0E4E)
_T = [_rotl(0x79CC4519 if j < 16 else 0x7A879D8A, j) for j in range(64)]


def _compress(v, block):
    w = list(struct.unpack(">16I", block))
    for j in range(16, 68):
        x = w[j - 16] ^ w[j - 9] ^ _rotl(w[j - 3], 15)
        x = x ^ _rotl(x, 15) ^ _rotl(x, 23)
        w.append(x ^ _rotl(w[j - 13], 7) ^ w[j - 6])
    w1 = [w[j] ^ w[j + 4] for j in range(64)]
    a, b, c, d, e, f, g, h = v
    for j in range(64):
        a12 = _rotl(a, 12)
        ss1 = _rotl((a12 + e + _T[j]) & 0xFFFFFFFF, 7)
        ss2 = ss1 ^ a12
        if j < 16:
            ff, gg = a ^ b ^ c, e ^ f ^ g
        else:
            ff, gg = (a & b) | (a & c) | (b & c), (e & f) | (~e & g)
        tt1 = (ff + d + ss2 + w1[j]) & 0xFFFFFFFF
        tt2 = (gg + h + ss1 + w[j]) & 0xFFFFFFFF
        d, c, b, a = c, _rotl(b, 9), a, tt1
        h, g, f = g, _rotl(f, 19), e
        e = tt2 ^ _rotl(tt2, 9) ^ _rotl(tt2, 17)
    return tuple(x ^ y for x, y in zip((a, b, c, d, e, f, g, h), v))  # noqa: B905 (Python 3.8)


def sm3_pure(data):
    """SM3 (GB/T 32905-2016) of bytes, as lowercase hex; used when OpenSSL has no SM3."""
    length = len(data) * 8
    data = data + b"\x80" + b"\x00" * ((55 - len(data)) % 64) + struct.pack(">Q", length)
    v = _IV
    for i in range(0, len(data), 64):
        v = _compress(v, data[i : i + 64])
    return "".join(f"{x:08x}" for x in v)


try:
    hashlib.new("sm3")
    HAVE_OPENSSL_SM3 = True
except ValueError:
    HAVE_OPENSSL_SM3 = False


def sm3_bytes(data):
    if HAVE_OPENSSL_SM3:
        return hashlib.new("sm3", data).hexdigest()
    return sm3_pure(data)


def sm3(text):
    return sm3_bytes(text.encode("utf-8"))


# ------------------------------------------------------------------------------------- shared


def sample_size(n, ratio, count):
    if ratio is not None:
        return min(n, math.ceil(Decimal(n) * Decimal(str(ratio))))
    return min(int(count), n)


def select(final, label, candidates, k):
    keyed = sorted((sm3(final + "|" + label + "|" + code), code) for code in candidates)
    return [code for _key, code in keyed[:k]]


def first_mismatch(expected, found):
    for i, (a, b) in enumerate(zip(expected, found)):  # noqa: B905 (strict= needs Python 3.10)
        if a != b:
            return f"第 {i + 1} 位应为 {a}，文件中为 {b}"
    return f"应有 {len(expected)} 项，文件中为 {len(found)} 项"


# ------------------------------------------------------------------------------------- v1


def pick_team(final, credit_code, eligible, team_size, required, cap, load):
    ranked = sorted(
        (
            sm3(final + "|team|" + credit_code + "|" + e["certificate_number"]),
            e["certificate_number"],
            e["department"],
        )
        for e in eligible
    )
    if cap is not None:
        ranked = [r for r in ranked if load.get(r[1], 0) < cap]
    team = []
    for department in required:
        for _key, number, dept in ranked:
            if dept == department and number not in team:
                team.append(number)
                break
        else:
            return None, f"没有可派出的“{department}”执法人员"
    for _key, number, _dept in ranked:
        if len(team) >= team_size:
            break
        if number not in team:
            team.append(number)
    if len(team) < team_size:
        return None, f"符合条件的执法人员不足 {team_size} 人"
    for number in team:
        load[number] = load.get(number, 0) + 1
    return team, ""


def verify_v1(doc):
    if sm3(doc["seed"]) != doc["commitment"]:
        return False, "种子与事先公布的承诺值不符：SM3(seed) ≠ commitment"
    final = sm3(doc["seed"] + "|" + doc["public_entropy"])
    if final != doc["final"]:
        return False, "最终随机值不符：SM3(seed|public_entropy) ≠ final"
    order = []
    for stratum in doc["strata"]:
        k = sample_size(len(stratum["candidates"]), stratum["ratio"], stratum["count"])
        expected = select(final, stratum["label"], stratum["candidates"], k)
        if expected != stratum["selected"]:
            mismatch = first_mismatch(expected, stratum["selected"])
            return False, f"分层“{stratum['label']}”的抽中结果不符：{mismatch}"
        order.extend(expected)
    found = [t["credit_code"] for t in doc["teams"]]
    if found != order:
        return False, f"检查组的对象顺序与抽中顺序不符：{first_mismatch(order, found)}"
    load = {}
    for entry in doc["teams"]:
        team, problem = pick_team(
            final,
            entry["credit_code"],
            entry["eligible"],
            doc["team_size"],
            doc["required_departments"],
            doc["max_assignments_per_officer"],
            load,
        )
        if team is None:
            return False, f"对象 {entry['credit_code']} 按规则无法组成检查组（{problem}），但文件中有检查组"
        if team != entry["team"]:
            return False, f"对象 {entry['credit_code']} 的检查组不符：{first_mismatch(team, entry['team'])}"
    return True, (
        f"抽取结果可以完全复现：{len(doc['strata'])} 个分层、{len(order)} 家抽中对象、"
        f"{len(doc['teams'])} 个检查组一致"
    )


# ------------------------------------------------------------------------------------- v2

# The announced sources and the format of their values (docs/draw-algorithm-v2.md, section 3).
ENTROPY_FORMATS = {
    "sports_lottery_pl5": r"[0-9]( [0-9]){4}",
    "welfare_lottery_3d": r"[0-9]( [0-9]){2}",
    "sse_composite_close": r"[1-9][0-9]{2,4}\.[0-9]{2}",
}


class Fenwick:
    """Counts of still-available positions 0..n-1: mark/unmark and the r-th available, O(log n)."""

    def __init__(self, n):
        self.n = n
        self.tree = [0] * (n + 1)
        for i in range(1, n + 1):
            self.tree[i] += 1
            parent = i + (i & -i)
            if parent <= n:
                self.tree[parent] += self.tree[i]
        self.present = [True] * n

    def add(self, pos, delta):
        self.present[pos] = delta > 0
        i = pos + 1
        while i <= self.n:
            self.tree[i] += delta
            i += i & -i

    def before(self, pos):
        """How many available positions are < pos."""
        total, i = 0, pos
        while i > 0:
            total += self.tree[i]
            i -= i & -i
        return total

    def nth(self, r):
        """The position of the r-th (0-based) available position."""
        pos, step = 0, 1 << self.n.bit_length()
        while step:
            nxt = pos + step
            if nxt <= self.n and self.tree[nxt] <= r:
                pos = nxt
                r -= self.tree[nxt]
            step >>= 1
        return pos


def pool_teams(doc, final, pool, order):
    """Yield (credit code, team or None, problem) for each selected institution in order."""
    officers = pool["officers"]
    required = pool["required_departments"]
    index = {o["certificate_number"]: i for i, o in enumerate(officers)}
    recused = {}
    for number, code in pool["recusals"]:
        recused.setdefault(code, set()).add(index[number])
    street = {}
    if pool["officer_pool"] == "local":
        for s in pool["strata"]:
            for code, st in zip(s["candidates"], s["streets"]):  # noqa: B905
                street[code] = st
    groups = {}  # street → (ordering, position of officer, Fenwick)

    def group(name):
        if name not in groups:
            if pool["officer_pool"] == "district":
                members = list(range(len(officers)))
            else:
                members = [
                    i for i, o in enumerate(officers) if o["street"] == name or o["department"] in required
                ]
            ordering = sorted(
                members,
                key=lambda i: (
                    officers[i]["department"].encode(),
                    officers[i]["certificate_number"].encode(),
                ),
            )
            tree = Fenwick(len(ordering))
            where = {officer: p for p, officer in enumerate(ordering)}
            for officer, p in where.items():
                if loads[officer] >= cap_of(officer):
                    tree.add(p, -1)
            ranges = {}
            for name_ in required:  # each department is one run of the ordering
                lo = next(
                    (p for p, i in enumerate(ordering) if officers[i]["department"] == name_), len(ordering)
                )
                hi = lo
                while hi < len(ordering) and officers[ordering[hi]]["department"] == name_:
                    hi += 1
                ranges[name_] = (lo, hi)
            groups[name] = (ordering, where, tree, ranges)
        return groups[name]

    def cap_of(i):
        cap = officers[i]["cap"]
        return float("inf") if cap is None else cap

    loads = [0] * len(officers)
    for code in order:
        ordering, where, tree, ranges = group(street.get(code, "") if pool["officer_pool"] == "local" else "")
        hidden = []  # positions taken out for this institution only
        for i in recused.get(code, ()):
            p = where.get(i)
            if p is not None and tree.present[p]:
                tree.add(p, -1)
                hidden.append(p)
        team, problem = [], ""
        for slot in range(pool["team_size"]):
            if slot < len(required):
                lo, hi = ranges[required[slot]]
                base, count = tree.before(lo), tree.before(hi) - tree.before(lo)
            else:
                base, count = 0, tree.before(len(ordering))
            if count == 0:
                problem = "没有可派出的执法人员"
                break
            r = int(sm3(final + "|team|" + code + "|" + str(slot)), 16) % count
            p = tree.nth(base + r)
            tree.add(p, -1)
            hidden.append(p)
            team.append(ordering[p])
        for p in hidden:
            tree.add(p, 1)
        if problem:
            yield code, None, problem
            return
        for i in team:
            loads[i] += 1
            if loads[i] >= cap_of(i):
                for _ordering, w, t, _ranges in groups.values():
                    if i in w and t.present[w[i]]:
                        t.add(w[i], -1)
        yield code, [officers[i]["certificate_number"] for i in team], ""


def canonical_pool(pool):
    return json.dumps(pool, ensure_ascii=False, separators=(",", ":")).encode("utf-8")


def verify_v2(doc, pool_sm3=None):
    pool = doc["pool"]
    if pool.get("format") != "eduenforce-draw-pool/2":
        return False, f"不支持的名单格式：{pool.get('format')!r}"
    digest = sm3_bytes(canonical_pool(pool))
    if digest != doc["pool_sm3"]:
        return False, f"名单与承诺时冻结的名单不符：SM3(pool) 为 {digest}，文件中为 {doc['pool_sm3']}"
    if pool_sm3 and pool_sm3.strip().lower() != digest:
        return False, f"名单的 SM3 {digest} 与公布值 {pool_sm3.strip()} 不符"
    for party in doc["parties"]:
        if sm3(party["share"]) != party["commitment"]:
            return False, f"“{party['party']}”的种子份额与其承诺值不符：SM3(share) ≠ commitment"
    source, value = doc["entropy_source"], doc["public_entropy"]
    pattern = ENTROPY_FORMATS.get(source["kind"])
    if pattern is None:
        return False, f"未知的公开随机源：{source['kind']!r}"
    if not re.fullmatch(pattern, value):
        return False, f"公开随机数“{value}”不符合随机源 {source['kind']} 的格式"
    if not doc["committed_on"] < source["date"]:
        return False, "公开随机源的日期不在承诺公布之后"
    shares = [p["share"] for p in doc["parties"]]
    final = sm3("|".join(["v2", digest, *shares, source["kind"], source["date"], value]))
    if final != doc["final"]:
        return False, "最终随机值不符"
    order = []
    if [s["label"] for s in pool["strata"]] != [s["label"] for s in doc["strata"]]:
        return False, "分层与冻结的名单不符"
    for stratum, found in zip(pool["strata"], doc["strata"]):  # noqa: B905
        ratio = None if stratum["ratio"] is None else Decimal(stratum["ratio"])
        k = sample_size(len(stratum["candidates"]), ratio, stratum["count"])
        expected = select(final, stratum["label"], stratum["candidates"], k)
        if expected != found["selected"]:
            return (
                False,
                f"分层“{stratum['label']}”的抽中结果不符：{first_mismatch(expected, found['selected'])}",
            )
        order.extend(expected)
    listed = [t["credit_code"] for t in doc["teams"]]
    if listed != order:
        return False, f"检查组的对象顺序与抽中顺序不符：{first_mismatch(order, listed)}"
    for (code, team, problem), entry in zip(pool_teams(doc, final, pool, order), doc["teams"]):  # noqa: B905
        if team is None:
            return False, f"对象 {code} 按规则无法组成检查组（{problem}），但文件中有检查组"
        if team != entry["team"]:
            return False, f"对象 {code} 的检查组不符：{first_mismatch(team, entry['team'])}"
    candidates = sum(len(s["candidates"]) for s in pool["strata"])
    return True, (
        f"抽取结果可以完全复现：名单（{candidates} 家候选对象、{len(pool['officers'])} 名执法人员）与承诺一致，"
        f"{len(doc['parties'])} 方种子份额与承诺一致，公开随机数符合事先公布的随机源，"
        f"{len(order)} 家抽中对象、{len(doc['teams'])} 个检查组一致"
    )


def verify(doc, pool_sm3=None):
    """Return (True, summary) or (False, the first difference)."""
    if doc.get("algorithm") == "v1":
        return verify_v1(doc)
    if doc.get("algorithm") == "v2":
        return verify_v2(doc, pool_sm3)
    return False, f"不支持的算法版本：{doc.get('algorithm')!r}"


def read(source):
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=60) as response:  # noqa: S310 (the user's own URL)
            return response.read()
    with open(source, "rb") as f:
        return f.read()


def main(argv=None):
    parser = argparse.ArgumentParser(description="复核“双随机”抽取结果（算法 v1、v2）")
    parser.add_argument("source", help="抽取数据 JSON 文件路径或网址")
    parser.add_argument("--sm3", help="结果页公布的数据文件 SM3 值（可选）：核对文件未被改动")
    parser.add_argument("--pool-sm3", help="承诺时公布的名单 SM3 值（可选，v2）：核对名单未被更换")
    args = parser.parse_args(argv)
    if not HAVE_OPENSSL_SM3:
        print("提示：当前 Python 的 OpenSSL 不支持 SM3，改用内置的纯 Python 实现（较慢）", file=sys.stderr)
    try:
        raw = read(args.source)
        doc = json.loads(raw.decode("utf-8"), parse_float=Decimal)
    except (OSError, ValueError) as error:
        print(f"无法读取抽取数据：{error}", file=sys.stderr)
        return 2
    digest = sm3_bytes(raw)
    print(f"数据文件 SM3：{digest}")
    if args.sm3 and args.sm3.strip().lower() != digest:
        print(f"不一致：数据文件的 SM3 与公布值 {args.sm3.strip()} 不符，文件可能被改动")
        return 1
    try:
        ok, message = verify(doc, args.pool_sm3)
    except (KeyError, TypeError, AttributeError, ValueError, IndexError) as error:
        print(f"不一致：数据文件缺少字段或格式不对（{error!r}）")
        return 1
    print(("一致：" if ok else "不一致：") + message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
