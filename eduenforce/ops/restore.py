"""Restore a backup archive into an empty database and an empty file storage, then verify it.

Validate first, write after: the manifest and every member's SM3 are checked in a first pass over
the archive, and the target database and storage are checked to be empty, before anything is
written. Then the dump is loaded, the files are put back through the storage API, the journal
anchor is put back, and the journal and the evidence are verified.

What the journal's owner (``sec``) reads after a restore: the restore appends one journal entry
``ops.restored`` (backup time, the backup's journal head and the last anchor line it carried, the
archive's SM3) and one line to ``journal/restores.log`` beside the anchor file, so an older
legitimate backup restored can be told from a truncated journal.
"""

import hashlib
import json
import subprocess
import tarfile
import tempfile
from pathlib import Path

from django.conf import settings
from django.core.files import File
from django.core.files.storage import default_storage
from django.core.management import call_command
from django.db import connection, transaction
from django.utils import timezone

from eduenforce.ops.backup import (
    CHUNK,
    FORMAT,
    MANIFEST,
    BackupError,
    pg_environment,
    pg_program,
    sm3_file,
    walk_storage,
)


def read_manifest(archive_path: Path) -> dict:
    try:
        with tarfile.open(archive_path, "r:") as archive:
            try:
                member = archive.getmember(MANIFEST)
            except KeyError:
                raise BackupError(
                    f"{archive_path} 不是完整的备份：缺少清单 {MANIFEST}（可能是中断的备份）"
                ) from None
            manifest = json.loads(archive.extractfile(member).read())
    except (tarfile.TarError, EOFError, OSError) as error:
        raise BackupError(f"{archive_path} 不是完整的备份文件：{error}") from None
    if manifest.get("format") != FORMAT:
        raise BackupError(f"备份格式 {manifest.get('format')!r} 不受支持（应为 {FORMAT}）")
    return manifest


def check_archive(archive_path: Path, manifest: dict) -> None:
    """Every member hashes to what the manifest says; nothing is missing or added."""
    expected = manifest["members"]
    seen = set()
    with tarfile.open(archive_path, "r:") as archive:
        for member in archive:
            if member.name == MANIFEST:
                continue
            if member.name not in expected or not member.isfile():
                raise BackupError(f"备份中有清单未列出的内容：{member.name}")
            digest = hashlib.new("sm3")
            source = archive.extractfile(member)
            while data := source.read(CHUNK):
                digest.update(data)
            if digest.hexdigest() != expected[member.name]["sm3"]:
                raise BackupError(f"备份内容 {member.name} 的 SM3 杂凑值与清单不符，备份已损坏或被改动")
            seen.add(member.name)
    missing = set(expected) - seen
    if missing:
        raise BackupError(f"备份缺少清单列出的内容：{', '.join(sorted(missing)[:5])}")


def refuse_non_empty_target(manifest: dict) -> None:
    if manifest["database"] != connection.vendor:
        raise BackupError(
            f"备份来自 {manifest['database']} 数据库，当前配置的是 {connection.vendor}，不能直接恢复"
        )
    tables = connection.introspection.table_names()
    if tables:
        raise BackupError(
            f"目标数据库不是空的（已有 {len(tables)} 张表，例如 {tables[0]}）：恢复只写入新建的空数据库，"
            "请新建数据库（不要运行 migrate）后再恢复"
        )
    existing = next(walk_storage(), None)
    if existing is not None:
        raise BackupError(f"目标文件存储不是空的（例如 {existing}）：请使用新的数据目录或存储")


def _load_database(archive: tarfile.TarFile, manifest: dict) -> None:
    name = "database/db.dump" if manifest["database"] == "postgresql" else "database/db.sqlite3"
    source = archive.extractfile(name)
    if manifest["database"] == "postgresql":
        with tempfile.NamedTemporaryFile(suffix=".dump") as dump:
            while data := source.read(CHUNK):
                dump.write(data)
            dump.flush()
            result = subprocess.run(  # noqa: S603 (fixed program, arguments built here)
                [
                    pg_program("pg_restore"),
                    "--no-owner",
                    "--no-acl",
                    "--exit-on-error",
                    "-d",
                    connection.settings_dict["NAME"],
                    dump.name,
                ],
                env=pg_environment(connection.settings_dict),
                capture_output=True,
                text=True,
            )
        if result.returncode != 0:
            raise BackupError(f"pg_restore 失败：{result.stderr.strip()}")
    else:
        connection.close()
        target = Path(connection.settings_dict["NAME"])
        for suffix in ("-wal", "-shm"):
            Path(f"{target}{suffix}").unlink(missing_ok=True)
        with target.open("wb") as out:
            while data := source.read(CHUNK):
                out.write(data)
    connection.close()


def _restore_files(archive: tarfile.TarFile) -> int:
    count = 0
    for member in archive:
        if not member.name.startswith("files/"):
            continue
        name = member.name.removeprefix("files/")
        saved = default_storage.save(name, File(archive.extractfile(member), name=name))
        if saved != name:
            raise BackupError(f"文件 {name} 恢复后名称变为 {saved}，存储不是空的")
        count += 1
    return count


def anchor_path() -> Path | None:
    path = getattr(settings, "JOURNAL_ANCHOR_FILE", None) or getattr(
        settings, "JOURNAL_CHECKPOINT_FILE", None
    )
    return Path(path) if path else None


def _restore_anchor(archive: tarfile.TarFile, manifest: dict, archive_sm3: str) -> str:
    """Never overwrite the live anchor (an old anchor put back would hide a truncation, see sec's note in
    NOTES.md): the archive's copy is kept beside it for reference, and the restore is noted."""
    path = anchor_path()
    if path is None:
        return "未配置外部锚定文件"
    path.parent.mkdir(parents=True, exist_ok=True)
    journal = manifest["journal"]
    with (path.parent / "restores.log").open("a", encoding="utf-8") as log:
        log.write(
            f"{timezone.now().isoformat()} restored backup={manifest['created_at']} "
            f"head={journal['head_seq']} {journal['head_hash'] or '-'} archive_sm3={archive_sm3}\n"
        )
    copy = path.parent / f"anchor-in-backup-{manifest['created_at'][:19].replace(':', '')}.log"
    copy.write_bytes(archive.extractfile("journal/checkpoints.log").read())
    return f"备份中的锚定记录已另存为 {copy}（现有外部锚定文件不被覆盖）"


def _mark_restore(manifest: dict, archive_sm3: str) -> None:
    """Tell the journal's anchor that this shorter journal is a restored backup, not a truncation.

    ``records.anchor.mark_restore`` is the journal owner's (sec's) entry point; until it exists the
    restore entry in the journal and ``restores.log`` are the record."""
    try:
        from eduenforce.records import anchor  # type: ignore[attr-defined]
    except ImportError:
        return
    anchor.mark_restore(note=f"backup {manifest['created_at']} archive_sm3={archive_sm3}")


def _check_head(manifest: dict) -> None:
    from eduenforce.records.models import JournalEntry

    last = JournalEntry.objects.order_by("-seq").values_list("seq", "hash").first() or (0, "")
    journal = manifest["journal"]
    if (last[0], last[1]) != (journal["head_seq"], journal["head_hash"]):
        raise BackupError(
            f"恢复后的日志末条（{last[0]}）与备份清单（{journal['head_seq']}）不一致，备份与清单不匹配"
        )


def restore(archive_path: Path, log=print) -> dict:
    archive_path = Path(archive_path)
    manifest = read_manifest(archive_path)
    check_archive(archive_path, manifest)
    archive_sm3 = sm3_file(archive_path)
    log(
        f"备份清单与 {len(manifest['members'])} 项内容的 SM3 杂凑值核对一致（备份时间 {manifest['created_at']}）"
    )
    refuse_non_empty_target(manifest)
    with tarfile.open(archive_path, "r:") as archive:
        _load_database(archive, manifest)
        log("数据库已恢复")
        files = _restore_files(archive)
        log(f"文件已恢复：{files} 个")
        log(_restore_anchor(archive, manifest, archive_sm3))
    _check_head(manifest)
    _mark_restore(manifest, archive_sm3)
    return _verify_and_record(manifest, archive_sm3, files, log)


def _verify_and_record(manifest: dict, archive_sm3: str, files: int, log) -> dict:
    from eduenforce.records.journal import append
    from eduenforce.records.verification import verify

    result = verify()
    log(f"verify-journal: {result}")
    if not result.ok:
        raise BackupError(f"恢复后的执法记录日志校验未通过：{result}")
    journal = manifest["journal"]
    with transaction.atomic():
        append(
            actor=None,
            action="ops.restored",
            changes={
                "backup_created_at": manifest["created_at"],
                "backup_head_seq": journal["head_seq"],
                "backup_head_hash": journal["head_hash"],
                "backup_anchor_last": journal["anchor_last"],
                "archive_sm3": archive_sm3,
                "files": files,
            },
        )
    call_command(
        "verify_evidence", stdout=_Log(log, "verify-evidence: "), stderr=_Log(log, "verify-evidence: ")
    )
    return {
        "journal_entries": result.count,
        "files": files,
        "evidence_files": manifest["counts"]["evidence_files"],
    }


class _Log:
    """A stdout for call_command that forwards each line to ``log``."""

    def __init__(self, log, prefix: str):
        self.log, self.prefix = log, prefix

    def write(self, text: str) -> None:
        for line in text.splitlines():
            if line.strip():
                self.log(self.prefix + line)

    def flush(self) -> None:
        pass
