"""Concurrent writers on PostgreSQL: simultaneous imports and certificate changes never half-apply."""

import threading

import pytest
from django.db import connection

from eduenforce.core.errors import DomainError
from eduenforce.registry.importing import import_institutions
from eduenforce.registry.models import ImportBatch, Institution
from eduenforce.registry.tests.factories import row, xlsx_bytes

pytestmark = [pytest.mark.postgres_only, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks and concurrent writers")


def race(calls) -> list[str]:
    """Run ``calls`` at the same moment, each on its own connection; return their outcomes."""
    barrier, results = threading.Barrier(len(calls)), []

    def run(call):
        from django.db import connection as own

        try:
            barrier.wait()
            call()
            results.append("won")
        except DomainError as e:
            results.append(f"refused: {e.message}")
        finally:
            own.close()

    threads = [threading.Thread(target=run, args=(c,)) for c in calls]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return sorted(results)


def test_two_imports_of_the_same_new_institutions_at_once_create_them_once(monkeypatch):
    from eduenforce.registry.importing import institutions

    planned = threading.Barrier(2)
    plan = institutions._plan

    def plan_then_wait(*args, **kwargs):
        found = plan(*args, **kwargs)
        if kwargs.get("lock"):
            planned.wait(timeout=10)  # both have seen "all new" before either writes
        return found

    monkeypatch.setattr(institutions, "_plan", plan_then_wait)
    data = xlsx_bytes([row(i) for i in range(1, 30)])
    outcome = race([lambda: import_institutions(data, by=None), lambda: import_institutions(data, by=None)])
    assert outcome[0].startswith("refused: 导入期间数据被他人同时修改") and outcome[1] == "won"
    assert Institution.objects.count() == 29 and ImportBatch.objects.count() == 1


def test_two_officers_suspending_one_certificate_at_once_suspend_it_once(make_user):
    from eduenforce.officers.models import Certificate
    from eduenforce.officers.tests.factories import CertificateFactory
    from eduenforce.records.models import JournalEntry

    certificate = CertificateFactory()
    heads = [make_user("section_head") for _ in range(3)]
    outcome = race(
        [lambda h=h: Certificate.objects.get(pk=certificate.pk).suspend(by=h, reason="调查") for h in heads]
    )
    assert [o.split(":")[0] for o in outcome] == ["refused", "refused", "won"]
    assert JournalEntry.objects.filter(action="officers.certificate_suspended").count() == 1
