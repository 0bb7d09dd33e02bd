"""Import of the institution register (监管对象) from the template's 14 columns.

Rows match existing institutions on 统一社会信用代码: new codes are created, changed rows are
updated (only what changed), unchanged rows are not touched, so re-importing a file is a no-op.
"""

from datetime import date
from operator import itemgetter

from django.db import IntegrityError, connection, transaction
from django.utils import timezone

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.accounts.models import Department
from eduenforce.core.templatetags.ui import masked_id
from eduenforce.records.journal import append
from eduenforce.registry import counts, xlsx
from eduenforce.registry import validators as v
from eduenforce.registry.choices import (
    ImportKind,
    InstitutionKind,
    InstitutionStatus,
    LicenceEventKind,
    RecordSource,
    RiskClass,
)
from eduenforce.registry.importing.common import (
    Column,
    ImportRejected,
    ImportResult,
    chunks,
    copy_rows_postgresql,
    insert_rows,
    parse_rows,
    paused_gc,
    record_batch,
)
from eduenforce.registry.models import Institution, LicenceEvent, id_ranges
from eduenforce.registry.pinyin import initials

HEADERS = [
    "名称",
    "类型",
    "统一社会信用代码",
    "办学许可证号",
    "许可证发证日期",
    "许可证有效期至",
    "办学范围",
    "街道",
    "地址",
    "法定代表人",
    "法定代表人身份证号",
    "联系电话",
    "风险等级",
    "状态",
]
FIELDS = [
    "name",
    "kind",
    "credit_code",
    "licence_number",
    "licence_issued",
    "licence_expires",
    "scope",
    "street_id",
    "address",
    "legal_rep_name",
    "legal_rep_id_number",
    "phone",
    "risk_class",
    "status",
]
LICENCE_FIELDS = ("licence_number", "licence_issued", "licence_expires")
OBJECT_TYPE = "registry.institution"


class MaskedId(str):
    """A 身份证号 cell holding our own masked display value (from an export without the right
    to see identities): it means "keep what is stored", and is accepted only if it matches."""


def _id_cell(value):
    if isinstance(value, str) and "*" in value:
        return MaskedId(value.strip())
    return v.id_number(value)


def street_lookup() -> dict[str, int]:
    streets = Department.objects.filter(kind=DepartmentKind.STREET).values_list("id", "name", "short_name")
    table = {}
    for pk, name, short in streets:
        table[name] = pk
        if short:
            table[short] = pk
    return table


def columns(streets: dict[str, int]) -> list[Column]:
    street_names = "、".join(
        Department.objects.filter(kind=DepartmentKind.STREET).values_list("name", flat=True)
    )

    def street(value):
        value = v.text(value, max_length=60, required=True)
        if value not in streets:
            raise v.Invalid(f"“{value}”不是本区街道（可选：{street_names}）")
        return streets[value]

    return [
        Column("名称", "name", v.text_parser(120, required=True)),
        Column("类型", "kind", v.choice_parser(dict(InstitutionKind.choices))),
        Column("统一社会信用代码", "credit_code", v.credit_code),
        Column("办学许可证号", "licence_number", v.text_parser(60)),
        Column("许可证发证日期", "licence_issued", v.parse_date),
        Column("许可证有效期至", "licence_expires", v.parse_date),
        Column("办学范围", "scope", v.text_parser(100)),
        Column("街道", "street_id", street),
        Column("地址", "address", v.text_parser(200)),
        Column("法定代表人", "legal_rep_name", v.text_parser(50)),
        Column("法定代表人身份证号", "legal_rep_id_number", _id_cell),
        Column("联系电话", "phone", v.phone),
        Column("风险等级", "risk_class", v.choice_parser(dict(RiskClass.choices))),
        Column("状态", "status", v.choice_parser(dict(InstitutionStatus.choices))),
    ]


def import_institutions(source, *, by, file_name: str = "", dry_run: bool = False) -> ImportResult:
    """Import an institution register (.xlsx path, uploaded file or bytes).

    Validates every row first; if any is invalid, raises ``ImportRejected`` (its ``result.errors``
    are the ``第<row>行 <column>: <reason>`` lines) and writes nothing. Otherwise writes all rows
    in one transaction, unless ``dry_run``. A bad file raises ``xlsx.FileProblem``.
    """
    with paused_gc():
        return _import(source, by=by, file_name=file_name, dry_run=dry_run)


def _import(source, *, by, file_name: str, dry_run: bool) -> ImportResult:
    data = xlsx.read_bytes(source)
    rows = xlsx.read_rows(data, HEADERS)
    result = ImportResult(rows=len(rows), dry_run=dry_run)
    parsed = parse_rows(rows, columns(street_lookup()), result)
    parsed = _check_file_rules(parsed, result)
    if not result.ok:
        raise ImportRejected(result)
    if dry_run:
        _plan(parsed, result, lock=False)
        if not result.ok:
            raise ImportRejected(result)
        return result
    try:
        with transaction.atomic():
            creates, updates = _plan(parsed, result, lock=True)
            if not result.ok:
                raise ImportRejected(result)
            _write(creates, updates, data=data, file_name=file_name, result=result, by=by)
            if creates or updates:
                counts.changed()
    except IntegrityError:
        raise xlsx.FileProblem(
            "导入期间数据被他人同时修改（统一社会信用代码冲突），未导入任何数据，请重新导入"
        ) from None
    return result


def _check_file_rules(parsed, result: ImportResult):
    """Rules across cells and rows: validity order, and each credit code once per file."""
    seen: dict[str, int] = {}
    kept = []
    for row_number, values in parsed:
        ok = True
        issued, expires = values["licence_issued"], values["licence_expires"]
        if issued and expires and expires < issued:
            result.add_error(row_number, "许可证有效期至", "早于许可证发证日期")
            ok = False
        code = values["credit_code"]
        if code in seen:
            result.add_error(row_number, "统一社会信用代码", f"与第{seen[code]}行重复")
            ok = False
        else:
            seen[code] = row_number
        if ok:
            kept.append((row_number, values))
    return kept


def _existing(codes: list[str], *, lock: bool) -> dict[str, dict]:
    found = {}
    for part in chunks(codes):
        qs = Institution.objects.filter(credit_code__in=part)
        if lock and connection.features.has_select_for_update:
            qs = qs.select_for_update()
        for row in qs.values("id", *FIELDS):
            found[row["credit_code"]] = row
    return found


def _plan(parsed, result: ImportResult, *, lock: bool):
    """Split rows into creates and updates (with their diffs); count the unchanged."""
    existing = _existing([values["credit_code"] for _, values in parsed], lock=lock)
    creates, updates = [], []
    for row_number, values in parsed:
        old = existing.get(values["credit_code"])
        id_cell = values["legal_rep_id_number"]
        if isinstance(id_cell, MaskedId):
            if old is None or masked_id(old["legal_rep_id_number"]) != id_cell:
                result.add_error(
                    row_number, "法定代表人身份证号", "为脱敏显示值，无法导入；请填写完整的身份证号"
                )
                continue
            values["legal_rep_id_number"] = old["legal_rep_id_number"]
        if old is None:
            creates.append(values)
            continue
        changed = {f: (old[f], values[f]) for f in FIELDS if old[f] != values[f]}
        if not changed:
            result.unchanged += 1
        elif "status" in changed and old["status"] == InstitutionStatus.DEREGISTERED:
            result.add_error(row_number, "状态", "该机构已注销，不能通过导入变更状态")
        else:
            updates.append((old["id"], values, changed))
    result.created, result.updated = len(creates), len(updates)
    return creates, updates


def _write(creates, updates, *, data: bytes, file_name: str, result: ImportResult, by) -> None:
    today = timezone.localdate()
    created_ids = _insert(creates)
    _update(updates)
    _issue_events_for_created(list(created_ids.values()), today, by)
    _insert_events(
        [
            (pk, _licence_change_kind(changed), _event_date(values, changed, today), values)
            for pk, values, changed in updates
            if any(f in changed for f in LICENCE_FIELDS)
        ],
        by,
    )
    created_list = sorted(created_ids.values())
    updated_list = [pk for pk, _, _ in updates]
    batch = record_batch(
        kind=ImportKind.INSTITUTIONS,
        data=data,
        file_name=file_name,
        result=result,
        by=by,
        object_type=OBJECT_TYPE,
        created_ids=created_list,
        updated_ids=updated_list,
    )
    result.batch = batch
    append(
        actor=by,
        action="registry.import",
        obj=batch,
        changes={
            "file": batch.file_name,
            "sm3": batch.sm3,
            "rows": result.rows,
            "unchanged": result.unchanged,
            "created": created_list,
            "updated": {str(pk): _journal_diff(changed) for pk, _, changed in updates},
        },
    )


def _licence_change_kind(changed: dict) -> str:
    number = changed.get("licence_number")
    if number and not number[0]:
        return LicenceEventKind.ISSUED
    expires = changed.get("licence_expires")
    if not number and expires and expires[0] and expires[1] and expires[1] > expires[0]:
        return LicenceEventKind.RENEWED
    return LicenceEventKind.CHANGED


def _event_date(values: dict, changed: dict, today: date) -> date:
    return values["licence_issued"] if "licence_issued" in changed and values["licence_issued"] else today


def _journal_diff(changed: dict) -> dict:
    out = {}
    for name, (old, new) in changed.items():
        if name == "legal_rep_id_number":  # the journal is widely readable; identities stay masked
            old, new = masked_id(old), masked_id(new)
        out[name] = [old, new]
    return out


def _insert(creates: list[dict]) -> dict[str, int]:
    """Insert new institutions with plain INSERTs; returns credit code → id."""
    if not creates:
        return {}
    now = timezone.now()
    pick = itemgetter(*FIELDS)
    rows = [(*pick(values), initials(values["name"]), now, now) for values in creates]
    fields = [*FIELDS, "name_initials", "created_at", "updated_at"]
    if connection.vendor == "sqlite":
        # SQLite has one writer: this transaction holds the write lock (BEGIN IMMEDIATE), and an
        # AUTOINCREMENT table numbers a prepared statement's rows in order from its sequence, so
        # the new ids are known without reading them back. Checked against the sequence after.
        first = _sqlite_sequence() + 1
        insert_rows(Institution, fields, rows)
        if _sqlite_sequence() == first + len(rows) - 1:
            return {values["credit_code"]: first + i for i, values in enumerate(creates)}
        return dict(Institution.objects.filter(id__gte=first).values_list("credit_code", "id"))
    if connection.vendor == "postgresql":
        ids = copy_rows_postgresql(Institution, fields, rows)
        return {values["credit_code"]: pk for values, pk in zip(creates, ids, strict=True)}
    returned = insert_rows(Institution, fields, rows, returning=["credit_code", "id"])
    if returned is not None:
        return dict(returned)
    ids = {}
    for part in chunks([values["credit_code"] for values in creates]):
        ids.update(Institution.objects.filter(credit_code__in=part).values_list("credit_code", "id"))
    return ids


def _sqlite_sequence() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT seq FROM sqlite_sequence WHERE name = %s", [Institution._meta.db_table])
        found = cursor.fetchone()
    return found[0] if found else 0


def _update(updates) -> None:
    if not updates:
        return
    now = timezone.now()
    objs = []
    for pk, values, _changed in updates:
        obj = Institution(id=pk, **{f: values[f] for f in FIELDS}, updated_at=now)
        obj.name_initials = initials(obj.name)
        objs.append(obj)
    Institution.objects.bulk_update(objs, [*FIELDS, "name_initials", "updated_at"], batch_size=500)


def _insert_events(events, by) -> None:
    now = timezone.now()
    by_id = by.pk if getattr(by, "is_authenticated", False) else None
    insert_rows(
        LicenceEvent,
        [
            "institution_id",
            "kind",
            "date",
            "licence_number",
            "valid_from",
            "valid_to",
            "note",
            "source",
            "created_by_id",
            "created_at",
        ],
        [
            (
                pk,
                kind,
                day,
                values["licence_number"],
                values["licence_issued"],
                values["licence_expires"],
                "批量导入",
                RecordSource.IMPORT,
                by_id,
                now,
            )
            for pk, kind, day, values in events
        ],
    )


def _issue_events_for_created(ids: list[int], today: date, by) -> None:
    """A 颁发 event for every created institution with a licence, dated its issue date (or today).

    One INSERT … SELECT from the rows just written: the database copies the licence columns
    itself instead of 50,000 parameter tuples crossing from Python.
    """
    if not ids:
        return
    event, institution = LicenceEvent._meta.db_table, Institution._meta.db_table
    params = [
        LicenceEventKind.ISSUED,
        connection.ops.adapt_datefield_value(today),
        "批量导入",
        RecordSource.IMPORT,
        by.pk if getattr(by, "is_authenticated", False) else None,
        connection.ops.adapt_datetimefield_value(timezone.now()),
    ]
    sql = (
        f"INSERT INTO {event} (institution_id, kind, date, licence_number, valid_from, valid_to, note, source, "  # noqa: S608
        f"created_by_id, created_at) SELECT id, %s, COALESCE(licence_issued, %s), licence_number, licence_issued, "
        f"licence_expires, %s, %s, %s, %s FROM {institution} "
        "WHERE id BETWEEN %s AND %s AND (licence_number <> '' OR licence_expires IS NOT NULL)"
    )
    with connection.cursor() as cursor:
        for first, last in id_ranges(ids):
            cursor.execute(sql, [*params, first, last])
