"""The journal: append-only by trigger, and every kind of tampering caught by verification."""

import threading

import pytest
from django.core.management import call_command
from django.db import DatabaseError, connection, connections, transaction

from eduenforce.records import triggers
from eduenforce.records.journal import GENESIS, append, sm3, write_checkpoint
from eduenforce.records.models import JournalCheckpoint, JournalEntry
from eduenforce.records.verification import verify

pytestmark = pytest.mark.django_db


def fill(n: int, actor=None):
    for i in range(n):
        append(actor=actor, action="test.event", object_type="test.thing", object_id=str(i), changes={"i": i})


def raw(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


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


class TestTamperingWithTheTriggerDropped:
    """An attacker with database rights drops the trigger; verification still catches it."""

    @pytest.fixture(autouse=True)
    def dropped_trigger(self):
        fill(10)
        triggers.uninstall(connection)
        yield
        triggers.install(connection)

    def assert_broken_at(self, seq, capsys=None):
        result = verify()
        assert not result.ok
        assert result.seq == seq, result

    def test_an_edited_payload_is_detected(self):
        body = bytes(JournalEntry.objects.get(seq=5).body).replace(b'"i":4', b'"i":40')
        raw("UPDATE records_journalentry SET body = %s WHERE seq = 5", [body])
        self.assert_broken_at(5)

    def test_an_edited_column_outside_the_payload_is_detected(self):
        raw("UPDATE records_journalentry SET action = 'case.closed' WHERE seq = 3")
        self.assert_broken_at(3)

    def test_a_deleted_entry_is_detected(self):
        raw("DELETE FROM records_journalentry WHERE seq = 4")
        self.assert_broken_at(4)

    def test_two_swapped_entries_are_detected(self):
        a = JournalEntry.objects.get(seq=6)
        b = JournalEntry.objects.get(seq=7)
        raw(
            "UPDATE records_journalentry SET body = %s, hash = %s, prev_hash = %s WHERE seq = 6",
            [b.body, b.hash, b.prev_hash],
        )
        raw(
            "UPDATE records_journalentry SET body = %s, hash = %s, prev_hash = %s WHERE seq = 7",
            [a.body, a.hash, a.prev_hash],
        )
        self.assert_broken_at(6)

    def test_a_truncated_tail_is_detected_through_the_checkpoint(self):
        write_checkpoint()
        raw("DELETE FROM records_journalentry WHERE seq > 7")
        result = verify()
        assert not result.ok and "truncated" in result.problem

    def test_deleting_the_checkpoint_too_is_caught_by_the_external_anchor(self, settings, tmp_path):
        settings.JOURNAL_CHECKPOINT_FILE = tmp_path / "checkpoints.log"
        with transaction.atomic():
            write_checkpoint()
        # on_commit runs at the end of the outer test transaction in TestCase; run it now.
        from eduenforce.records.journal import _anchor  # noqa: PLC0415

        _anchor(settings.JOURNAL_CHECKPOINT_FILE, JournalCheckpoint.objects.get())
        raw("DELETE FROM records_journalentry WHERE seq > 6")
        raw("DELETE FROM records_journalcheckpoint")
        result = verify()
        assert not result.ok and "外部文件" in result.problem

    def test_a_forged_checkpoint_signature_is_detected(self):
        write_checkpoint()
        raw("UPDATE records_journalcheckpoint SET signature = %s", ["0" * 64])
        assert "signature" in verify().problem

    def test_the_command_exits_1_and_names_the_entry(self, capsys):
        body = bytes(JournalEntry.objects.get(seq=2).body) + b" "
        raw("UPDATE records_journalentry SET body = %s WHERE seq = 2", [body])
        with pytest.raises(SystemExit) as exit_info:
            call_command("verify_journal")
        assert exit_info.value.code == 1
        assert "entry 2" in capsys.readouterr().err


def test_checkpoints_are_written_every_n_entries_automatically(settings):
    from eduenforce.core.models import SystemSetting

    SystemSetting.objects.create(key="journal.checkpoint_every", value=5)
    from django.core.cache import cache

    cache.clear()
    fill(12)
    assert list(JournalCheckpoint.objects.values_list("seq", flat=True)) == [5, 10]


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
