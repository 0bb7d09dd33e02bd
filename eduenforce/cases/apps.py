from django.apps import AppConfig


class CasesConfig(AppConfig):
    name = "eduenforce.cases"
    label = "cases"
    verbose_name = "行政处罚案件"

    def ready(self) -> None:
        from eduenforce.cases.stored_deadlines import register_all

        register_all()  # working-day deadlines recomputed when the calendar changes
        from django.db.models.signals import post_migrate

        from eduenforce.cases.seeds import seed_catalogue
        from eduenforce.cases.services import register_lead
        from eduenforce.core import nav
        from eduenforce.inspections.hooks import register_case_lead

        register_case_lead.provide(register_lead)
        from eduenforce.cases.effects import closures_from_inspections, served_effects
        from eduenforce.inspections.hooks import institutions_closed_by_decision
        from eduenforce.registry.hooks import served_decision_effects

        served_decision_effects.provide(served_effects)
        institutions_closed_by_decision.provide(closures_from_inspections)

        post_migrate.connect(seed_catalogue, sender=self, dispatch_uid="cases.seed_catalogue")
        for order, (label, url_name, capability) in enumerate(
            [
                ("案件列表", "cases:list", "cases.view"),
                ("案件线索", "cases:leads", "cases.view"),
                ("当场处罚（简易程序）", "cases:spot", "cases.investigate"),
                ("待法制审核", "cases:review-queue", "cases.review"),
                ("逾期案件", "cases:overdue", "cases.view"),
                ("期限提醒", "cases:reminders", "cases.view"),
                ("裁量基准", "cases:catalogue", "cases.view"),
                ("类案不同罚检查", "cases:consistency", "cases.view"),
            ]
        ):
            nav.register("行政处罚", label, url_name, capability, order=300 + order)
        nav.register_card(
            "待法制审核", "cases.review", _count("awaiting_review"), "cases:review-queue", order=300
        )
        nav.register_card(
            "逾期案件",
            "cases.view",
            _count("overdue"),
            "cases:overdue",
            order=301,
            hint="法定期限已过仍未办结的事项",
        )
        nav.register_card("办理中案件", "cases.view", _count("open"), "cases:list", order=302)
        nav.register_card(
            "待立案审批", "cases.approve", _status_count("filing_review"), "cases:list", order=303
        )
        nav.register_card(
            "待作出处罚决定", "cases.decide", _status_count("reviewed"), "cases:list", order=304
        )
        nav.register_card("我的期限提醒", "cases.view", _unread_reminders, "cases:reminders", order=305)


def _count(queryset_method: str):
    def value(user) -> int:
        from eduenforce.cases.models import Case
        from eduenforce.core.permissions import scoped

        return scoped(getattr(Case.objects, queryset_method)(), user).count()

    return value


def _status_count(status: str):
    def value(user) -> int:
        from eduenforce.cases.models import Case
        from eduenforce.core.permissions import scoped

        return scoped(Case.objects.filter(status=status), user).count()

    return value


def _unread_reminders(user) -> int:
    from eduenforce.cases.models import CaseReminder

    return CaseReminder.objects.filter(recipient=user, read_at__isnull=True).count()
