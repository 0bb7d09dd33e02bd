"""Publishing through the portal: the one way any app makes something public.

The caller passes text that is already public by nature (titles, legal bases, amounts);
person names and free text go through ``portal.masking`` here, before anything is stored.
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from eduenforce.core.errors import DomainError, require_status
from eduenforce.portal.choices import PublicationState
from eduenforce.portal.models import Publication
from eduenforce.records.journal import append


def _source(obj) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


@transaction.atomic
def schedule(*, kind: str, source, title: str, occurred_on: date, due_on: date | None, year: int,
             street=None) -> Publication:
    """Register that ``source`` must be published by ``due_on`` (shows on the due/overdue lists)."""
    source_type, source_id = _source(source)
    publication, created = Publication.objects.get_or_create(
        kind=kind, source_type=source_type, source_id=source_id,
        defaults={"title": title, "occurred_on": occurred_on, "due_on": due_on, "year": year, "street": street},
    )
    if created:
        append(actor=None, action="publication.scheduled", obj=publication,
               changes={"kind": kind, "source": f"{source_type}:{source_id}", "due_on": due_on})
    return publication


@transaction.atomic
def publish(*, kind: str, source, title: str, occurred_on: date, year: int, by, summary: str = "",
            body: str = "", fields: dict | None = None, street=None, due_on: date | None = None) -> Publication:
    """Publish (or re-publish unchanged) the masked snapshot of ``source``."""
    publication = schedule(kind=kind, source=source, title=title, occurred_on=occurred_on, due_on=due_on,
                           year=year, street=street)
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if publication.state != PublicationState.DUE:
        raise DomainError("该信息已公示；如需修改请使用“更正”，如需撤下请使用“撤回”")
    publication.title, publication.summary, publication.body = title, summary, body
    publication.fields = fields or {}
    publication.street = street
    publication.state = PublicationState.PUBLISHED
    publication.published_at = timezone.now()
    publication.save()
    append(actor=by, action="publication.published", obj=publication,
           changes={"kind": kind, "title": title, "late": publication.is_late})
    return publication


@transaction.atomic
def correct(publication: Publication, *, by, note: str, title: str | None = None, summary: str | None = None,
            body: str | None = None, fields: dict | None = None) -> Publication:
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    require_status(publication, [PublicationState.PUBLISHED, PublicationState.CORRECTED], "更正", field="state")
    if not note.strip():
        raise DomainError("更正须说明理由", field="note")
    before = {"title": publication.title, "summary": publication.summary, "fields": publication.fields}
    for name, value in (("title", title), ("summary", summary), ("body", body), ("fields", fields)):
        if value is not None:
            setattr(publication, name, value)
    publication.state = PublicationState.CORRECTED
    publication.change_note = note
    publication.save()
    append(actor=by, action="publication.corrected", obj=publication,
           changes={"note": note, "before": before})
    return publication


@transaction.atomic
def withdraw(publication: Publication, *, by, note: str) -> Publication:
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    require_status(publication, [PublicationState.PUBLISHED, PublicationState.CORRECTED, PublicationState.DUE],
                   "撤回", field="state")
    if not note.strip():
        raise DomainError("撤回须说明理由", field="note")
    publication.state = PublicationState.WITHDRAWN
    publication.withdrawn_at = timezone.now()
    publication.change_note = note
    publication.save()
    append(actor=by, action="publication.withdrawn", obj=publication, changes={"note": note})
    return publication


def publication_for(kind: str, source) -> Publication | None:
    source_type, source_id = _source(source)
    return Publication.objects.filter(kind=kind, source_type=source_type, source_id=source_id).first()
