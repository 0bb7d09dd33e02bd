#!/usr/bin/env python3
"""Check a published 双随机 draw (algorithm v1) from its public JSON file alone.

    python3 verify_draw.py 2025-001-1.json
    python3 verify_draw.py https://<portal>/portal/draws/2025-001-1.json
    python3 verify_draw.py 2025-001-1.json --sm3 <SM3 shown on the result page>

Needs only Python 3.8+ whose OpenSSL provides SM3 (``hashlib.new("sm3")``). Exit code 0:
the draw is reproduced exactly; 1: a difference (the first one is printed); 2: the file
cannot be read or this Python has no SM3.

The rules (the same ones the portal explains):
1. SM3(seed) must equal the commitment published before the draw (seed: 64 hex characters).
2. final = SM3(seed + "|" + public_entropy).
3. In each stratum, every candidate's key is SM3(final + "|" + label + "|" + credit_code); candidates
   are sorted by (key, credit_code) and the first k are selected: k = ceil(N x ratio) (exact
   decimal, at most N) or min(count, N).
4. For each selected institution in selection order, its eligible officers are ranked by
   SM3(final + "|team|" + credit_code + "|" + certificate_number). The team takes, for each required
   department in order, the best-ranked officer of that department not yet on the team, then the
   best-ranked remaining officers until team_size is reached. An officer who already has
   max_assignments_per_officer teams in this draw is skipped (null: no limit).
All texts are UTF-8; SM3 values are lowercase hex.
"""

import argparse
import hashlib
import json
import math
import sys
import urllib.request
from decimal import Decimal


def sm3(text):
    return hashlib.new("sm3", text.encode("utf-8")).hexdigest()


def sample_size(n, ratio, count):
    if ratio is not None:
        return min(n, math.ceil(Decimal(n) * Decimal(str(ratio))))
    return min(int(count), n)


def select(final, label, candidates, k):
    keyed = sorted((sm3(final + "|" + label + "|" + code), code) for code in candidates)
    return [code for _key, code in keyed[:k]]


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


def first_mismatch(expected, found):
    for i, (a, b) in enumerate(zip(expected, found)):  # noqa: B905 (strict= needs Python 3.10)
        if a != b:
            return f"第 {i + 1} 位应为 {a}，文件中为 {b}"
    return f"应有 {len(expected)} 项，文件中为 {len(found)} 项"


def verify(doc):
    """Return (True, summary) or (False, the first difference)."""
    if doc.get("algorithm") != "v1":
        return False, f"不支持的算法版本：{doc.get('algorithm')!r}"
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


def read(source):
    if source.startswith(("http://", "https://")):
        with urllib.request.urlopen(source, timeout=60) as response:  # noqa: S310 (the user's own URL)
            return response.read()
    with open(source, "rb") as f:
        return f.read()


def main(argv=None):
    parser = argparse.ArgumentParser(description="复核“双随机”抽取结果（算法 v1）")
    parser.add_argument("source", help="抽取数据 JSON 文件路径或网址")
    parser.add_argument("--sm3", help="结果页公布的数据文件 SM3 值（可选）：核对文件未被改动")
    args = parser.parse_args(argv)
    try:
        hashlib.new("sm3")
    except ValueError:
        print(
            "当前 Python 的 OpenSSL 不支持 SM3，请换用 OpenSSL 1.1.1 及以上版本的 Python 3.8+",
            file=sys.stderr,
        )
        return 2
    try:
        raw = read(args.source)
        doc = json.loads(raw.decode("utf-8"), parse_float=Decimal)
    except (OSError, ValueError) as error:
        print(f"无法读取抽取数据：{error}", file=sys.stderr)
        return 2
    digest = hashlib.new("sm3", raw).hexdigest()
    print(f"数据文件 SM3：{digest}")
    if args.sm3 and args.sm3.strip().lower() != digest:
        print(f"不一致：数据文件的 SM3 与公布值 {args.sm3.strip()} 不符，文件可能被改动")
        return 1
    try:
        ok, message = verify(doc)
    except (KeyError, TypeError, AttributeError) as error:
        print(f"不一致：数据文件缺少字段或格式不对（{error}）")
        return 1
    print(("一致：" if ok else "不一致：") + message)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
