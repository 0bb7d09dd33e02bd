from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "eduenforce.core"
    label = "core"
    verbose_name = "基础设施"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from eduenforce.core import checks, nav  # noqa: F401  (registers system checks)
        from eduenforce.core.seeds import seed_deadline_rules

        post_migrate.connect(seed_deadline_rules, sender=self, dispatch_uid="core.seed_deadline_rules")

        nav.register("系统配置", "工作日历", "core:calendar", "config.manage", order=900)
        nav.register("系统配置", "法定期限规则", "core:deadline-rules", "config.manage", order=901)
        nav.register("系统配置", "参数设置", "core:settings", "config.settings", order=902)
