"""``eduenforce annual-report --year 2025 --format docx|pdf|json|xlsx --output PATH``."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from eduenforce.core.errors import DomainError
from eduenforce.records.journal import append
from eduenforce.reports.choices import ReportFormat


class Command(BaseCommand):
    help = "生成年度行政执法工作报告（Word、PDF、JSON 数据或 Excel 统计表），数字全部来自平台记录。"

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, required=True, help="统计年度，如 2025")
        parser.add_argument("--format", dest="fmt", choices=ReportFormat.values, default="json")
        parser.add_argument("--output", help="输出文件路径；JSON 省略时打印到标准输出")

    def handle(self, *args, year, fmt, output=None, **options):
        from eduenforce.reports.actions import _check_year
        from eduenforce.reports.annual import content as content_module
        from eduenforce.reports.annual.render import RENDERERS

        try:
            year = _check_year(year)
        except DomainError as error:
            raise CommandError(error.message) from None
        if output is None and fmt != "json":
            raise CommandError("Word、PDF 和 Excel 格式须用 --output 指定输出文件")
        content = content_module.build(year, with_charts=fmt in ("docx", "pdf"))
        data = RENDERERS[fmt](content)
        if output is None:
            sys.stdout.buffer.write(data + b"\n")
            sys.stdout.flush()
        else:
            path = Path(output)
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                path.write_bytes(data)
            except OSError as error:
                raise CommandError(f"无法写入 {path}：{error.strerror}") from None
            self.stderr.write(f"已生成 {path}（{len(data)} 字节）")
        append(
            actor=None,
            action="report.generated_cli",
            obj=None,
            changes={"year": year, "format": fmt, "output": str(output or "-"), "bytes": len(data)},
        )
