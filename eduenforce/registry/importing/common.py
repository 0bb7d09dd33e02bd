"""What both registry imports share: columns, row errors, the result, and the record of a batch.

Journal choice: a bulk import writes ONE journal entry per file (action ``<app>.import``),
listing the ids it created and, for each updated id, the fields that changed (before/after),
together with the SM3 of the file, which is itself kept (``ImportBatch.file``). The one entry
is hashed into the chain like any other, so what the import did is as tamper-evident as a
per-object entry, and a 50,000-row import costs one chained append instead of 50,000
serialised ones. For each object's timeline, ``ImportBatch.created_ranges`` (runs of created ids)
and ``ImportItem`` rows (updated objects) show the import without reading journal bodies.
"""

import gc
import hashlib
from collections.abc import Callable
from contextlib import contextmanager
from dataclasses import dataclass, field

from django.core.files.base import ContentFile
from django.db import connection
from django.utils import timezone

from eduenforce.core.errors import DomainError
from eduenforce.registry.choices import ImportAction
from eduenforce.registry.models import ImportBatch, ImportItem, id_ranges
from eduenforce.registry.validators import Invalid

MAX_ERRORS = 10_000  # a wholly wrong file stops collecting here; the count still says how many


@dataclass(frozen=True)
class Column:
    header: str
    key: str
    parse: Callable  # raw cell value -> normalised value, or raise Invalid


@dataclass(frozen=True)
class RowError:
    row: int
    column: str
    reason: str

    def __str__(self) -> str:
        return f"第{self.row}行 {self.column}: {self.reason}"


@dataclass
class ImportResult:
    rows: int = 0
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: list[RowError] = field(default_factory=list)
    error_count: int = 0
    dry_run: bool = False
    batch: ImportBatch | None = None

    @property
    def ok(self) -> bool:
        return not self.error_count

    def add_error(self, row: int, column: str, reason: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS:
            self.errors.append(RowError(row, column, reason))

    def summary(self) -> str:
        verb = "校验通过，将" if self.dry_run else "导入完成："
        return f"{verb}新增 {self.created} 条，更新 {self.updated} 条，未变 {self.unchanged} 条（共 {self.rows} 行）"


class ImportRejected(DomainError):
    """Some rows are invalid: nothing was written. ``result.errors`` names each problem."""

    def __init__(self, result: ImportResult):
        super().__init__(f"文件中有 {result.error_count} 处错误，未导入任何数据")
        result.errors.sort(key=lambda e: e.row)  # cell checks and cross-row checks, in sheet order
        self.result = result


@contextmanager
def paused_gc():
    """Pause Python's cyclic garbage collector for a bulk import.

    An import allocates millions of short-lived, acyclic objects (cells, row dicts, tuples);
    the collector would walk the growing heap again and again for nothing (~20 % of the
    import's time). Reference counting still frees everything; collection resumes after.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def parse_rows(rows, columns: list[Column], result: ImportResult) -> list[tuple[int, dict]]:
    """Every cell through its column's parser; the row's values, or errors naming row and column."""
    parsers = [c.parse for c in columns]
    keys = [c.key for c in columns]
    parsed = []
    for row_number, cells in rows:
        try:
            # The common case in one comprehension; a row with a problem is redone cell by cell
            # below so that every problem of the row is reported, not just the first.
            values = [parse(cell) for parse, cell in zip(parsers, cells, strict=False)]  # rows are padded
        except Invalid:
            for column, cell in zip(columns, cells, strict=True):
                try:
                    column.parse(cell)
                except Invalid as e:
                    result.add_error(row_number, column.header, e.reason)
            continue
        parsed.append((row_number, dict(zip(keys, values, strict=False))))
    return parsed


def chunks(items: list, size: int | None = None):
    """Slices small enough for one IN (...) each on this database."""
    size = size or _max_in_list()
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _max_in_list() -> int:
    if connection.vendor == "postgresql":
        return 20_000  # well under the protocol's 65,535 parameters
    if connection.vendor == "sqlite":
        import sqlite3

        connection.ensure_connection()
        try:  # 32,766 since SQLite 3.32; older builds allow 999
            return max(
                900, min(20_000, connection.connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER) - 10)
            )
        except AttributeError:
            return 900
    return 900


def record_batch(
    *,
    kind: str,
    data: bytes,
    file_name: str,
    result: ImportResult,
    by,
    object_type: str,
    created_ids: list[int],
    updated_ids: list[int],
) -> ImportBatch:
    """Keep the file with its SM3 and note which objects it created or updated (in the caller's transaction)."""
    batch = ImportBatch(
        kind=kind,
        file_name=file_name[:200],
        sm3=hashlib.new("sm3", data).hexdigest(),
        rows=result.rows,
        created=result.created,
        updated=result.updated,
        unchanged=result.unchanged,
        by=by if getattr(by, "is_authenticated", False) else None,
        at=timezone.now(),
        created_ranges=id_ranges(created_ids),
    )
    batch.file.save(f"{kind}-{batch.sm3[:16]}.xlsx", ContentFile(data), save=False)
    try:
        batch.save()
        insert_rows(
            ImportItem,
            ["batch_id", "object_type", "object_id", "action"],
            [(batch.pk, object_type, pk, ImportAction.UPDATED) for pk in updated_ids],
        )
    except Exception:
        batch.file.delete(save=False)  # the transaction rolls back; do not leave the file behind
        raise
    return batch


def insert_rows(model, fields: list[str], rows: list[tuple], *, returning: list[str] | None = None):
    """Plain multi-row INSERTs for rows whose values are already database-ready.

    ``bulk_create`` spends ~20 µs a row building and preparing model instances; for the
    import's narrow bookkeeping rows this does the same INSERT at a fraction of the cost.
    Date-time columns go through the backend's adapter (SQLite stores them naive in UTC).
    With ``returning``, returns those columns of the inserted rows where the database can
    (PostgreSQL, SQLite ≥ 3.35), else None.
    """
    if not rows:
        return [] if returning else None
    from django.db import models

    meta = model._meta
    table = connection.ops.quote_name(meta.db_table)
    # get_field accepts attnames too ("batch_id").
    columns = ", ".join(connection.ops.quote_name(meta.get_field(f).column) for f in fields)
    datetime_positions = [
        i for i, f in enumerate(fields) if isinstance(meta.get_field(f), models.DateTimeField)
    ]
    if datetime_positions:
        memo: dict = {}  # an import stamps one "now" on every row: adapt it once

        def adapt(value):
            if value not in memo:
                memo[value] = connection.ops.adapt_datetimefield_value(value)
            return memo[value]

        for i in datetime_positions:
            rows = [row[:i] + (adapt(row[i]),) + row[i + 1 :] for row in rows]
    per_row = "(" + ", ".join(["%s"] * len(fields)) + ")"
    insert = f"INSERT INTO {table} ({columns}) VALUES "  # noqa: S608 (names from the model's meta)
    with connection.cursor() as cursor:
        if not (returning and connection.features.can_return_rows_from_bulk_insert):
            # One prepared statement, executed per row by the driver: the fastest plain path.
            cursor.executemany(insert + per_row, rows)
            return None
        suffix = " RETURNING " + ", ".join(
            connection.ops.quote_name(meta.get_field(f).column) for f in returning
        )
        out: list = []
        step = max(1, 900 // len(fields))
        for start in range(0, len(rows), step):
            part = rows[start : start + step]
            cursor.execute(
                insert + ", ".join([per_row] * len(part)) + suffix, [v for row in part for v in row]
            )
            out.extend(cursor.fetchall())
        return out


def copy_rows_postgresql(model, fields: list[str], rows: list[tuple]) -> list[int]:
    """PostgreSQL: take ids from the table's sequence, then COPY the rows in with them.

    COPY is several times faster than INSERT for tens of thousands of rows but returns nothing,
    so the ids are drawn first (``nextval`` is safe under concurrency: each id is handed out once).
    Returns the ids in the order of ``rows``.
    """
    if not rows:
        return []
    meta = model._meta
    table = meta.db_table
    quote = connection.ops.quote_name
    columns = ", ".join(quote(meta.get_field(f).column) for f in ["id", *fields])
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT nextval(pg_get_serial_sequence(%s, 'id')) FROM generate_series(1, %s)", [table, len(rows)]
        )
        ids = [r[0] for r in cursor.fetchall()]
        # The raw psycopg cursor: its errors (a unique violation) are mapped to Django's here.
        with (
            connection.wrap_database_errors,
            cursor.cursor.copy(f"COPY {quote(table)} ({columns}) FROM STDIN") as copy,
        ):
            for pk, row in zip(ids, rows, strict=True):
                copy.write_row((pk, *row))
    return ids
