from django.apps import AppConfig


class OfficersConfig(AppConfig):
    name = "eduenforce.officers"
    label = "officers"
    verbose_name = "执法人员"

    def ready(self) -> None:
        from eduenforce.core import nav

        nav.register("执法人员", "执法人员名录", "officers:list", "officers.view", order=100)
        nav.register("执法人员", "培训学时", "officers:training", "officers.view", order=101)
        nav.register("执法人员", "批量导入", "officers:import", "officers.manage", order=102)
        nav.register_card(
            "持证执法人员",
            "officers.view",
            _certified_today,
            "officers:list",
            order=100,
            hint="今日持有效执法证且在岗",
        )
        nav.register_card(
            "培训学时未达标",
            "officers.view",
            _below_training,
            "officers:training",
            order=101,
            hint="本年度在岗人员",
        )


def _certified_today(user) -> int:
    from django.utils import timezone

    from eduenforce.officers.models import Officer

    return Officer.objects.certified_on(timezone.localdate()).count()


def _below_training(user) -> int:
    from django.utils import timezone

    from eduenforce.officers.models import Officer

    return Officer.objects.below_training_requirement(timezone.localdate().year).count()
