from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "eduenforce.registry"
    label = "registry"
    verbose_name = "监管对象"

    def ready(self) -> None:
        from eduenforce.core import nav

        nav.register("监管对象", "监管对象名录", "registry:list", "registry.view", order=200)
        nav.register("监管对象", "许可证预警", "registry:licence-watch", "registry.view", order=201)
        nav.register("监管对象", "批量导入", "registry:import", "registry.import", order=202)
        nav.register_card(
            "许可证30日内到期",
            "registry.view",
            _expiring_count,
            "registry:licence-watch",
            order=210,
            hint="在办机构",
        )
        nav.register_card(
            "许可证过期仍在办",
            "registry.view",
            _expired_count,
            "registry:licence-watch",
            order=211,
            hint="应依法处置",
        )


def _expiring_count(user) -> int:
    from django.utils import timezone

    from eduenforce.registry.models import Institution

    return Institution.objects.licence_expiring(30, timezone.localdate()).count()


def _expired_count(user) -> int:
    from django.utils import timezone

    from eduenforce.registry.models import Institution

    return Institution.objects.operating_with_expired_licence(timezone.localdate()).count()
