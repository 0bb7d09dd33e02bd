from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from eduenforce.records import dbroles


class Command(BaseCommand):
    help = (
        "Grant the application's database role (the user of DATABASE_URL) its rights on every table, "
        "and on the journal only SELECT and INSERT. Runs as EDUENFORCE_OWNER_DATABASE_URL; migrate does it too."
    )

    def handle(self, *args, **options):
        if not getattr(settings, "APP_DATABASE_ROLE", ""):
            raise CommandError("未配置 EDUENFORCE_OWNER_DATABASE_URL 与 DATABASE_URL 的两个角色，无需授权")
        if not dbroles.grant_app_role():
            raise CommandError("当前连接就是应用角色：请用表的所有者（EDUENFORCE_OWNER_DATABASE_URL）运行")
        self.stdout.write(f"已授权数据库角色 {settings.APP_DATABASE_ROLE}")
