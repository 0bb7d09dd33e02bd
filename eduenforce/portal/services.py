"""Publishing through the portal: the one way any app makes something public.

The caller passes text that is already public by nature (titles, legal bases, amounts) and
names the natural persons in it: ``names_to_mask`` for a penalised individual (shown as
surname + 某), ``names_to_remove`` for everyone else (witnesses, complainants, family). Every
text and field then goes through ``portal.masking.mask_public`` here, before anything is stored.

Typical use by an app (a penalty decision)::

    from eduenforce.portal import services
    from eduenforce.portal.choices import PublicationKind

    services.schedule(kind=PublicationKind.DECISION, source=decision, title=..., occurred_on=decided_on,
                      due_on=services.due_on_for(PublicationKind.DECISION, decided_on), year=...)
    ...
    services.publish(kind=PublicationKind.DECISION, source=decision, title=..., occurred_on=decided_on,
                     year=..., by=user, summary=..., fields={"party": ..., "fine": ...},
                     names_to_mask=[party_if_individual], names_to_remove=witnesses,
                     party_is_minor=case.party_is_minor)
    # revoked: put it on the withdrawal list (3 working days), then take it down
    services.request_withdrawal(services.publication_for(PublicationKind.DECISION, decision), by=user,
                                reason="复议撤销", revoked_on=date)
    services.withdraw(publication, by=user, note="……")
"""

from datetime import date

from django.db import transaction
from django.utils import timezone

from eduenforce.core.deadlines import due_date
from eduenforce.core.errors import DomainError, require_status
from eduenforce.portal import cache
from eduenforce.portal.choices import DEADLINE_RULES, PublicationState
from eduenforce.portal.masking import mask_public
from eduenforce.portal.models import Publication, PublicationRevision
from eduenforce.records.journal import append

PUBLIC_STATES = (PublicationState.PUBLISHED, PublicationState.CORRECTED)


def _source(obj) -> tuple[str, str]:
    return obj._meta.label_lower, str(obj.pk)


def due_on_for(kind: str, occurred_on: date) -> date | None:
    """The publication deadline of ``kind`` from ``occurred_on`` (the rule in ``DEADLINE_RULES``)."""
    code = DEADLINE_RULES.get(kind)
    return due_date(code, occurred_on) if code else None


def _clip(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


@transaction.atomic
def schedule(
    *, kind: str, source, title: str, occurred_on: date, due_on: date | None, year: int, street=None
) -> Publication:
    """Register that ``source`` must be published by ``due_on`` (shows on the due/overdue lists)."""
    source_type, source_id = _source(source)
    publication, created = Publication.objects.get_or_create(
        kind=kind,
        source_type=source_type,
        source_id=source_id,
        defaults={
            "title": _clip(mask_public(title), 200),
            "occurred_on": occurred_on,
            "due_on": due_on,
            "year": year,
            "street": street,
        },
    )
    if created:
        append(
            actor=None,
            action="publication.scheduled",
            obj=publication,
            changes={"kind": kind, "source": f"{source_type}:{source_id}", "due_on": due_on},
        )
    return publication


@transaction.atomic
def publish(
    *,
    kind: str,
    source,
    title: str,
    occurred_on: date,
    year: int,
    by,
    summary: str = "",
    body: str = "",
    fields: dict | None = None,
    street=None,
    due_on: date | None = None,
    names_to_remove=(),
    names_to_mask=(),
    party_is_minor: bool = False,
) -> Publication:
    """Publish the masked snapshot of ``source``. A case whose party is a minor is never published."""
    if party_is_minor:
        raise DomainError("当事人为未成年人的案件依法不予公示")
    names = {"names_to_remove": names_to_remove, "names_to_mask": names_to_mask}
    title = _clip(mask_public(title, **names), 200)
    publication = schedule(
        kind=kind,
        source=source,
        title=title,
        occurred_on=occurred_on,
        due_on=due_on,
        year=year,
        street=street,
    )
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    if publication.state == PublicationState.WITHDRAWN:
        raise DomainError("该信息已撤回，不能再次公示；如需重新公开请另行登记")
    if publication.state != PublicationState.DUE:
        raise DomainError("该信息已公示；如需修改请使用“更正”，如需撤下请使用“撤回”")
    publication.title = title
    publication.summary = _clip(mask_public(summary, **names), 500)
    publication.body = mask_public(body, **names)
    publication.fields = mask_public(fields or {}, **names)
    publication.street = street
    publication.occurred_on, publication.year = occurred_on, year
    publication.state = PublicationState.PUBLISHED
    publication.published_at = timezone.now()
    publication.save()
    append(
        actor=by,
        action="publication.published",
        obj=publication,
        changes={
            "kind": kind,
            "title": title,
            "late": publication.is_late,
            "public_id": publication.public_id,
        },
    )
    cache.bump()
    return publication


@transaction.atomic
def correct(
    publication: Publication,
    *,
    by,
    note: str,
    title: str | None = None,
    summary: str | None = None,
    body: str | None = None,
    fields: dict | None = None,
    names_to_remove=(),
    names_to_mask=(),
) -> Publication:
    """Replace what a publication says; the previous version stays visible as the change."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    require_status(publication, PUBLIC_STATES, "更正", field="state")
    if not (note or "").strip():
        raise DomainError("更正须说明理由", field="note")
    names = {"names_to_remove": names_to_remove, "names_to_mask": names_to_mask}
    before = {"title": publication.title, "summary": publication.summary, "fields": publication.fields}
    new_values = {"title": title, "summary": summary, "body": body, "fields": fields}
    for name, value in new_values.items():
        if value is not None:
            setattr(publication, name, mask_public(value, **names))
    publication.title, publication.summary = _clip(publication.title, 200), _clip(publication.summary, 500)
    after = {"title": publication.title, "summary": publication.summary, "fields": publication.fields}
    before["body_changed"] = body is not None
    publication.state = PublicationState.CORRECTED
    publication.change_note = mask_public(note.strip(), **names)
    publication.save()
    PublicationRevision.objects.create(
        publication=publication, note=publication.change_note, before=before, after=after
    )
    append(
        actor=by,
        action="publication.corrected",
        obj=publication,
        changes={"note": publication.change_note, "before": before, "after": after},
    )
    cache.bump()
    return publication


@transaction.atomic
def request_withdrawal(
    publication: Publication, *, by, reason: str, revoked_on: date, names_to_remove=(), names_to_mask=()
) -> Publication:
    """The source was revoked or changed on ``revoked_on``: the publication must come down within
    the ``revoked_withdrawal`` rule (3 working days); until then it is on the withdrawal list."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    require_status(publication, PUBLIC_STATES, "登记撤回", field="state")
    if not (reason or "").strip():
        raise DomainError("请说明撤回原因（如：决定被复议撤销）", field="reason")
    if revoked_on > timezone.localdate():
        raise DomainError("撤销/变更日期不能晚于今天", field="revoked_on")
    publication.withdraw_due_on = due_date("revoked_withdrawal", revoked_on)
    publication.change_note = mask_public(
        reason.strip(), names_to_remove=names_to_remove, names_to_mask=names_to_mask
    )
    publication.save(update_fields=["withdraw_due_on", "change_note"])
    append(
        actor=by,
        action="publication.withdrawal_requested",
        obj=publication,
        changes={
            "reason": publication.change_note,
            "revoked_on": revoked_on,
            "withdraw_due_on": publication.withdraw_due_on,
        },
    )
    return publication


@transaction.atomic
def withdraw(publication: Publication, *, by, note: str, names_to_remove=(), names_to_mask=()) -> Publication:
    """Take a publication down (or cancel a due one); the public page then says it was withdrawn."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    require_status(publication, [*PUBLIC_STATES, PublicationState.DUE], "撤回", field="state")
    if not (note or "").strip():
        raise DomainError("撤回须说明理由", field="note")
    publication.state = PublicationState.WITHDRAWN
    publication.withdrawn_at = timezone.now()
    publication.change_note = mask_public(
        note.strip(), names_to_remove=names_to_remove, names_to_mask=names_to_mask
    )
    publication.save()
    late = bool(
        publication.withdraw_due_on
        and timezone.localdate(publication.withdrawn_at) > publication.withdraw_due_on
    )
    append(
        actor=by,
        action="publication.withdrawn",
        obj=publication,
        changes={"note": publication.change_note, "late": late},
    )
    cache.bump()
    return publication


def publication_for(kind: str, source) -> Publication | None:
    source_type, source_id = _source(source)
    return Publication.objects.filter(kind=kind, source_type=source_type, source_id=source_id).first()
