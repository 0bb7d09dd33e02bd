"""Verification of the journal: recompute the SM3 chain and compare the signed checkpoints."""

import _hashlib  # the OpenSSL constructor: hashlib.new adds a Python-level wrapper per call
import contextlib
import hmac
import threading
from dataclasses import dataclass
from pathlib import Path
from queue import Empty, Queue

from django.conf import settings
from django.db import connection

from eduenforce.records.journal import GENESIS, sign
from eduenforce.records.models import JournalCheckpoint


@dataclass
class VerifyResult:
    ok: bool
    count: int
    problem: str = ""
    seq: int | None = None

    def __str__(self) -> str:
        if self.ok:
            return f"OK {self.count} entries"
        return f"BROKEN at entry {self.seq}: {self.problem}"


def verify(batch: int = 50_000) -> VerifyResult:
    """Recompute the chain from the first entry and compare every checkpoint.

    This is the hot loop of a million-entry check, so it reads raw cursor batches and
    keeps per-row work to one SM3 call and two substring tests.
    """
    prev_hash, expected_seq, count = GENESIS, 1, 0
    hashes_at: dict[int, str] = {}
    wanted = _checkpoints()
    new_hash = _hashlib.new
    for rows in _batches(batch):
        for _id, seq, body, stored_hash in rows:
            if seq != expected_seq:
                return VerifyResult(
                    False, count, f"missing entry {expected_seq} (next is {seq})", expected_seq
                )
            if new_hash("sm3", prev_hash.encode() + body).hexdigest() != stored_hash:
                return VerifyResult(
                    False, count, "hash does not match the entry's content or its predecessor", seq
                )
            if seq in wanted:
                hashes_at[seq] = stored_hash
            prev_hash, expected_seq = stored_hash, seq + 1
            count += 1
    mismatch = _first_column_mismatch()
    if mismatch is not None:
        return VerifyResult(False, count, "columns differ from the hashed content", mismatch)
    return _compare_checkpoints(wanted, hashes_at, count)


_COLUMNS = "id, seq, body, hash FROM records_journalentry"


# The queryable columns (action, object_id) must say what the hashed body says. One scan
# in the database, instead of per-row work in the Python hot loop.
_MISMATCH_SQL = {
    "sqlite": """SELECT min(seq) FROM records_journalentry
                 WHERE instr(CAST(body AS TEXT), '"action":' || json_quote(action)) = 0
                    OR instr(CAST(body AS TEXT), '"object_id":' || json_quote(object_id)) = 0""",
    "postgresql": """SELECT min(seq) FROM records_journalentry
                     WHERE position(convert_to('"action":' || to_json(action)::text, 'UTF8') in body) = 0
                        OR position(convert_to('"object_id":' || to_json(object_id)::text, 'UTF8') in body) = 0""",
}


def _first_column_mismatch() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(_MISMATCH_SQL[connection.vendor])
        return cursor.fetchone()[0]


def _batches(batch: int):
    """Rows in insertion order (the primary key, a sequential scan). Appends are
    serialised, so insertion order is chain order; a reordering shows up as a gap.

    A worker thread fetches the next batch while the caller hashes the current one: the
    database (another process, or SQLite with the GIL released) works in parallel. The
    worker uses this thread's DB-API connection, so uncommitted rows of the caller's
    transaction are seen; the caller does not touch the connection until the end.
    """
    connection.ensure_connection()
    raw = connection.connection
    if connection.vendor == "postgresql":
        import psycopg

        sql = f"SELECT {_COLUMNS} WHERE id > %s ORDER BY id LIMIT %s"  # noqa: S608 (constant)
        cursor, options = psycopg.Cursor(raw), {"binary": True}  # bytea as raw bytes, not hex text
    else:
        sql = f"SELECT {_COLUMNS} WHERE id > ? ORDER BY id LIMIT ?"  # noqa: S608 (constant)
        cursor, options = raw.cursor(), {}
    queue: Queue = Queue(maxsize=2)
    stop = threading.Event()

    def fetch():
        last = 0
        try:
            while not stop.is_set():
                cursor.execute(sql, [last, batch], **options)
                rows = cursor.fetchall()
                queue.put(rows)
                if not rows:
                    return
                last = rows[-1][0]
        except Exception as error:  # noqa: BLE001 — handed to the caller and re-raised there
            queue.put(error)

    worker = threading.Thread(target=fetch, name="journal-verify-fetch", daemon=True)
    worker.start()
    try:
        while True:
            rows = queue.get()
            if isinstance(rows, Exception):
                raise rows
            if not rows:
                return
            yield rows
    finally:
        stop.set()
        while worker.is_alive():  # drain, so a worker blocked on put() can finish
            with contextlib.suppress(Empty):
                queue.get(timeout=0.05)
        worker.join()
        cursor.close()


def _checkpoints() -> dict[int, tuple[str, str, str]]:
    found = {c.seq: (c.hash, c.signature, "数据库") for c in JournalCheckpoint.objects.all()}
    path = getattr(settings, "JOURNAL_CHECKPOINT_FILE", None)
    if path:
        p = Path(path)
        if p.exists():
            for line in p.read_text(encoding="utf-8").splitlines():
                seq, hash_, signature = line.split()
                found.setdefault(int(seq), (hash_, signature, "外部文件"))
                if found[int(seq)][0] != hash_:
                    found[int(seq)] = (hash_, signature, "外部文件")
    return found


def _compare_checkpoints(wanted, hashes_at, count) -> VerifyResult:
    for seq in sorted(wanted):
        hash_, signature, source = wanted[seq]
        if not hmac.compare_digest(signature, sign(seq, hash_)):
            return VerifyResult(False, count, f"checkpoint signature invalid ({source})", seq)
        if seq not in hashes_at:
            return VerifyResult(
                False, count, f"entries up to the checkpoint are missing: tail truncated ({source})", seq
            )
        if hashes_at[seq] != hash_:
            return VerifyResult(False, count, f"hash differs from the signed checkpoint ({source})", seq)
    return VerifyResult(True, count)
