"""监管对象: the schools, kindergartens and training institutions the bureau supervises.

An institution's status (正常/整改中/停止招生/停办/注销) changes only through
``registry.actions``; 注销 is final. Its 办学许可证 history is the list of its
``LicenceEvent`` rows (颁发/延续/变更/吊销), from which the annual report counts 行政许可.
Every change is journaled; a bulk import writes one journal entry per file (see
``registry.importing``) and an ``ImportItem`` per created or updated row, so each
institution's timeline still shows it.
"""

from datetime import date, timedelta

from django.conf import settings
from django.db import models

from eduenforce.core.models import TimeStampedModel
from eduenforce.registry.choices import (
    GRANT_KINDS,
    ImportAction,
    ImportKind,
    InstitutionKind,
    InstitutionStatus,
    LicenceEventKind,
    LicenceState,
    RecordSource,
    RiskClass,
)
from eduenforce.registry.pinyin import initials

NOT_OPERATING = (InstitutionStatus.DEREGISTERED, InstitutionStatus.SUSPENDED)
EXPIRING_DAYS = 90


class InstitutionQuerySet(models.QuerySet):
    def operating(self):
        """Institutions that can be inspected (not 注销 or 停办)."""
        return self.exclude(status__in=NOT_OPERATING)

    def licence_expired_on(self, day: date):
        return self.filter(licence_expires__lt=day)

    def licence_expiring(self, days: int, today: date):
        """Operating institutions whose licence runs out within ``days`` days from ``today``."""
        return self.operating().filter(
            licence_expires__gte=today, licence_expires__lte=today + timedelta(days=days)
        )

    def operating_with_expired_licence(self, today: date):
        """Still operating although the licence has run out: the case the 2025 report closed one of."""
        return self.operating().filter(licence_expires__lt=today)

    def licence_state(self, state: str, today: date):
        if state == LicenceState.NONE:
            return self.filter(licence_expires=None)
        if state == LicenceState.EXPIRED:
            return self.filter(licence_expires__lt=today)
        if state == LicenceState.EXPIRING:
            return self.filter(
                licence_expires__gte=today, licence_expires__lte=today + timedelta(days=EXPIRING_DAYS)
            )
        if state == LicenceState.VALID:
            return self.filter(licence_expires__gt=today + timedelta(days=EXPIRING_DAYS))
        return self


class Institution(TimeStampedModel):
    """A supervised institution. Status: 正常 ⇄ 整改中 ⇄ 停止招生 ⇄ 停办 → 注销 (final)."""

    name = models.CharField("名称", max_length=120)
    name_initials = models.CharField("拼音首字母", max_length=120, blank=True)
    kind = models.CharField("类型", max_length=30, choices=InstitutionKind.choices)
    credit_code = models.CharField("统一社会信用代码", max_length=18, unique=True)
    licence_number = models.CharField("办学许可证号", max_length=60, blank=True)
    licence_issued = models.DateField("许可证发证日期", null=True, blank=True)
    licence_expires = models.DateField("许可证有效期至", null=True, blank=True, db_index=True)
    scope = models.CharField("办学范围", max_length=100, blank=True)
    address = models.CharField("地址", max_length=200, blank=True)
    street = models.ForeignKey(
        "accounts.Department",
        models.PROTECT,
        related_name="institutions",
        limit_choices_to={"kind": "street"},
        verbose_name="街道",
        db_index=False,
    )
    legal_rep_name = models.CharField("法定代表人", max_length=50, blank=True)
    legal_rep_id_number = models.CharField("法定代表人身份证号", max_length=18, blank=True)
    phone = models.CharField("联系电话", max_length=20, blank=True)
    risk_class = models.CharField(
        "风险等级", max_length=20, choices=RiskClass.choices, default=RiskClass.GOOD
    )
    status = models.CharField(
        "状态", max_length=20, choices=InstitutionStatus.choices, default=InstitutionStatus.NORMAL
    )
    founded = models.DateField("成立日期", null=True, blank=True)

    objects = InstitutionQuerySet.as_manager()

    class Meta:
        ordering = ["name", "id"]
        # The list page walks (name, id) in index order and stops after one page; filters on
        # kind, street, status and risk class (each a large share of the table) are checked on
        # the way. name_initials rides along so that a name/pinyin search is checked on the index
        # entry without fetching the row. Licence filters walk licence_expires. Every index costs
        # the import ~10 % of its write time, so there are no more than the pages need (the
        # street foreign key has none: streets are never deleted).
        indexes = [
            models.Index(fields=["name", "id", "name_initials"], name="registry_inst_name_cover_idx"),
        ]
        verbose_name = verbose_name_plural = "监管对象"

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.name_initials = initials(self.name)
        if kwargs.get("update_fields") is not None and "name" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "name_initials"}
        super().save(*args, **kwargs)

    @property
    def is_operating(self) -> bool:
        return self.status not in NOT_OPERATING

    def licence_state_on(self, day: date) -> str:
        if self.licence_expires is None:
            return LicenceState.NONE
        if self.licence_expires < day:
            return LicenceState.EXPIRED
        if self.licence_expires <= day + timedelta(days=EXPIRING_DAYS):
            return LicenceState.EXPIRING
        return LicenceState.VALID

    def get_licence_state_display(self) -> str:
        from django.utils import timezone

        return LicenceState(self.licence_state_on(timezone.localdate())).label


class LicenceEventQuerySet(models.QuerySet):
    def granted_in(self, year: int):
        """行政许可 decisions of ``year`` (颁发, 延续, 变更), for the annual report."""
        return self.filter(kind__in=GRANT_KINDS, date__year=year)

    def revoked_in(self, year: int):
        return self.filter(kind=LicenceEventKind.REVOKED, date__year=year)


class LicenceEvent(models.Model):
    """One event in an institution's 办学许可证 history; never edited, only added."""

    institution = models.ForeignKey(
        Institution, models.CASCADE, related_name="licence_events", verbose_name="监管对象"
    )
    kind = models.CharField("事项", max_length=10, choices=LicenceEventKind.choices)
    date = models.DateField("决定日期")
    licence_number = models.CharField("许可证号", max_length=60, blank=True)
    valid_from = models.DateField("发证日期", null=True, blank=True)
    valid_to = models.DateField("有效期至", null=True, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)
    source = models.CharField(
        "来源", max_length=10, choices=RecordSource.choices, default=RecordSource.MANUAL
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="登记人",
        db_index=False,
    )
    created_at = models.DateTimeField("登记时间", auto_now_add=True)

    objects = LicenceEventQuerySet.as_manager()

    class Meta:
        # Only the institution index: a year's events are a few thousand rows at most, and an
        # import writes one event per licensed row, so every extra index is paid 50,000 times.
        ordering = ["-date", "-id"]
        verbose_name = verbose_name_plural = "办学许可证记录"

    def __str__(self) -> str:
        return f"{self.institution} {self.get_kind_display()} {self.date}"


class ImportBatch(models.Model):
    """One imported Excel file, kept as imported (with its SM3) so the record shows what was written."""

    kind = models.CharField("导入类型", max_length=20, choices=ImportKind.choices)
    file_name = models.CharField("文件名", max_length=200)
    file = models.FileField("文件", upload_to="imports/%Y/", blank=True)
    sm3 = models.CharField("SM3", max_length=64)
    rows = models.PositiveIntegerField("数据行数")
    created = models.PositiveIntegerField("新增")
    updated = models.PositiveIntegerField("更新")
    unchanged = models.PositiveIntegerField("未变")
    # The created ids as runs [[first, last], …]: one bulk insert is one or a few runs, so this
    # stays tiny where 50,000 ImportItem rows would cost the import a tenth of its time.
    created_ranges = models.JSONField("新增对象编号区间", default=list, blank=True)
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="导入人",
    )
    at = models.DateTimeField("导入时间")

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = verbose_name_plural = "导入批次"

    def __str__(self) -> str:
        return f"{self.get_kind_display()}导入 {self.file_name}"

    def created_object(self, pk: int) -> bool:
        return any(first <= pk <= last for first, last in self.created_ranges)


def id_ranges(ids) -> list[list[int]]:
    """[1, 2, 3, 7, 8] → [[1, 3], [7, 8]]."""
    runs: list[list[int]] = []
    for pk in sorted(ids):
        if runs and pk == runs[-1][1] + 1:
            runs[-1][1] = pk
        else:
            runs.append([pk, pk])
    return runs


class ImportItem(models.Model):
    """A row an import updated (creations are ``ImportBatch.created_ranges``): lets an object's
    timeline show the import without reading journal bodies."""

    batch = models.ForeignKey(
        ImportBatch, models.CASCADE, related_name="items", verbose_name="导入批次", db_index=False
    )  # read through the object index only; batches are never deleted
    object_type = models.CharField("对象类型", max_length=40)
    object_id = models.BigIntegerField("对象编号")
    action = models.CharField("动作", max_length=10, choices=ImportAction.choices)

    class Meta:
        indexes = [models.Index(fields=["object_type", "object_id"], name="registry_importitem_obj_idx")]
        verbose_name = verbose_name_plural = "导入明细"

    def __str__(self) -> str:
        return f"{self.batch_id}:{self.object_type}:{self.object_id}"
