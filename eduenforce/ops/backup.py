"""One backup archive: a consistent database dump, the stored files, the journal anchor, a manifest.

The archive is a plain tar (the dump is compressed by pg_dump, photos and video do not compress):

    manifest.json            format, time, database vendor, journal head, counts, every member's SM3
    database/db.dump         PostgreSQL: ``pg_dump -Fc`` of one exported snapshot
    database/db.sqlite3      SQLite: the online backup API's copy
    journal/checkpoints.log  the external anchor of the journal checkpoints, as it was
    files/<storage name>     every file of the default storage (evidence, documents, photos)

Consistency: on PostgreSQL the journal head in the manifest is read in the same snapshot that
pg_dump exports (``pg_export_snapshot``), so the manifest describes exactly the dumped rows. The
anchor file is read before the snapshot, so every line in it names an entry the dump holds. Files
are listed after the snapshot: every file a dumped row names was stored before its row committed.

The archive is written under a temporary name beside the target (``.<name>.partial``), flushed to
disk and renamed only when complete, so a backup killed half-way never leaves a file that looks
like a backup; and the manifest is the last member, so a truncated archive has none.
"""

import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.core.files.storage import default_storage
from django.db import connection
from django.utils import timezone

FORMAT = "eduenforce-backup/1"
MANIFEST = "manifest.json"
CHUNK = 1024 * 1024


class BackupError(Exception):
    """A refused or failed backup/restore; the message is for the operator."""


def sm3_file(path: Path) -> str:
    digest = hashlib.new("sm3")
    with path.open("rb") as f:
        while data := f.read(CHUNK):
            digest.update(data)
    return digest.hexdigest()


@dataclass
class Head:
    seq: int
    hash: str
    entries: int
    evidence: int


def pg_program(name: str) -> str:
    """The full path of a PostgreSQL client program (Debian's postgresql-client)."""
    path = shutil.which(name)
    if path is None:
        raise BackupError(f"找不到 {name}：请安装与服务器版本一致的 postgresql-client")
    return path


def pg_environment(settings_dict: dict) -> dict:
    """libpq variables for pg_dump/pg_restore from Django's connection settings."""
    env = {**os.environ}
    for key, var in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if settings_dict.get(key):
            env[var] = str(settings_dict[key])
    env["PGDATABASE"] = settings_dict["NAME"]
    if settings_dict.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = settings_dict["OPTIONS"]["sslmode"]
    return env


_HEAD_SQL = (
    "SELECT (SELECT seq FROM records_journalentry ORDER BY seq DESC LIMIT 1),"
    " (SELECT hash FROM records_journalentry ORDER BY seq DESC LIMIT 1),"
    " (SELECT count(*) FROM records_journalentry), (SELECT count(*) FROM records_evidencefile)"
)


def _head(cursor) -> Head:
    cursor.execute(_HEAD_SQL)
    seq, hash_, entries, evidence = cursor.fetchone()
    return Head(seq or 0, hash_ or "", entries, evidence)


def _dump_postgresql(target: Path) -> Head:
    """pg_dump of one snapshot; the head is read in that same snapshot."""
    raw = connection.get_new_connection(connection.get_connection_params())
    try:
        raw.autocommit = False
        with raw.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            cursor.execute("SELECT pg_export_snapshot()")
            snapshot = cursor.fetchone()[0]
            head = _head(cursor)
            result = subprocess.run(  # noqa: S603 (fixed program, arguments built here)
                [
                    pg_program("pg_dump"),
                    "-Fc",
                    "--no-owner",
                    "--no-acl",
                    f"--snapshot={snapshot}",
                    "-f",
                    str(target),
                ],
                env=pg_environment(connection.settings_dict),
                capture_output=True,
                text=True,
            )
        raw.rollback()
    finally:
        raw.close()
    if result.returncode != 0:
        raise BackupError(f"pg_dump 失败：{result.stderr.strip()}")
    return head


def _dump_sqlite(target: Path) -> Head:
    """SQLite's online backup API: a consistent copy while others keep writing."""
    connection.ensure_connection()
    destination = sqlite3.connect(target)
    try:
        connection.connection.backup(destination)
        head = _head(destination.cursor())
    finally:
        destination.close()
    return head


def walk_storage(folder: str = ""):
    """Every file name in the default storage (works for the local folder and S3 alike)."""
    try:
        folders, files = default_storage.listdir(folder)
    except FileNotFoundError:
        return
    for name in sorted(files):
        yield f"{folder}/{name}" if folder else name
    for sub in sorted(folders):
        yield from walk_storage(f"{folder}/{sub}" if folder else sub)


class _HashingWriter:
    """Counts and SM3-hashes what tarfile copies into the archive."""

    def __init__(self, source):
        self.source, self.digest, self.size = source, hashlib.new("sm3"), 0

    def read(self, size=-1):
        data = self.source.read(size)
        self.digest.update(data)
        self.size += len(data)
        return data


def _add_stream(archive: tarfile.TarFile, name: str, source, size: int) -> str:
    info = tarfile.TarInfo(name)
    info.size, info.mtime, info.mode = size, int(time.time()), 0o640
    reader = _HashingWriter(source)
    archive.addfile(info, reader)
    if reader.size != size:
        raise BackupError(f"文件 {name} 在备份过程中发生变化（{size} → {reader.size} 字节）")
    return reader.digest.hexdigest()


def _add_path(archive: tarfile.TarFile, name: str, path: Path) -> str:
    with path.open("rb") as f:
        return _add_stream(archive, name, f, path.stat().st_size)


def _anchor_lines() -> list[str]:
    path = getattr(settings, "JOURNAL_ANCHOR_FILE", None) or getattr(
        settings, "JOURNAL_CHECKPOINT_FILE", None
    )
    if path and Path(path).exists():
        return Path(path).read_text(encoding="utf-8").splitlines()
    return []


def create(output: Path, log=print) -> dict:
    """Write the archive to ``output`` (atomically); returns the manifest."""
    output = Path(output).resolve()
    output.parent.mkdir(parents=True, exist_ok=True)
    partial = output.with_name(f".{output.name}.partial")
    members: dict[str, dict] = {}
    anchor = _anchor_lines()  # before the snapshot: every anchored entry is in the dump
    with tempfile.TemporaryDirectory(prefix="eduenforce-backup-") as tmp:
        if connection.vendor == "postgresql":
            dump, dump_name = Path(tmp) / "db.dump", "database/db.dump"
            head = _dump_postgresql(dump)
        else:
            dump, dump_name = Path(tmp) / "db.sqlite3", "database/db.sqlite3"
            head = _dump_sqlite(dump)
        log(f"数据库已导出：日志 {head.entries} 条（最新序号 {head.seq}），证据文件 {head.evidence} 个")
        try:
            with (
                partial.open("wb") as f,
                tarfile.open(fileobj=f, mode="w", format=tarfile.PAX_FORMAT) as archive,
            ):
                members[dump_name] = {"size": dump.stat().st_size, "sm3": _add_path(archive, dump_name, dump)}
                anchor_bytes = "".join(f"{line}\n" for line in anchor).encode()
                members["journal/checkpoints.log"] = {
                    "size": len(anchor_bytes),
                    "sm3": _add_stream(
                        archive, "journal/checkpoints.log", io.BytesIO(anchor_bytes), len(anchor_bytes)
                    ),
                }
                files = 0
                for name in walk_storage():
                    size = default_storage.size(name)
                    with default_storage.open(name, "rb") as source:
                        digest = _add_stream(archive, f"files/{name}", source, size)
                    members[f"files/{name}"] = {"size": size, "sm3": digest}
                    files += 1
                manifest = _manifest(head, anchor, members, files)
                body = json.dumps(manifest, ensure_ascii=False, indent=1, sort_keys=True).encode()
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(body), int(time.time()), 0o640
                archive.addfile(info, io.BytesIO(body))
                f.flush()
                os.fsync(f.fileno())
            os.replace(partial, output)
            _fsync_dir(output.parent)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    log(f"备份完成：{output}（文件 {files} 个，{output.stat().st_size} 字节）")
    return manifest


def _manifest(head: Head, anchor: list[str], members: dict, files: int) -> dict:
    return {
        "format": FORMAT,
        "created_at": timezone.now().isoformat(),
        "database": connection.vendor,
        "journal": {
            "head_seq": head.seq,
            "head_hash": head.hash,
            "entries": head.entries,
            "anchor_last": anchor[-1] if anchor else "",
        },
        "counts": {"journal_entries": head.entries, "evidence_files": head.evidence, "stored_files": files},
        "members": members,
    }


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def copy_stream(source, target) -> None:
    shutil.copyfileobj(source, target, CHUNK)
