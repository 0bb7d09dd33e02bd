from django.core.management.base import BaseCommand
from django.db import transaction

from eduenforce.records.journal import write_checkpoint


class Command(BaseCommand):
    help = "Sign the journal's current head as a checkpoint (run from cron, e.g. hourly)."

    def handle(self, *args, **options):
        with transaction.atomic():
            checkpoint = write_checkpoint()
        if checkpoint is None:
            self.stdout.write("journal is empty")
        else:
            self.stdout.write(f"checkpoint {checkpoint.seq} {checkpoint.hash}")
