"""Every change to an institution: one function each, atomic, row-locked and journaled.

The demo builder and other apps call these, never ``save()`` directly:

    create_institution(by=user, name=…, kind=…, credit_code=…, street=dept, …) -> Institution
    update_institution(inst, by=user, expected_updated_at=None, **fields) -> Institution
    change_status(inst, to=InstitutionStatus.X, by=user, reason="…") -> Institution
    set_risk_class(inst, to=RiskClass.X, by=user, reason="…") -> Institution
    issue_licence(inst, number=…, issued=date, expires=date, by=user, note="") -> LicenceEvent
    renew_licence(inst, expires=date, issued=None, by=user, note="") -> LicenceEvent
    change_licence(inst, number=…, issued=date, expires=date, by=user, note="…") -> LicenceEvent
    revoke_licence(inst, on=date, by=user, reason="…") -> LicenceEvent

Refusals are ``DomainError`` with the Chinese reason and the form field it concerns.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.core.errors import DomainError, require_status
from eduenforce.core.templatetags.ui import masked_id
from eduenforce.records.journal import append, diff, snapshot
from eduenforce.registry import counts
from eduenforce.registry import validators as v
from eduenforce.registry.choices import InstitutionKind, InstitutionStatus, LicenceEventKind, RiskClass
from eduenforce.registry.models import Institution, LicenceEvent

# What "修改信息" may change; status, risk class and the licence each have their own verb.
EDITABLE = [
    "name",
    "kind",
    "credit_code",
    "scope",
    "address",
    "street",
    "legal_rep_name",
    "legal_rep_id_number",
    "phone",
    "founded",
]
LICENCE = ["licence_number", "licence_issued", "licence_expires"]
JOURNALED = [*EDITABLE, *LICENCE, "risk_class", "status"]


def _masked(changes: dict) -> dict:
    """The journal is read by auditors and shown on timelines: identities stay masked there."""
    out = dict(changes)
    if "legal_rep_id_number" in out:
        value = out["legal_rep_id_number"]
        out["legal_rep_id_number"] = (
            [masked_id(x) for x in value] if isinstance(value, list) else masked_id(value)
        )
    return out


def _clean(fields: dict) -> dict:
    """Validate and normalise the editable fields given; DomainError names the first bad one."""
    checks = {
        "name": lambda x: v.text(x, max_length=120, required=True),
        "kind": lambda x: v.choice(x, dict(InstitutionKind.choices)),
        "credit_code": v.credit_code,
        "scope": lambda x: v.text(x, max_length=100),
        "address": lambda x: v.text(x, max_length=200),
        "legal_rep_name": lambda x: v.text(x, max_length=50),
        "legal_rep_id_number": v.id_number,
        "phone": v.phone,
        "founded": v.parse_date,
        "licence_number": lambda x: v.text(x, max_length=60),
        "licence_issued": v.parse_date,
        "licence_expires": v.parse_date,
    }
    out = {}
    for name, value in fields.items():
        if name == "street":
            if value is None or getattr(value, "kind", None) != DepartmentKind.STREET:
                raise DomainError("请选择本区街道", field="street")
            out[name] = value
            continue
        try:
            out[name] = checks[name](value)
        except v.Invalid as e:
            label = Institution._meta.get_field(name).verbose_name
            raise DomainError(f"{label}：{e.reason}", field=name) from None
    return out


def _check_credit_code_free(code: str, exclude_pk=None) -> None:
    taken = Institution.objects.filter(credit_code=code).exclude(pk=exclude_pk).first()
    if taken:
        raise DomainError(f"统一社会信用代码已被“{taken.name}”使用", field="credit_code")


def _check_licence_dates(issued, expires) -> None:
    if issued and expires and expires < issued:
        raise DomainError("许可证有效期至早于发证日期", field="licence_expires")


@transaction.atomic
def create_institution(
    *,
    by,
    name: str,
    kind: str,
    credit_code: str,
    street,
    scope: str = "",
    address: str = "",
    legal_rep_name: str = "",
    legal_rep_id_number: str = "",
    phone: str = "",
    founded: date | None = None,
    risk_class: str = RiskClass.GOOD,
    status: str = InstitutionStatus.NORMAL,
    licence_number: str = "",
    licence_issued: date | None = None,
    licence_expires: date | None = None,
) -> Institution:
    """Register an institution (and, if given, its licence as a 颁发 event)."""
    fields = _clean(
        {
            "name": name,
            "kind": kind,
            "credit_code": credit_code,
            "street": street,
            "scope": scope,
            "address": address,
            "legal_rep_name": legal_rep_name,
            "legal_rep_id_number": legal_rep_id_number,
            "phone": phone,
            "founded": founded,
            "licence_number": licence_number,
            "licence_issued": licence_issued,
            "licence_expires": licence_expires,
        }
    )
    if risk_class not in RiskClass.values:
        raise DomainError("风险等级不是可选值", field="risk_class")
    if status not in InstitutionStatus.values:
        raise DomainError("状态不是可选值", field="status")
    _check_licence_dates(fields["licence_issued"], fields["licence_expires"])
    _check_credit_code_free(fields["credit_code"])
    institution = Institution.objects.create(**fields, risk_class=risk_class, status=status)
    append(
        actor=by,
        action="registry.created",
        obj=institution,
        changes=_masked(snapshot(institution, JOURNALED)),
    )
    if institution.licence_number or institution.licence_expires:
        _event(
            institution, LicenceEventKind.ISSUED, institution.licence_issued or timezone.localdate(), by, ""
        )
    counts.changed()
    return institution


def _lock(institution: Institution) -> Institution:
    return Institution.objects.select_for_update().get(pk=institution.pk)


@transaction.atomic
def update_institution(institution: Institution, *, by, expected_updated_at=None, **fields) -> Institution:
    """Change registration details (not status, risk class or licence: those have their own verbs).

    ``expected_updated_at`` (the value the editor saw) refuses a save that would overwrite
    someone else's change made in between.
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise DomainError(f"不能在此修改：{'、'.join(sorted(unknown))}")
    locked = _lock(institution)
    if locked.status == InstitutionStatus.DEREGISTERED:
        raise DomainError("该机构已注销，不能修改")
    if expected_updated_at is not None and locked.updated_at != expected_updated_at:
        raise DomainError("该记录已被他人修改，请刷新页面后重新编辑")
    cleaned = _clean(fields)
    if "credit_code" in cleaned:
        _check_credit_code_free(cleaned["credit_code"], exclude_pk=locked.pk)
    before = snapshot(locked, EDITABLE)
    for name, value in cleaned.items():
        setattr(locked, name, value)
    changes = diff(before, snapshot(locked, EDITABLE))
    if changes:
        locked.save()
        append(actor=by, action="registry.updated", obj=locked, changes=_masked(changes))
        counts.changed()
    return locked


@transaction.atomic
def change_status(institution: Institution, *, to: str, by, reason: str) -> Institution:
    """正常/整改中/停止招生/停办 ⇄ each other; → 注销 is final."""
    if to not in InstitutionStatus.values:
        raise DomainError("状态不是可选值", field="status")
    reason = _reason(reason)
    locked = _lock(institution)
    label = InstitutionStatus(to).label
    require_status(
        locked,
        [s for s in InstitutionStatus.values if s not in (to, InstitutionStatus.DEREGISTERED)],
        f"变更为“{label}”",
    )
    before = locked.status
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    append(
        actor=by,
        action="registry.status_changed",
        obj=locked,
        changes={"status": [before, to], "reason": reason},
    )
    counts.changed()
    return locked


@transaction.atomic
def set_risk_class(institution: Institution, *, to: str, by, reason: str) -> Institution:
    """Change the credit/risk class (良好/警示/失信/严重失信) with the reason for the record."""
    if to not in RiskClass.values:
        raise DomainError("风险等级不是可选值", field="risk_class")
    reason = _reason(reason)
    locked = _lock(institution)
    if locked.risk_class == to:
        raise DomainError(f"风险等级已是“{RiskClass(to).label}”", field="risk_class")
    before = locked.risk_class
    locked.risk_class = to
    locked.save(update_fields=["risk_class", "updated_at"])
    append(
        actor=by,
        action="registry.risk_changed",
        obj=locked,
        changes={"risk_class": [before, to], "reason": reason},
    )
    counts.changed()
    return locked


def _reason(reason: str, field: str = "reason") -> str:
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写事由", field=field)
    if len(reason) > 200:
        raise DomainError("事由不能超过200字", field=field)
    return reason


def _event(institution, kind, on: date, by, note: str) -> LicenceEvent:
    event = LicenceEvent.objects.create(
        institution=institution,
        kind=kind,
        date=on,
        licence_number=institution.licence_number,
        valid_from=institution.licence_issued,
        valid_to=institution.licence_expires,
        note=note,
        created_by=by if getattr(by, "is_authenticated", False) else None,
    )
    return event


def _licence_change(institution, kind, by, note, *, on: date, **values) -> LicenceEvent:
    locked = _lock(institution)
    if locked.status == InstitutionStatus.DEREGISTERED:
        raise DomainError("该机构已注销，不能办理许可证事项")
    has_licence = bool(locked.licence_number or locked.licence_expires)
    if kind == LicenceEventKind.ISSUED and has_licence:
        raise DomainError("该机构已有办学许可证，请办理“延续”或“变更”", field="licence_number")
    if kind != LicenceEventKind.ISSUED and not has_licence:
        raise DomainError("该机构尚无办学许可证，请先办理“颁发”")
    cleaned = _clean({k: val for k, val in values.items() if k in LICENCE})
    issued = cleaned.get("licence_issued", locked.licence_issued)
    expires = cleaned.get("licence_expires", locked.licence_expires)
    _check_licence_dates(issued, expires)
    if kind == LicenceEventKind.RENEWED and locked.licence_expires and expires <= locked.licence_expires:
        raise DomainError("延续后的有效期应晚于原有效期", field="licence_expires")
    before = snapshot(locked, LICENCE)
    for name, value in cleaned.items():
        setattr(locked, name, value)
    locked.save(update_fields=[*cleaned, "updated_at"])
    event = _event(locked, kind, on, by, note)
    append(
        actor=by,
        action=f"registry.licence_{kind}",
        obj=locked,
        changes={**diff(before, snapshot(locked, LICENCE)), "event": event.pk, "note": note},
    )
    counts.changed()
    return event


@transaction.atomic
def issue_licence(
    institution, *, number: str, issued: date, expires: date, by, note: str = ""
) -> LicenceEvent:
    """颁发 a 办学许可证 to an institution that has none (a 行政许可 for the annual report)."""
    if not (number or "").strip():
        raise DomainError("请填写许可证号", field="licence_number")
    if not issued or not expires:
        raise DomainError("请填写发证日期和有效期", field="licence_expires")
    return _licence_change(
        institution,
        LicenceEventKind.ISSUED,
        by,
        note,
        on=issued,
        licence_number=number,
        licence_issued=issued,
        licence_expires=expires,
    )


@transaction.atomic
def renew_licence(
    institution, *, expires: date, issued: date | None = None, by, note: str = ""
) -> LicenceEvent:
    """延续: a later expiry date (and optionally a new issue date) for the same licence number."""
    if not expires:
        raise DomainError("请填写新的有效期", field="licence_expires")
    values = {"licence_expires": expires, **({"licence_issued": issued} if issued else {})}
    return _licence_change(
        institution, LicenceEventKind.RENEWED, by, note, on=issued or timezone.localdate(), **values
    )


@transaction.atomic
def change_licence(institution, *, number: str, issued: date, expires: date, by, note: str) -> LicenceEvent:
    """变更 the licence (e.g. new number after a change of scope or address)."""
    note = _reason(note, field="note")
    if not (number or "").strip():
        raise DomainError("请填写许可证号", field="licence_number")
    return _licence_change(
        institution,
        LicenceEventKind.CHANGED,
        by,
        note,
        on=issued or timezone.localdate(),
        licence_number=number,
        licence_issued=issued,
        licence_expires=expires,
    )


@transaction.atomic
def revoke_licence(institution, *, on: date, by, reason: str) -> LicenceEvent:
    """吊销/注销 the licence from ``on``: it counts as expired from that day (status is changed separately)."""
    reason = _reason(reason)
    if not on:
        raise DomainError("请填写决定日期", field="on")
    locked = _lock(institution)
    current = locked.licence_expires
    ends = on - timedelta(days=1)
    expires = min(current, ends) if current else ends
    if locked.licence_issued and expires < locked.licence_issued:
        expires = locked.licence_issued
    return _licence_change(locked, LicenceEventKind.REVOKED, by, reason, on=on, licence_expires=expires)
