from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp

from eduenforce.accounts.demo import DEMO_USERS, demo_totp_key


class Command(BaseCommand):
    help = (
        "Print the current two-factor code of a demo account (demo mode only; the demo secrets are public)."
    )

    def add_arguments(self, parser):
        parser.add_argument("username")

    def handle(self, *args, username, **options):
        if not settings.DEMO:
            raise CommandError("demo-otp 只能在演示模式（EDUENFORCE_DEMO=1）下使用")
        if username not in {u[0] for u in DEMO_USERS}:
            raise CommandError(f"{username} 不是演示账号")
        self.stdout.write(f"{totp(bytes.fromhex(demo_totp_key(username))):06d}")
