from django.core.management.base import BaseCommand, CommandError

from eduenforce.ops.backup import BackupError, create


class Command(BaseCommand):
    help = (
        "Write one backup archive: a consistent database dump, every stored file, the journal's "
        "external anchor and a manifest of SM3 hashes (written to a temporary name, renamed when complete)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--output", required=True, help="path of the archive to write (.tar)")

    def handle(self, *args, output, **options):
        try:
            create(output, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
