"""Importing the institution register: validate all, write all or nothing, idempotent re-import."""

import io
import os
import zipfile
from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eduenforce.records.models import JournalEntry
from eduenforce.registry import xlsx
from eduenforce.registry.importing import ImportRejected, import_institutions
from eduenforce.registry.models import ImportBatch, ImportItem, Institution, LicenceEvent
from eduenforce.registry.tests.factories import (
    HEADERS,
    InstitutionFactory,
    credit_code,
    id_number,
    row,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


def rejected(data, **kwargs) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        import_institutions(data, by=None, **kwargs)
    return [str(e) for e in caught.value.result.errors]


def test_a_valid_file_creates_every_row_with_its_licence_event_and_one_journal_entry(section_head):
    result = import_institutions(xlsx_bytes([row(1), row(2), row(3)]), by=section_head, file_name="名录.xlsx")
    assert (result.created, result.updated, result.unchanged) == (3, 0, 0)
    school = Institution.objects.get(credit_code=credit_code(2))
    assert school.name == "东丽区测试培训学校2" and school.kind == "training_non_academic"
    assert school.street.name == "张贵庄街道" and school.licence_expires == date(2026, 8, 31)
    assert school.licence_issued == date(2023, 9, 1) and school.name_initials == "DLQCSPXXX2"
    assert school.legal_rep_id_number == id_number(2) and school.phone == "022-84371234"
    assert LicenceEvent.objects.filter(kind="issued", source="import").count() == 3
    entry = JournalEntry.objects.get(action="registry.import")
    assert sorted(entry.changes["created"]) == sorted(Institution.objects.values_list("id", flat=True))
    batch = ImportBatch.objects.get()
    assert entry.object_id == str(batch.pk) and batch.file_name == "名录.xlsx" and len(batch.sm3) == 64
    assert not ImportItem.objects.exists() and all(
        batch.created_object(pk) for pk in entry.changes["created"]
    )


def test_one_bad_row_writes_nothing_and_names_row_and_column():
    rows = [row(1), row(2, 统一社会信用代码="911201100000000000"), row(3, 街道="火星街道"), row(4)]
    errors = rejected(xlsx_bytes(rows))
    assert errors == [
        "第3行 统一社会信用代码: 校验位错误",
        "第4行 街道: “火星街道”不是本区街道（可选：" + errors[1].split("可选：")[1],
    ]
    assert (
        not Institution.objects.exists()
        and not JournalEntry.objects.filter(action="registry.import").exists()
    )


def test_every_problem_of_a_row_is_reported_not_just_the_first():
    errors = rejected(
        xlsx_bytes([row(1, 类型="托管班", 风险等级="一般", 法定代表人身份证号="120110198001010011")])
    )
    assert errors == [
        "第2行 类型: “托管班”不是可选值（可选：民办学校、幼儿园、公办中小学、校外培训机构—学科类、校外培训机构—非学科类、其他）",
        "第2行 法定代表人身份证号: 校验位错误",
        "第2行 风险等级: “一般”不是可选值（可选：良好、警示、失信、严重失信）",
    ]


def test_unknown_type_street_and_risk_class_are_errors_never_defaults():
    errors = rejected(xlsx_bytes([row(1, 类型=""), row(2, 风险等级=""), row(3, 状态="营业")]))
    assert [e.split(":")[0] for e in errors] == ["第2行 类型", "第3行 风险等级", "第4行 状态"]


def test_reversed_licence_validity_and_a_credit_code_twice_in_the_file_are_refused():
    errors = rejected(
        xlsx_bytes(
            [
                row(1, 许可证发证日期="2025-01-01", 许可证有效期至="2024/12/31"),
                row(2),
                row(3, 统一社会信用代码=credit_code(2)),
            ]
        )
    )
    assert errors == ["第2行 许可证有效期至: 早于许可证发证日期", "第4行 统一社会信用代码: 与第3行重复"]


def test_dates_work_as_excel_date_cells_and_as_both_text_forms():
    import_institutions(
        xlsx_bytes(
            [
                row(1, 许可证发证日期=date(2024, 2, 29), 许可证有效期至="2027/2/28"),
                row(2, 许可证发证日期="2024-03-01", 许可证有效期至=date(2027, 3, 1)),
            ]
        ),
        by=None,
    )
    assert Institution.objects.get(credit_code=credit_code(1)).licence_expires == date(2027, 2, 28)
    assert Institution.objects.get(credit_code=credit_code(2)).licence_issued == date(2024, 3, 1)


def test_re_importing_the_same_file_changes_nothing(section_head):
    data = xlsx_bytes([row(1), row(2)])
    import_institutions(data, by=section_head)
    before = list(Institution.objects.values_list("id", "updated_at"))
    journal = JournalEntry.objects.count()
    result = import_institutions(data, by=section_head)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)
    assert list(Institution.objects.values_list("id", "updated_at")) == before
    assert LicenceEvent.objects.count() == 2
    assert JournalEntry.objects.count() == journal + 1  # the import itself is recorded, no object changed
    assert not ImportItem.objects.filter(batch=ImportBatch.objects.latest("id")).exists()


def test_a_changed_row_updates_only_that_institution_and_journals_the_difference(section_head):
    import_institutions(xlsx_bytes([row(1), row(2)]), by=section_head)
    untouched = Institution.objects.get(credit_code=credit_code(1)).updated_at
    result = import_institutions(
        xlsx_bytes([row(1), row(2, 风险等级="警示", 许可证有效期至="2029-08-31")]), by=section_head
    )
    assert (result.created, result.updated, result.unchanged) == (0, 1, 1)
    changed = Institution.objects.get(credit_code=credit_code(2))
    assert changed.risk_class == "warning" and changed.licence_expires == date(2029, 8, 31)
    assert Institution.objects.get(credit_code=credit_code(1)).updated_at == untouched
    entry = JournalEntry.objects.filter(action="registry.import").latest("seq")
    assert entry.changes["updated"] == {
        str(changed.pk): {"licence_expires": ["2026-08-31", "2029-08-31"], "risk_class": ["good", "warning"]}
    }
    assert changed.licence_events.latest("id").kind == "renewed"


def test_an_exported_masked_id_number_keeps_the_stored_one_but_a_foreign_mask_is_an_error():
    from eduenforce.core.templatetags.ui import masked_id

    institution = InstitutionFactory(credit_code=credit_code(1), legal_rep_id_number=id_number(1), name="甲")
    result = import_institutions(
        xlsx_bytes([row(1, 名称="甲", 法定代表人身份证号=masked_id(id_number(1)))]), by=None
    )
    institution.refresh_from_db()
    assert result.updated == 1 and institution.legal_rep_id_number == id_number(1)
    errors = rejected(xlsx_bytes([row(1, 法定代表人身份证号="1201**********9999")]))
    assert errors == ["第2行 法定代表人身份证号: 为脱敏显示值，无法导入；请填写完整的身份证号"]


def test_a_deregistered_institution_cannot_be_revived_by_import():
    InstitutionFactory(credit_code=credit_code(1), status="deregistered")
    assert rejected(xlsx_bytes([row(1)])) == ["第2行 状态: 该机构已注销，不能通过导入变更状态"]


def test_a_dry_run_counts_but_writes_nothing():
    result = import_institutions(xlsx_bytes([row(1), row(2)]), by=None, dry_run=True)
    assert (result.created, result.dry_run) == (2, True)
    assert not Institution.objects.exists() and not ImportBatch.objects.exists()


def test_empty_rows_are_skipped_and_row_numbers_stay_those_of_the_sheet():
    errors = rejected(xlsx_bytes([row(1), [""] * 14, row(3, 名称="")]))
    assert errors == ["第4行 名称: 不能为空"]


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "文件为空"),
        (b"name,kind\n", "文件不是 Excel .xlsx 格式，请使用下载的模板填写"),
        (
            b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100,
            "这是旧版 .xls 文件或已加密的文件，请在 Excel 中另存为 .xlsx 后再导入",
        ),
        (b"PK\x03\x04" + b"\0" * 50, "文件已损坏，无法作为 .xlsx 打开"),
    ],
)
def test_files_that_are_not_workbooks_get_a_clear_error(data, message):
    with pytest.raises(xlsx.FileProblem) as caught:
        import_institutions(data, by=None)
    assert caught.value.message == message


def test_a_zip_that_is_not_a_workbook_is_refused():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(xlsx.FileProblem, match="不是 Excel 工作簿"):
        import_institutions(buffer.getvalue(), by=None)


def test_twenty_megabytes_of_garbage_is_refused_at_once():
    with pytest.raises(xlsx.FileProblem, match="文件过大"):
        import_institutions(os.urandom(20 * 1024 * 1024), by=None)


def test_a_zip_bomb_is_refused_before_it_is_read(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_UNCOMPRESSED", 1024 * 1024)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/workbook.xml", "<workbook/>")
        archive.writestr("xl/worksheets/sheet1.xml", b"0" * (2 * 1024 * 1024))
    with pytest.raises(xlsx.FileProblem, match="解压后过大"):
        import_institutions(buffer.getvalue(), by=None)


def test_wrong_headers_name_the_first_column_that_differs():
    headers = HEADERS.copy()
    headers[2], headers[3] = headers[3], headers[2]
    with pytest.raises(xlsx.FileProblem) as caught:
        import_institutions(xlsx_bytes([row(1)], headers=headers), by=None)
    assert caught.value.message.startswith("表头不符：第C列应为“统一社会信用代码”，实际为“办学许可证号”")


def test_a_header_only_file_has_no_data_rows():
    with pytest.raises(xlsx.FileProblem, match="没有数据行"):
        import_institutions(xlsx_bytes([]), by=None)


def test_more_rows_than_the_limit_are_refused_before_validation(monkeypatch):
    monkeypatch.setattr(xlsx, "MAX_ROWS", 3)
    with pytest.raises(xlsx.FileProblem, match="最多 3 行"):
        import_institutions(xlsx_bytes([row(i) for i in range(4)]), by=None)


def test_the_command_prints_counts_and_the_dry_run_writes_nothing(tmp_path, capsys):
    path = tmp_path / "名录.xlsx"
    path.write_bytes(xlsx_bytes([row(1), row(2)]))
    call_command("import_institutions", str(path), "--dry-run")
    assert "新增 2 条" in capsys.readouterr().out and not Institution.objects.exists()
    call_command("import_institutions", str(path))
    assert "导入完成：新增 2 条，更新 0 条，未变 0 条（共 2 行）" in capsys.readouterr().out
    call_command("import_institutions", str(path))
    assert "新增 0 条，更新 0 条，未变 2 条" in capsys.readouterr().out


def test_the_command_exits_1_and_prints_one_line_per_problem(tmp_path, capsys):
    path = tmp_path / "bad.xlsx"
    path.write_bytes(xlsx_bytes([row(1, 类型="托管班"), row(2, 许可证有效期至="明年")]))
    with pytest.raises(CommandError) as caught:
        call_command("import_institutions", str(path))
    assert caught.value.returncode == 1
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines[0].startswith("第2行 类型: “托管班”不是可选值")
    assert lines[1] == "第3行 许可证有效期至: “明年”不是日期，应为 YYYY-MM-DD 或 YYYY/M/D"
    assert not Institution.objects.exists()


def test_the_command_refuses_a_missing_file_and_a_bad_file_with_exit_1(tmp_path):
    with pytest.raises(CommandError, match="文件不存在"):
        call_command("import_institutions", str(tmp_path / "none.xlsx"))
    path = tmp_path / "garbage.xlsx"
    path.write_bytes(b"not a workbook")
    with pytest.raises(CommandError, match="不是 Excel") as caught:
        call_command("import_institutions", str(path))
    assert caught.value.returncode == 1


def test_the_downloaded_template_filled_in_imports(client_for, section_head):
    from openpyxl import load_workbook

    template = client_for(section_head).get("/registry/import/template.xlsx").content
    workbook = load_workbook(io.BytesIO(template))
    sheet = workbook.worksheets[0]
    for line, values in ((2, row(1)), (3, row(2, 类型="托管班"))):
        for column, value in enumerate(values, start=1):
            sheet.cell(line, column, value)
    out = io.BytesIO()
    workbook.save(out)
    errors = rejected(out.getvalue())  # the formatted empty rows below the data are not rows
    assert [e.split(":")[0] for e in errors] == ["第3行 类型"]
    sheet.cell(3, 2, "幼儿园")
    out = io.BytesIO()
    workbook.save(out)
    assert import_institutions(out.getvalue(), by=section_head).created == 2
