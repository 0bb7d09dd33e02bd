from django.apps import AppConfig
from django.db.models.signals import post_migrate


def _grant_app_role(sender, using, **kwargs):
    from django.db import connections

    from eduenforce.records import dbroles

    dbroles.grant_app_role(connections[using])


class RecordsConfig(AppConfig):
    name = "eduenforce.records"
    label = "records"
    verbose_name = "执法全过程记录"

    def ready(self) -> None:
        from eduenforce.core import documents as core_documents
        from eduenforce.core import journal as core_journal
        from eduenforce.core import nav
        from eduenforce.records import (
            checks,  # noqa: F401 (registers the deploy check)
            documents,
            journal,
        )
        from eduenforce.records.models import JournalEntry

        # After migrations (run as the owner), the application role gets its rights on the new tables.
        post_migrate.connect(_grant_app_role, sender=self, dispatch_uid="records.grant_app_role")
        # core stands below records: it writes its journal entries and finds uploaded templates here.
        core_journal.append.provide(journal.append)
        core_journal.snapshot.provide(journal.snapshot)
        core_documents.template_override.provide(documents.template_override)

        nav.register("审计", "执法全过程记录", "records:journal", "journal.read", order=950)
        nav.register("审计", "完整性校验", "records:verify", "journal.read", order=951)
        nav.register_card(
            "日志条目",
            "journal.read",
            lambda user: JournalEntry.objects.count(),
            "records:journal",
            order=900,
        )
