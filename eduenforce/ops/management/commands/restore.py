from django.core.management.base import BaseCommand, CommandError

from eduenforce.ops.backup import BackupError
from eduenforce.ops.restore import restore


class Command(BaseCommand):
    help = (
        "Restore a backup archive into an EMPTY database and file storage (refused otherwise), check its "
        "manifest, then run verify-journal and verify-evidence and print the counts."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar written by `eduenforce backup`")

    def handle(self, *args, archive, **options):
        try:
            counts = restore(archive, log=self.stdout.write)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"恢复完成：日志 {counts['journal_entries']} 条，证据文件 {counts['evidence_files']} 个，"
            f"存储文件 {counts['files']} 个"
        )
