"""An institution's timeline: its journal entries, the imports that touched it, and whatever
other apps add (inspections, cases) through ``register``.

    from eduenforce.registry import timeline
    timeline.register(lambda institution, user: [timeline.Item(at=…, title="检查", text="…", url=…)])
"""

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime

from eduenforce.records.models import JournalEntry
from eduenforce.registry.choices import ImportKind, InstitutionKind, InstitutionStatus, RiskClass
from eduenforce.registry.models import ImportBatch, ImportItem, Institution

OBJECT_TYPE = "registry.institution"
LIMIT = 200


@dataclass
class Item:
    at: datetime
    title: str
    text: str = ""
    actor: str = ""
    url: str = ""
    changes: list[tuple[str, str, str]] = field(default_factory=list)


_SOURCES: list[Callable] = []


def register(source: Callable) -> None:
    """Add a source: ``source(institution, user) -> iterable of Item``."""
    if source not in _SOURCES:
        _SOURCES.append(source)


ACTIONS = {
    "registry.created": "登记",
    "registry.updated": "修改信息",
    "registry.status_changed": "变更状态",
    "registry.risk_changed": "调整风险等级",
    "registry.licence_issued": "颁发办学许可证",
    "registry.licence_renewed": "延续办学许可证",
    "registry.licence_changed": "变更办学许可证",
    "registry.licence_revoked": "吊销/注销办学许可证",
}
_CHOICE_LABELS = {
    "kind": dict(InstitutionKind.choices),
    "status": dict(InstitutionStatus.choices),
    "risk_class": dict(RiskClass.choices),
}


def _label(name: str) -> str:
    try:
        return str(Institution._meta.get_field(name).verbose_name)
    except Exception:  # noqa: BLE001 - keys such as "reason" or "note" are not fields
        return {"reason": "事由", "note": "说明", "event": "许可证记录"}.get(name, name)


def _shown(name: str, value) -> str:
    if value in (None, ""):
        return "（空）"
    if name == "street":
        from eduenforce.accounts.models import Department

        return Department.objects.filter(pk=value).values_list("name", flat=True).first() or str(value)
    return str(_CHOICE_LABELS.get(name, {}).get(value, value))


def _changes(changes: dict) -> list[tuple[str, str, str]]:
    rows = []
    for name, value in changes.items():
        if name == "event":
            continue
        if isinstance(value, list) and len(value) == 2:
            rows.append((_label(name), _shown(name, value[0]), _shown(name, value[1])))
        elif not isinstance(value, dict | list):
            rows.append((_label(name), "", _shown(name, value)))
    return rows


def journal_items(institution) -> list[Item]:
    entries = JournalEntry.objects.filter(object_type=OBJECT_TYPE, object_id=str(institution.pk)).order_by(
        "-seq"
    )[:LIMIT]
    items = []
    for entry in entries:
        changes = [] if entry.action == "registry.created" else _changes(entry.changes or {})
        items.append(
            Item(
                at=entry.at,
                title=ACTIONS.get(entry.action, entry.action),
                actor=entry.actor_name,
                changes=changes,
            )
        )
    return items


def import_items(institution) -> list[Item]:
    """The import that created the institution (if any) and the imports that updated it."""
    from datetime import timedelta

    out = []
    # The batch is stamped right after its rows are inserted, so it is found just after created_at.
    candidates = ImportBatch.objects.filter(
        kind=ImportKind.INSTITUTIONS,
        created__gt=0,
        at__gte=institution.created_at,
        at__lte=institution.created_at + timedelta(hours=1),
    ).select_related("by")
    for batch in candidates:
        if batch.created_object(institution.pk):
            out.append(_import_item(batch, "批量导入新增"))
    rows = (
        ImportItem.objects.filter(object_type=OBJECT_TYPE, object_id=institution.pk)
        .select_related("batch", "batch__by")
        .order_by("-batch__at")[:LIMIT]
    )
    out.extend(_import_item(row.batch, "批量导入更新") for row in rows)
    return out


def _import_item(batch, title: str) -> Item:
    return Item(
        at=batch.at,
        title=title,
        text=f"文件“{batch.file_name}”（SM3 {batch.sm3[:12]}…）",
        actor=str(batch.by or ""),
    )


def for_institution(institution, user=None) -> list[Item]:
    items = journal_items(institution) + import_items(institution)
    for source in _SOURCES:
        items.extend(source(institution, user))
    return sorted(items, key=lambda i: i.at, reverse=True)[:LIMIT]
