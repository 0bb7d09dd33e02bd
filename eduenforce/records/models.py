"""The whole-process record: an append-only, hash-chained journal.

Each entry's ``body`` is the canonical JSON of what happened (actor, action, object,
changes, time, request id); ``hash = SM3(prev_hash ‖ body)``. Database triggers refuse
UPDATE and DELETE (see ``records.triggers``); ``records.journal.verify`` recomputes the
chain and compares the signed checkpoints, so a bypassed trigger is still caught.
"""

from django.conf import settings
from django.db import models


class JournalEntry(models.Model):
    seq = models.BigIntegerField("序号", unique=True)
    at = models.DateTimeField("时间", db_index=True)
    actor = models.ForeignKey(settings.AUTH_USER_MODEL, models.DO_NOTHING, null=True, blank=True,
                              db_constraint=False, related_name="+", verbose_name="操作人")
    actor_name = models.CharField("操作人姓名", max_length=150, blank=True)
    actor_role = models.CharField("角色", max_length=20, blank=True)
    action = models.CharField("动作", max_length=80, db_index=True)
    object_type = models.CharField("对象类型", max_length=80, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    changes = models.JSONField("变更内容", default=dict)
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
    uploaded_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, related_name="+",
                                    verbose_name="上传人")
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
    issued_by = models.ForeignKey(settings.AUTH_USER_MODEL, models.PROTECT, null=True, related_name="+",
                                  verbose_name="签发人")
    issued_at = models.DateTimeField("签发时间")

    class Meta:
        ordering = ["-issued_at"]
        indexes = [models.Index(fields=["object_type", "object_id"], name="records_doc_object_idx")]
        verbose_name = verbose_name_plural = "已签发文书"

    def __str__(self) -> str:
        return f"{self.title} {self.number}"
