"""Re-checking a draw: from its public JSON alone (``first_difference``), and a stored draw
against everything the database holds about it (``verify_draw``, the ``verify-draw`` command).

Each check names the first thing that differs, in Chinese, or passes.
"""

import json
from dataclasses import dataclass, field
from decimal import Decimal

from eduenforce.sampling import algorithm, v2
from eduenforce.sampling.algorithm import TeamPicker, TeamRule, TeamShortfall


def parse(content: str | bytes) -> dict:
    """Ratios as exact decimals, as the algorithm computes ``ceil(N × ratio)``."""
    return json.loads(content, parse_float=Decimal)


def _first_mismatch(expected: list, found: list) -> str:
    for i, (a, b) in enumerate(zip(expected, found, strict=False)):
        if a != b:
            return f"第 {i + 1} 位应为 {a}，记录为 {b}"
    return f"应有 {len(expected)} 项，记录为 {len(found)} 项"


def first_difference(doc: dict) -> str | None:
    """Recompute a draw from its public JSON; ``None`` when everything matches."""
    if doc.get("algorithm") == v2.ALGORITHM:
        return v2.first_difference(doc)
    if doc.get("algorithm") != algorithm.ALGORITHM:
        return f"不支持的算法版本：{doc.get('algorithm')!r}"
    seed, entropy = doc["seed"], doc["public_entropy"]
    if algorithm.commitment_of(seed) != doc["commitment"]:
        return "种子与事先公布的承诺值不符：SM3(seed) ≠ commitment"
    final = algorithm.final_of(seed, entropy)
    if final != doc["final"]:
        return "最终随机值不符：SM3(seed|public_entropy) ≠ final"
    order = []
    for stratum in doc["strata"]:
        candidates = stratum["candidates"]
        k = algorithm.sample_size(len(candidates), stratum["ratio"], stratum["count"])
        expected = algorithm.select(final, stratum["label"], candidates, k)
        if expected != stratum["selected"]:
            return f"分层“{stratum['label']}”的抽中结果不符：{_first_mismatch(expected, stratum['selected'])}"
        order += expected
    teams = doc["teams"]
    found_order = [t["credit_code"] for t in teams]
    if found_order != order:
        return f"检查组的对象顺序与抽中顺序不符：{_first_mismatch(order, found_order)}"
    rule = TeamRule(doc["team_size"], list(doc["required_departments"]), doc["max_assignments_per_officer"])
    picker = TeamPicker(final, rule)
    for entry in teams:
        eligible = [algorithm.eligible(e["certificate_number"], e["department"]) for e in entry["eligible"]]
        try:
            team = picker.pick(entry["credit_code"], eligible)
        except TeamShortfall as shortfall:
            return f"对象 {entry['credit_code']} 按规则无法组成检查组（{shortfall.describe()}），但记录中有检查组"
        if team != entry["team"]:
            return f"对象 {entry['credit_code']} 的检查组不符：{_first_mismatch(team, entry['team'])}"
    return None


@dataclass
class Report:
    draw: str
    checks: list[str] = field(default_factory=list)
    problem: str = ""

    @property
    def ok(self) -> bool:
        return not self.problem

    def __str__(self) -> str:
        if self.ok:
            return f"抽取 {self.draw}：一致（{len(self.checks)} 项检查全部通过：{'；'.join(self.checks)}）"
        return f"抽取 {self.draw}：不一致——{self.problem}"


def verify_draw(draw) -> Report:
    """Recompute a stored draw and compare it with its record, journal entry and tasks."""
    report = Report(draw.public_id)
    if not draw.is_drawn:
        report.problem = f"该抽取尚未完成（{draw.get_status_display()}）"
        return report
    for label, check in (
        ("公开数据完整", _check_document),
        ("与数据库记录一致", _check_fields),
        ("计划参数一致", _check_parameters),
        (f"按算法 {draw.algorithm} 重新计算结果一致", _check_recompute),
        ("检查任务与检查组一致", _check_tasks),
    ):
        problem = check(draw)
        if problem:
            report.problem = problem
            return report
        report.checks.append(label)
    return report


def _document(draw) -> dict:
    return parse(draw.document.data)


def _check_document(draw) -> str | None:
    from eduenforce.records.models import JournalEntry
    from eduenforce.sampling.models import DrawDocument

    stored = draw.document
    actual = DrawDocument.digest(stored.data)
    if actual != stored.sm3:
        return f"公开数据已被改动：SM3 为 {actual}，保存时为 {stored.sm3}"
    entry = JournalEntry.objects.filter(
        action="sampling.drawn", object_type="sampling.draw", object_id=str(draw.pk)
    ).first()
    if entry is None:
        return "找不到抽取时写入的日志记录"
    if entry.changes.get("document_sm3") != actual:
        return (
            f"公开数据与抽取时日志记录的 SM3 不符（日志 {entry.changes.get('document_sm3')}，现为 {actual}）"
        )
    return None


def _check_fields(draw) -> str | None:
    doc = _document(draw)
    if draw.is_v2:
        return _check_v2_fields(draw, doc)
    for name, value in (
        ("seed", draw.seed),
        ("commitment", draw.commitment),
        ("final", draw.final),
        ("public_entropy", draw.public_entropy),
    ):
        if doc.get(name) != value:
            return f"公开数据的 {name} 与数据库记录不符"
    return None


def _check_v2_fields(draw, doc: dict) -> str | None:
    parties = doc.get("parties") or [{}]
    for name, found, value in (
        ("seed", parties[0].get("share"), draw.seed),
        ("commitment", parties[0].get("commitment"), draw.commitment),
        (
            "parties",
            [(p["party"], p["commitment"], p["share"]) for p in parties],
            [(p["party"], p["commitment"], p["share"]) for p in draw.parties],
        ),
        ("final", doc.get("final"), draw.final),
        ("public_entropy", doc.get("public_entropy"), draw.public_entropy),
        ("entropy_source", doc.get("entropy_source"), draw.entropy_source),
        ("pool_sm3", doc.get("pool_sm3"), draw.pool_sm3),
    ):
        if found != value:
            return f"公开数据的 {name} 与数据库记录不符"
    stored = draw.pool
    if v2.pool_sm3(stored.data) != stored.sm3 or stored.sm3 != draw.pool_sm3:
        return "冻结名单已被改动：SM3 与承诺时公布的不符"
    if v2.canonical(doc["pool"]) != stored.data:
        return "公开数据中的名单与承诺时冻结的名单不符"
    return None


def _check_v2_parameters(draw, doc: dict) -> str | None:
    pool, params = doc["pool"], draw.parameters
    if (
        pool["team_size"] != params["team_size"]
        or pool["required_departments"] != params["required_departments"]
    ):
        return "冻结名单的检查组规则与公布的计划不符"
    if any(o["cap"] != params["max_assignments"] for o in pool["officers"]):
        return "冻结名单的任务上限与公布的计划不符"
    published = [(s["label"], s["ratio"], s["count"]) for s in params["strata"]]
    found = [(s["label"], s["ratio"], s["count"]) for s in pool["strata"]]
    if found != published:
        return "冻结名单的分层（名称、比例或数量）与公布的计划不符"
    return None


def _check_parameters(draw) -> str | None:
    doc, params = _document(draw), draw.parameters
    if draw.is_v2:
        return _check_v2_parameters(draw, doc)
    if (
        doc["team_size"] != params["team_size"]
        or doc["required_departments"] != params["required_departments"]
    ):
        return "公开数据的检查组规则与公布的计划不符"
    if doc["max_assignments_per_officer"] != params["max_assignments"]:
        return "公开数据的任务上限与公布的计划不符"
    published = [(s["label"], s["ratio"], s["count"]) for s in params["strata"]]
    found = [
        (s["label"], None if s["ratio"] is None else str(Decimal(s["ratio"]).normalize()), s["count"])
        for s in doc["strata"]
    ]
    expected = [(label, None if r is None else str(Decimal(r).normalize()), c) for label, r, c in published]
    if found != expected:
        return "公开数据的分层（名称、比例或数量）与公布的计划不符"
    return None


def _check_recompute(draw) -> str | None:
    return first_difference(_document(draw))


def _check_tasks(draw) -> str | None:
    from eduenforce.inspections.models import TaskMember
    from eduenforce.officers.models import Certificate

    teams = _document(draw)["teams"]
    assignments = list(draw.assignments.select_related("institution").order_by("position"))
    if len(assignments) != len(teams):
        return f"检查任务数（{len(assignments)}）与抽中对象数（{len(teams)}）不符"
    numbers = {c for t in teams for c in t["team"]}
    officer_of = dict(Certificate.objects.filter(number__in=numbers).values_list("number", "officer_id"))
    members: dict[int, set[int]] = {}
    for task_id, officer_id in TaskMember.objects.filter(task__draw_assignment__draw=draw).values_list(
        "task_id", "officer_id"
    ):
        members.setdefault(task_id, set()).add(officer_id)
    for assignment, team in zip(assignments, teams, strict=True):
        if (
            assignment.institution.credit_code != team["credit_code"]
            or assignment.certificates != team["team"]
        ):
            return f"第 {assignment.position} 项检查任务与抽取结果不符"
        if members.get(assignment.task_id, set()) != {officer_of.get(c) for c in team["team"]}:
            return f"检查任务 {assignment.task.number} 的检查组成员与抽取结果不符"
    return None
