"""Publishing through the portal: the one way any app makes something public.

The caller passes text that is already public by nature (titles, legal bases, amounts) and
names the natural persons in it: ``names_to_mask`` for a penalised individual (shown as
surname + 某), ``names_to_remove`` for everyone else (witnesses, complainants, family). Only
the fields that ``portal.fields`` declares for the kind are kept (publishing by allow-list);
text fields go through ``portal.masking.mask_public`` here, before anything is stored, with
the publication's identifiers kept intact. Free text an officer wrote about a case (the
facts of a decision, ``portal.fields.FREE``) is not public yet: it waits in ``pending_text``
until a reviewer reads it, removes every person named and confirms it (``confirm_text``).

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

import hashlib
import hmac
from datetime import date

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from eduenforce.core.deadlines import due_date
from eduenforce.core.errors import DomainError, require_status
from eduenforce.portal import cache
from eduenforce.portal import fields as kinds
from eduenforce.portal.choices import DEADLINE_RULES, PublicationState
from eduenforce.portal.masking import mask_public, named_persons
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


def _name_digest(name: str) -> str:
    """A keyed digest of a person's name: the reviewer's check needs to recognise the names of
    the case, the publication row must not hold them."""
    return hmac.new(settings.SECRET_KEY.encode(), name.strip().encode(), hashlib.sha256).hexdigest()[:32]


def _digests(names) -> set[str]:
    """Digests of each name (a field may hold several: 张三、李四)."""
    import re

    return {_name_digest(part) for n in names if n for part in re.split(r"[,，、;；/\s]+", n) if part}


def identifiers(kind: str, public_id: str, values: dict) -> set[str]:
    """What masking must leave alone inside content: the public id and the declared identifiers."""
    keep = {public_id}
    for spec in kinds.declared(kind):
        value = values.get(spec.key)
        if spec.type in (kinds.ID, kinds.URL) and value not in (None, ""):
            keep.add(str(value))
    return keep


def _content(kind, public_id, *, body, fields, names_to_remove, names_to_mask):
    """(body, fields, pending): the declared fields, content masked, free text held back."""
    values = kinds.allowed(kind, fields)
    keep = identifiers(kind, public_id, values)
    masking = {"names_to_remove": names_to_remove, "names_to_mask": names_to_mask, "keep": keep}
    public, pending = {}, {}
    for spec in kinds.declared(kind):
        if spec.key not in values:
            continue
        value = mask_public(values[spec.key], **masking) if spec.masked else values[spec.key]
        if spec.free and value not in (None, ""):
            pending[spec.key] = value
        else:
            public[spec.key] = value
    body = mask_public(body or "", **masking)
    if kind in kinds.FREE_BODY_KINDS and body.strip():
        pending["body"], body = body, ""
    return body, public, pending, masking


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
    title = _clip(mask_public(title, **names), 200)  # masked again below, identifiers kept
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
    body, public, pending, masking = _content(kind, publication.public_id, body=body, fields=fields, **names)
    publication.title = title
    publication.summary = _clip(mask_public(summary, **masking), 500)
    publication.body, publication.fields, publication.pending_text = body, public, pending
    publication.pending_names = sorted(_digests((*names_to_remove, *names_to_mask)))
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
            "awaiting_review": sorted(pending),
        },
    )
    cache.bump()
    return publication


def _names_left(text: str, digests: set[str]) -> list[str]:
    """Names of the case (by digest) or third parties (by pattern) still in ``text``."""
    found = named_persons(text)
    if digests:
        for length in (2, 3, 4):
            for i in range(len(text) - length + 1):
                piece = text[i : i + length]
                if _name_digest(piece) in digests and piece not in found:
                    found.append(piece)
    return found


@transaction.atomic
def confirm_text(publication: Publication, *, by, texts: dict) -> Publication:
    """The reviewer has read the free text waiting for publication, removed every person named
    in the case (relatives, witnesses, minors) and confirms what may be published. Text still
    naming one of the case's persons, or a third party masking recognises, is refused."""
    publication = Publication.objects.select_for_update().get(pk=publication.pk)
    require_status(publication, PUBLIC_STATES, "确认公开文字", field="state")
    if not publication.pending_text:
        raise DomainError("没有待确认的文字", field="state")
    keep = identifiers(publication.kind, publication.public_id, publication.fields)
    digests = set(publication.pending_names or ())
    confirmed = {}
    for key in publication.pending_text:
        text = mask_public((texts.get(key) or "").strip(), keep=keep)
        left = _names_left(text, digests)
        label = "正文" if key == "body" else kinds.label(publication.kind, key)
        if left:
            raise DomainError(f"“{label}”中仍有人员姓名：{'、'.join(left)}，请删除后再确认公开", field=key)
        confirmed[key] = text
    fields = dict(publication.fields)
    for key, text in confirmed.items():
        if key == "body":
            publication.body = text
        elif text:
            fields[key] = text
    publication.fields, publication.pending_text, publication.pending_names = fields, {}, []
    publication.text_confirmed_by, publication.text_confirmed_at = by, timezone.now()
    publication.save()
    append(
        actor=by,
        action="publication.text_confirmed",
        obj=publication,
        changes={"fields": sorted(confirmed), "lengths": {k: len(v) for k, v in confirmed.items()}},
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
    new_body, new_fields, pending, masking = _content(
        publication.kind,
        publication.public_id,
        body=body,
        fields=fields or {},
        **names,
    )
    for key in list(pending):  # free text already confirmed and unchanged stays public
        current = publication.body if key == "body" else publication.fields.get(key)
        if current == pending[key]:
            if key == "body":
                new_body = pending.pop(key)
            else:
                new_fields[key] = pending.pop(key)
    if fields is not None:
        publication.fields = new_fields
    if body is not None:
        publication.body = new_body
    if pending:
        publication.pending_text = {**(publication.pending_text or {}), **pending}
        digests = _digests((*names_to_remove, *names_to_mask))
        publication.pending_names = sorted(set(publication.pending_names or ()) | digests)
    for name, value in (("title", title), ("summary", summary)):
        if value is not None:
            setattr(publication, name, mask_public(value, **masking))
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
