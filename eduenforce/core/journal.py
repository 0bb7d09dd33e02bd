"""The journal as core writes to it. The journal belongs to ``records``, a floor above core, so
core's own state changes (settings, the calendar, deadline rules, refused authorisations) write
through these hooks; ``records`` provides them in ``RecordsConfig.ready()``. Every other app
imports ``records.journal`` directly."""

from typing import Any

from django.db.models import Model

from eduenforce.core import hooks


@hooks.declare(provider="records")
def append(*, actor: Any, action: str, obj: Model | None = None, changes: dict | None = None) -> Any:
    """Write one journal entry in the current transaction (``records.journal.append``)."""


@hooks.declare(provider="records")
def snapshot(obj: Model, fields: Any) -> dict:
    """The named fields of ``obj`` as JSON values (``records.journal.snapshot``)."""
