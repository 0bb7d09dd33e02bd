"""Item lists (事项清单) with their checklists.

An item is versioned: publishing a new version supersedes the old one; inspections
refer to the exact version they were carried out under. Only a published item may be
inspected (涉企检查: 未经公布的不得实施).

States of an item version: 草稿 → 已公布 → 已被新版本替代 (when the next version is
published) or 已撤回 (the item was abolished). Only a draft can be edited.
"""

from django.db import models, transaction
from django.db.models import Max
from django.utils import timezone

from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.models import TimeStampedModel
from eduenforce.planning.choices import (
    HazardCategory,
    InspectionMethod,
    ItemList,
    PublicationStatus,
)
from eduenforce.records.journal import append
from eduenforce.registry.choices import InstitutionKind

ITEM_FIELDS = [
    "code",
    "version",
    "list_kind",
    "name",
    "legal_basis",
    "section",
    "object_kinds",
    "method",
    "is_random",
    "is_enterprise",
    "annual_cap",
    "status",
]


class EnforcementItemQuerySet(models.QuerySet):
    def published(self):
        return self.filter(status=PublicationStatus.PUBLISHED)

    def random_checks(self):
        """Items a 双随机 sampling plan may use: published and on the random-check list."""
        return self.published().filter(is_random=True)


class EnforcementItem(TimeStampedModel):
    code = models.CharField("事项编码", max_length=40)
    version = models.PositiveSmallIntegerField("版本", default=1)
    list_kind = models.CharField("所属清单", max_length=20, choices=ItemList.choices)
    name = models.CharField("事项名称", max_length=150)
    legal_basis = models.TextField("法律依据")
    section = models.ForeignKey(
        "accounts.Department", models.PROTECT, related_name="items", verbose_name="责任科室"
    )
    object_kinds = models.JSONField("适用对象类型", default=list)  # InstitutionKind values
    method = models.CharField(
        "检查方式", max_length=12, choices=InspectionMethod.choices, default=InspectionMethod.ROUTINE
    )
    is_random = models.BooleanField("双随机", default=False)
    is_enterprise = models.BooleanField("涉企检查", default=False)
    annual_cap = models.PositiveSmallIntegerField("每对象年度检查上限", null=True, blank=True)
    status = models.CharField(
        "状态", max_length=12, choices=PublicationStatus.choices, default=PublicationStatus.DRAFT
    )
    published_at = models.DateTimeField("公布时间", null=True, blank=True)
    change_note = models.CharField("版本说明", max_length=300, blank=True)
    created_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="编制人"
    )
    published_by = models.ForeignKey(
        "accounts.User", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="公布人"
    )
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdraw_reason = models.CharField("撤回理由", max_length=300, blank=True)

    objects = EnforcementItemQuerySet.as_manager()

    class Meta:
        ordering = ["code", "-version"]
        constraints = [models.UniqueConstraint(fields=["code", "version"], name="planning_item_code_version")]
        verbose_name = verbose_name_plural = "执法事项"

    def __str__(self) -> str:
        return f"{self.name}（第{self.version}版）"

    @property
    def object_kind_labels(self) -> list[str]:
        labels = dict(InstitutionKind.choices)
        return [str(labels.get(k, k)) for k in self.object_kinds]

    @property
    def lists_label(self) -> str:
        """Every list the item appears on (an item may be a random and an enterprise check)."""
        names = [self.get_list_kind_display()]
        if self.is_random and self.list_kind != ItemList.RANDOM:
            names.append(ItemList.RANDOM.label)
        if self.is_enterprise and self.list_kind != ItemList.ENTERPRISE:
            names.append(ItemList.ENTERPRISE.label)
        return "、".join(str(n) for n in names)

    @property
    def is_editable(self) -> bool:
        return self.status == PublicationStatus.DRAFT

    def require_editable(self) -> None:
        require_status(self, [PublicationStatus.DRAFT], "修改（已公布的事项请生成新版本）")

    @transaction.atomic
    def publish(self, *, by) -> "EnforcementItem":
        """Publish this draft; the previously published version of the code is superseded."""
        item = EnforcementItem.objects.select_for_update().get(pk=self.pk)
        require_status(item, [PublicationStatus.DRAFT], "公布")
        if not item.points.exists():
            raise DomainError("请先填写检查要点（检查标准），再公布事项", field="points")
        previous = list(
            EnforcementItem.objects.select_for_update()
            .filter(code=item.code, status=PublicationStatus.PUBLISHED)
            .exclude(pk=item.pk)
        )
        for old in previous:
            old.status = PublicationStatus.SUPERSEDED
            old.save(update_fields=["status", "updated_at"])
            append(
                actor=by,
                action="planning.item_superseded",
                obj=old,
                changes={
                    "status": [PublicationStatus.PUBLISHED, PublicationStatus.SUPERSEDED],
                    "by_version": item.version,
                },
            )
        item.status = PublicationStatus.PUBLISHED
        item.published_at = timezone.now()
        item.published_by = by
        item.save(update_fields=["status", "published_at", "published_by", "updated_at"])
        append(
            actor=by,
            action="planning.item_published",
            obj=item,
            changes={
                "status": [PublicationStatus.DRAFT, PublicationStatus.PUBLISHED],
                "code": item.code,
                "version": item.version,
            },
        )
        from eduenforce.planning.publishing import publish_item

        publish_item(item, by=by)
        self.refresh_from_db()
        return item

    @transaction.atomic
    def new_version(self, *, by, change_note: str = "") -> "EnforcementItem":
        """A draft copy (with its checklist) as the next version of this item's code."""
        versions = EnforcementItem.objects.select_for_update().filter(code=self.code)
        if versions.filter(status=PublicationStatus.DRAFT).exists():
            raise DomainError(f"事项“{self.code}”已有未公布的草稿版本，请先完成或删除该草稿")
        latest = versions.aggregate(m=Max("version"))["m"] or 0
        copy = EnforcementItem.objects.create(
            code=self.code,
            version=latest + 1,
            list_kind=self.list_kind,
            name=self.name,
            legal_basis=self.legal_basis,
            section=self.section,
            object_kinds=list(self.object_kinds),
            method=self.method,
            is_random=self.is_random,
            is_enterprise=self.is_enterprise,
            annual_cap=self.annual_cap,
            change_note=change_note.strip(),
            created_by=by,
        )
        ChecklistPoint.objects.bulk_create(
            [
                ChecklistPoint(
                    item=copy,
                    order=p.order,
                    text=p.text,
                    legal_basis=p.legal_basis,
                    hazard_category=p.hazard_category,
                    required=p.required,
                )
                for p in self.points.all()
            ]
        )
        append(
            actor=by,
            action="planning.item_version_created",
            obj=copy,
            changes={"code": copy.code, "version": copy.version, "from_version": self.version},
        )
        return copy

    @transaction.atomic
    def withdraw(self, *, by, reason: str) -> "EnforcementItem":
        """Abolish a published item: it leaves the public list and can no longer be inspected."""
        reason = (reason or "").strip()
        if not reason:
            raise DomainError("撤回事项须说明理由", field="reason")
        item = EnforcementItem.objects.select_for_update().get(pk=self.pk)
        require_status(item, [PublicationStatus.PUBLISHED], "撤回")
        item.status = PublicationStatus.WITHDRAWN
        item.withdrawn_at = timezone.now()
        item.withdraw_reason = reason
        item.save(update_fields=["status", "withdrawn_at", "withdraw_reason", "updated_at"])
        append(
            actor=by,
            action="planning.item_withdrawn",
            obj=item,
            changes={"status": [PublicationStatus.PUBLISHED, PublicationStatus.WITHDRAWN], "reason": reason},
        )
        from eduenforce.planning.publishing import withdraw_item

        withdraw_item(item, by=by, reason=reason)
        self.refresh_from_db()
        return item


class ChecklistPoint(models.Model):
    item = models.ForeignKey(EnforcementItem, models.CASCADE, related_name="points", verbose_name="事项")
    order = models.PositiveSmallIntegerField("序号")
    text = models.CharField("检查内容", max_length=300)
    legal_basis = models.CharField("依据", max_length=300, blank=True)
    hazard_category = models.CharField(
        "隐患类别", max_length=20, choices=HazardCategory.choices, default=HazardCategory.OTHER
    )
    required = models.BooleanField("必查", default=True)

    class Meta:
        ordering = ["item", "order"]
        verbose_name = verbose_name_plural = "检查要点"

    def __str__(self) -> str:
        return f"{self.order}. {self.text}"
