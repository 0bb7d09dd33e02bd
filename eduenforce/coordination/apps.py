from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "eduenforce.coordination"
    label = "coordination"
    verbose_name = "部门协同"

    def ready(self) -> None:
        from eduenforce.coordination.stored_deadlines import register_all

        register_all()  # working-day deadlines recomputed when the calendar changes
        from eduenforce.core import nav

        nav.register("部门协同", "联席会议", "coordination:meetings", "coordination.view_meetings", order=700)
        nav.register("部门协同", "督办事项", "coordination:actions", "coordination.view", order=701)
        nav.register("部门协同", "联合执法行动", "coordination:operations", "coordination.view", order=702)
        nav.register("部门协同", "部门移送", "coordination:referrals", "coordination.view", order=703)
        nav.register("部门协同", "联络员", "coordination:liaisons", "coordination.view", order=704)
        nav.register_card(
            "逾期督办事项",
            "coordination.view",
            _overdue_items,
            "coordination:actions",
            order=700,
            hint="联席会议议定、超过完成时限仍未办结",
        )
        nav.register_card(
            "待签收移送", "coordination.respond", _awaiting_receipt, "coordination:referrals", order=701
        )


def _overdue_items(user) -> int:
    from eduenforce.coordination.models import ActionItem
    from eduenforce.core.permissions import scoped

    return scoped(ActionItem.objects.all(), user).overdue().count()


def _awaiting_receipt(user) -> int:
    from eduenforce.coordination.models import Referral
    from eduenforce.core.permissions import scoped

    referrals = scoped(Referral.objects.all(), user).awaiting_receipt()
    if user.role == "liaison":
        referrals = referrals.filter(to_department_id=user.department_id)
    return referrals.count()
