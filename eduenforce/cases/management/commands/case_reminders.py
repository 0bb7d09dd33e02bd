from django.core.management.base import BaseCommand

from eduenforce.cases.tasks import send_deadline_reminders


class Command(BaseCommand):
    help = "为临近或超过法定期限的案件生成提醒（交由任务队列执行；建议每日运行一次）"

    def handle(self, *args, **options):
        result = send_deadline_reminders.enqueue()
        self.stdout.write(f"已提交期限提醒任务：{result.id}（{result.status}）")
