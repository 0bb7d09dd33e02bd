"""Build the demo district through the platform's own services. Idempotent.

The district is built by ``eduenforce.demo.load(log)``, which creates the accounts too,
inside its walk through the year, so the journal stays in time order.
"""

import random

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from eduenforce import demo
from eduenforce.core.errors import DomainError


class Command(BaseCommand):
    help = "加载演示区县数据（幂等）；仅用于演示环境。"

    def add_arguments(self, parser):
        parser.add_argument("--force", action="store_true", help="在非演示模式下也加载（会创建演示账号）")
        parser.add_argument(
            "--year",
            type=int,
            help="完整构建的年度（年度报告年度），默认为上一年；其后一年构建至今日",
        )

    def handle(self, *args, force=False, year=None, **options):
        if not (settings.DEMO or settings.DEBUG or settings.TESTING or force):
            raise CommandError(
                "演示数据会创建公开密码的账号，仅可在 EDUENFORCE_DEMO=1 时加载（或加 --force）。"
            )
        random.seed(2025)
        try:
            year = demo.report_year(year)
        except DomainError as error:
            raise CommandError(error.message) from None
        with transaction.atomic():
            demo.load(self.stdout.write, year=year)
