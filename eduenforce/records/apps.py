from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "eduenforce.records"
    label = "records"
    verbose_name = "执法全过程记录"

    def ready(self) -> None:
        from eduenforce.core import nav
        from eduenforce.records.models import JournalEntry

        nav.register("审计", "执法全过程记录", "records:journal", "journal.read", order=950)
        nav.register("审计", "完整性校验", "records:verify", "journal.read", order=951)
        nav.register_card(
            "日志条目",
            "journal.read",
            lambda user: JournalEntry.objects.count(),
            "records:journal",
            order=900,
        )
