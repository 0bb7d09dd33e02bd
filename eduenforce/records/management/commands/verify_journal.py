from django.core.management.base import BaseCommand

from eduenforce.records.verification import verify


class Command(BaseCommand):
    help = "Recompute the journal's hash chain and compare the signed checkpoints (exit 1 if broken)."

    def handle(self, *args, **options):
        result = verify()
        if result.ok:
            self.stdout.write(str(result))
            return
        self.stderr.write(str(result))
        raise SystemExit(1)
