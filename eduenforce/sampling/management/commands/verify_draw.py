from django.core.management.base import BaseCommand, CommandError

from eduenforce.sampling.models import Draw
from eduenforce.sampling.verify import verify_draw


class Command(BaseCommand):
    help = "Recompute a 双随机 draw from its stored data and report a match or the first difference (exit 1)."

    def add_arguments(self, parser):
        parser.add_argument("draw", help="抽取编号（如 2025-001-1）或数据库编号")

    def handle(self, *args, **options):
        key = options["draw"].strip()
        draw = Draw.objects.filter(public_id=key).first()
        if draw is None and key.isdigit():
            draw = Draw.objects.filter(pk=int(key)).first()
        if draw is None:
            raise CommandError(f"找不到抽取 {key}")
        report = verify_draw(draw)
        if report.ok:
            self.stdout.write(str(report))
            return
        self.stderr.write(str(report))
        raise SystemExit(1)
