"""Issuing an official document: number it, render it, store it with its hashes, journal it."""

import hashlib
import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from eduenforce.core.documents import cn_date, render_docx
from eduenforce.core.serials import formatted, next_serial
from eduenforce.records.journal import append
from eduenforce.records.models import DocumentTemplate, IssuedDocument


def template_override(name: str) -> bytes | None:
    """The uploaded replacement of a packaged .docx template, or None (fills
    ``core.documents.template_override``)."""
    override = DocumentTemplate.objects.filter(name=name).first()
    if override is None:
        return None
    with override.file.open("rb") as f:
        return f.read()


@transaction.atomic
def issue(
    *, kind: str, title: str, obj, template: str, context: dict, prefix: str, by, year: int | None = None
) -> IssuedDocument:
    """Number, render (.docx), store and journal one document about ``obj``.

    ``prefix`` is the serial series, e.g. ``config.get("serial.inspection_prefix")``; the
    number looks like ``东教检〔2025〕12号`` and never repeats (row-locked counter).
    """
    now = timezone.now()
    year = year or timezone.localdate(now).year
    number = formatted(prefix, year, next_serial(prefix, year))
    content = render_docx(
        template,
        {
            "bureau": settings.BUREAU_NAME,
            "number": number,
            "issued_on": cn_date(timezone.localdate(now)),
            **context,
        },
    )
    document = IssuedDocument(
        kind=kind,
        title=title,
        number=number,
        object_type=obj._meta.label_lower,
        object_id=str(obj.pk),
        sha256=hashlib.sha256(content).hexdigest(),
        sm3=hashlib.new("sm3", content).hexdigest(),
        issued_by=by if getattr(by, "is_authenticated", False) else None,
        issued_at=now,
    )
    document.file.save(f"{uuid.uuid4().hex}.docx", ContentFile(content), save=False)
    document.save()
    append(
        actor=by,
        action="document.issued",
        obj=obj,
        changes={"kind": kind, "number": number, "sha256": document.sha256, "sm3": document.sm3},
    )
    return document


def documents_for(obj):
    return IssuedDocument.objects.filter(object_type=obj._meta.label_lower, object_id=str(obj.pk))
