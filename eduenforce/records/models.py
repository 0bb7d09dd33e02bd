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
