"""Verification of the journal: recompute the SM3 chain, check every stored column against the hashed
body, compare the signed checkpoints and the head anchored outside the database, and check that the
append-only triggers are in place.

What each kind of tampering runs into:

* an edited body, hash or previous hash, a deleted, inserted or reordered entry: the chain;
* an edited column (actor, role, action, object, changes, time, request id, address): the column check,
  done by the database in the same read as the chain (one JSON parse per row in SQL; a row it flags is
  re-checked field by field in Python, so an unusual but equal representation is never reported);
* the tail deleted: the head anchored after every commit (``records.anchor``), and the checkpoints;
* a rewritten chain with recomputed hashes: the HMAC-SM3 signatures of the checkpoints and the head;
* triggers dropped or disabled: the trigger check (and the application role cannot do either, see
  ``records.dbroles``);
* a restored older backup: not tampering when ``anchor.mark_restore`` signed it; reported as a restore.
"""

import _hashlib  # the OpenSSL constructor: hashlib.new adds a Python-level wrapper per call
import contextlib
import threading
from dataclasses import dataclass, field
from datetime import UTC
from queue import Empty, Queue

import orjson
from django.db import connection

from eduenforce.records import anchor
from eduenforce.records.journal import GENESIS, _entry_payload, sign
from eduenforce.records.models import JournalCheckpoint, JournalEntry

BATCH = 50_000


@dataclass
class VerifyResult:
    ok: bool
    count: int
    problem: str = ""
    seq: int | None = None
    notes: list[str] = field(default_factory=list)

    def __str__(self) -> str:
        notes = "".join(f"\n  {note}" for note in self.notes)
        if self.ok:
            return f"OK {self.count} entries{notes}"
        return f"BROKEN at entry {self.seq}: {self.problem}{notes}"


class _Broken(Exception):
    def __init__(self, seq, problem):
        super().__init__(problem)
        self.seq, self.problem, self.count = seq, problem, 0


class _ReadError(Exception):
    """The database could not evaluate a range (e.g. a body that is not JSON any more)."""


# One read per fixed id range. The last column says whether every stored column equals the hashed body.
_SQLITE_READ = """
SELECT id, seq, body, hash, prev_hash,
       json_extract(b, '$.seq', '$.at', '$.actor_id', '$.actor', '$.role', '$.action', '$.object_type',
                    '$.object_id', '$.changes', '$.request_id', '$.ip')
       IS json_array(seq, replace(at, ' ', 'T') || '+00:00', actor_id, actor_name, actor_role, action,
                     object_type, object_id, json(changes), request_id, ip)
FROM (SELECT *, CAST(body AS TEXT) AS b FROM records_journalentry WHERE id >= ? AND id < ?)
ORDER BY id
"""
_POSTGRESQL_READ = """
SELECT e.id, e.seq, e.body, e.hash, e.prev_hash,
       COALESCE(j->'seq' = to_jsonb(e.seq)
                AND (j->>'at')::timestamptz = e.at
                AND j->'actor_id' = COALESCE(to_jsonb(e.actor_id), 'null'::jsonb)
                AND j->'actor' = to_jsonb(e.actor_name)
                AND j->'role' = to_jsonb(e.actor_role)
                AND j->'action' = to_jsonb(e.action)
                AND j->'object_type' = to_jsonb(e.object_type)
                AND j->'object_id' = to_jsonb(e.object_id)
                AND j->'changes' = e.changes
                AND j->'request_id' = to_jsonb(e.request_id)
                AND j->'ip' = to_jsonb(e.ip), false)
FROM records_journalentry e CROSS JOIN LATERAL (SELECT convert_from(e.body, 'UTF8')::jsonb) AS x(j)
WHERE e.id >= %s AND e.id < %s
ORDER BY e.id
"""


def verify(batch: int = BATCH) -> VerifyResult:
    """Check the whole journal; the first problem found (lowest entry) is reported."""
    hashes_at: dict[int, str] = {}
    log = anchor.read_log()
    head = anchor.read_head()
    wanted = set(_db_checkpoints()) | {line.seq for line in log or ()}
    if head is not None:
        wanted.add(head.seq)
    flagged: list[int] = []
    count, broken = 0, None
    try:
        count = _chain(batch, wanted, hashes_at, flagged)
    except _Broken as error:
        broken, count = error, error.count
    mismatch = _first_real_mismatch(flagged)
    if mismatch is not None and (broken is None or broken.seq is None or mismatch <= broken.seq):
        return VerifyResult(False, count, "columns differ from the hashed content", mismatch)
    if broken is not None:
        return VerifyResult(False, count, broken.problem, broken.seq)
    notes: list[str] = []
    for check in (
        lambda: _compare_db_checkpoints(hashes_at),
        lambda: _compare_anchor(log, head, hashes_at, notes),
        _check_triggers,
    ):
        problem = check()
        if problem is not None:
            return VerifyResult(False, count, problem[1], problem[0], notes)
    return VerifyResult(True, count, notes=notes)


def _chain(batch, wanted, hashes_at, flagged):
    prev_hash, expected_seq, count = GENESIS, 1, 0
    new_hash = _hashlib.new
    try:
        for rows in _batches(batch):
            for _id, seq, body, stored_hash, stored_prev, columns_ok in rows:
                if seq != expected_seq:
                    raise _Broken(expected_seq, f"missing entry {expected_seq} (next is {seq})")
                if (
                    stored_prev != prev_hash
                    or new_hash("sm3", prev_hash.encode() + body).hexdigest() != stored_hash
                ):
                    raise _Broken(seq, "hash does not match the entry's content or its predecessor")
                if not columns_ok:
                    flagged.append(seq)
                if seq in wanted:
                    hashes_at[seq] = stored_hash
                prev_hash, expected_seq = stored_hash, seq + 1
                count += 1
    except _Broken as error:
        error.count = count
        raise
    except _ReadError as error:
        broken = _Broken(
            expected_seq, f"entries from {expected_seq} on cannot be read as journal entries ({error})"
        )
        broken.count = count
        raise broken from error
    return count


def _first_real_mismatch(flagged: list[int]) -> int | None:
    """The database flags rows whose columns are not textually the body's; confirm each in Python."""
    for seq in flagged:
        entry = JournalEntry.objects.get(seq=seq)
        try:
            body = orjson.loads(bytes(entry.body))
        except orjson.JSONDecodeError:
            return seq
        expected = _entry_payload(
            entry.seq,
            entry.at.astimezone(UTC).isoformat(),
            entry.actor_id,
            entry.actor_name,
            entry.actor_role,
            entry.action,
            entry.object_type,
            entry.object_id,
            entry.changes,
            entry.request_id,
            entry.ip,
        )
        if body != expected:
            return seq
    return None


def _batches(batch: int):
    """Rows in insertion order, read by fixed id ranges (``id >= a AND id < a + batch``): each read is a
    primary-key range whatever the planner's statistics say, and no read depends on the previous one, so
    the worker never waits for the hashing loop to hand back a last id.

    A worker thread fetches the next range while the caller hashes the current one: the database (another
    process, or SQLite with the GIL released) works in parallel. It uses this thread's DB-API connection, so
    uncommitted rows of the caller's transaction are seen; the caller does not touch the connection until
    the end.
    """
    with connection.cursor() as c:
        c.execute("SELECT min(id), max(id) FROM records_journalentry")
        low, high = c.fetchone()
    if low is None:
        return
    connection.ensure_connection()
    raw = connection.connection
    if connection.vendor == "postgresql":
        import psycopg

        sql, cursor, options = _POSTGRESQL_READ, psycopg.Cursor(raw), {"binary": True}
    else:
        sql, cursor, options = _SQLITE_READ, raw.cursor(), {}
    queue: Queue = Queue(maxsize=2)
    stop = threading.Event()

    # Inside the caller's transaction (PostgreSQL), a failed read must not abort that transaction.
    savepoint = connection.vendor == "postgresql" and not raw.autocommit

    def fetch():
        try:
            if savepoint:
                cursor.execute("SAVEPOINT journal_verify")
            for start in range(low, high + 1, batch):
                if stop.is_set():
                    break
                try:
                    cursor.execute(sql, [start, start + batch], **options)
                    rows = cursor.fetchall()
                except Exception as error:  # noqa: BLE001 — sqlite3 or psycopg: reported, not raised
                    if savepoint:
                        cursor.execute("ROLLBACK TO SAVEPOINT journal_verify")
                    queue.put(_ReadError(str(error).splitlines()[0]))
                    return
                queue.put(rows)
            if savepoint:
                cursor.execute("RELEASE SAVEPOINT journal_verify")
            queue.put(None)
        except Exception as error:  # noqa: BLE001 — handed to the caller and re-raised there
            queue.put(error)

    worker = threading.Thread(target=fetch, name="journal-verify-fetch", daemon=True)
    worker.start()
    try:
        while True:
            rows = queue.get()
            if isinstance(rows, Exception):
                raise rows
            if rows is None:
                return
            yield rows
    finally:
        stop.set()
        while worker.is_alive():  # drain, so a worker blocked on put() can finish
            with contextlib.suppress(Empty):
                queue.get(timeout=0.05)
        worker.join()
        cursor.close()


def _db_checkpoints() -> dict[int, tuple[str, str]]:
    return {c.seq: (c.hash, c.signature) for c in JournalCheckpoint.objects.all()}


def _compare_db_checkpoints(hashes_at):
    for seq, (hash_, signature) in sorted(_db_checkpoints().items()):
        if signature != sign(seq, hash_):
            return seq, "checkpoint signature invalid (数据库)"
        if seq not in hashes_at:
            return seq, "entries up to the checkpoint are missing: tail truncated (数据库)"
        if hashes_at[seq] != hash_:
            return seq, "hash differs from the signed checkpoint (数据库)"
    return None


def _compare_anchor(log, head, hashes_at, notes):
    """The anchor outside the database: every line signed; what it names must be in the journal, except
    what a later signed restore says was left behind."""
    if log is None and head is None:
        return None
    if head is None:
        return None, "the anchored head (外部锚定末条) is missing while the anchor log exists"
    limit = None  # the lowest restore seen so far, reading the log from its end
    for line in reversed(log or []):
        if not line.signature_ok:
            return line.seq or None, f"anchor line {line.position} signature invalid (外部文件)"
        if limit is not None and line.seq > limit:
            continue  # history that a later restore replaced
        problem = _anchored_entry(line, hashes_at, "外部文件")
        if problem:
            return problem
        if line.kind == "restore":
            if limit is None:
                notes.append(
                    f"restored from a backup on {line.at[:19]} at entry {line.seq} ({line.note}); "
                    "the journal before the restore was longer"
                    if _lost_by_restore(log, line)
                    else f"restored from a backup on {line.at[:19]} at entry {line.seq} ({line.note})"
                )
            limit = line.seq if limit is None else min(limit, line.seq)
    if not head.signature_ok:
        return None, "anchored head signature invalid (外部锚定末条)"
    return _anchored_entry(head, hashes_at, "外部锚定末条")


def _lost_by_restore(log, restore) -> bool:
    return any(line.position < restore.position and line.seq > restore.seq for line in log)


def _anchored_entry(line, hashes_at, source):
    if line.seq == 0:
        return None
    if line.seq not in hashes_at:
        return line.seq, f"entries up to {line.seq} are missing: tail truncated ({source})"
    if hashes_at[line.seq] != line.hash:
        return line.seq, f"hash differs from the signed anchor ({source})"
    return None


_TRIGGERS = {
    "postgresql": (
        "SELECT count(*) FROM pg_trigger WHERE tgname = ANY(%s) AND tgenabled <> 'D'",
        [
            f"{t}_{kind}"
            for t in ("records_journalentry", "records_journalcheckpoint")
            for kind in ("append_only", "no_truncate")
        ],
    ),
    "sqlite": (
        "SELECT count(*) FROM sqlite_master WHERE type = 'trigger' AND name IN (%s, %s, %s, %s)",
        [
            f"{t}_no_{op}"
            for t in ("records_journalentry", "records_journalcheckpoint")
            for op in ("update", "delete")
        ],
    ),
}


def _check_triggers():
    sql, names = _TRIGGERS.get(connection.vendor, (None, None))
    if sql is None:
        return None
    with connection.cursor() as cursor:
        cursor.execute(sql, [names] if connection.vendor == "postgresql" else names)
        present = cursor.fetchone()[0]
    if present != len(names):
        return None, "append-only triggers are missing or disabled"
    return None
