"""The records behind every chart point and every finding: one list page per metric.

A metric names the capability it needs, builds its queryset from the period and the
query string (scoped to the user through ``visible_to``), and lists columns. The count
shown on a chart equals the number of rows here, because both come from the same
queryset builders in ``reports.stats``.
"""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import scoped


@dataclass(frozen=True)
class Column:
    label: str
    attr: str  # dotted path, or a callable name on the object


@dataclass(frozen=True)
class Metric:
    key: str
    title: str
    capability: str
    build: object  # (period, params, user) -> queryset
    columns: tuple


def _param(params, name, choices=None):
    value = (params.get(name) or "").strip()
    if value and choices is not None and value not in choices:
        raise DomainError(f"筛选条件“{name}”的取值无效", field=name)
    return value


def _month(params):
    raw = _param(params, "month")
    if not raw:
        return None
    try:
        year, month = (int(x) for x in raw.split("-"))
        return date(year, month, 1)
    except ValueError:
        raise DomainError("月份格式应为 YYYY-MM", field="month") from None


def _today(period):
    return min(period.end, timezone.localdate())


# ------------------------------------------------------------------ inspections


def _inspections(period, params, user):
    from eduenforce.inspections.choices import TaskSource
    from eduenforce.reports.stats.inspections import completed_tasks

    qs = completed_tasks(period)
    month = _month(params)
    if month:
        nxt = (month.replace(day=28) + timedelta(days=4)).replace(day=1)
        qs = qs.filter(completed_at__date__gte=month, completed_at__date__lt=nxt)
    street = _param(params, "street")
    if street:
        qs = qs.filter(institution__street__code=street)
    source = _param(params, "source", TaskSource.values)
    if source:
        qs = qs.filter(source=source)
    if params.get("mine"):
        qs = qs.filter(members__officer__user=user)
    if params.get("joint"):
        qs = qs.filter(is_joint=True)
    return (
        scoped(qs, user).select_related("institution", "item").order_by("-completed_at", "number").distinct()
    )


def _hazards(period, params, user):
    from eduenforce.inspections.models import Hazard
    from eduenforce.planning.choices import HazardCategory
    from eduenforce.reports.stats.inspections import completed_tasks

    tasks = scoped(completed_tasks(period), user)
    if params.get("mine"):
        tasks = tasks.filter(members__officer__user=user)
    qs = Hazard.objects.filter(task__in=tasks.values("pk"))
    category = _param(params, "category", HazardCategory.values)
    if category:
        qs = qs.filter(category=category)
    return qs.select_related("task__institution").order_by("-task__completed_at", "id")


def rectification_queryset(period, state, user=None, mine=False):
    from eduenforce.inspections.choices import OrderStatus
    from eduenforce.inspections.models import RectificationOrder
    from eduenforce.reports.stats.inspections import late_or_overdue_orders

    today = _today(period)
    base = RectificationOrder.objects.all()
    if state == "overdue":
        qs = base.filter(status=OrderStatus.ISSUED, due_on__lt=today)
    elif state == "due_soon":
        qs = base.filter(status=OrderStatus.ISSUED, due_on__gte=today, due_on__lte=today + timedelta(days=7))
    elif state == "late":
        qs = late_or_overdue_orders(period)
    elif state == "escalated":
        qs = base.filter(status=OrderStatus.ESCALATED, **period.date_lookup("issued_on"))
    else:
        qs = base.filter(status=OrderStatus.ISSUED)
    if mine and user is not None:
        qs = qs.filter(task__members__officer__user=user)
    return qs


def _rectification(period, params, user):
    state = _param(params, "state", {"overdue", "due_soon", "late", "escalated", "open"}) or "open"
    qs = rectification_queryset(period, state, user, mine=bool(params.get("mine")))
    if user is not None and getattr(user, "role", None) == "liaison":
        from eduenforce.inspections.models import InspectionTask

        qs = qs.filter(task__in=scoped(InspectionTask.objects.all(), user).values("pk"))
    return qs.select_related("institution").order_by("due_on", "id").distinct()


# ------------------------------------------------------------------ cases


def case_deadline_queryset(period, state):
    from eduenforce.cases.models import Case

    today = _today(period)
    qs = Case.objects.open()
    if state == "overdue":
        return qs.filter(next_deadline_on__lt=today)
    if state == "due_soon":
        return qs.filter(next_deadline_on__gte=today, next_deadline_on__lte=today + timedelta(days=7))
    return qs


def _cases(period, params, user):
    from eduenforce.cases.choices import CaseStatus

    state = _param(params, "state", {"overdue", "due_soon", "open"}) or "open"
    qs = case_deadline_queryset(period, state)
    stage = _param(params, "stage", CaseStatus.values)
    if stage:
        qs = qs.filter(status=stage)
    return scoped(qs, user).order_by("next_deadline_on", "id")


def _deviating(period, params, user):
    from eduenforce.reports.stats.cases import deviating_decisions

    return scoped(deviating_decisions(period), user).order_by("-decided_on", "id")


# ------------------------------------------------------------------ publications, complaints, coordination


def publication_queryset(period, state):
    from eduenforce.portal.models import Publication
    from eduenforce.reports.stats.publications import late_publications, overdue_publications

    if state == "overdue":
        return overdue_publications(period)
    if state == "late":
        return late_publications(period)
    if state == "late_or_overdue":
        return (late_publications(period) | overdue_publications(period)).distinct()
    return Publication.objects.due()


def _publications(period, params, user):
    from eduenforce.portal.choices import PublicationKind

    state = _param(params, "state", {"due", "overdue", "late", "late_or_overdue"}) or "due"
    qs = publication_queryset(period, state)
    kind = _param(params, "kind", PublicationKind.values)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("due_on", "id")


def _complaints(period, params, user):
    from eduenforce.complaints.choices import Source, Timeliness
    from eduenforce.reports.stats.complaints import received

    state = _param(params, "state", {"open", "overdue", "late", "late_or_overdue", "all"}) or "all"
    qs = received(period).with_timeliness(today=_today(period))
    wanted = {
        "open": [Timeliness.OPEN, Timeliness.OVERDUE],
        "overdue": [Timeliness.OVERDUE],
        "late": [Timeliness.LATE],
        "late_or_overdue": [Timeliness.LATE, Timeliness.OVERDUE],
    }.get(state)
    if wanted:
        qs = qs.filter(timeliness__in=wanted)
    source = _param(params, "source", Source.values)
    if source:
        qs = qs.filter(source=source)
    if params.get("mine"):
        qs = qs.filter(handler=user)
    return scoped(qs, user).order_by("-received_at", "id")


def _action_items(period, params, user):
    from eduenforce.coordination.choices import ActionStatus
    from eduenforce.coordination.models import ActionItem

    state = _param(params, "state", {"open", "overdue"}) or "open"
    qs = ActionItem.objects.filter(status__in=[ActionStatus.OPEN, ActionStatus.IN_PROGRESS])
    if state == "overdue":
        qs = qs.filter(due_on__lt=_today(period), **period.date_lookup("due_on"))
    return scoped(qs, user).select_related("owning_department").order_by("due_on", "id")


def _training_below(period, params, user):
    from eduenforce.reports.stats.officers import officers_below_training

    return officers_below_training(period).select_related("department")


def _plan_not_done(period, params, user):
    from eduenforce.reports.stats.planning import plan_progress

    return [line for line in plan_progress(period) if line.done < (line.planned_count or 0)]


METRICS = {
    m.key: m
    for m in [
        Metric(
            "inspections",
            "完成的检查",
            "inspections.view",
            _inspections,
            (
                Column("任务编号", "number"),
                Column("检查对象", "institution.name"),
                Column("事项", "item.name"),
                Column("来源", "get_source_display"),
                Column("完成时间", "completed_at"),
            ),
        ),
        Metric(
            "hazards",
            "发现的隐患",
            "inspections.view",
            _hazards,
            (
                Column("检查对象", "task.institution.name"),
                Column("类别", "get_category_display"),
                Column("隐患描述", "description"),
                Column("状态", "get_status_display"),
            ),
        ),
        Metric(
            "rectification",
            "责令限期整改",
            "inspections.view",
            _rectification,
            (
                Column("文书编号", "number"),
                Column("整改对象", "institution.name"),
                Column("整改期限", "due_on"),
                Column("状态", "get_status_display"),
            ),
        ),
        Metric(
            "rectification-overdue",
            "整改逾期",
            "inspections.view",
            lambda p, q, u: _rectification(p, {"state": "late"}, u),
            (
                Column("文书编号", "number"),
                Column("整改对象", "institution.name"),
                Column("整改期限", "due_on"),
                Column("状态", "get_status_display"),
            ),
        ),
        Metric(
            "cases",
            "在办案件期限",
            "cases.view",
            _cases,
            (
                Column("案件编号", "display_number"),
                Column("当事人", "party_name"),
                Column("阶段", "get_status_display"),
                Column("下一期限", "next_deadline_on"),
                Column("期限事项", "next_deadline_label"),
            ),
        ),
        Metric(
            "decisions-deviating",
            "偏离裁量基准的处罚决定",
            "cases.view",
            _deviating,
            (
                Column("决定书编号", "decision_number"),
                Column("当事人", "party_name"),
                Column("决定日期", "decided_on"),
                Column("适用阶次", "get_applied_tier_display"),
            ),
        ),
        Metric(
            "publications",
            "公示事项",
            "reports.view",
            _publications,
            (
                Column("标题", "title"),
                Column("类别", "get_kind_display"),
                Column("公示期限", "due_on"),
                Column("状态", "get_state_display"),
                Column("公示时间", "published_at"),
            ),
        ),
        Metric(
            "publications-late",
            "公示不及时",
            "reports.view",
            lambda p, q, u: _publications(p, {"state": "late_or_overdue"}, u),
            (
                Column("标题", "title"),
                Column("类别", "get_kind_display"),
                Column("公示期限", "due_on"),
                Column("状态", "get_state_display"),
                Column("公示时间", "published_at"),
            ),
        ),
        Metric(
            "complaints",
            "投诉举报",
            "complaints.view",
            _complaints,
            (
                Column("受理编号", "tracking_number"),
                Column("被投诉机构", "institution_name"),
                Column("来源", "get_source_display"),
                Column("状态", "get_status_display"),
                Column("答复期限", "reply_due"),
            ),
        ),
        Metric(
            "complaints-late",
            "投诉办理超期",
            "complaints.view",
            lambda p, q, u: _complaints(p, {"state": "late_or_overdue"}, u),
            (
                Column("受理编号", "tracking_number"),
                Column("被投诉机构", "institution_name"),
                Column("状态", "get_status_display"),
                Column("答复期限", "reply_due"),
            ),
        ),
        Metric(
            "action-items",
            "联席会议督办事项",
            "coordination.view",
            _action_items,
            (
                Column("督办事项", "title"),
                Column("责任单位", "owning_department.name"),
                Column("完成时限", "due_on"),
                Column("状态", "get_status_display"),
            ),
        ),
        Metric(
            "action-items-overdue",
            "逾期未完成的督办事项",
            "coordination.view",
            lambda p, q, u: _action_items(p, {"state": "overdue"}, u),
            (
                Column("督办事项", "title"),
                Column("责任单位", "owning_department.name"),
                Column("完成时限", "due_on"),
                Column("状态", "get_status_display"),
            ),
        ),
        Metric(
            "training-below",
            "培训学时不足的执法人员",
            "officers.view",
            _training_below,
            (Column("姓名", "name"), Column("部门", "department.name"), Column("期内学时", "hours")),
        ),
        Metric(
            "plan-not-done",
            "未完成的计划检查",
            "planning.view",
            _plan_not_done,
            (
                Column("事项", "item.name"),
                Column("对象类型", "get_object_kind_display"),
                Column("季度", "quarter_label"),
                Column("计划", "planned_count"),
                Column("已完成", "done"),
            ),
        ),
    ]
}


def value(obj, attr: str):
    """Follow a dotted path; call it when it is a method (``get_status_display``)."""
    for part in attr.split("."):
        obj = getattr(obj, part, None)
        if obj is None:
            return ""
    return obj() if callable(obj) else obj


def get(key: str) -> Metric:
    try:
        return METRICS[key]
    except KeyError:
        raise DomainError("未知的统计明细") from None
