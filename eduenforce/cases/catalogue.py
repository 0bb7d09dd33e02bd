"""Editing and publishing the discretion catalogue (裁量基准; 行政处罚法 第34条: must be published).

Only a draft is edited. ``new_draft`` copies a version; ``publish_version`` makes a draft the
current version (the previous one is superseded and its portal page withdrawn) and puts it
on the portal. Every change is journaled.
"""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from eduenforce.cases.choices import CatalogueStatus
from eduenforce.cases.limits import IN_RANGE_TIERS
from eduenforce.cases.models import CatalogueVersion, TierRule, Violation
from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import require
from eduenforce.portal import services as portal
from eduenforce.portal.choices import PublicationKind, PublicationState
from eduenforce.records.journal import append, diff, snapshot

VIOLATION_FIELDS = [
    "article",
    "title",
    "legal_basis",
    "statutory_penalty",
    "statutory_min",
    "statutory_max",
    "party_kinds",
    "source_note",
]
TIER_FIELDS = ["conditions", "fine_min", "fine_max", "penalty_kinds", "measures"]


@transaction.atomic
def new_draft(source: CatalogueVersion, *, by, title: str = "") -> CatalogueVersion:
    """A new draft version, copied from ``source`` row by row."""
    require(by, "cases.catalogue")
    if CatalogueVersion.objects.filter(status=CatalogueStatus.DRAFT).exists():
        raise DomainError("已有一个草稿版本，请先发布或修改该草稿")
    number = (CatalogueVersion.objects.aggregate(m=Max("number"))["m"] or 0) + 1
    draft = CatalogueVersion.objects.create(
        number=number, title=title.strip() or source.title, status=CatalogueStatus.DRAFT, created_by=by
    )
    for violation in source.violations.prefetch_related("tiers"):
        tiers = list(violation.tiers.all())
        violation.pk, violation.version = None, draft
        violation.save()
        for tier in tiers:
            tier.pk, tier.violation = None, violation
        TierRule.objects.bulk_create(tiers)
    append(
        actor=by, action="cases.catalogue_draft_created", obj=draft, changes={"from_version": source.number}
    )
    return draft


def _editable(version: CatalogueVersion) -> None:
    if not version.editable:
        raise DomainError("只能修改草稿版本；现行或已废止的裁量基准不能直接修改，请先新建修订草稿")


@transaction.atomic
def update_violation(violation: Violation, data: dict, *, by) -> Violation:
    require(by, "cases.catalogue")
    violation = Violation.objects.select_for_update().select_related("version").get(pk=violation.pk)
    _editable(violation.version)
    before = snapshot(violation, VIOLATION_FIELDS)
    for name in VIOLATION_FIELDS:
        if name in data:
            setattr(violation, name, data[name])
    violation.save()
    append(
        actor=by,
        action="cases.catalogue_violation_changed",
        obj=violation,
        changes=diff(before, snapshot(violation, VIOLATION_FIELDS)),
    )
    return violation


@transaction.atomic
def update_tier(tier: TierRule, data: dict, *, by) -> TierRule:
    require(by, "cases.catalogue")
    tier = TierRule.objects.select_for_update().select_related("violation__version").get(pk=tier.pk)
    _editable(tier.violation.version)
    before = snapshot(tier, TIER_FIELDS)
    for name in TIER_FIELDS:
        if name in data:
            setattr(tier, name, data[name])
    _within_statute(tier.violation, tier.tier, tier.fine_min, tier.fine_max)
    tier.save()
    append(
        actor=by,
        action="cases.catalogue_tier_changed",
        obj=tier,
        changes=diff(before, snapshot(tier, TIER_FIELDS)),
    )
    return tier


@transaction.atomic
def add_violation(version: CatalogueVersion, data: dict, *, by) -> Violation:
    """A new 违法行为 in a draft (its tiers are added one by one)."""
    require(by, "cases.catalogue")
    version = CatalogueVersion.objects.select_for_update().get(pk=version.pk)
    _editable(version)
    code = (data.get("code") or "").strip()
    if version.violations.filter(code=code).exists():
        raise DomainError(f"本版本已有编码为“{code}”的违法行为", field="code")
    fields = {name: data[name] for name in [*VIOLATION_FIELDS, "fine_basis", "allowed_kinds"] if name in data}
    violation = Violation.objects.create(
        version=version, code=code, order=version.violations.count(), **fields
    )
    append(
        actor=by,
        action="cases.catalogue_violation_added",
        obj=violation,
        changes={"version": version.number, "code": code},
    )
    return violation


@transaction.atomic
def add_tier(violation: Violation, data: dict, *, by) -> TierRule:
    require(by, "cases.catalogue")
    violation = Violation.objects.select_for_update().select_related("version").get(pk=violation.pk)
    _editable(violation.version)
    if violation.tiers.filter(severity=data["severity"], tier=data["tier"]).exists():
        raise DomainError("该情节下已有这一裁量阶次，请直接修改", field="tier")
    _within_statute(violation, data["tier"], data.get("fine_min"), data.get("fine_max"))
    tier = TierRule.objects.create(
        violation=violation,
        severity=data["severity"],
        tier=data["tier"],
        **{name: data[name] for name in TIER_FIELDS if name in data},
    )
    append(
        actor=by,
        action="cases.catalogue_tier_added",
        obj=tier,
        changes={"violation": violation.code, "severity": tier.severity, "tier": tier.tier},
    )
    return tier


def _within_statute(violation: Violation, tier: str, fine_min, fine_max) -> None:
    """A tier stays inside the statutory range; only 减轻 starts below the minimum (行政处罚法 第32条)."""
    top = violation.statutory_max
    if fine_max is not None and (top is None or fine_max > top):
        raise DomainError("阶次罚款上限不得超过该违法行为的法定上限", field="fine_max")
    floor = violation.statutory_min or 0
    if fine_max is not None and tier in IN_RANGE_TIERS and (fine_min or 0) < floor:
        raise DomainError(
            "从轻、一般、从重阶次的罚款下限不得低于该违法行为的法定下限；低于法定下限的只能是减轻处罚阶次",
            field="fine_min",
        )


@transaction.atomic
def delete_tier(tier: TierRule, *, by) -> None:
    require(by, "cases.catalogue")
    tier = TierRule.objects.select_for_update().select_related("violation__version").get(pk=tier.pk)
    _editable(tier.violation.version)
    append(
        actor=by,
        action="cases.catalogue_tier_deleted",
        obj=tier,
        changes={"violation": tier.violation.code, "severity": tier.severity, "tier": tier.tier},
    )
    tier.delete()


def public_fields(version: CatalogueVersion) -> dict:
    rows = []
    for v in version.violations.prefetch_related("tiers"):
        rows.append(
            {
                "code": v.code,
                "article": v.article,
                "title": v.title,
                "legal_basis": v.legal_basis,
                "statutory_penalty": v.statutory_penalty,
                "tiers": [
                    {
                        "severity": t.get_severity_display(),
                        "tier": t.get_tier_display(),
                        "conditions": t.conditions,
                        "range": t.range_text(),
                        "kinds": t.kind_labels,
                        "measures": t.measures,
                    }
                    for t in sorted(v.tiers.all(), key=lambda t: (t.severity, t.id))
                ],
            }
        )
    return {
        "version": version.number,
        "effective_from": str(version.effective_from or ""),
        "violations": rows,
    }


@transaction.atomic
def publish_version(version: CatalogueVersion, *, by) -> CatalogueVersion:
    """Make ``version`` current (if a draft) and publish it on the portal."""
    require(by, "cases.approve")
    version = CatalogueVersion.objects.select_for_update().get(pk=version.pk)
    if version.status == CatalogueStatus.SUPERSEDED:
        raise DomainError("已废止的版本不能发布")
    if version.status == CatalogueStatus.CURRENT and version.published_at:
        raise DomainError("该版本已向社会公布")
    if not version.violations.exists():
        raise DomainError("该版本没有任何违法行为条目")
    previous = list(
        CatalogueVersion.objects.select_for_update()
        .filter(status=CatalogueStatus.CURRENT)
        .exclude(pk=version.pk)
    )
    for old in previous:
        old.status = CatalogueStatus.SUPERSEDED
        old.save(update_fields=["status", "updated_at"])
        publication = portal.publication_for(PublicationKind.CATALOGUE, old)
        if publication is not None and publication.state != PublicationState.WITHDRAWN:
            portal.withdraw(publication, by=by, note=f"已被第{version.number}版裁量基准取代")
    version.status = CatalogueStatus.CURRENT
    version.published_at = timezone.now()
    version.effective_from = version.effective_from or timezone.localdate()
    version.save()
    today = timezone.localdate()
    portal.publish(
        kind=PublicationKind.CATALOGUE,
        source=version,
        title=f"{version.title}（第{version.number}版）",
        occurred_on=today,
        year=today.year,
        by=by,
        summary=version.note[:500],
        fields=public_fields(version),
    )
    append(
        actor=by,
        action="cases.catalogue_published",
        obj=version,
        changes={"number": version.number, "superseded": [v.number for v in previous]},
    )
    return version
