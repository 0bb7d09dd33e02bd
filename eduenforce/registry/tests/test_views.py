"""Registry pages: who may open them, search and filters, masking, import and export through the web."""

import io
from datetime import date, timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from openpyxl import load_workbook

from eduenforce.registry.models import Institution
from eduenforce.registry.tests.factories import (
    InstitutionFactory,
    credit_code,
    id_number,
    row,
    street,
    xlsx_bytes,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def school(db):
    return InstitutionFactory(
        name="东丽区音乐培训中心", credit_code=credit_code(42), legal_rep_id_number=id_number(42)
    )


# url builder → (role that may, role that may not)
PAGES = {
    "list": (lambda s: "/registry/", "officer", "sys_admin"),
    "count": (lambda s: "/registry/count/?kind=kindergarten", "liaison", "sys_admin"),
    "detail": (lambda s: f"/registry/{s.pk}/", "liaison", "audit_admin"),
    "watch": (lambda s: "/registry/licences/", "legal_reviewer", "sec_admin"),
    "export": (lambda s: "/registry/export.xlsx", "section_head", "sys_admin"),
    "create": (lambda s: "/registry/new/", "officer", "legal_reviewer"),
    "edit": (lambda s: f"/registry/{s.pk}/edit/", "section_head", "leader"),
    "status": (lambda s: f"/registry/{s.pk}/status/", "officer", "legal_reviewer"),
    "risk": (lambda s: f"/registry/{s.pk}/risk/", "section_head", "liaison"),
    "licence": (lambda s: f"/registry/{s.pk}/licence/renew/", "officer", "leader"),
    "import": (lambda s: "/registry/import/", "section_head", "officer"),
    "template": (lambda s: "/registry/import/template.xlsx", "section_head", "officer"),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_opens_for_its_role_is_refused_to_a_colleague_and_sends_outsiders_to_login(
    page, school, make_user, client_for, client
):
    url, allowed, refused = PAGES[page]
    if allowed == "liaison":
        from eduenforce.accounts.models import Department

        user = make_user("liaison", department=Department.objects.get(code="scjg"))
    else:
        user = make_user(allowed)
    assert client_for(user).get(url(school)).status_code == 200
    assert client_for(make_user(refused)).get(url(school)).status_code == 403
    response = client.get(url(school))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def names(response) -> list[str]:
    return [i.name for i in response.context["page"].items]


def test_the_list_searches_by_name_pinyin_initials_and_credit_code(officer, client_for, school):
    other = InstitutionFactory(name="东丽区英语培训学校")
    client = client_for(officer)
    assert names(client.get("/registry/", {"q": "音乐"})) == [school.name]
    assert names(client.get("/registry/", {"q": "yy"})) == sorted([school.name, other.name])
    assert names(client.get("/registry/", {"q": "dlqyypxzx"})) == [school.name]
    assert names(client.get("/registry/", {"q": credit_code(42)[:12]})) == [school.name]


def test_the_list_filters_by_type_street_risk_status_and_licence_state(officer, client_for):
    today = timezone.localdate()
    a = InstitutionFactory(kind="kindergarten", street=street("hm"), risk_class="warning")
    b = InstitutionFactory(
        kind="kindergarten", licence_expires=today - timedelta(days=3), status="rectifying"
    )
    InstitutionFactory(kind="private_school")
    client = client_for(officer)
    assert set(names(client.get("/registry/", {"kind": "kindergarten"}))) == {a.name, b.name}
    assert names(client.get("/registry/", {"street": street("hm").pk})) == [a.name]
    assert names(client.get("/registry/", {"risk_class": "warning"})) == [a.name]
    assert names(client.get("/registry/", {"status": "rectifying"})) == [b.name]
    assert names(client.get("/registry/", {"licence": "expired"})) == [b.name]


def test_pages_follow_each_other_by_keyset_without_gaps_or_repeats(officer, client_for, monkeypatch):
    from eduenforce.registry import listing

    monkeypatch.setattr(listing, "PAGE_SIZE", 3)
    for i in range(8):
        InstitutionFactory(name=f"机构{i % 4}")  # repeated names: the id breaks ties
    client = client_for(officer)
    seen, response = [], client.get("/registry/")
    assert client.get("/registry/count/").content.decode().strip() == "共 8 条"
    while True:
        seen += [i.pk for i in response.context["page"].items]
        after = response.context["page"].next_after
        if not after:
            break
        response = client.get("/registry/", {"after": after})
    expected = list(Institution.objects.order_by("name", "id").values_list("pk", flat=True))
    assert seen == expected
    back = client.get("/registry/", {"before": expected[6]}).context["page"]
    assert [i.pk for i in back.items] == expected[3:6]


def test_the_id_number_is_masked_except_for_roles_with_the_identity_right(
    school, client_for, officer, section_head
):
    masked = client_for(officer).get(f"/registry/{school.pk}/").content.decode()
    assert id_number(42) not in masked and id_number(42)[:4] + "**********" in masked
    assert id_number(42) in client_for(section_head).get(f"/registry/{school.pk}/").content.decode()


def test_editing_through_the_form_shows_on_the_timeline(school, client_for, officer):
    client = client_for(officer)
    form = client.get(f"/registry/{school.pk}/edit/")
    assert "legal_rep_id_number" not in form.context["form"].fields  # no identity right, no identity field
    data = {k: v for k, v in form.context["form"].initial.items() if v is not None}
    data.update(street=school.street_id, address="东丽区新地址8号", version=form.context["version"])
    response = client.post(f"/registry/{school.pk}/edit/", data)
    assert response.status_code == 302
    detail = client.get(f"/registry/{school.pk}/").content.decode()
    assert "修改信息" in detail and "东丽区新地址8号" in detail


def test_a_stale_edit_form_is_refused_on_the_form(school, client_for, section_head):
    client = client_for(section_head)
    form = client.get(f"/registry/{school.pk}/edit/")
    data = {k: v for k, v in form.context["form"].initial.items() if v is not None}
    data.update(street=school.street_id, version="2000-01-01T00:00:00+00:00", address="x")
    response = client.post(f"/registry/{school.pk}/edit/", data)
    assert response.status_code == 200 and "已被他人修改" in response.content.decode()


def test_an_illegal_status_change_is_a_form_error_not_a_500(client_for, section_head):
    school = InstitutionFactory(status="deregistered")
    response = client_for(section_head).post(
        f"/registry/{school.pk}/status/", {"to": "normal", "reason": "恢复"}
    )
    assert response.status_code == 200 and "不能变更状态" in response.content.decode()


def test_the_licence_watch_page_lists_both_lists(client_for, officer):
    today = timezone.localdate()
    InstitutionFactory(name="快到期", licence_expires=today + timedelta(days=10))
    InstitutionFactory(name="已过期", licence_expires=today - timedelta(days=10))
    page = client_for(officer).get("/registry/licences/", {"days": 60})
    assert [i.name for i in page.context["expiring"]] == ["快到期"]
    assert [i.name for i in page.context["expired"]] == ["已过期"]


def test_uploading_a_bad_file_shows_the_error_table_and_writes_nothing(client_for, section_head):
    upload = SimpleUploadedFile("名录.xlsx", xlsx_bytes([row(1), row(2, 类型="托管班")]))
    response = client_for(section_head).post("/registry/import/", {"file": upload})
    page = response.content.decode()
    assert response.status_code == 200 and 'data-testid="import-errors"' in page
    assert "第3行" in page and "“托管班”不是可选值" in page and not Institution.objects.exists()


def test_uploading_a_good_file_reports_the_counts(client_for, section_head):
    upload = SimpleUploadedFile("名录.xlsx", xlsx_bytes([row(1), row(2)]))
    response = client_for(section_head).post("/registry/import/", {"file": upload})
    assert "新增 <strong>2</strong> 条" in response.content.decode() and Institution.objects.count() == 2


def test_uploading_garbage_is_a_form_error(client_for, section_head):
    upload = SimpleUploadedFile("x.xlsx", b"\x00garbage" * 100)
    response = client_for(section_head).post("/registry/import/", {"file": upload})
    assert response.status_code == 200 and "文件不是 Excel .xlsx 格式" in response.content.decode()


def test_the_template_has_the_columns_in_the_documented_order(client_for, section_head):
    from eduenforce.registry.tests.factories import HEADERS

    response = client_for(section_head).get("/registry/import/template.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    assert [c.value for c in sheet[1]] == HEADERS


def export_rows(client, **params):
    response = client.get("/registry/export.xlsx", params)
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    return [list(r) for r in sheet.iter_rows()]


@pytest.mark.parametrize(
    "dangerous", ['=HYPERLINK("http://x","点我")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_exported_cells_that_start_like_a_formula_are_escaped(client_for, officer, dangerous):
    InstitutionFactory(name="甲校", address=dangerous)
    rows = export_rows(client_for(officer))
    address = rows[1][8]
    assert address.data_type == "s" and address.value == "'" + dangerous
    assert all(c.data_type != "f" for r in rows for c in r)


def test_the_export_follows_the_filter_masks_identities_and_re_imports_unchanged(
    client_for, officer, section_head
):
    InstitutionFactory(name="甲幼儿园", kind="kindergarten", legal_rep_id_number=id_number(7))
    InstitutionFactory(name="乙学校", kind="private_school")
    rows = export_rows(client_for(officer), kind="kindergarten")
    assert [c.value for c in rows[0]][:3] == ["名称", "类型", "统一社会信用代码"]
    assert [[c.value for c in r][:2] for r in rows[1:]] == [["甲幼儿园", "幼儿园"]]
    assert rows[1][10].value == id_number(7)[:4] + "*" * 10 + id_number(7)[-4:]
    assert rows[1][5].value.date() == date(2030, 12, 31)
    full = client_for(section_head).get("/registry/export.xlsx", {"kind": "kindergarten"}).content
    assert load_workbook(io.BytesIO(full)).worksheets[0]["K2"].value == id_number(7)
    from eduenforce.registry.importing import import_institutions

    masked = client_for(officer).get("/registry/export.xlsx").content
    result = import_institutions(masked, by=section_head)
    assert (result.created, result.updated, result.unchanged) == (0, 0, 2)


def test_the_home_page_cards_count_licences(client_for, officer):
    today = timezone.localdate()
    InstitutionFactory(licence_expires=today + timedelta(days=5))
    InstitutionFactory(licence_expires=today - timedelta(days=5))
    cards = {card.label: value for card, value in client_for(officer).get("/").context["cards"]}
    assert cards["许可证30日内到期"] == 1 and cards["许可证过期仍在办"] == 1


def test_the_timeline_shows_the_import_that_created_and_the_one_that_updated_an_institution(
    client_for, section_head
):
    from eduenforce.registry.importing import import_institutions

    import_institutions(xlsx_bytes([row(1), row(2)]), by=section_head, file_name="首次.xlsx")
    import_institutions(xlsx_bytes([row(1), row(2, 地址="新址")]), by=section_head, file_name="更新.xlsx")
    second = Institution.objects.get(credit_code=credit_code(2))
    items = client_for(section_head).get(f"/registry/{second.pk}/").context["timeline"]
    assert [(i.title, i.text.split("”")[0]) for i in items] == [
        ("批量导入更新", "文件“更新.xlsx"),
        ("批量导入新增", "文件“首次.xlsx"),
    ]
    first = Institution.objects.get(credit_code=credit_code(1))
    assert [i.title for i in client_for(section_head).get(f"/registry/{first.pk}/").context["timeline"]] == [
        "批量导入新增"
    ]


def test_filtered_totals_are_capped_and_follow_changes(client_for, officer, section_head, monkeypatch):
    from eduenforce.registry import actions, counts

    monkeypatch.setattr(counts, "CAP", 2)
    schools = [InstitutionFactory(kind="kindergarten") for _ in range(3)]
    client = client_for(officer)
    assert client.get("/registry/count/", {"kind": "kindergarten"}).content.decode().strip() == "共 2+ 条"
    assert client.get("/registry/count/").content.decode().strip() == "共 3 条"  # unfiltered: exact
    actions.do_change_status(schools[0], to="rectifying", by=section_head, reason="整改")
    assert client.get("/registry/count/", {"status": "rectifying"}).content.decode().strip() == "共 1 条"


def test_a_licence_filter_lists_by_expiry_date_across_pages(client_for, officer, monkeypatch):
    from eduenforce.registry import listing

    monkeypatch.setattr(listing, "PAGE_SIZE", 2)
    today = timezone.localdate()
    made = [
        InstitutionFactory(name=f"机构{i}", licence_expires=today + timedelta(days=60 - i * 10))
        for i in range(5)
    ]
    client = client_for(officer)
    first = client.get("/registry/", {"licence": "expiring"}).context["page"]
    second = client.get("/registry/", {"licence": "expiring", "after": first.next_after}).context["page"]
    third = client.get("/registry/", {"licence": "expiring", "after": second.next_after}).context["page"]
    assert [i.name for i in first.items + second.items + third.items] == [m.name for m in reversed(made)]


def test_an_upload_over_the_size_limit_is_refused_before_it_is_read(client_for, section_head, monkeypatch):
    from eduenforce.registry import xlsx

    monkeypatch.setattr(xlsx, "MAX_BYTES", 1024)
    upload = SimpleUploadedFile("big.xlsx", b"0" * 200_000)
    response = client_for(section_head).post("/registry/import/", {"file": upload})
    assert response.status_code == 200 and "文件过大（上限 0 MB）" in response.content.decode()
