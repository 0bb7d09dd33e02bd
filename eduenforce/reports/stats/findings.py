"""存在的问题: data-driven findings offered to the report's author to accept or discard.

A finding is a pure function of the period's figures, so a finalised report (whose
figures are frozen) states exactly the findings it stated when it was finalised.
"""

from dataclasses import dataclass


@dataclass(frozen=True)
class Finding:
    code: str
    title: str
    text: str
    count: int
    metric: str  # the drill-down that lists the records behind it


def _fmt(n) -> str:
    return f"{n:g}" if isinstance(n, float) else str(n)


# code, title, count(figures), text(figures), drill-down metric
_RULES = [
    (
        "rectification_overdue",
        "整改逾期",
        lambda f: f.get("rectification_orders_overdue", 0) + f.get("rectification_orders_escalated", 0),
        lambda f, n: (
            f"隐患整改督办仍有短板：{n}份责令整改通知到期未整改到位或逾期未作复查结论，整改复查闭环需进一步压实。"
        ),
        "rectification-overdue",
    ),
    (
        "training_below",
        "培训学时不足",
        lambda f: f.get("officers_below_training", 0),
        lambda f, n: (
            f"执法队伍培训不够均衡：{n}名在岗执法人员年度培训学时未达到"
            f"{_fmt(f.get('training_required_hours', 60))}学时的要求。"
        ),
        "training-below",
    ),
    (
        "discretion_deviation",
        "偏离裁量基准",
        lambda f: f.get("decisions_deviating_from_catalogue", 0),
        lambda f, n: (
            f"裁量基准适用还不够规范：{n}件处罚决定偏离裁量基准，说明理由和集体讨论等程序需进一步严格。"
        ),
        "decisions-deviating",
    ),
    (
        "publication_late",
        "公示不及时",
        lambda f: f.get("publications_late", 0) + f.get("publications_overdue", 0),
        lambda f, n: f"执法信息公示不够及时：{n}条应公示信息超过公示期限才公示或尚未公示。",
        "publications-late",
    ),
    (
        "complaints_late",
        "投诉办理超期",
        lambda f: f.get("complaints_late", 0) + f.get("complaints_overdue", 0),
        lambda f, n: f"投诉举报办理时效有待提高：{n}件投诉举报超过期限办结或至今超期未办结。",
        "complaints-late",
    ),
    (
        "action_items_overdue",
        "联席会议事项逾期",
        lambda f: f.get("action_items_overdue", 0),
        lambda f, n: f"部门协同落实不够到位：联席会议确定的{n}项工作事项逾期未完成。",
        "action-items-overdue",
    ),
    (
        "plan_items_not_done",
        "计划未完成",
        lambda f: max(0, f.get("plan_tasks_planned", 0) - f.get("plan_tasks_done", 0)),
        lambda f, n: f"年度执法检查计划执行不够均衡：计划内仍有{n}项检查未完成。",
        "plan-not-done",
    ),
]

CODES = [code for code, *_ in _RULES]


def findings(figures: dict) -> list[Finding]:
    """The findings that apply (count > 0), in a fixed order."""
    out = []
    for code, title, count, text, metric in _RULES:
        n = count(figures)
        if n:
            out.append(Finding(code, title, text(figures, n), n, metric))
    return out
