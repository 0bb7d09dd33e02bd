"""Every change to officers, certificates, training and conflicts: atomic and journaled.

Entry points for other apps and the demo builder:

    register_officer(by=, name=, department=, position="", status=ACTIVE, user=None,
                     legal_qualification_number="", photo=None) -> Officer
    update_officer(officer, by=, **fields) -> Officer          # name, department, position, user, photo,
                                                                # legal_qualification_number
    set_officer_status(officer, to=, by=, reason=) -> Officer
    open_account(officer, by=, username=, password=, role=OFFICER) -> User   # the officer's sign-in
    issue_certificate(officer, by=, number=, issuing_authority=, valid_from=, valid_to=) -> Certificate
    (certificate.suspend / reinstate / revoke(by=, reason=) are verbs on the model)
    record_training(officer, by=, course=, date=, hours=, kind=TRAINING, result="") -> TrainingRecord
    declare_conflict(officer, institution, by=, relation=, reason="", valid_from=, valid_to=None) -> Conflict
    end_conflict(conflict, on=, by=) -> Conflict
    training_report(year) -> list[TrainingRow]                 # annual totals vs the requirement
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal, InvalidOperation

from django.db import IntegrityError, transaction
from django.utils import timezone

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.core import config
from eduenforce.core.errors import DomainError
from eduenforce.core.roles import Role
from eduenforce.officers.choices import OfficerStatus, TrainingKind
from eduenforce.officers.models import Certificate, Conflict, Officer, TrainingRecord
from eduenforce.records.journal import append, diff, snapshot
from eduenforce.registry import validators as v

OFFICER_FIELDS = ["name", "department", "position", "user", "status", "legal_qualification_number"]
EDITABLE = ["name", "department", "position", "user", "legal_qualification_number", "photo"]


def _check(value, check, field: str, label: str):
    try:
        return check(value)
    except v.Invalid as e:
        raise DomainError(f"{label}：{e.reason}", field=field) from None


def _clean_officer(fields: dict) -> dict:
    out = dict(fields)
    if "name" in out:
        out["name"] = _check(out["name"], lambda x: v.text(x, max_length=50, required=True), "name", "姓名")
    if "position" in out:
        out["position"] = _check(out["position"], lambda x: v.text(x, max_length=50), "position", "职务")
    if "legal_qualification_number" in out:
        out["legal_qualification_number"] = _check(
            out["legal_qualification_number"],
            lambda x: v.text(x, max_length=40),
            "legal_qualification_number",
            "法律职业资格证号",
        )
    if "department" in out:
        department = out["department"]
        if department is None or department.kind not in (DepartmentKind.SECTION, DepartmentKind.PARTNER):
            raise DomainError("所属部门应为本局科室或合作部门", field="department")
    if out.get("user") is not None:
        taken = Officer.objects.filter(user=out["user"]).exclude(pk=out.get("_pk")).first()
        if taken:
            raise DomainError(f"该账号已关联执法人员“{taken.name}”", field="user")
    out.pop("_pk", None)
    return out


@transaction.atomic
def register_officer(
    *,
    by,
    name: str,
    department,
    position: str = "",
    status: str = OfficerStatus.ACTIVE,
    user=None,
    legal_qualification_number: str = "",
    photo=None,
) -> Officer:
    """Add an enforcement officer (the certificate is issued separately)."""
    if status not in OfficerStatus.values:
        raise DomainError("状态不是可选值", field="status")
    fields = _clean_officer(
        {
            "name": name,
            "department": department,
            "position": position,
            "user": user,
            "legal_qualification_number": legal_qualification_number,
        }
    )
    officer = Officer(**fields, status=status)
    if photo:
        from eduenforce.officers.photos import normalised_photo

        officer.photo.save("photo.jpg", normalised_photo(photo), save=False)
    officer.save()
    append(actor=by, action="officers.registered", obj=officer, changes=snapshot(officer, OFFICER_FIELDS))
    return officer


@transaction.atomic
def update_officer(officer: Officer, *, by, **fields) -> Officer:
    """Change an officer's details; ``photo`` (an uploaded image) is re-encoded before it is stored."""
    unknown = set(fields) - set(EDITABLE)
    if unknown:
        raise DomainError(f"不能在此修改：{'、'.join(sorted(unknown))}")
    locked = Officer.objects.select_for_update().get(pk=officer.pk)
    photo = fields.pop("photo", None)
    cleaned = _clean_officer({**fields, "_pk": locked.pk})
    before = snapshot(locked, OFFICER_FIELDS)
    for name, value in cleaned.items():
        setattr(locked, name, value)
    changes = diff(before, snapshot(locked, OFFICER_FIELDS))
    if photo:
        from eduenforce.officers.photos import normalised_photo

        old = locked.photo.name
        locked.photo.save("photo.jpg", normalised_photo(photo), save=False)
        changes["photo"] = [old, locked.photo.name]
    if changes:
        locked.save()
        append(actor=by, action="officers.updated", obj=locked, changes=changes)
    return locked


LEGAL_REVIEW_QUALIFICATION = "《行政处罚法》第五十八条第二款"


@transaction.atomic
def open_account(officer: Officer, *, by, username: str, password: str, role: str = Role.OFFICER):
    """Open the sign-in account of an in-service officer, linked to the officer by construction
    (name and department from the registry; roles limited by ``accounts.actions.grantable_roles``)."""
    from eduenforce.accounts.actions import create_account

    locked = Officer.objects.select_for_update().select_related("department").get(pk=officer.pk)
    if locked.user_id is not None:
        raise DomainError(f"执法人员“{locked.name}”已关联账号 {locked.user.username}", field="username")
    if locked.status != OfficerStatus.ACTIVE:
        raise DomainError(f"执法人员“{locked.name}”不在岗，不能开通账号", field="username")
    if role == Role.LEGAL_REVIEWER and not locked.has_legal_qualification:
        raise DomainError(
            "初次从事法制审核的人员须取得法律职业资格，请先登记其法律职业资格证号"
            f"（{LEGAL_REVIEW_QUALIFICATION}）",
            field="role",
        )
    user = create_account(
        by=by, username=username, name=locked.name, department=locked.department, password=password, role=role
    )
    locked.user = user
    locked.save(update_fields=["user", "updated_at"])
    append(
        actor=by,
        action="officers.account_opened",
        obj=locked,
        changes={"user": [None, user.pk], "username": user.username, "role": role},
    )
    officer.user = user
    return user


@transaction.atomic
def set_officer_status(officer: Officer, *, to: str, by, reason: str) -> Officer:
    """在岗 ⇄ 离岗, either → 调出, 调出 → 在岗 (调回). Only 在岗 officers may enforce."""
    if to not in OfficerStatus.values:
        raise DomainError("状态不是可选值", field="to")
    reason = (reason or "").strip()
    if not reason:
        raise DomainError("请填写事由", field="reason")
    locked = Officer.objects.select_for_update().get(pk=officer.pk)
    if locked.status == to:
        raise DomainError(f"当前状态已是“{OfficerStatus(to).label}”", field="to")
    before = locked.status
    locked.status = to
    locked.save(update_fields=["status", "updated_at"])
    append(
        actor=by,
        action="officers.status_changed",
        obj=locked,
        changes={"status": [before, to], "reason": reason[:200]},
    )
    return locked


def clean_certificate(number, issuing_authority, valid_from, valid_to) -> dict:
    values = {
        "number": _check(number, v.certificate_number, "number", "执法证号"),
        "issuing_authority": _check(
            issuing_authority,
            lambda x: v.text(x, max_length=80, required=True),
            "issuing_authority",
            "发证机关",
        ),
        "valid_from": _check(valid_from, lambda x: v.parse_date(x, required=True), "valid_from", "有效期自"),
        "valid_to": _check(valid_to, lambda x: v.parse_date(x, required=True), "valid_to", "有效期至"),
    }
    if values["valid_to"] < values["valid_from"]:
        raise DomainError("有效期至早于有效期自", field="valid_to")
    return values


@transaction.atomic
def issue_certificate(
    officer: Officer, *, by, number: str, issuing_authority: str, valid_from: date, valid_to: date
) -> Certificate:
    """Record a 行政执法证 (a renewal is a new certificate; the old one stays in the history)."""
    values = clean_certificate(number, issuing_authority, valid_from, valid_to)
    taken = Certificate.objects.filter(number=values["number"]).select_related("officer").first()
    if taken:
        raise DomainError(f"执法证号 {values['number']} 已登记给“{taken.officer.name}”", field="number")
    try:
        with transaction.atomic():
            certificate = Certificate.objects.create(officer=officer, **values)
    except IntegrityError:
        raise DomainError(f"执法证号 {values['number']} 已被登记", field="number") from None
    append(
        actor=by,
        action="officers.certificate_issued",
        obj=certificate,
        changes={
            **snapshot(certificate, ["number", "issuing_authority", "valid_from", "valid_to", "state"]),
            "officer": officer.pk,
        },
    )
    return certificate


@transaction.atomic
def record_training(
    officer: Officer,
    *,
    by,
    course: str,
    date: date,
    hours,
    kind: str = TrainingKind.TRAINING,
    result: str = "",
) -> TrainingRecord:
    """Add a training course or exam with its 学时 (counted towards the year of ``date``)."""
    if kind not in TrainingKind.values:
        raise DomainError("类别不是可选值", field="kind")
    course = _check(course, lambda x: v.text(x, max_length=100, required=True), "course", "课程")
    result = _check(result, lambda x: v.text(x, max_length=20), "result", "考核结果")
    day = _check(date, lambda x: v.parse_date(x, required=True), "date", "日期")
    if day > timezone.localdate():
        raise DomainError("培训日期不能晚于今天", field="date")
    try:
        hours = Decimal(str(hours)).quantize(Decimal("0.1"))
    except (InvalidOperation, ValueError):
        raise DomainError("学时应为数字", field="hours") from None
    if not Decimal("0") <= hours <= Decimal("200"):
        raise DomainError("学时应在0至200之间", field="hours")
    record = TrainingRecord.objects.create(
        officer=officer, kind=kind, course=course, date=day, hours=hours, result=result
    )
    append(
        actor=by,
        action="officers.training_recorded",
        obj=officer,
        changes={
            "record": record.pk,
            "course": course,
            "date": day,
            "hours": hours,
            "kind": kind,
            "result": result,
        },
    )
    return record


@transaction.atomic
def declare_conflict(
    officer: Officer,
    institution,
    *,
    by,
    relation: str,
    valid_from: date,
    reason: str = "",
    valid_to: date | None = None,
) -> Conflict:
    """Declare a conflict of interest: the officer is recused from ``institution`` in the period."""
    relation = _check(relation, lambda x: v.text(x, max_length=50, required=True), "relation", "关系")
    reason = _check(reason, lambda x: v.text(x, max_length=200), "reason", "事由")
    if valid_to and valid_to < valid_from:
        raise DomainError("截止日期早于起始日期", field="valid_to")
    overlapping = (
        Conflict.objects.filter(officer=officer, institution=institution)
        .filter(valid_from__lte=valid_to or date.max)
        .exclude(valid_to__lt=valid_from)
    )
    if overlapping.exists():
        raise DomainError("该人员与该机构在此期间已有利益冲突申报", field="institution")
    conflict = Conflict.objects.create(
        officer=officer,
        institution=institution,
        relation=relation,
        reason=reason,
        valid_from=valid_from,
        valid_to=valid_to,
    )
    append(
        actor=by,
        action="officers.conflict_declared",
        obj=conflict,
        changes={
            "officer": officer.pk,
            "institution": institution.pk,
            "relation": relation,
            "reason": reason,
            "valid_from": valid_from,
            "valid_to": valid_to,
        },
    )
    return conflict


@transaction.atomic
def end_conflict(conflict: Conflict, *, on: date, by) -> Conflict:
    """The conflict no longer exists from the day after ``on``."""
    locked = Conflict.objects.select_for_update().get(pk=conflict.pk)
    if locked.valid_to is not None and locked.valid_to <= on:
        raise DomainError("该申报已于此前终止", field="on")
    if on < locked.valid_from:
        raise DomainError("终止日期早于起始日期", field="on")
    before = locked.valid_to
    locked.valid_to = on
    locked.save(update_fields=["valid_to", "updated_at"])
    append(actor=by, action="officers.conflict_ended", obj=locked, changes={"valid_to": [before, on]})
    return locked


@dataclass
class TrainingRow:
    officer: Officer
    hours: Decimal
    required: int

    @property
    def below(self) -> bool:
        return self.hours < self.required

    @property
    def missing(self) -> Decimal:
        return max(Decimal(self.required) - self.hours, Decimal(0))


def training_report(year: int, *, only_below: bool = False) -> list[TrainingRow]:
    """Each in-service officer's 学时 in ``year`` against ``training.required_hours`` (one query)."""
    required = config.get("training.required_hours")
    qs = (
        Officer.objects.filter(status=OfficerStatus.ACTIVE)
        .with_training_hours(year)
        .select_related("department")
    )
    if only_below:
        qs = qs.filter(training_hours__lt=required)
    return [
        TrainingRow(o, Decimal(o.training_hours), required) for o in qs.order_by("department__order", "name")
    ]
