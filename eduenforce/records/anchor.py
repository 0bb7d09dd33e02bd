"""The journal's anchor outside the database: what an attacker with only database rights cannot rewrite.

Two files in the data folder (``settings.JOURNAL_ANCHOR_FILE`` and a ``head`` file beside it):

``head``             one line, the journal head after the last commit: ``seq hash at signature``.
                     Replaced atomically after every commit that appended entries (``transaction.on_commit``),
                     never moved backwards except by :func:`mark_restore`. Deleting the entries after the
                     last checkpoint therefore no longer verifies: the head names an entry that is gone.
``checkpoints.log``  append-only: every signed checkpoint (``seq hash signature``, one every
                     ``journal.CHECKPOINT_EVERY`` entries, a constant in code) and every restore of a backup
                     (``restore seq hash at signature note``), so a shorter journal after a legitimate restore
                     is told apart from a truncation.

Every line is signed with HMAC-SM3 under ``settings.JOURNAL_SIGNING_KEY`` (``EDUENFORCE_JOURNAL_KEY`` or
``EDUENFORCE_JOURNAL_KEY_FILE``), which the database never holds. Writers take an exclusive ``flock`` on the
log, so several web processes keep the head monotonic.
"""

import fcntl
import hmac
import os
import re
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from django.conf import settings
from django.db import connection, transaction
from django.utils import timezone

_NOTE_UNSAFE = re.compile(r"\s+")


def anchor_path() -> Path | None:
    path = getattr(settings, "JOURNAL_ANCHOR_FILE", None) or getattr(
        settings, "JOURNAL_CHECKPOINT_FILE", None
    )
    return Path(path) if path else None


def head_path() -> Path | None:
    path = anchor_path()
    return path.with_name("head") if path else None


def _sign(text: str) -> str:
    return hmac.new(settings.JOURNAL_SIGNING_KEY.encode(), text.encode(), "sm3").hexdigest()


def sign_checkpoint(seq: int, hash_: str) -> str:
    return _sign(f"{seq}|{hash_}")


def _sign_head(seq: int, hash_: str, at: str) -> str:
    return _sign(f"head|{seq}|{hash_}|{at}")


def _sign_restore(seq: int, hash_: str, at: str, note: str) -> str:
    return _sign(f"restore|{seq}|{hash_}|{at}|{note}")


@dataclass(frozen=True)
class Line:
    kind: str  # "checkpoint", "restore" or "head"
    seq: int
    hash: str
    signature_ok: bool
    at: str = ""
    note: str = ""
    position: int = 0  # line number in the log (0 for the head)


@contextmanager
def _locked():
    path = anchor_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_name(".anchor.lock").open("a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield path
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _append_line(text: str) -> None:
    with _locked() as path, path.open("a", encoding="utf-8") as f:
        f.write(text + "\n")
        f.flush()
        os.fsync(f.fileno())


def _replace_head(seq: int, hash_: str) -> None:
    at = timezone.now().isoformat()
    head = head_path()
    partial = head.with_name(".head.partial")
    partial.write_text(f"{seq} {hash_} {at} {_sign_head(seq, hash_, at)}\n", encoding="utf-8")
    os.replace(partial, head)


def anchor_checkpoint(seq: int, hash_: str, signature: str) -> None:
    if anchor_path() is not None:
        _append_line(f"{seq} {hash_} {signature}")


def anchor_head() -> None:
    """After a commit: move the anchored head forward to the journal's committed head."""
    if anchor_path() is None:
        return
    from eduenforce.records.models import JournalEntry

    last = JournalEntry.objects.order_by("-seq").values_list("seq", "hash").first()
    if last is None:
        return
    with _locked():
        current = read_head()
        if current is not None and current.signature_ok and current.seq >= last[0]:
            return
        _replace_head(*last)


def schedule_head_anchor() -> None:
    """Called by ``journal.append``: one anchoring of the head per outermost transaction."""
    if anchor_path() is None:
        return
    if any(func is anchor_head for _sids, func, _robust in connection.run_on_commit):
        return
    transaction.on_commit(anchor_head, robust=True)


def mark_restore(note: str = "") -> Line | None:
    """Record that the journal now in the database is a restored backup, not a truncation.

    Called by ``eduenforce restore`` (ops) once the dump is loaded: the restored head is signed into the
    log as a restore and becomes the anchored head, so verification reports the restore (and what the
    earlier history held beyond it) instead of a deleted tail. Grants the application's database role
    again (the restored tables belong to whoever restored them).
    """
    from eduenforce.records import dbroles
    from eduenforce.records.models import JournalEntry

    dbroles.grant_app_role()
    if anchor_path() is None:
        return None
    seq, hash_ = JournalEntry.objects.order_by("-seq").values_list("seq", "hash").first() or (0, "-")
    at = timezone.now().isoformat()
    note = _NOTE_UNSAFE.sub("_", note.strip())[:300] or "-"
    with _locked() as path:
        with path.open("a", encoding="utf-8") as f:
            f.write(f"restore {seq} {hash_} {at} {_sign_restore(seq, hash_, at, note)} {note}\n")
            f.flush()
            os.fsync(f.fileno())
        _replace_head(seq, hash_)
    return Line("restore", seq, hash_, True, at, note)


def read_log() -> list[Line] | None:
    """The log's lines in order (``None`` when nothing was ever anchored). A line that does not
    parse is returned with ``signature_ok=False`` so verification names it."""
    path = anchor_path()
    if path is None or not path.exists():
        return None
    lines = []
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        parts = text.split()
        if not parts:
            continue
        try:
            if parts[0] == "restore":
                _, seq, hash_, at, signature, note = parts
                ok = hmac.compare_digest(signature, _sign_restore(int(seq), hash_, at, note))
                lines.append(Line("restore", int(seq), hash_, ok, at, note, number))
            else:
                seq, hash_, signature = parts
                ok = hmac.compare_digest(signature, sign_checkpoint(int(seq), hash_))
                lines.append(Line("checkpoint", int(seq), hash_, ok, position=number))
        except ValueError:
            lines.append(Line("checkpoint", 0, "", False, position=number))
    return lines


def read_head() -> Line | None:
    path = head_path()
    if path is None or not path.exists():
        return None
    try:
        seq, hash_, at, signature = path.read_text(encoding="utf-8").split()
        ok = hmac.compare_digest(signature, _sign_head(int(seq), hash_, at))
        return Line("head", int(seq), hash_, ok, at)
    except ValueError:
        return Line("head", 0, "", False)
