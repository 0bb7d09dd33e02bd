"""Publications: what the public portal shows, as masked snapshots of the source records.

States: 待公示 (due, with a due date) → 已公示 → 已更正 (a corrected version replaces the
text, the change shown) or 已撤回 (withdrawn, e.g. a revoked decision). Every transition is
journaled by ``portal.services``. Public pages and the API read only ``.published()``.
"""

import secrets

from django.conf import settings
from django.db import models, transaction
from django.urls import reverse
from django.utils import timezone

from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.models import TimeStampedModel
from eduenforce.portal.choices import (
    ArticleKind,
    ArticleStatus,
    PublicationKind,
    PublicationState,
)
from eduenforce.records.journal import append


def new_public_id() -> str:
    """16 hexadecimal characters, at least one a letter: an all-digit id looks like a number to
    spreadsheets (which round it) and to pattern matchers."""
    while True:
        value = secrets.token_hex(8)
        if not value.isdigit():
            return value


class PublicationQuerySet(models.QuerySet):
    def published(self):
        """Visible to the public: published or corrected, not withdrawn."""
        return self.filter(state__in=[PublicationState.PUBLISHED, PublicationState.CORRECTED])

    def of_kind(self, kind):
        return self.filter(kind=kind)

    def overdue(self, today=None):
        today = today or timezone.localdate()
        return self.filter(state=PublicationState.DUE, due_on__lt=today)

    def due(self):
        return self.filter(state=PublicationState.DUE)

    def withdrawal_pending(self):
        """Still public although the source was revoked or changed: must come down by ``withdraw_due_on``."""
        return self.published().filter(withdraw_due_on__isnull=False)

    def withdrawal_overdue(self, today=None):
        today = today or timezone.localdate()
        return self.withdrawal_pending().filter(withdraw_due_on__lt=today)


class Publication(models.Model):
    public_id = models.CharField("公开编号", max_length=16, unique=True, default=new_public_id)
    kind = models.CharField("类别", max_length=20, choices=PublicationKind.choices, db_index=True)
    state = models.CharField(
        "状态", max_length=12, choices=PublicationState.choices, default=PublicationState.DUE, db_index=True
    )
    source_type = models.CharField("来源对象类型", max_length=80)
    source_id = models.CharField("来源对象编号", max_length=64)
    title = models.CharField("标题", max_length=200)
    summary = models.CharField("摘要", max_length=500, blank=True)
    body = models.TextField("正文（已脱敏）", blank=True)
    fields = models.JSONField("公示字段（已脱敏）", default=dict, blank=True)
    year = models.PositiveSmallIntegerField("年度", db_index=True)
    street = models.ForeignKey(
        "accounts.Department", models.PROTECT, null=True, blank=True, related_name="+", verbose_name="街道"
    )
    occurred_on = models.DateField("事由日期", help_text="决定/检查/抽取的日期，公示期限由此起算")
    due_on = models.DateField("公示期限", null=True, blank=True, db_index=True)
    published_at = models.DateTimeField("公示时间", null=True, blank=True, db_index=True)
    withdrawn_at = models.DateTimeField("撤回时间", null=True, blank=True)
    withdraw_due_on = models.DateField("撤回期限", null=True, blank=True)
    change_note = models.TextField("更正/撤回说明", blank=True)
    pending_text = models.JSONField(
        "待审核确认的文字", default=dict, blank=True, help_text="经审核人删除案件涉及人员姓名并确认后才公开"
    )
    pending_names = models.JSONField("案件涉及人员（摘要值）", default=list, blank=True)
    text_confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="文字确认人",
    )
    text_confirmed_at = models.DateTimeField("文字确认时间", null=True, blank=True)

    objects = PublicationQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "source_type", "source_id"], name="portal_publication_one_per_source"
            )
        ]
        # Public lists read one kind newest first and page by (published_at, id): this index
        # serves them without a sort; the state filter drops the few due/withdrawn rows.
        indexes = [models.Index(fields=["kind", "-published_at", "-id"], name="portal_pub_kind_order_idx")]
        verbose_name = verbose_name_plural = "公示信息"

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("portal:detail", args=[self.public_id])

    @property
    def is_late(self) -> bool:
        return bool(self.due_on and self.published_at and timezone.localdate(self.published_at) > self.due_on)

    @property
    def is_public(self) -> bool:
        return self.state in (PublicationState.PUBLISHED, PublicationState.CORRECTED)


class PublicationRevision(models.Model):
    """One correction of a publication: what it said before, shown publicly as the change."""

    publication = models.ForeignKey(
        Publication, models.CASCADE, related_name="revisions", verbose_name="公示信息"
    )
    at = models.DateTimeField("更正时间", default=timezone.now)
    note = models.TextField("更正说明")
    before = models.JSONField("更正前（已脱敏）", default=dict)
    after = models.JSONField("更正后（已脱敏）", default=dict)

    class Meta:
        ordering = ["publication", "at", "id"]
        verbose_name = verbose_name_plural = "公示更正记录"

    def __str__(self) -> str:
        return f"{self.publication} 更正于 {self.at:%Y-%m-%d}"

    def changes(self) -> list[tuple[str, object, object]]:
        """(label, before, after) of each changed title/summary/field, for the public page."""
        from eduenforce.portal.fields import _flat, label

        rows = []
        for key, label_text in (("title", "标题"), ("summary", "摘要")):
            if self.before.get(key) != self.after.get(key) and key in self.after:
                rows.append((label_text, self.before.get(key), self.after.get(key)))
        before_fields, after_fields = self.before.get("fields") or {}, self.after.get("fields") or {}
        for key in [*after_fields, *(k for k in before_fields if k not in after_fields)]:
            if before_fields.get(key) != after_fields.get(key):
                before_value, after_value = before_fields.get(key), after_fields.get(key)
                rows.append(
                    (
                        label(self.publication.kind, key),
                        None if before_value is None else _flat(before_value),
                        None if after_value is None else _flat(after_value),
                    )
                )
        if self.before.get("body_changed"):
            rows.append(("正文", "（原正文）", "（已更正）"))
        return rows


def _attachment_path(instance, filename: str) -> str:
    # Server-generated name; the uploader's file name is kept only as metadata.
    return f"portal-attachments/{secrets.token_hex(16)}{instance.extension}"


class Article(TimeStampedModel):
    """执法动态 / 法律法规解读 written by staff and published on the portal.

    States: 草稿 (draft) → 待审核 (in_review, ``submit``) → 已发布 (published, ``approve``: goes out
    through ``portal.services.publish``, so it is journaled, searchable and in the feed) → 已撤回
    (withdrawn, ``withdraw``); 待审核 → 草稿 (``return_for_revision``, with a reason). Only a draft
    can be edited or get attachments; the reviewer is never the author. The body is HTML
    sanitised with an allow-list (``portal.richtext``) and masked before publication.
    """

    kind = models.CharField("栏目", max_length=20, choices=ArticleKind.choices)
    title = models.CharField("标题", max_length=200)
    summary = models.CharField("摘要", max_length=300, blank=True)
    body = models.TextField("正文")
    status = models.CharField(
        "状态", max_length=12, choices=ArticleStatus.choices, default=ArticleStatus.DRAFT, db_index=True
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="撰稿人"
    )
    submitted_at = models.DateTimeField("提交审核时间", null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name="审核人",
    )
    reviewed_at = models.DateTimeField("审核时间", null=True, blank=True)
    review_note = models.TextField("审核意见", blank=True)
    publication = models.OneToOneField(
        Publication, models.PROTECT, null=True, blank=True, related_name="article", verbose_name="公示信息"
    )

    class Meta:
        ordering = ["-updated_at", "-id"]
        verbose_name = verbose_name_plural = "执法动态与法规解读"

    def __str__(self) -> str:
        return self.title

    # ----- transitions -------------------------------------------------------------------
    def _lock(self, allowed, action_label: str) -> None:
        """Lock the row, take its current status and refuse the transition if it is not allowed."""
        current = type(self).objects.select_for_update().get(pk=self.pk)
        self.status = current.status
        require_status(self, allowed, action_label)

    @classmethod
    @transaction.atomic
    def draft(cls, *, kind: str, title: str, summary: str = "", body: str, by) -> "Article":
        """Start a draft. ``body`` may be plain text or HTML; it is sanitised here."""
        article = cls(kind=kind, author=by)
        article._set_content(title, summary, body)
        article.save()
        append(
            actor=by, action="article.created", obj=article, changes={"kind": kind, "title": article.title}
        )
        return article

    @transaction.atomic
    def edit(self, *, title: str, summary: str, body: str, by) -> None:
        self._lock([ArticleStatus.DRAFT], "修改")
        before = {"title": self.title, "summary": self.summary, "body_length": len(self.body)}
        self._set_content(title, summary, body)
        self.save()
        append(
            actor=by,
            action="article.edited",
            obj=self,
            changes={
                "before": before,
                "after": {"title": self.title, "summary": self.summary, "body_length": len(self.body)},
            },
        )

    @transaction.atomic
    def submit(self, *, by) -> None:
        self._lock([ArticleStatus.DRAFT], "提交审核")
        self.status, self.submitted_at = ArticleStatus.IN_REVIEW, timezone.now()
        self.save(update_fields=["status", "submitted_at", "updated_at"])
        append(actor=by, action="article.submitted", obj=self, changes={"status": ArticleStatus.IN_REVIEW})

    @transaction.atomic
    def return_for_revision(self, *, by, note: str) -> None:
        self._lock([ArticleStatus.IN_REVIEW], "退回修改")
        self._check_reviewer(by)
        if not (note or "").strip():
            raise DomainError("退回修改须填写审核意见", field="note")
        self.status, self.reviewed_by, self.reviewed_at = ArticleStatus.DRAFT, by, timezone.now()
        self.review_note = note.strip()
        self.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note", "updated_at"])
        append(actor=by, action="article.returned", obj=self, changes={"note": self.review_note})

    @transaction.atomic
    def approve(self, *, by) -> Publication:
        """审核通过并发布: the article becomes a Publication of its kind."""
        from eduenforce.portal import services

        self._lock([ArticleStatus.IN_REVIEW], "审核发布")
        self._check_reviewer(by)
        today = timezone.localdate()
        publication = services.publish(
            kind=self.kind,
            source=self,
            title=self.title,
            occurred_on=today,
            year=today.year,
            by=by,
            summary=self.summary,
            body=self.body,
        )
        self.status, self.reviewed_by, self.reviewed_at = ArticleStatus.PUBLISHED, by, timezone.now()
        self.publication = publication
        self.save(update_fields=["status", "reviewed_by", "reviewed_at", "publication", "updated_at"])
        append(actor=by, action="article.approved", obj=self, changes={"publication": publication.public_id})
        return publication

    @transaction.atomic
    def withdraw(self, *, by, note: str) -> None:
        from eduenforce.portal import services

        self._lock([ArticleStatus.PUBLISHED], "撤回")
        services.withdraw(self.publication, by=by, note=note)
        self.status = ArticleStatus.WITHDRAWN
        self.save(update_fields=["status", "updated_at"])
        append(actor=by, action="article.withdrawn", obj=self, changes={"note": note})

    @transaction.atomic
    def add_attachment(self, upload, *, by) -> "ArticleAttachment":
        """Attach an uploaded file (checked by content and size) to a draft."""
        from eduenforce.portal.attachments import inspect_upload

        self._lock([ArticleStatus.DRAFT], "添加附件")
        checked = inspect_upload(upload)
        attachment = ArticleAttachment(
            article=self,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            extension=checked.extension,
            uploaded_by=by,
        )
        attachment.file.save("upload", upload, save=False)
        attachment.save()
        append(
            actor=by,
            action="article.attachment_added",
            obj=self,
            changes={
                "attachment": attachment.token,
                "name": attachment.original_name,
                "sha256": attachment.sha256,
                "size": attachment.size,
            },
        )
        return attachment

    @transaction.atomic
    def remove_attachment(self, attachment: "ArticleAttachment", *, by) -> None:
        self._lock([ArticleStatus.DRAFT], "删除附件")
        if attachment.article_id != self.pk:
            raise DomainError("该附件不属于本稿件")
        append(
            actor=by,
            action="article.attachment_removed",
            obj=self,
            changes={
                "attachment": attachment.token,
                "name": attachment.original_name,
                "sha256": attachment.sha256,
            },
        )
        attachment.file.delete(save=False)
        attachment.delete()

    # ----- helpers -----------------------------------------------------------------------
    def _set_content(self, title: str, summary: str, body: str) -> None:
        from eduenforce.portal.richtext import sanitise

        title, summary = (title or "").strip(), (summary or "").strip()
        if not title:
            raise DomainError("请填写标题", field="title")
        if len(title) > 200:
            raise DomainError("标题不能超过200字", field="title")
        if len(summary) > 300:
            raise DomainError("摘要不能超过300字", field="summary")
        clean = sanitise(body or "")
        if not clean.strip():
            raise DomainError("请填写正文", field="body")
        self.title, self.summary, self.body = title, summary, clean

    def _check_reviewer(self, by) -> None:
        if getattr(by, "pk", None) == self.author_id:
            raise DomainError("审核人不能是撰稿人本人，请由其他负责人审核")


class ArticleAttachment(models.Model):
    """A file published with an article (PDF, Word, Excel, image), served only once the article is public."""

    article = models.ForeignKey(Article, models.CASCADE, related_name="attachments", verbose_name="稿件")
    token = models.CharField("公开编号", max_length=32, unique=True, default=new_public_id)
    file = models.FileField("文件", upload_to=_attachment_path)
    extension = models.CharField("扩展名", max_length=8)
    original_name = models.CharField("文件名", max_length=150)
    content_type = models.CharField("类型", max_length=100)
    size = models.PositiveBigIntegerField("大小（字节）")
    sha256 = models.CharField("SHA-256", max_length=64)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, models.PROTECT, related_name="+", verbose_name="上传人"
    )
    uploaded_at = models.DateTimeField("上传时间", auto_now_add=True)

    class Meta:
        ordering = ["article", "uploaded_at", "id"]
        verbose_name = verbose_name_plural = "稿件附件"

    def __str__(self) -> str:
        return self.original_name
