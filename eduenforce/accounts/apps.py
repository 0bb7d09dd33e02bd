from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "eduenforce.accounts"
    label = "accounts"
    verbose_name = "账号与部门"

    def ready(self) -> None:
        from django.db.models.signals import post_migrate

        from eduenforce.accounts import signals  # noqa: F401
        from eduenforce.accounts.seeds import seed_departments

        post_migrate.connect(seed_departments, sender=self, dispatch_uid="accounts.seed_departments")
        from eduenforce.accounts.models import Department, User
        from eduenforce.core import nav

        nav.register("系统管理", "账号管理", "accounts:users", "accounts.manage", order=910)
        nav.register("系统管理", "角色分配", "accounts:roles", "accounts.assign_roles", order=911)
        nav.register("系统管理", "登录日志", "accounts:login-log", "security.view_login_log", order=912)
        nav.register("系统管理", "两步验证管理", "accounts:mfa-users", "security.reset_mfa", order=913)
        nav.register("系统管理", "锁定账号", "accounts:lockouts", "security.unlock", order=914)
        nav.register_card(
            "启用账号",
            "accounts.manage",
            lambda u: User.objects.filter(is_active=True).count(),
            "accounts:users",
            order=910,
        )
        nav.register_card("部门数", "accounts.manage", lambda u: Department.objects.count(), order=911)
        nav.register_card(
            "待分配角色账号",
            "accounts.assign_roles",
            lambda u: User.objects.filter(is_active=True, role="").count(),
            "accounts:roles",
            order=912,
        )
