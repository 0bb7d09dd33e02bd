"""The journal: hash chain, append-only triggers, fail-closed writes (tampering: test_tampering.py)."""

import threading

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction

from eduenforce.records.journal import GENESIS, append, sm3
from eduenforce.records.models import JournalEntry
from eduenforce.records.verification import verify

pytestmark = pytest.mark.django_db


def fill(n: int, actor=None):
    for i in range(n):
        append(actor=actor, action="test.event", object_type="test.thing", object_id=str(i), changes={"i": i})


def test_sm3_is_the_standard_algorithm():
    assert sm3(b"abc") == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"


def test_entries_chain_each_hash_to_the_previous_one(officer):
    fill(3, officer)
    first, second, third = JournalEntry.objects.order_by("seq")
    assert first.prev_hash == GENESIS
    assert second.prev_hash == first.hash and third.prev_hash == second.hash
    assert third.hash == sm3(second.hash.encode() + bytes(third.body))
    assert first.actor_id == officer.pk and first.actor_role == "officer"


def test_an_intact_journal_verifies_and_the_command_prints_ok(capsys):
    fill(5)
    call_command("verify_journal")
    assert capsys.readouterr().out.strip() == f"OK {JournalEntry.objects.count()} entries"


def test_the_trigger_refuses_an_update():
    fill(2)
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalEntry.objects.filter(seq=1).update(action="changed")


def test_the_trigger_refuses_a_delete():
    fill(2)
    with pytest.raises(DatabaseError), transaction.atomic():
        JournalEntry.objects.filter(seq=2).delete()


def test_a_failing_journal_write_rolls_back_the_business_change(officer, monkeypatch):
    """Fail-closed: no change without its record."""
    from eduenforce.core.models import CalendarDay

    def broken(*args, **kwargs):
        raise DatabaseError("journal unavailable")

    with pytest.raises(DatabaseError), transaction.atomic():
        CalendarDay.objects.create(date="2031-05-01", kind="holiday")
        monkeypatch.setattr(JournalEntry.objects, "create", broken)
        append(actor=officer, action="calendar.day_added")
    assert not CalendarDay.objects.filter(date="2031-05-01").exists()


@pytest.mark.django_db(transaction=True)
def test_two_threads_appending_500_entries_each_leave_one_intact_chain():
    if connection.vendor != "postgresql":
        pytest.skip("concurrent writers are exercised on PostgreSQL")

    def writer(tag):
        try:
            for i in range(500):
                append(actor=None, action="test.concurrent", object_type=tag, object_id=str(i))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(t,)) for t in ("a", "b")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert JournalEntry.objects.filter(action="test.concurrent").count() == 1000
    result = verify()
    assert result.ok, result
