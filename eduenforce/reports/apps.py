from django.apps import AppConfig


def _completed_this_year(user) -> int:
    from django.utils import timezone

    from eduenforce.reports.stats.inspections import completed_tasks
    from eduenforce.reports.stats.period import Period

    return completed_tasks(Period.year(timezone.localdate().year)).count()


def _publications_overdue(user) -> int:
    from eduenforce.portal.models import Publication

    return Publication.objects.overdue().count()


class ReportsConfig(AppConfig):
    name = "eduenforce.reports"
    label = "reports"
    verbose_name = "统计与报告"

    def ready(self) -> None:
        from eduenforce.core import nav
        from eduenforce.portal.fields import register_labels
        from eduenforce.reports.stats.labels import FIGURE_LABELS

        # The published report's figures show under their Chinese names on the portal.
        register_labels({key: label for key, (label, _rule) in FIGURE_LABELS.items()})

        nav.register("统计报告", "统计看板", "reports:dashboard", "reports.dashboard", order=800)
        nav.register("统计报告", "统计指标与统计表", "reports:statistics", "reports.view", order=801)
        nav.register("统计报告", "年度行政执法工作报告", "reports:annual-list", "reports.view", order=802)
        nav.register_card(
            "本年完成检查（件）",
            "reports.view",
            _completed_this_year,
            "reports:dashboard",
            order=800,
            hint="含专项排查与复查，详见统计看板",
        )
        nav.register_card(
            "逾期未公示（条）",
            "reports.view",
            _publications_overdue,
            "reports:statistics",
            order=801,
            hint="已过公示期限仍未公示的信息",
        )
