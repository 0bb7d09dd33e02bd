"""The dashboard: which charts each role sees, and their data (ECharts renders them).

Every chart point carries the link to the records behind it (``reports:records``). The
data go to the page as a JSON data island; ``static/reports/dashboard.js`` draws them.
"""

from urllib.parse import urlencode

from django.db.models import Count
from django.urls import reverse

from eduenforce.core.permissions import has_capability, scoped
from eduenforce.reports.stats.period import Period

ALL = ["by_month", "by_street", "hazards", "rectification", "cases", "plan", "publications", "complaints"]
CHARTS_BY_ROLE = {
    "leader": ALL,
    "section_head": ALL,
    "officer": ["by_month", "by_street", "hazards", "rectification", "complaints"],
    "legal_reviewer": ["cases", "publications", "complaints"],
    "liaison": ["by_month", "rectification", "action_items"],
}
# Officers and liaison officers see their own work: tasks they were on / their department.
MINE_ROLES = {"officer"}


def records_url(metric: str, period: Period, **params) -> str:
    query = {**period.as_query(), **{k: v for k, v in params.items() if v not in (None, "")}}
    return f"{reverse('reports:records', args=[metric])}?{urlencode(query)}"


def _chart(key, title, kind, labels, series, link):
    """One chart: labels, series of values each with its per-point links, and a table form of
    the same data (shown without JavaScript and read by screen readers)."""
    rows = [
        {"label": label, "values": [s["values"][i] for s in series], "link": series[0]["links"][i]}
        for i, label in enumerate(labels)
    ]
    return {
        "key": key,
        "title": title,
        "type": kind,
        "labels": labels,
        "series": series,
        "link": link,
        "rows": rows,
    }


def _tasks(period, user):
    from eduenforce.reports.stats.inspections import completed_tasks

    qs = scoped(completed_tasks(period), user)
    if user.role in MINE_ROLES:
        qs = qs.filter(members__officer__user=user)
    return qs


def _mine(user):
    return "1" if user.role in MINE_ROLES else ""


def by_month(period, user):
    from django.db.models.functions import TruncMonth

    rows = (
        _tasks(period, user)
        .annotate(m=TruncMonth("completed_at"))
        .values("m")
        .annotate(n=Count("id", distinct=True))
        .order_by("m")
    )
    counts = {(r["m"].year, r["m"].month): r["n"] for r in rows}
    months = period.months()
    values = [counts.get((d.year, d.month), 0) for d in months]
    links = [records_url("inspections", period, month=f"{d:%Y-%m}", mine=_mine(user)) for d in months]
    title = "我参加的检查（按月）" if user.role in MINE_ROLES else "完成检查（按月）"
    return _chart(
        "by_month",
        title,
        "bar",
        [f"{d.month}月" for d in months],
        [{"name": "完成检查", "values": values, "links": links}],
        records_url("inspections", period, mine=_mine(user)),
    )


def by_street(period, user):
    rows = (
        _tasks(period, user)
        .values("institution__street__code", "institution__street__name")
        .annotate(n=Count("id", distinct=True))
        .order_by("-n", "institution__street__name")
    )
    return _chart(
        "by_street",
        "完成检查（按街道）",
        "bar",
        [r["institution__street__name"] for r in rows],
        [
            {
                "name": "完成检查",
                "values": [r["n"] for r in rows],
                "links": [
                    records_url(
                        "inspections", period, street=r["institution__street__code"], mine=_mine(user)
                    )
                    for r in rows
                ],
            }
        ],
        records_url("inspections", period, mine=_mine(user)),
    )


def hazards(period, user):
    from eduenforce.inspections.models import Hazard
    from eduenforce.planning.choices import HazardCategory

    rows = (
        Hazard.objects.filter(task__in=_tasks(period, user).values("pk"))
        .values("category")
        .annotate(n=Count("id"))
        .order_by("-n", "category")
    )
    labels = dict(HazardCategory.choices)
    return _chart(
        "hazards",
        "发现隐患（按类别）",
        "pie",
        [str(labels.get(r["category"], r["category"])) for r in rows],
        [
            {
                "name": "隐患",
                "values": [r["n"] for r in rows],
                "links": [
                    records_url("hazards", period, category=r["category"], mine=_mine(user)) for r in rows
                ],
            }
        ],
        records_url("hazards", period, mine=_mine(user)),
    )


def rectification(period, user):
    from eduenforce.reports.drilldown import _rectification

    states = [("due_soon", "7日内到期"), ("overdue", "已逾期"), ("open", "整改中（全部）")]
    mine = _mine(user)
    values = [_rectification(period, {"state": s, "mine": mine}, user).count() for s, _ in states]
    return _chart(
        "rectification",
        "整改期限",
        "bar",
        [label for _, label in states],
        [
            {
                "name": "整改通知",
                "values": values,
                "links": [records_url("rectification", period, state=s, mine=mine) for s, _ in states],
            }
        ],
        records_url("rectification", period, state="open", mine=mine),
    )


def cases(period, user):
    from eduenforce.reports.drilldown import case_deadline_queryset

    states = [("due_soon", "7日内到期"), ("overdue", "期限已过"), ("open", "在办（全部）")]
    values = [scoped(case_deadline_queryset(period, s), user).count() for s, _ in states]
    return _chart(
        "cases",
        "案件期限",
        "bar",
        [label for _, label in states],
        [
            {
                "name": "案件",
                "values": values,
                "links": [records_url("cases", period, state=s) for s, _ in states],
            }
        ],
        records_url("cases", period, state="open"),
    )


def plan(period, user):
    from eduenforce.reports.stats.planning import plan_progress

    lines = plan_progress(period)
    labels = [
        f"{line.item.name[:8]}·{line.get_object_kind_display()[:4]}·{line.quarter_label}" for line in lines
    ]
    link = records_url("plan-not-done", period)
    return _chart(
        "plan",
        "年度计划完成进度",
        "bar",
        labels,
        [
            {
                "name": "计划",
                "values": [line.planned_count or 0 for line in lines],
                "links": [link] * len(lines),
            },
            {"name": "已完成", "values": [line.done for line in lines], "links": [link] * len(lines)},
        ],
        link,
    )


def publications(period, user):
    from eduenforce.reports.drilldown import publication_queryset

    states = [("due", "待公示"), ("overdue", "逾期未公示"), ("late", "超期公示")]
    values = [publication_queryset(period, s).count() for s, _ in states]
    return _chart(
        "publications",
        "公示期限",
        "bar",
        [label for _, label in states],
        [
            {
                "name": "公示事项",
                "values": values,
                "links": [records_url("publications", period, state=s) for s, _ in states],
            }
        ],
        records_url("publications", period, state="due"),
    )


def complaints(period, user):
    from eduenforce.reports.drilldown import _complaints

    mine = "1" if user.role in MINE_ROLES else ""
    states = [("open", "在办"), ("overdue", "超期未办结"), ("late", "超期办结")]
    values = [_complaints(period, {"state": s, "mine": mine}, user).count() for s, _ in states]
    return _chart(
        "complaints",
        "投诉举报办理",
        "bar",
        [label for _, label in states],
        [
            {
                "name": "投诉举报",
                "values": values,
                "links": [records_url("complaints", period, state=s, mine=mine) for s, _ in states],
            }
        ],
        records_url("complaints", period, mine=mine),
    )


def action_items(period, user):
    from eduenforce.reports.drilldown import _action_items

    states = [("open", "未完成"), ("overdue", "逾期未完成")]
    values = [_action_items(period, {"state": s}, user).count() for s, _ in states]
    return _chart(
        "action_items",
        "联席会议督办事项",
        "bar",
        [label for _, label in states],
        [
            {
                "name": "督办事项",
                "values": values,
                "links": [records_url("action-items", period, state=s) for s, _ in states],
            }
        ],
        records_url("action-items", period),
    )


BUILDERS = {
    "by_month": (by_month, "inspections.view"),
    "by_street": (by_street, "inspections.view"),
    "hazards": (hazards, "inspections.view"),
    "rectification": (rectification, "inspections.view"),
    "cases": (cases, "cases.view"),
    "plan": (plan, "planning.view"),
    "publications": (publications, "reports.view"),
    "complaints": (complaints, "complaints.view"),
    "action_items": (action_items, "coordination.view"),
}


def charts_for(user, period: Period) -> list[dict]:
    """The charts of the user's role, each only if the role may open the records behind it."""
    out = []
    for key in CHARTS_BY_ROLE.get(user.role, []):
        build, capability = BUILDERS[key]
        if has_capability(user, capability):
            out.append(build(period, user))
    return out
