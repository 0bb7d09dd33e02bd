"""Backup → restore into a fresh database and data folder → verify; interrupted backups never look complete."""

import io
import os
import signal
import sqlite3
import subprocess
import sys
import tarfile
import time
import uuid
from pathlib import Path

import psycopg
import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage, default_storage
from django.core.management import call_command
from django.db import connection, transaction
from PIL import Image

from eduenforce.complaints.tests.factories import make_complaint
from eduenforce.ops import backup
from eduenforce.ops.tests.servers import database_url
from eduenforce.records import evidence
from eduenforce.records.journal import append, write_checkpoint
from eduenforce.registry.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db(transaction=True)


def _png(colour) -> ContentFile:
    buffer = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(buffer, "PNG")
    return ContentFile(buffer.getvalue(), name="现场照片.png")


@pytest.fixture
def source(tmp_path, settings):
    """A data folder of its own (files and journal anchor) for the installation being backed up."""
    folder = tmp_path / "source"
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": str(folder / "files")},
        },
    }
    settings.JOURNAL_CHECKPOINT_FILE = folder / "journal" / "checkpoints.log"
    return folder


@pytest.fixture
def rich_data(source, sec_admin):
    institutions = InstitutionFactory.create_batch(12)
    make_complaint(named=True, institution=institutions[0])
    stored = [evidence.store(_png(c), owner=institutions[0], by=sec_admin) for c in ("red", "blue")]
    for i in range(5):
        append(actor=sec_admin, action="ops.test_event", changes={"n": i})
    with transaction.atomic():
        write_checkpoint()
    return {"institutions": len(institutions), "evidence": stored}


def _fresh_target(tmp_path) -> dict:
    """Environment of a new installation: an empty data folder and, on PostgreSQL, an empty database."""
    folder = tmp_path / f"restored-{uuid.uuid4().hex[:6]}"
    env = {k: v for k, v in os.environ.items() if not k.startswith(("EDUENFORCE_", "DATABASE_URL"))}
    env.update(
        EDUENFORCE_DEMO="1", EDUENFORCE_DATA_DIR=str(folder), DJANGO_SETTINGS_MODULE="eduenforce.settings"
    )
    if connection.vendor == "postgresql":
        name = f"{connection.settings_dict['NAME']}_r{uuid.uuid4().hex[:6]}"
        with psycopg.connect(database_url().rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
            admin.execute(f'CREATE DATABASE "{name}"')
        env["DATABASE_URL"] = database_url().rsplit("/", 1)[0] + f"/{name}"
    return env


@pytest.fixture
def target(tmp_path):
    env = _fresh_target(tmp_path)
    yield env
    if "DATABASE_URL" in env:
        name = env["DATABASE_URL"].rsplit("/", 1)[1]
        with psycopg.connect(database_url().rsplit("/", 1)[0] + "/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _eduenforce(env, *args) -> subprocess.CompletedProcess:
    return subprocess.run(  # noqa: S603
        [sys.executable, "-m", "eduenforce.cli", *args], env=env, capture_output=True, text=True, timeout=300
    )


def _count(env, sql: str) -> int:
    if "DATABASE_URL" in env:
        with psycopg.connect(env["DATABASE_URL"]) as db:
            return db.execute(sql).fetchone()[0]
    with sqlite3.connect(Path(env["EDUENFORCE_DATA_DIR"]) / "eduenforce.sqlite3") as db:
        return db.execute(sql).fetchone()[0]


def test_a_backup_restores_into_a_fresh_installation_and_verifies(rich_data, target, tmp_path):
    archive = tmp_path / "backup.tar"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    entries = _journal_count()

    result = _eduenforce(target, "restore", str(archive))

    assert result.returncode == 0, result.stdout + result.stderr
    assert f"verify-journal: OK {entries} entries" in result.stdout
    assert "verify-evidence: OK 2 evidence files" in result.stdout
    assert _count(target, "SELECT count(*) FROM registry_institution") == rich_data["institutions"]
    assert _count(target, "SELECT count(*) FROM complaints_complaint") == 1
    restored_files = Path(target["EDUENFORCE_DATA_DIR"]) / "files"
    for stored in rich_data["evidence"]:
        assert (restored_files / stored.storage_name).read_bytes() == default_storage.open(
            stored.storage_name
        ).read()
    journal = Path(target["EDUENFORCE_DATA_DIR"]) / "journal"
    # The anchor carried by the backup is kept for reference, never installed as the live anchor.
    (kept,) = journal.glob("anchor-in-backup-*.log")
    assert kept.read_text() == backup._anchor_lines()[0] + "\n"
    assert f"head={entries} " in (journal / "restores.log").read_text()
    # The restore is itself on the record.
    assert _count(target, "SELECT count(*) FROM records_journalentry WHERE action = 'ops.restored'") == 1


def _journal_count() -> int:
    from eduenforce.records.models import JournalEntry

    return JournalEntry.objects.count()


def test_restoring_into_a_database_that_is_not_empty_is_refused(rich_data, target, tmp_path):
    archive = tmp_path / "backup.tar"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    assert _eduenforce(target, "restore", str(archive)).returncode == 0

    again = _eduenforce(target, "restore", str(archive))

    assert again.returncode != 0
    assert "目标数据库不是空的" in again.stderr


def test_a_tampered_archive_is_refused_before_anything_is_written(rich_data, target, tmp_path):
    archive = tmp_path / "backup.tar"
    call_command("backup", output=str(archive), stdout=io.StringIO())
    tampered = tmp_path / "tampered.tar"
    with tarfile.open(archive) as original, tarfile.open(tampered, "w") as out:
        for member in original:
            data = original.extractfile(member).read()
            if member.name.startswith("files/"):
                data = data[:-1] + bytes([data[-1] ^ 1])
            out.addfile(member, io.BytesIO(data))

    result = _eduenforce(target, "restore", str(tampered))

    assert result.returncode != 0
    assert "SM3 杂凑值与清单不符" in result.stderr
    assert not (Path(target["EDUENFORCE_DATA_DIR"]) / "files").exists()


def test_a_backup_interrupted_half_way_leaves_no_archive(rich_data, tmp_path, monkeypatch):
    archive = tmp_path / "backup.tar"

    def fail(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(FileSystemStorage, "open", fail)  # while copying the files
    with pytest.raises(KeyboardInterrupt):
        call_command("backup", output=str(archive), stdout=io.StringIO())
    assert list(tmp_path.glob("*backup.tar*")) == []


def test_a_backup_killed_half_way_leaves_nothing_that_looks_complete(source, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("the backup process must open the test database from outside (in-memory SQLite)")
    big = source / "files" / "evidence" / "big.bin"
    big.parent.mkdir(parents=True)
    with big.open("wb") as f:
        for _ in range(300):
            f.write(os.urandom(1024 * 1024))
    archive = tmp_path / "out" / "backup.tar"
    partial = archive.with_name(".backup.tar.partial")
    env = {**os.environ, "DATABASE_URL": database_url(), "EDUENFORCE_DATA_DIR": str(source)}
    process = subprocess.Popen(  # noqa: S603
        [sys.executable, "-m", "eduenforce.cli", "backup", "--output", str(archive)], env=env
    )
    deadline = time.monotonic() + 120
    while not (partial.exists() and partial.stat().st_size > 20 * 1024 * 1024):
        assert process.poll() is None, "the backup finished before it could be interrupted"
        assert time.monotonic() < deadline
        time.sleep(0.01)
    process.send_signal(signal.SIGKILL)
    process.wait()

    assert not archive.exists()
    with pytest.raises(backup.BackupError, match="不是完整的备份"):
        from eduenforce.ops.restore import read_manifest

        read_manifest(partial)
