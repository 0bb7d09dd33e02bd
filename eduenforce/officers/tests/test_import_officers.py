"""Importing officers and certificates: all or nothing, renewals on one person, idempotent."""

from datetime import date

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from eduenforce.officers.importing import import_officers
from eduenforce.officers.models import Certificate, Officer
from eduenforce.officers.tests.factories import (
    OFFICER_HEADERS,
    CertificateFactory,
    OfficerFactory,
    officer_row,
)
from eduenforce.records.models import JournalEntry
from eduenforce.registry.importing import ImportRejected
from eduenforce.registry.tests.factories import xlsx_bytes

pytestmark = pytest.mark.django_db


def data(*rows) -> bytes:
    return xlsx_bytes(list(rows), headers=OFFICER_HEADERS, title="执法人员")


def rejected(content) -> list[str]:
    with pytest.raises(ImportRejected) as caught:
        import_officers(content, by=None)
    return [str(e) for e in caught.value.result.errors]


def test_a_valid_file_creates_officers_with_their_certificates(section_head):
    result = import_officers(
        data(officer_row(1), officer_row(2, 所属部门="市场监管", 法律职业资格证号="A2019")), by=section_head
    )
    assert (result.created, result.updated, result.unchanged) == (2, 0, 0)
    partner = Officer.objects.get(name="张2")
    assert partner.department.short_name == "市场监管" and partner.legal_qualification_number == "A2019"
    certificate = Certificate.objects.get(number="12010020250002")
    assert certificate.valid_from == date(2025, 1, 1) and certificate.valid_to == date(2029, 12, 31)
    assert JournalEntry.objects.filter(action="officers.import").count() == 1


def test_a_renewed_certificate_in_the_same_file_goes_to_the_same_person():
    import_officers(
        data(
            officer_row(1, 执法证号="12010020200001", 证件有效期自="2020-01-01", 证件有效期至="2024-12-31"),
            officer_row(1, 执法证号="12010020250001"),
        ),
        by=None,
    )
    officer = Officer.objects.get(name="张1")
    assert officer.certificates.count() == 2 and Officer.objects.count() == 1


def test_a_new_number_for_a_known_officer_is_added_to_their_history():
    officer = OfficerFactory(name="张1")
    CertificateFactory(officer=officer, number="12010020200001")
    result = import_officers(data(officer_row(1)), by=None)
    assert result.created == 1 and officer.certificates.count() == 2 and Officer.objects.count() == 1


def test_re_importing_changes_nothing_and_a_changed_state_updates_the_certificate():
    content = data(officer_row(1), officer_row(2))
    import_officers(content, by=None)
    again = import_officers(content, by=None)
    assert (again.created, again.updated, again.unchanged) == (0, 0, 2)
    changed = import_officers(data(officer_row(1), officer_row(2, 证件状态="暂扣")), by=None)
    assert (changed.updated, changed.unchanged) == (1, 1)
    assert Certificate.objects.get(number="12010020250002").state == "suspended"


def test_duplicate_numbers_reversed_validity_and_unknown_values_are_row_errors():
    errors = rejected(
        data(
            officer_row(1),
            officer_row(2, 执法证号="12010020250001"),
            officer_row(3, 证件有效期自="2025-01-01", 证件有效期至="2024-01-01"),
            officer_row(4, 所属部门="街道办", 证件状态="过期"),
        )
    )
    assert errors == [
        "第3行 执法证号: 与第2行重复",
        "第4行 证件有效期至: 早于证件有效期自",
        "第5行 所属部门: “街道办”不是本局科室或合作部门",
        "第5行 证件状态: “过期”不是可选值（可选：有效、暂扣、注销）",
    ]
    assert not Officer.objects.exists()


def test_a_revoked_certificate_cannot_be_revived_by_import():
    CertificateFactory(number="12010020250001", state="revoked", officer=OfficerFactory(name="张1"))
    assert rejected(data(officer_row(1))) == ["第2行 证件状态: 该执法证已注销，不能通过导入恢复"]


def test_two_namesakes_in_one_department_make_a_new_number_ambiguous():
    OfficerFactory(name="张1")
    OfficerFactory(name="张1")
    errors = rejected(data(officer_row(1)))
    assert errors == ["第2行 姓名: 该部门有多名同名执法人员，无法确定证件归属，请在系统中逐个登记"]


def test_the_command_imports_and_reports_problems_with_exit_1(tmp_path, capsys):
    good, bad = tmp_path / "good.xlsx", tmp_path / "bad.xlsx"
    good.write_bytes(data(officer_row(1)))
    bad.write_bytes(data(officer_row(1, 证件有效期至="2029-13-01")))
    call_command("import_officers", str(good))
    assert "新增 1 条" in capsys.readouterr().out
    with pytest.raises(CommandError) as caught:
        call_command("import_officers", str(bad), "--dry-run")
    assert caught.value.returncode == 1
    assert capsys.readouterr().err.strip() == "第2行 证件有效期至: “2029-13-01”不是有效的日期"


def test_the_officer_page_history_shows_the_imports(client_for, section_head):
    import_officers(data(officer_row(1)), by=section_head, file_name="首批.xlsx")
    import_officers(data(officer_row(1, 证件状态="暂扣")), by=section_head, file_name="变更.xlsx")
    officer = Officer.objects.get(name="张1")
    history = client_for(section_head).get(f"/officers/{officer.pk}/").context["history"]
    assert [(h[2], h[3]) for h in history] == [("批量导入更新", "变更.xlsx"), ("批量导入登记", "首批.xlsx")]
