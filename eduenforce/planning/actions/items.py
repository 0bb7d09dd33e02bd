"""Item lists (事项清单): a draft is written and published; a published item is frozen and
changes only by a new version (which supersedes it when published) or is withdrawn."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from eduenforce.core.errors import DomainError
from eduenforce.core.transitions import Transition
from eduenforce.planning.actions._base import begin, creator, follow, journal, snapshot, write
from eduenforce.planning.choices import PublicationStatus as S
from eduenforce.planning.models import ChecklistPoint, EnforcementItem
from eduenforce.planning.publishing import publish_item, withdraw_item

ITEM_FIELDS = ["code", "version", "list_kind", "name", "legal_basis", "section", "object_kinds", "method"]
ITEM_FIELDS += ["is_random", "is_enterprise", "annual_cap", "change_note"]
COPIED = ["code", "list_kind", "name", "legal_basis", "section_id", "method", "is_random", "is_enterprise"]
COPIED += ["annual_cap"]
POINT_FIELDS = ["order", "text", "legal_basis", "hazard_category", "required"]
# 国办发〔2015〕58号: the random-check item list states basis, content and method and is published;
# what the public has seen changes only as a new, again published version.
FROZEN = "已公布的事项不能直接修改，请生成新版本（国办发〔2015〕58号：抽查事项清单向社会公布、动态更新）"

EDIT_ITEM = Transition("planning.edit_item", "修改事项", "planning.manage", {S.DRAFT}, why=FROZEN)
# The bench and the catalogue imports publish without a signed-in user (``by=None``).
PUBLISH_ITEM = Transition("planning.publish_item", "公布", "planning.manage", {S.DRAFT}, system=True)
NEW_VERSION = Transition("planning.new_version", "生成新版本", "planning.manage", {S.PUBLISHED, S.SUPERSEDED})
WITHDRAW_ITEM = Transition("planning.withdraw_item", "撤回", "planning.manage", {S.PUBLISHED})
ITEM_TRANSITIONS = (EDIT_ITEM, PUBLISH_ITEM, NEW_VERSION, WITHDRAW_ITEM)


@transaction.atomic
def do_create_item(*, by: Any, values: Mapping[str, Any]) -> EnforcementItem:
    """A new item code, version 1, as a draft."""
    creator(by)
    item = EnforcementItem(created_by=by)
    write(item, values)
    journal(by, "item_created", item, **snapshot(item, ["code", "version", "name", "list_kind"]))
    return item


@transaction.atomic
def do_edit_item(item: EnforcementItem, *, by: Any, values: Mapping[str, Any]) -> EnforcementItem:
    locked = begin(item, EDIT_ITEM, by)
    before = snapshot(locked, ITEM_FIELDS)
    write(locked, {name: value for name, value in values.items() if name != "code"})
    journal(by, "item_edited", locked, before=before, after=snapshot(locked, ITEM_FIELDS))
    follow(item, locked)
    return locked


@transaction.atomic
def do_add_point(item: EnforcementItem, point: ChecklistPoint, *, by: Any) -> ChecklistPoint:
    """Add an (unsaved) checklist point to a draft item."""
    locked = begin(item, EDIT_ITEM, by)
    point.item = locked
    point.save()
    journal(by, "point_added", locked, point=snapshot(point, POINT_FIELDS))
    return point


@transaction.atomic
def do_remove_point(item: EnforcementItem, point: ChecklistPoint, *, by: Any) -> None:
    locked = begin(item, EDIT_ITEM, by)
    if point.item_id != locked.pk:
        raise DomainError("该检查要点不属于此事项")
    journal(by, "point_removed", locked, point=snapshot(point, POINT_FIELDS))
    point.delete()


@transaction.atomic
def do_publish_item(item: EnforcementItem, *, by: Any) -> EnforcementItem:
    """Publish this draft; the previously published version of the code is superseded."""
    locked = begin(item, PUBLISH_ITEM, by)
    if not locked.points.exists():
        raise DomainError("请先填写检查要点（检查标准），再公布事项", field="points")
    _supersede(locked, by)
    locked.status = S.PUBLISHED
    locked.published_at, locked.published_by = timezone.now(), by
    locked.save(update_fields=["status", "published_at", "published_by", "updated_at"])
    journal(
        by, "item_published", locked, status=[S.DRAFT, S.PUBLISHED], code=locked.code, version=locked.version
    )
    publish_item(locked, by=by)
    follow(item, locked)
    return locked


def _supersede(item: EnforcementItem, by: Any) -> None:
    older = EnforcementItem.objects.select_for_update().filter(code=item.code, status=S.PUBLISHED)
    for old in older.exclude(pk=item.pk):
        old.status = S.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])
        journal(by, "item_superseded", old, status=[S.PUBLISHED, S.SUPERSEDED], by_version=item.version)


@transaction.atomic
def do_new_version(item: EnforcementItem, *, by: Any, change_note: str = "") -> EnforcementItem:
    """A draft copy (with its checklist) as the next version of this item's code."""
    locked = begin(item, NEW_VERSION, by)
    versions = EnforcementItem.objects.select_for_update().filter(code=locked.code)
    if versions.filter(status=S.DRAFT).exists():
        raise DomainError(f"事项“{locked.code}”已有未公布的草稿版本，请先完成或删除该草稿")
    copy = EnforcementItem.objects.create(
        **{name: getattr(locked, name) for name in COPIED},
        object_kinds=list(locked.object_kinds),
        version=(versions.aggregate(m=Max("version"))["m"] or 0) + 1,
        change_note=change_note.strip(),
        created_by=by,
    )
    ChecklistPoint.objects.bulk_create(
        [ChecklistPoint(item=copy, **{f: getattr(p, f) for f in POINT_FIELDS}) for p in locked.points.all()]
    )
    journal(
        by, "item_version_created", copy, code=copy.code, version=copy.version, from_version=locked.version
    )
    return copy


@transaction.atomic
def do_withdraw_item(item: EnforcementItem, *, by: Any, reason: str) -> EnforcementItem:
    """Abolish a published item: it leaves the public list and can no longer be inspected."""
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("撤回事项须说明理由", field="reason")
    locked = begin(item, WITHDRAW_ITEM, by)
    locked.status = S.WITHDRAWN
    locked.withdrawn_at, locked.withdraw_reason = timezone.now(), reason
    locked.save(update_fields=["status", "withdrawn_at", "withdraw_reason", "updated_at"])
    journal(by, "item_withdrawn", locked, status=[S.PUBLISHED, S.WITHDRAWN], reason=reason)
    withdraw_item(locked, by=by, reason=reason)
    follow(item, locked)
    return locked
