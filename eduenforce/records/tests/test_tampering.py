"""Every kind of tampering with the journal is caught by verification (issue 21).

The attacker has the database owner's rights: the append-only triggers are dropped first (or skipped
with ``session_replication_role``). What they do not have is the anchor outside the database and the
signing key. The kinds: an edited body; an edited column (each stored column); a deleted entry; swapped
entries; the tail deleted past a checkpoint; the tail deleted after the last checkpoint; the tail and the
checkpoints deleted together; a forged checkpoint; a rewritten chain with recomputed hashes; triggers
disabled; edits under ``session_replication_role = replica``. And: the checkpoint interval is not a setting,
and a restored older backup is told apart from a truncation.
"""

from datetime import UTC, datetime

import pytest
from django.db import connection

from eduenforce.records import anchor, journal, triggers
from eduenforce.records.journal import _entry_payload, append, canonical, sm3
from eduenforce.records.models import JournalCheckpoint, JournalEntry
from eduenforce.records.verification import verify

pytestmark = pytest.mark.django_db


def raw(sql: str, params=()):
    with connection.cursor() as cursor:
        cursor.execute(sql, params)


@pytest.fixture
def anchored(settings, tmp_path, monkeypatch):
    settings.JOURNAL_ANCHOR_FILE = tmp_path / "journal" / "checkpoints.log"
    monkeypatch.setattr(journal, "CHECKPOINT_EVERY", 4)
    return settings.JOURNAL_ANCHOR_FILE


@pytest.fixture
def commit(anchored, django_capture_on_commit_callbacks):
    """Append ``n`` entries and run what happens after the commit (anchoring)."""

    def add(n: int, tag: str = "test.event"):
        with django_capture_on_commit_callbacks(execute=True):
            for i in range(n):
                append(actor=None, action=tag, object_type="test.thing", object_id=str(i), changes={"i": i})
        anchor.anchor_head()  # the capture above keeps callbacks pending, so this commit's own anchoring

    return add


def assert_broken(seq, *words):
    result = verify()
    assert not result.ok, result
    assert result.seq == seq, result
    for word in words:
        assert word in result.problem, result


@pytest.fixture
def ten(commit):
    """Ten entries (checkpoints at 4 and 8, the head anchored at 10), then the triggers dropped."""
    commit(10)
    assert verify().ok
    triggers.uninstall(connection)
    yield
    triggers.install(connection)


def test_an_intact_anchored_journal_verifies(ten):
    triggers.install(connection)
    result = verify()
    assert result.ok and result.count == 10, result
    assert anchor.read_head().seq == 10
    assert [line.seq for line in anchor.read_log()] == [4, 8]


def test_1_an_edited_body_breaks_the_chain(ten):
    body = bytes(JournalEntry.objects.get(seq=5).body).replace(b'"i":4', b'"i":40')
    raw("UPDATE records_journalentry SET body = %s WHERE seq = 5", [body])
    assert_broken(5, "hash")


EDITS = {
    "seq": 99,
    "at": datetime(2020, 1, 1, tzinfo=UTC),
    "actor_id": 999,
    "actor_name": "李四",
    "actor_role": "leader",
    "action": "case.closed",
    "object_type": "cases.case",
    "object_id": "999",
    "changes": {"i": 40},
    "request_id": "forged",
    "ip": "10.0.0.9",
    "prev_hash": "f" * 64,
    "hash": "e" * 64,
}


@pytest.mark.parametrize("column", sorted(EDITS))
def test_2_an_edited_column_is_caught_whichever_it_is(ten, column):
    JournalEntry.objects.filter(seq=3).update(**{column: EDITS[column]})
    assert_broken(3)


def test_2_every_stored_column_is_in_the_edit_list():
    stored = {f.attname for f in JournalEntry._meta.concrete_fields} - {"id", "body"}
    assert stored == set(EDITS)


def test_3_a_deleted_entry_leaves_a_gap(ten):
    raw("DELETE FROM records_journalentry WHERE seq = 4")
    assert_broken(4, "missing entry 4")


def test_4_swapped_entries_are_caught(ten):
    a, b = JournalEntry.objects.get(seq=6), JournalEntry.objects.get(seq=7)
    for target, source in ((6, b), (7, a)):
        raw(
            "UPDATE records_journalentry SET body = %s, hash = %s, prev_hash = %s WHERE seq = %s",
            [source.body, source.hash, source.prev_hash, target],
        )
    assert_broken(6)


def test_5_deleting_the_tail_past_a_checkpoint_is_caught_by_the_checkpoint(ten):
    raw("DELETE FROM records_journalentry WHERE seq > 7")
    assert_broken(8, "truncated", "数据库")


def test_6_deleting_the_entries_after_the_last_checkpoint_is_caught_by_the_anchored_head(ten):
    raw("DELETE FROM records_journalentry WHERE seq > 8")
    assert_broken(10, "truncated", "外部锚定末条")


def test_7_deleting_the_checkpoints_with_the_tail_is_caught_by_the_anchor_log(ten):
    raw("DELETE FROM records_journalentry WHERE seq > 5")
    raw("DELETE FROM records_journalcheckpoint")
    assert_broken(8, "truncated", "外部文件")


def test_8_a_forged_checkpoint_signature_is_caught(ten):
    raw("UPDATE records_journalcheckpoint SET signature = %s WHERE seq = 8", ["0" * 64])
    assert_broken(8, "signature")


def test_9_a_rewritten_chain_with_recomputed_hashes_is_caught_by_the_signed_head(ten):
    """The attacker rewrites entry 9 consistently (body, columns, hashes of 9 and 10): the chain and
    the columns hold, but the head signed outside the database names another hash."""
    prev = JournalEntry.objects.get(seq=8).hash
    for entry in JournalEntry.objects.filter(seq__gt=8).order_by("seq"):
        changes = {"i": 1000} if entry.seq == 9 else entry.changes
        body = canonical(
            _entry_payload(
                entry.seq,
                entry.at.astimezone(UTC).isoformat(),
                entry.actor_id,
                entry.actor_name,
                entry.actor_role,
                entry.action,
                entry.object_type,
                entry.object_id,
                changes,
                entry.request_id,
                entry.ip,
            )
        )
        new_hash = sm3(prev.encode() + body)
        JournalEntry.objects.filter(pk=entry.pk).update(
            changes=changes, body=body, prev_hash=prev, hash=new_hash
        )
        prev = new_hash
    assert_broken(10, "signed anchor", "外部锚定末条")


def test_10_dropped_triggers_are_reported_even_with_the_content_intact(ten):
    assert_broken(None, "triggers")


def test_10_disabled_triggers_are_reported_on_postgresql(ten):
    if connection.vendor != "postgresql":
        pytest.skip("ALTER TABLE … DISABLE TRIGGER is PostgreSQL's")
    triggers.install(connection)
    raw("ALTER TABLE records_journalentry DISABLE TRIGGER records_journalentry_append_only")
    try:
        assert_broken(None, "triggers")
    finally:
        raw("ALTER TABLE records_journalentry ENABLE TRIGGER records_journalentry_append_only")


def test_11_edits_under_session_replication_role_replica_are_caught(commit):
    if connection.vendor != "postgresql":
        pytest.skip("session_replication_role is PostgreSQL's")
    commit(10)
    raw("SET session_replication_role = replica")
    try:
        raw("UPDATE records_journalentry SET actor_name = %s WHERE seq = 6", ["王五"])
        raw("DELETE FROM records_journalentry WHERE seq > 8")
    finally:
        raw("SET session_replication_role = DEFAULT")
    assert_broken(6, "columns")


def test_a_forged_anchored_head_is_caught(ten):
    head = anchor.head_path()
    seq, hash_, at, signature = head.read_text().split()
    head.write_text(f"{seq} {'a' * 64} {at} {signature}\n")
    assert_broken(None, "signature invalid", "外部锚定末条")


def test_a_body_that_is_no_longer_json_is_reported_not_raised(ten):
    raw("UPDATE records_journalentry SET body = %s WHERE seq = 7", [b"not json"])
    result = verify()
    assert not result.ok and result.seq is not None and result.seq <= 7, result


def test_the_checkpoint_interval_is_fixed_in_code_not_a_setting(settings, tmp_path):
    from django.core.cache import cache

    from eduenforce.core.config import PARAMETERS
    from eduenforce.core.models import SystemSetting

    assert not any(key.startswith("journal.") for key in PARAMETERS)
    SystemSetting.objects.create(key="journal.checkpoint_every", value=1_000_000)
    cache.clear()
    for i in range(journal.CHECKPOINT_EVERY):
        append(actor=None, action="test.event", object_id=str(i))
    assert list(JournalCheckpoint.objects.values_list("seq", flat=True)) == [journal.CHECKPOINT_EVERY]
    assert journal.CHECKPOINT_EVERY == 100


class TestARestoredBackup:
    """Restoring yesterday's backup shortens the journal legitimately: with the restore signed into the
    anchor (``mark_restore``, called by ``eduenforce restore``) it verifies and says so; the same
    shortening without it is a truncation."""

    @pytest.fixture
    def restored(self, ten):
        # What loading a backup taken at entry 6 leaves in the database.
        raw("DELETE FROM records_journalentry WHERE seq > 6")
        raw("DELETE FROM records_journalcheckpoint WHERE seq > 6")

    def test_without_the_restore_mark_it_is_a_truncation(self, restored):
        assert_broken(8, "truncated")

    def test_marked_it_verifies_and_says_it_was_restored(self, restored):
        anchor.mark_restore(note="backup 2026-12-06T02:30 archive_sm3=abc")
        triggers.install(connection)
        result = verify()
        assert result.ok, result
        assert "restored from a backup" in str(result) and "entry 6" in str(result)
        assert "was longer" in str(result)

    def test_the_journal_continues_after_the_restore_and_is_held_to_the_new_anchor(self, restored, commit):
        anchor.mark_restore(note="backup")
        commit(5)  # entries 7–11 of the new history; a new checkpoint 8 is signed
        triggers.install(connection)
        assert verify().ok
        triggers.uninstall(connection)
        raw("DELETE FROM records_journalentry WHERE seq > 9")
        assert_broken(11, "外部锚定末条")

    def test_a_forged_restore_line_is_caught(self, restored):
        path = anchor.anchor_path()
        with path.open("a") as f:
            f.write(
                f"restore 6 {JournalEntry.objects.get(seq=6).hash} 2026-12-07T00:00:00 {'0' * 64} forged\n"
            )
        assert_broken(6, "signature invalid")
