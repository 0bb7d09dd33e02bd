"""The whole-process record: an append-only, hash-chained journal.

Each entry's ``body`` is the canonical JSON of what happened (actor, action, object,
changes, time, request id); ``hash = SM3(prev_hash ‖ body)``. Database triggers refuse
UPDATE and DELETE (see ``records.triggers``); ``records.journal.verify`` recomputes the
chain and compares the signed checkpoints, so a bypassed trigger is still caught.
"""

import json
import uuid

import orjson
from django.conf import settings
from django.db import models


class CanonicalJSONEncoder(json.JSONEncoder):
    """Stores ``changes`` as the same text the hashed body holds (orjson, sorted keys, compact, UTF-8),
    so verification compares the column with the body as text in the database's own loop."""

    def encode(self, o) -> str:
        return orjson.dumps(o, option=orjson.OPT_SORT_KEYS, default=str).decode()


class JournalEntry(models.Model):
    seq = models.BigIntegerField("序号", unique=True)
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.DO_NOTHING,
        null=True,
        blank=True,
        db_constraint=False,
        related_name="+",
        verbose_name="操作人",
    )
    actor_name = models.CharField("操作人姓名", max_length=150, blank=True)
    actor_role = models.CharField("角色", max_length=20, blank=True)
    action = models.CharField("动作", max_length=80, db_index=True)
    object_type = models.CharField("对象类型", max_length=80, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    changes = models.JSONField("变更内容", default=dict, encoder=CanonicalJSONEncoder)
    request_id = models.CharField("请求号", max_length=32, blank=True)
    ip = models.CharField("来源地址", max_length=45, blank=True)
    # UTF-8 bytes of the canonical JSON: hashed as stored, with no decoding on the hot path.
    body = models.BinaryField("规范化内容")
    prev_hash = models.CharField("前一条杂凑值", max_length=64)
    hash = models.CharField("杂凑值", max_length=64)

    class Meta:
        ordering = ["seq"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="records_journal_object_idx")]
        verbose_name = verbose_name_plural = "执法记录日志"

    def __str__(self) -> str:
        return f"#{self.seq} {self.action}"

    @property
    def body_text(self) -> str:
        return bytes(self.body).decode()


class JournalCheckpoint(models.Model):
    """A signed statement that entry ``seq`` had ``hash``: truncating the tail is detected."""

    seq = models.BigIntegerField("序号", unique=True)
    hash = models.CharField("杂凑值", max_length=64)
    at = models.DateTimeField("时间")
    signature = models.CharField("签名", max_length=64)

    class Meta:
        ordering = ["seq"]
        verbose_name = verbose_name_plural = "日志检查点"

    def __str__(self) -> str:
        return f"检查点 #{self.seq}"


class DocumentTemplate(models.Model):
    """An administrator's replacement for a packaged .docx template (e.g. "cases/decision.docx")."""

    name = models.CharField("模板", max_length=100, unique=True)
    file = models.FileField("模板文件", upload_to="document-templates/")
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="上传人"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now=True)

    class Meta:
        verbose_name = verbose_name_plural = "文书模板"

    def __str__(self) -> str:
        return self.name


class IssuedDocument(models.Model):
    """A document issued with its serial number; the file and its hashes are kept as issued."""

    kind = models.CharField("文书种类", max_length=60, db_index=True)
    title = models.CharField("文书名称", max_length=100)
    number = models.CharField("文书编号", max_length=60, unique=True)
    object_type = models.CharField("对象类型", max_length=80)
    object_id = models.CharField("对象编号", max_length=64)
    file = models.FileField("文件", upload_to="documents/%Y/")
    sha256 = models.CharField("SHA-256", max_length=64)
    sm3 = models.CharField("SM3", max_length=64)
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+", verbose_name="签发人"
    )
    issued_at = models.DateTimeField("签发时间")

    class Meta:
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="records_doc_object_idx")]
        verbose_name = verbose_name_plural = "已签发文书"

    def __str__(self) -> str:
        return f"{self.title} {self.number}"


# ---------------------------------------------------------------------------
# Evidence files (证据文件) and their chain of custody (监管链).
# ---------------------------------------------------------------------------


class EvidenceKind(models.TextChoices):
    PHOTO = "photo", "照片"
    VIDEO = "video", "音像记录"
    DOCUMENT = "document", "书证/电子文件"
    SIGNATURE = "signature", "签名"


class EvidenceQuerySet(models.QuerySet):
    def attached_to(self, obj):
        return self.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))

    def visible_to(self, user):
        # Evidence is seen by staff only (capability ``evidence.view``); no department scope yet.
        return self


class EvidenceFile(models.Model):
    """One evidence file, stored under a random name outside any web root, exactly as uploaded.

    ``sha256`` and ``sm3`` are computed while the upload streams to storage and are written
    to the journal; ``records.evidence.verify_file`` re-hashes the stored bytes. The file is
    attached to a record of another app by ``object_type``/``object_id`` (e.g. an inspection
    task or a penalty case), so that app does not need a foreign key here.
    """

    uid = models.UUIDField("文件编号", unique=True, default=uuid.uuid4, editable=False)
    object_type = models.CharField("所属对象类型", max_length=80)
    object_id = models.CharField("所属对象编号", max_length=64)
    kind = models.CharField("类别", max_length=12, choices=EvidenceKind.choices, default=EvidenceKind.PHOTO)
    description = models.CharField("说明", max_length=200, blank=True)
    original_name = models.CharField("原文件名", max_length=255)
    file_type = models.CharField("文件类型", max_length=10)  # the checked extension: jpg, png, pdf, mp4, …
    content_type = models.CharField("MIME 类型", max_length=100)
    storage_name = models.CharField("存储名", max_length=255, unique=True)
    size = models.BigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64, db_index=True)
    sm3 = models.CharField("SM3", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="上传人",
    )
    uploaded_at = models.DateTimeField("上传时间", db_index=True)
    uploaded_from = models.CharField("上传地址", max_length=45, blank=True)
    last_verified_at = models.DateTimeField("最近校验时间", null=True, blank=True)
    integrity_ok = models.BooleanField("完整性正常", default=True)

    objects = EvidenceQuerySet.as_manager()

    class Meta:
        ordering = ["uploaded_at", "id"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="records_evidence_object_idx")]
        verbose_name = verbose_name_plural = "证据文件"

    def __str__(self) -> str:
        return self.original_name


class CustodyAction(models.TextChoices):
    UPLOADED = "uploaded", "上传"
    VIEWED = "viewed", "查看"
    DOWNLOADED = "downloaded", "下载"
    VERIFIED = "verified", "校验通过"
    MISMATCH = "mismatch", "校验不符"
    TRANSFERRED = "transferred", "移送立案（转入案件）"


class CustodyEvent(models.Model):
    """Who touched an evidence file, when and from where. Each event is journaled as well."""

    evidence = models.ForeignKey(
        EvidenceFile, models.PROTECT, related_name="custody", verbose_name="证据文件"
    )
    action = models.CharField("动作", max_length=12, choices=CustodyAction.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="操作人",
    )
    at = models.DateTimeField("时间")
    ip = models.CharField("来源地址", max_length=45, blank=True)
    request_id = models.CharField("请求号", max_length=32, blank=True)
    note = models.CharField("说明", max_length=200, blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = verbose_name_plural = "证据监管链"

    def __str__(self) -> str:
        return f"{self.evidence} {self.get_action_display()}"
