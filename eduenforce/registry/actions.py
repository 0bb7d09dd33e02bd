"""Every change to an institution: one function each, atomic, row-locked and journaled.

The demo builder and other apps call these, never ``save()`` directly:

    do_create_institution(by=user, name=…, kind=…, credit_code=…, street=dept, …) -> Institution
    do_update_institution(inst, by=user, expected_updated_at=None, **fields) -> Institution
    do_change_status(inst, to=InstitutionStatus.X, by=user, reason="…") -> Institution
    do_apply_enforcement_status(inst, to=…, by=user, reason="…", source=record, only_from=None) -> bool
    do_set_risk_class(inst, to=RiskClass.X, by=user, reason="…") -> Institution
    do_issue_licence(inst, number=…, issued=date, expires=date, by=user, note="") -> LicenceEvent
    do_renew_licence(inst, expires=date, issued=None, by=user, note="") -> LicenceEvent
    do_change_licence(inst, number=…, issued=date, expires=date, by=user, note="…") -> LicenceEvent
    do_revoke_licence(inst, on=date, by=user, reason="…", decision=case) -> LicenceEvent
    do_apply_decision(inst, decision=case, by=user) -> list[str]

Penalties only through a case: 停止招生, 停办 and 吊销办学许可证 are 行政处罚 (《行政处罚法》第九条),
so the registry writes them only when the change cites a served decision, which it verifies
through ``registry.hooks.served_decision_effects`` (the cases app answers); every other path
is refused naming 第三十八条 (a penalty without legal basis or procedure is invalid).

The status is this module's alone: a change an inspection causes (整改中, back to 正常, 停止招生,
停办) goes through ``do_apply_enforcement_status``, so the guard (注销 is final), the journal entry
and the list totals' cache bump are the same whoever causes it. Each change declares its
``Transition`` below; the institution page offers its buttons from them.

Refusals are ``DomainError`` with the Chinese reason and the form field it concerns.
"""

from datetime import date, timedelta

from django.db import transaction
from django.utils import timezone

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.core.errors import DomainError
from eduenforce.core.templatetags.ui import masked_id
from eduenforce.core.transitions import Requirement, Transition
from eduenforce.records.journal import append, diff, snapshot
from eduenforce.registry import counts, hooks
from eduenforce.registry import validators as v
from eduenforce.registry.choices import (
    PENALTY_STATUS,
    InstitutionKind,
    InstitutionStatus,
    LicenceEventKind,
    PenaltyEffect,
    RiskClass,
)
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

S = InstitutionStatus
ACTIVE = frozenset(S) - {S.DEREGISTERED}
FINAL = "注销为终局状态，该机构已注销"


def _active(name: str, label: str, capability="registry.manage", **kwargs) -> Transition:
    return Transition(f"registry.{name}", label, capability, ACTIVE, why=FINAL, **kwargs)


def _has_licence(institution: Institution) -> bool:
    return bool(institution.licence_number or institution.licence_expires)


HAS_LICENCE = Requirement(_has_licence, "该机构尚无办学许可证，请先办理“颁发”")
UPDATE = _active("update_institution", "修改信息")
CHANGE_STATUS = _active("change_status", "变更状态")
# Caused by an inspection's own step (整改通知, 复查结论, 停止招生/停办), whose actor holds one of these.
APPLY_ENFORCEMENT = _active(
    "apply_enforcement_status", "依执法决定变更机构状态", ("inspections.work", "inspections.decide")
)
SET_RISK = _active("set_risk_class", "调整风险等级")
ISSUE_LICENCE = _active(
    "issue_licence",
    "颁发办学许可证",
    requires=(Requirement(lambda i: not _has_licence(i), "该机构已有办学许可证，请办理“延续”或“变更”"),),
)
RENEW_LICENCE = _active("renew_licence", "延续办学许可证", requires=(HAS_LICENCE,))
CHANGE_LICENCE = _active("change_licence", "变更办学许可证", requires=(HAS_LICENCE,))
# 吊销 is written by a served decision only (the serving officer's capability); never offered as a button.
REVOKE_LICENCE = _active(
    "revoke_licence", "吊销办学许可证", ("registry.manage", "cases.investigate"), requires=(HAS_LICENCE,)
)
APPLY_DECISION = _active("apply_decision", "执行行政处罚决定", ("registry.manage", "cases.investigate"))
TRANSITIONS = (UPDATE, CHANGE_STATUS, SET_RISK, ISSUE_LICENCE, RENEW_LICENCE, CHANGE_LICENCE)

ONLY_BY_DECISION = (
    "{what}属于行政处罚（《行政处罚法》第九条），只能依已送达的行政处罚决定书作出；"
    "没有法定依据或者不遵守法定程序的，行政处罚无效（《行政处罚法》第三十八条）。请通过案件办理并送达决定书"
)


def _refuse_penalty(what: str, field: str = "to") -> DomainError:
    return DomainError(ONLY_BY_DECISION.format(what=what), field=field)


def _cited_effects(locked: Institution, decision, what: str, field: str) -> frozenset[str]:
    """The effects the cited decision imposes on this institution; refused when it cites none."""
    effects = hooks.served_decision_effects(decision, locked) if decision is not None else frozenset()
    if not effects:
        raise _refuse_penalty(what, field)
    return effects


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
def do_create_institution(
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
def do_update_institution(institution: Institution, *, by, expected_updated_at=None, **fields) -> Institution:
    """Change registration details (not status, risk class or licence: those have their own verbs).

    ``expected_updated_at`` (the value the editor saw) refuses a save that would overwrite
    someone else's change made in between.
    """
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise DomainError(f"不能在此修改：{'、'.join(sorted(unknown))}")
    locked = _lock(institution)
    UPDATE.check(locked, by)
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
def do_change_status(institution: Institution, *, to: str, by, reason: str) -> Institution:
    """正常/整改中/停止招生/停办 ⇄ each other; → 注销 is final."""
    if to not in InstitutionStatus.values:
        raise DomainError("状态不是可选值", field="status")
    if to in PENALTY_STATUS:
        raise _refuse_penalty(f"“{InstitutionStatus(to).label}”")
    reason = _reason(reason)
    locked = _lock(institution)
    CHANGE_STATUS.check(locked, by)
    if locked.status == to:
        raise DomainError(f"该机构已是“{InstitutionStatus(to).label}”状态", field="to")
    _set_status(locked, to, by=by, reason=reason)
    return locked


@transaction.atomic
def do_apply_enforcement_status(
    institution: Institution, *, to: str, by, reason: str, source, only_from=None
) -> bool:
    """The status an inspection's decision gives the institution; returns whether it changed.

    ``only_from``: change only from these states (back to 正常 only from 整改中; 整改中 only from
    正常, so a stopped or closed institution keeps its stronger status). The guard still applies:
    nothing changes a deregistered institution.
    """
    if to not in InstitutionStatus.values:
        raise ValueError(to)
    if to in PENALTY_STATUS:
        raise _refuse_penalty(f"“{InstitutionStatus(to).label}”")
    locked = _lock(institution)
    if locked.status == to or (only_from is not None and locked.status not in only_from):
        institution.status = locked.status
        return False
    APPLY_ENFORCEMENT.check(locked, by)
    _set_status(locked, to, by=by, reason=reason, source=source)
    institution.status = to
    return True


def _set_status(locked: Institution, to: str, *, by, reason: str, source=None) -> None:
    before = locked.status
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    changes = {"status": [before, to], "reason": reason}
    if source is not None:
        changes["source"] = f"{source._meta.label_lower}:{source.pk}"
    append(actor=by, action="registry.status_changed", obj=locked, changes=changes)
    counts.changed()


@transaction.atomic
def do_set_risk_class(institution: Institution, *, to: str, by, reason: str) -> Institution:
    """Change the credit/risk class (良好/警示/失信/严重失信) with the reason for the record."""
    if to not in RiskClass.values:
        raise DomainError("风险等级不是可选值", field="risk_class")
    reason = _reason(reason)
    locked = _lock(institution)
    SET_RISK.check(locked, by)
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


def _licence_change(institution, transition, kind, by, note, *, on: date, **values) -> LicenceEvent:
    locked = _lock(institution)
    transition.check(locked, by)
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
def do_issue_licence(
    institution, *, number: str, issued: date, expires: date, by, note: str = ""
) -> LicenceEvent:
    """颁发 a 办学许可证 to an institution that has none (a 行政许可 for the annual report)."""
    if not (number or "").strip():
        raise DomainError("请填写许可证号", field="licence_number")
    if not issued or not expires:
        raise DomainError("请填写发证日期和有效期", field="licence_expires")
    return _licence_change(
        institution,
        ISSUE_LICENCE,
        LicenceEventKind.ISSUED,
        by,
        note,
        on=issued,
        licence_number=number,
        licence_issued=issued,
        licence_expires=expires,
    )


@transaction.atomic
def do_renew_licence(
    institution, *, expires: date, issued: date | None = None, by, note: str = ""
) -> LicenceEvent:
    """延续: a later expiry date (and optionally a new issue date) for the same licence number."""
    if not expires:
        raise DomainError("请填写新的有效期", field="licence_expires")
    values = {"licence_expires": expires, **({"licence_issued": issued} if issued else {})}
    return _licence_change(
        institution,
        RENEW_LICENCE,
        LicenceEventKind.RENEWED,
        by,
        note,
        on=issued or timezone.localdate(),
        **values,
    )


@transaction.atomic
def do_change_licence(
    institution, *, number: str, issued: date, expires: date, by, note: str
) -> LicenceEvent:
    """变更 the licence (e.g. new number after a change of scope or address)."""
    note = _reason(note, field="note")
    if not (number or "").strip():
        raise DomainError("请填写许可证号", field="licence_number")
    return _licence_change(
        institution,
        CHANGE_LICENCE,
        LicenceEventKind.CHANGED,
        by,
        note,
        on=issued or timezone.localdate(),
        licence_number=number,
        licence_issued=issued,
        licence_expires=expires,
    )


@transaction.atomic
def do_revoke_licence(institution, *, on: date, by, reason: str, decision=None) -> LicenceEvent:
    """吊销 the licence from ``on`` as the served ``decision`` orders: it counts as expired from that day."""
    locked = _lock(institution)
    effects = _cited_effects(locked, decision, "吊销办学许可证", "note")
    if PenaltyEffect.REVOKE_LICENCE not in effects:
        raise _refuse_penalty("吊销办学许可证", "note")
    reason = _reason(reason, field="note")
    if not on:
        raise DomainError("请填写决定日期", field="on")
    REVOKE_LICENCE.check(locked, by)
    current = locked.licence_expires
    ends = on - timedelta(days=1)
    expires = min(current, ends) if current else ends
    if locked.licence_issued and expires < locked.licence_issued:
        expires = locked.licence_issued
    return _licence_change(
        locked, REVOKE_LICENCE, LicenceEventKind.REVOKED, by, reason, on=on, licence_expires=expires
    )


@transaction.atomic
def do_apply_decision(institution: Institution, *, decision, by) -> list[str]:
    """Write what a served 行政处罚决定 imposes (吊销, 停止招生, 停办) into the registry, each
    journaled with the decision it cites; returns the effects applied (already in force: skipped)."""
    locked = _lock(institution)
    effects = _cited_effects(locked, decision, "依决定变更机构状态或许可证", "to")
    APPLY_DECISION.check(locked, by)
    cites = f"依{decision.decision_number or '行政处罚决定书'}"
    applied = []
    if PenaltyEffect.REVOKE_LICENCE in effects and _has_licence(locked) and not _revoked(locked):
        do_revoke_licence(locked, on=decision.served_on, by=by, reason=f"{cites}吊销", decision=decision)
        applied.append(PenaltyEffect.REVOKE_LICENCE)
    for status in (InstitutionStatus.SUSPENDED, InstitutionStatus.ENROLMENT_STOPPED):  # the stronger first
        if PENALTY_STATUS[status] in effects:
            locked.refresh_from_db(fields=["status"])
            if locked.status in (status, InstitutionStatus.SUSPENDED):
                break
            _set_status(
                locked, status, by=by, reason=f"{cites}{PENALTY_STATUS[status].label}", source=decision
            )
            applied.append(PENALTY_STATUS[status])
            break
    institution.refresh_from_db()
    return applied


def _revoked(institution: Institution) -> bool:
    latest = institution.licence_events.order_by("-date", "-id").first()
    return latest is not None and latest.kind == LicenceEventKind.REVOKED
