"""Re-verify a journal against raw SM3 throughput over the same bytes (target ≥ 0.6).

Builds the journal in a scratch database (SQLite, or PostgreSQL with ``DATABASE_URL``) by a fast bulk
insert of valid entries, gathers planner statistics (``ANALYZE``, as a live database has them), then times
``records.verification.verify`` — the chain, every stored column against the hashed body, the checkpoints,
the anchor and the triggers — against hashing the same bytes alone.
"""

import hashlib
import os

from bench._common import Result, best_of

ENTRIES = int(os.environ.get("BENCH_VERIFY_ENTRIES", "1000000"))


def _build(n: int) -> int:
    from datetime import UTC, datetime

    from django.db import connection

    from eduenforce.records import triggers
    from eduenforce.records.journal import GENESIS, _entry_payload, canonical, sm3
    from eduenforce.records.models import JournalEntry

    triggers.uninstall(connection)
    JournalEntry.objects.all().delete()
    prev, total, batch = GENESIS, 0, []
    at = datetime(2025, 6, 1, tzinfo=UTC)
    for seq in range(1, n + 1):
        changes = {"status": ["filed", "investigating"], "n": seq}
        body = canonical(
            _entry_payload(
                seq,
                at.isoformat(),
                1,
                "张伟",
                "officer",
                "case.investigate",
                "cases.case",
                str(seq),
                changes,
                "",
                "",
            )
        )
        h = sm3(prev.encode() + body)
        batch.append(
            JournalEntry(
                seq=seq,
                at=at,
                actor_id=1,
                actor_name="张伟",
                actor_role="officer",
                action="case.investigate",
                object_type="cases.case",
                object_id=str(seq),
                changes=changes,
                body=body,
                prev_hash=prev,
                hash=h,
            )
        )
        total += len(prev) + len(body)
        prev = h
        if len(batch) == 20_000:
            JournalEntry.objects.bulk_create(batch)
            batch = []
    JournalEntry.objects.bulk_create(batch)
    triggers.install(connection)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE records_journalentry")
    return total


def run() -> Result:
    from django.db import connection
    from django.test.utils import setup_test_environment

    from eduenforce.bench_support import scratch_database
    from eduenforce.records.models import JournalEntry
    from eduenforce.records.verification import verify

    setup_test_environment()
    with scratch_database():
        _build(ENTRIES)
        rows = list(JournalEntry.objects.order_by("seq").values_list("prev_hash", "body"))
        blobs = [p.encode() + bytes(b) for p, b in rows]
        nbytes = sum(map(len, blobs))
        del rows

        def raw_hash():
            for blob in blobs:
                hashlib.new("sm3", blob).hexdigest()

        floor = best_of(2, raw_hash)
        result_box = {}
        elapsed = best_of(2, lambda: result_box.setdefault("r", verify()))
        assert result_box["r"].ok, result_box["r"]
    # throughput ratio = (bytes/elapsed) / (bytes/floor) = floor / elapsed
    return Result(
        "verify",
        floor,
        elapsed,
        0.6,
        higher_is_better=True,
        extra=f"[{connection.vendor}, {ENTRIES} entries, {nbytes / 1e6:.0f} MB, verify {elapsed:.2f}s, "
        f"raw SM3 {floor:.2f}s]",
    )
