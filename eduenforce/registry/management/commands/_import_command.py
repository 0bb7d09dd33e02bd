"""The shared body of ``import-institutions`` and ``import-officers``."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eduenforce.core.errors import DomainError
from eduenforce.registry.importing.common import ImportRejected


class ImportCommand(BaseCommand):
    importer = None  # (source, by=, file_name=, dry_run=) -> ImportResult
    help = ""

    def add_arguments(self, parser):
        parser.add_argument("file", help="Excel 文件（.xlsx），列顺序与导入模板一致")
        parser.add_argument("--dry-run", action="store_true", help="只校验，不写入")
        parser.add_argument("--user", help="记录为导入人的账号（默认：系统）")

    def handle(self, *args, **options):
        path = Path(options["file"])
        if not path.is_file():
            raise CommandError(f"文件不存在：{path}")
        by = self._user(options.get("user"))
        try:
            result = type(self).importer(path, by=by, file_name=path.name, dry_run=options["dry_run"])
        except ImportRejected as e:
            for error in e.result.errors:
                self.stderr.write(str(error))
            hidden = e.result.error_count - len(e.result.errors)
            if hidden:
                self.stderr.write(f"……另有 {hidden} 处问题未列出")
            raise CommandError(e.message, returncode=1) from None
        except DomainError as e:
            raise CommandError(e.message, returncode=1) from None
        self.stdout.write(result.summary())

    def _user(self, username):
        if not username:
            return None
        from django.contrib.auth import get_user_model

        user = get_user_model().objects.filter(username__iexact=username).first()
        if user is None:
            raise CommandError(f"账号不存在：{username}")
        return user
