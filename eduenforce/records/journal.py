"""The one journal writer every state change in the project calls, and its verifier.

``append`` runs inside the caller's transaction, so a business change and its journal
entry commit together or not at all (fail-closed). Appends are serialised (an advisory
lock on PostgreSQL, ``BEGIN IMMEDIATE`` on SQLite) so the chain never forks.
"""

import hashlib
from datetime import UTC, date, datetime
from decimal import Decimal

import orjson
from django.db import connection, transaction
from django.db.models import Model
from django.utils import timezone

from eduenforce.core.middleware import current_ip, current_request_id
from eduenforce.records import anchor
from eduenforce.records.models import JournalCheckpoint, JournalEntry

GENESIS = "0" * 64
_LOCK_KEY = 7_320_251  # any constant shared by every writer of this database
# A signed checkpoint every this many entries. A constant, not a setting: an administrator who could
# set it to a billion would turn the checkpoints off (issue 21). The head is anchored after every commit.
CHECKPOINT_EVERY = 100


def sm3(data: bytes) -> str:
    return hashlib.new("sm3", data).hexdigest()


def _json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, Model):
        return value.pk
    if isinstance(value, set | frozenset):
        return sorted(value)
    return str(value)


def to_json_value(value):
    """Normalise to plain JSON types, so what is stored is exactly what was hashed."""
    return orjson.loads(orjson.dumps(value, default=_json_default))


def canonical(payload: dict) -> bytes:
    return orjson.dumps(payload, option=orjson.OPT_SORT_KEYS, default=_json_default)


def snapshot(obj: Model, fields) -> dict:
    """The named fields of ``obj`` as JSON values (foreign keys by id)."""
    out = {}
    for name in fields:
        field = obj._meta.get_field(name)
        value = getattr(obj, field.attname)
        if isinstance(value, datetime | date):
            value = value.isoformat()
        out[name] = value
    return to_json_value(out)


def diff(before: dict, after: dict) -> dict:
    """Only what changed, as ``{field: [before, after]}``."""
    return {k: [before.get(k), after.get(k)] for k in after if before.get(k) != after.get(k)}


def _serialise_writers() -> None:
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [_LOCK_KEY])


def _entry_payload(
    seq, at, actor_id, actor_name, role, action, object_type, object_id, changes, request_id, ip
):
    return {
        "seq": seq,
        "at": at,
        "actor_id": actor_id,
        "actor": actor_name,
        "role": role,
        "action": action,
        "object_type": object_type,
        "object_id": object_id,
        "changes": changes,
        "request_id": request_id,
        "ip": ip,
    }


@transaction.atomic
def append(
    *,
    actor,
    action: str,
    obj: Model | None = None,
    changes: dict | None = None,
    object_type: str = "",
    object_id: str = "",
) -> JournalEntry:
    """Write one journal entry in the current transaction and return it."""
    _serialise_writers()
    last = JournalEntry.objects.order_by("-seq").values_list("seq", "hash").first()
    seq, prev_hash = (last[0] + 1, last[1]) if last else (1, GENESIS)
    at = timezone.now().astimezone(UTC)
    actor_id = actor.pk if getattr(actor, "is_authenticated", False) else None
    actor_name = (getattr(actor, "name", "") or getattr(actor, "username", "")) if actor_id else ""
    role = getattr(actor, "role", "") if actor_id else ""
    if obj is not None:
        object_type, object_id = obj._meta.label_lower, str(obj.pk)
    changes = to_json_value(changes or {})
    body = canonical(
        _entry_payload(
            seq,
            at.isoformat(),
            actor_id,
            actor_name,
            role,
            action,
            object_type,
            object_id,
            changes,
            current_request_id.get(),
            current_ip.get(),
        )
    )
    entry = JournalEntry.objects.create(
        seq=seq,
        at=at,
        actor_id=actor_id,
        actor_name=actor_name,
        actor_role=role,
        action=action,
        object_type=object_type,
        object_id=object_id,
        changes=changes,
        request_id=current_request_id.get(),
        ip=current_ip.get(),
        body=body,
        prev_hash=prev_hash,
        hash=sm3(prev_hash.encode() + body),
    )
    if seq % CHECKPOINT_EVERY == 0:
        write_checkpoint(entry)
    anchor.schedule_head_anchor()
    return entry


def sign(seq: int, hash_: str) -> str:
    return anchor.sign_checkpoint(seq, hash_)


def write_checkpoint(entry: JournalEntry | None = None) -> JournalCheckpoint | None:
    """Sign the current head (or ``entry``) and anchor it outside the database too."""
    entry = entry or JournalEntry.objects.order_by("-seq").first()
    if entry is None:
        return None
    checkpoint, created = JournalCheckpoint.objects.get_or_create(
        seq=entry.seq,
        defaults={"hash": entry.hash, "at": timezone.now(), "signature": sign(entry.seq, entry.hash)},
    )
    if created and anchor.anchor_path() is not None:
        transaction.on_commit(lambda: _anchor(checkpoint), robust=True)
        anchor.schedule_head_anchor()
    return checkpoint


def _anchor(checkpoint: JournalCheckpoint) -> None:
    anchor.anchor_checkpoint(checkpoint.seq, checkpoint.hash, checkpoint.signature)
