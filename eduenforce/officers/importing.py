"""Import of officers and their 行政执法证 from the template's 9 columns (one row per certificate).

Rows match on 执法证号. A known number updates that certificate and its holder; a new number is
added to the officer with the same name in the same department (a renewal keeps the history on
one person), or to a new officer when there is none. Empty 职务 / 法律职业资格证号 cells leave
the stored value as it is. Unchanged rows are not touched, so a re-import changes nothing.
"""

from django.db import IntegrityError, transaction
from django.utils import timezone

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.accounts.models import Department
from eduenforce.officers.choices import CertificateState, OfficerStatus
from eduenforce.officers.models import Certificate, Officer
from eduenforce.records.journal import append
from eduenforce.registry import validators as v
from eduenforce.registry import xlsx
from eduenforce.registry.choices import ImportKind
from eduenforce.registry.importing.common import (
    Column,
    ImportRejected,
    ImportResult,
    parse_rows,
    paused_gc,
    record_batch,
)

HEADERS = [
    "姓名",
    "所属部门",
    "职务",
    "执法证号",
    "发证机关",
    "证件有效期自",
    "证件有效期至",
    "证件状态",
    "法律职业资格证号",
]
CERT_FIELDS = ["issuing_authority", "valid_from", "valid_to", "state"]
OBJECT_TYPE = "officers.officer"


def department_lookup() -> dict[str, int]:
    table = {}
    for pk, name, short in Department.objects.filter(
        kind__in=[DepartmentKind.SECTION, DepartmentKind.PARTNER]
    ).values_list("id", "name", "short_name"):
        table[name] = pk
        if short:
            table.setdefault(short, pk)
    return table


def columns(departments: dict[str, int]) -> list[Column]:
    def department(value):
        value = v.text(value, max_length=60, required=True)
        if value not in departments:
            raise v.Invalid(f"“{value}”不是本局科室或合作部门")
        return departments[value]

    return [
        Column("姓名", "name", lambda x: v.text(x, max_length=50, required=True)),
        Column("所属部门", "department_id", department),
        Column("职务", "position", lambda x: v.text(x, max_length=50)),
        Column("执法证号", "number", v.certificate_number),
        Column("发证机关", "issuing_authority", lambda x: v.text(x, max_length=80, required=True)),
        Column("证件有效期自", "valid_from", lambda x: v.parse_date(x, required=True)),
        Column("证件有效期至", "valid_to", lambda x: v.parse_date(x, required=True)),
        Column("证件状态", "state", v.choice_parser(dict(CertificateState.choices))),
        Column("法律职业资格证号", "legal_qualification_number", lambda x: v.text(x, max_length=40)),
    ]


def import_officers(source, *, by, file_name: str = "", dry_run: bool = False) -> ImportResult:
    """Import officers and certificates; same contract as ``registry.importing.import_institutions``."""
    with paused_gc():
        return _import(source, by=by, file_name=file_name, dry_run=dry_run)


def _import(source, *, by, file_name: str, dry_run: bool) -> ImportResult:
    data = xlsx.read_bytes(source)
    rows = xlsx.read_rows(data, HEADERS)
    result = ImportResult(rows=len(rows), dry_run=dry_run)
    parsed = _check_file_rules(parse_rows(rows, columns(department_lookup()), result), result)
    if not result.ok:
        raise ImportRejected(result)
    try:
        with transaction.atomic():
            plan = _plan(parsed, result)
            if not result.ok:
                raise ImportRejected(result)
            if not dry_run:
                _write(plan, data=data, file_name=file_name, result=result, by=by)
    except IntegrityError:
        raise xlsx.FileProblem(
            "导入期间数据被他人同时修改（执法证号冲突），未导入任何数据，请重新导入"
        ) from None
    return result


def _check_file_rules(parsed, result):
    seen: dict[str, int] = {}
    kept = []
    for row_number, values in parsed:
        ok = True
        if values["valid_to"] < values["valid_from"]:
            result.add_error(row_number, "证件有效期至", "早于证件有效期自")
            ok = False
        if values["number"] in seen:
            result.add_error(row_number, "执法证号", f"与第{seen[values['number']]}行重复")
            ok = False
        else:
            seen[values["number"]] = row_number
        if ok:
            kept.append((row_number, values))
    return kept


class _Plan:
    def __init__(self):
        self.new_officers: dict[tuple[str, int], Officer] = {}
        self.officer_changes: dict[int, dict] = {}  # officer id -> {field: (old, new)}
        self.new_certificates: list[tuple[Officer, dict]] = []
        self.certificate_changes: dict[int, dict] = {}
        self.officers: dict[int, Officer] = {}
        self.certificates: dict[int, Certificate] = {}


def _plan(parsed, result: ImportResult) -> _Plan:
    plan = _Plan()
    numbers = [values["number"] for _, values in parsed]
    known = {
        c.number: c
        for c in Certificate.objects.select_for_update().filter(number__in=numbers).select_related("officer")
    }
    names = {values["name"] for _, values in parsed}
    by_name: dict[tuple[str, int], list[Officer]] = {}
    for officer in Officer.objects.filter(name__in=names):
        by_name.setdefault((officer.name, officer.department_id), []).append(officer)
    officer_rows: dict[object, tuple[int, dict]] = {}  # first row that set an officer's details
    for row_number, values in parsed:
        certificate = known.get(values["number"])
        officer = _officer_for(values, certificate, by_name, plan, result, row_number)
        if officer is None:
            continue
        if not _same_person_details(officer, values, officer_rows, result, row_number):
            continue
        changed = _officer_diff(officer, values) if officer.pk else {}
        cert_changed = _certificate_diff(certificate, values, result, row_number) if certificate else None
        if cert_changed is False:
            continue
        if certificate is None:
            plan.new_certificates.append((officer, values))
            result.created += 1
        elif changed or cert_changed:
            result.updated += 1
        else:
            result.unchanged += 1
        if changed:
            plan.officer_changes.setdefault(officer.pk, {}).update(changed)
            plan.officers[officer.pk] = officer
        if cert_changed:
            plan.certificate_changes[certificate.pk] = cert_changed
            plan.certificates[certificate.pk] = certificate
    return plan


def _officer_for(values, certificate, by_name, plan, result, row_number):
    if certificate is not None:
        return certificate.officer
    key = (values["name"], values["department_id"])
    matches = by_name.get(key, [])
    if len(matches) > 1:
        result.add_error(row_number, "姓名", "该部门有多名同名执法人员，无法确定证件归属，请在系统中逐个登记")
        return None
    if matches:
        return matches[0]
    if key not in plan.new_officers:
        plan.new_officers[key] = Officer(
            name=values["name"],
            department_id=values["department_id"],
            position=values["position"],
            status=OfficerStatus.ACTIVE,
            legal_qualification_number=values["legal_qualification_number"],
        )
    return plan.new_officers[key]


def _same_person_details(officer, values, officer_rows, result, row_number) -> bool:
    key = officer.pk or id(officer)
    details = (
        values["name"],
        values["department_id"],
        values["position"],
        values["legal_qualification_number"],
    )
    if key in officer_rows and officer_rows[key][1] != details:
        result.add_error(
            row_number, "姓名", f"与第{officer_rows[key][0]}行同一人员的姓名、部门、职务或资格证号不一致"
        )
        return False
    officer_rows.setdefault(key, (row_number, details))
    return True


def _officer_diff(officer: Officer, values: dict) -> dict:
    changed = {}
    for field in ("name", "department_id", "position", "legal_qualification_number"):
        new = values[field]
        if field in ("position", "legal_qualification_number") and not new:
            continue  # an empty cell keeps what is stored
        old = getattr(officer, field)
        if old != new:
            changed[field] = (old, new)
    return changed


def _certificate_diff(certificate: Certificate, values: dict, result, row_number):
    changed = {
        f: (getattr(certificate, f), values[f]) for f in CERT_FIELDS if getattr(certificate, f) != values[f]
    }
    if "state" in changed and certificate.state == CertificateState.REVOKED:
        result.add_error(row_number, "证件状态", "该执法证已注销，不能通过导入恢复")
        return False
    return changed


def _write(plan: _Plan, *, data: bytes, file_name: str, result: ImportResult, by) -> None:
    now = timezone.now()
    created_officers = list(plan.new_officers.values())
    Officer.objects.bulk_create(created_officers)
    new_certificates = [
        Certificate(
            officer=o,
            number=values["number"],
            **{f: values[f] for f in CERT_FIELDS},
            state_changed_at=now if values["state"] != CertificateState.VALID else None,
        )
        for o, values in plan.new_certificates
    ]
    Certificate.objects.bulk_create(new_certificates)
    for pk, changes in plan.officer_changes.items():
        officer = plan.officers[pk]
        for field, (_old, new) in changes.items():
            setattr(officer, field, new)
        officer.updated_at = now  # bulk_update does not apply auto_now
    Officer.objects.bulk_update(
        list(plan.officers.values()),
        ["name", "department_id", "position", "legal_qualification_number", "updated_at"],
    )
    for pk, changes in plan.certificate_changes.items():
        certificate = plan.certificates[pk]
        for field, (_old, new) in changes.items():
            setattr(certificate, field, new)
        if "state" in changes:
            certificate.state_changed_at, certificate.state_reason = now, "批量导入"
        certificate.updated_at = now
    Certificate.objects.bulk_update(
        list(plan.certificates.values()), [*CERT_FIELDS, "state_changed_at", "state_reason", "updated_at"]
    )
    created_ids = [o.pk for o in created_officers]
    touched = (
        {c.officer_id for c in plan.certificates.values()}
        | set(plan.officer_changes)
        | {c.officer_id for c in new_certificates}
    ) - set(created_ids)
    batch = record_batch(
        kind=ImportKind.OFFICERS,
        data=data,
        file_name=file_name,
        result=result,
        by=by,
        object_type=OBJECT_TYPE,
        created_ids=created_ids,
        updated_ids=sorted(touched),
    )
    result.batch = batch
    append(
        actor=by,
        action="officers.import",
        obj=batch,
        changes={
            "file": batch.file_name,
            "sm3": batch.sm3,
            "rows": result.rows,
            "unchanged": result.unchanged,
            "officers_created": created_ids,
            "certificates_created": {c.number: c.officer_id for c in new_certificates},
            "officers_updated": {
                str(pk): {f: list(ch) for f, ch in changes.items()}
                for pk, changes in plan.officer_changes.items()
            },
            "certificates_updated": {
                plan.certificates[pk].number: {f: list(ch) for f, ch in changes.items()}
                for pk, changes in plan.certificate_changes.items()
            },
        },
    )
