from datetime import date

from django.core.management.base import BaseCommand, CommandError

from eduenforce.inspections.actions import sweep_deadlines


class Command(BaseCommand):
    help = "到期处理（供 cron 每日运行）：为已到整改期限的责令整改通知生成复查任务。"

    def add_arguments(self, parser):
        parser.add_argument("--date", dest="on", help="按指定日期处理（YYYY-MM-DD），默认今天")

    def handle(self, *args, on=None, **options):
        today = None
        if on:
            try:
                today = date.fromisoformat(on)
            except ValueError:
                raise CommandError(f"日期格式不正确：{on}（应为 YYYY-MM-DD）") from None
        result = sweep_deadlines(today)
        for task in result.created:
            self.stdout.write(
                f"已生成复查任务 {task.number}（{task.institution}，计划 {task.planned_date:%Y-%m-%d}）"
            )
        for order, message in result.blocked:
            self.stderr.write(f"未能生成复查任务 {order.number}：{message}")
        self.stdout.write(f"完成：生成 {len(result.created)} 个复查任务，{len(result.blocked)} 个需人工处理")
