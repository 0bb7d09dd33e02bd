from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "eduenforce.inspections"
    label = "inspections"
    verbose_name = "行政检查"

    def ready(self) -> None:
        from eduenforce.core import nav
        from eduenforce.inspections import stats
        from eduenforce.planning import hooks as planning_hooks

        planning_hooks.completed_per_quarter.provide(stats.completed_per_quarter)

        nav.register("行政检查", "检查任务", "inspections:task-list", "inspections.view", order=300)
        nav.register("行政检查", "新建检查任务", "inspections:task-create", "inspections.work", order=301)
        nav.register("行政检查", "待审批任务", "inspections:approvals", "inspections.approve", order=302)
        nav.register("行政检查", "责令限期整改", "inspections:order-list", "inspections.view", order=303)
        nav.register("行政检查", "逾期整改", "inspections:overdue", "inspections.view", order=304)
        nav.register("行政检查", "专项检查统计", "inspections:campaigns", "inspections.view", order=305)
        nav.register("行政检查", "证据文件", "records:evidence-list", "evidence.view", order=399)

        nav.register_card(
            "待审批任务",
            "inspections.approve",
            _awaiting_approval,
            "inspections:approvals",
            order=300,
            hint="含紧急检查待补批",
        )
        nav.register_card(
            "我的检查任务", "inspections.work", _my_open_tasks, "inspections:task-list", order=301
        )
        nav.register_card(
            "逾期整改",
            "inspections.view",
            _overdue_orders,
            "inspections:overdue",
            order=302,
            hint="整改期限已过、待复查结论",
        )
        nav.register_card(
            "超频次检查（本年）",
            "inspections.approve",
            _over_cap_this_year,
            "inspections:approvals",
            order=303,
            hint="超出涉企事项年度频次上限",
        )


def _awaiting_approval(user) -> int:
    from eduenforce.inspections.models import InspectionTask

    return InspectionTask.objects.awaiting_approval().count()


def _my_open_tasks(user) -> int:
    from eduenforce.inspections.models import InspectionTask

    return InspectionTask.objects.of_user(user).open().count()


def _overdue_orders(user) -> int:
    from eduenforce.inspections.views.orders import overdue_orders

    return overdue_orders(user).count()


def _over_cap_this_year(user) -> int:
    from django.utils import timezone

    from eduenforce.inspections.models import InspectionTask

    return InspectionTask.objects.filter(
        exceeds_cap=True, planned_date__year=timezone.localdate().year
    ).count()
