"""Officer pages: who may open them, the QR code and card, photos, forms that refuse with reasons."""

import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import load_workbook

from eduenforce.officers.models import Certificate, Officer
from eduenforce.officers.tests.factories import (
    OFFICER_HEADERS,
    CertificateFactory,
    OfficerFactory,
    image_bytes,
    officer_row,
)
from eduenforce.registry.tests.factories import InstitutionFactory, xlsx_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def certificate(db):
    return CertificateFactory(number="12010020259999", officer=OfficerFactory(name="李执法"))


# page → (url builder, a role that may, a role that may not)
PAGES = {
    "list": (lambda c: "/officers/", "officer", "liaison"),
    "detail": (lambda c: f"/officers/{c.officer_id}/", "legal_reviewer", "sys_admin"),
    "training": (lambda c: "/officers/training/", "leader", "audit_admin"),
    "qr_png": (lambda c: f"/officers/certificates/{c.pk}/qr.png", "officer", "liaison"),
    "qr_svg": (lambda c: f"/officers/certificates/{c.pk}/qr.svg", "section_head", "sec_admin"),
    "card": (lambda c: f"/officers/certificates/{c.pk}/card/", "officer", "sys_admin"),
    "export": (lambda c: "/officers/export.xlsx", "officer", "liaison"),
    "create": (lambda c: "/officers/new/", "section_head", "officer"),
    "edit": (lambda c: f"/officers/{c.officer_id}/edit/", "section_head", "officer"),
    "status": (lambda c: f"/officers/{c.officer_id}/status/", "section_head", "leader"),
    "certificate_new": (lambda c: f"/officers/{c.officer_id}/certificates/new/", "section_head", "officer"),
    "certificate_action": (
        lambda c: f"/officers/certificates/{c.pk}/suspend/",
        "section_head",
        "legal_reviewer",
    ),
    "training_new": (lambda c: f"/officers/{c.officer_id}/trainings/new/", "section_head", "officer"),
    "conflict_new": (lambda c: f"/officers/{c.officer_id}/conflicts/new/", "section_head", "officer"),
    "import": (lambda c: "/officers/import/", "section_head", "officer"),
    "template": (lambda c: "/officers/import/template.xlsx", "section_head", "leader"),
}


@pytest.mark.parametrize("page", list(PAGES))
def test_each_page_opens_for_its_role_is_refused_to_a_colleague_and_sends_outsiders_to_login(
    page, certificate, make_user, client_for, client
):
    from eduenforce.accounts.models import Department

    url, allowed, refused = PAGES[page]

    def user(role):
        return (
            make_user(role, department=Department.objects.get(code="scjg"))
            if role == "liaison"
            else make_user(role)
        )

    assert client_for(user(allowed)).get(url(certificate)).status_code == 200
    assert client_for(user(refused)).get(url(certificate)).status_code == 403
    response = client.get(url(certificate))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_qr_code_encodes_the_public_address_whatever_host_the_clerk_used(
    certificate, client_for, officer, settings
):
    settings.ALLOWED_HOSTS = ["10.1.2.3"]
    settings.PUBLIC_URL = "https://zf.example.gov.cn"
    page = client_for(officer).get(f"/officers/{certificate.officer_id}/", HTTP_HOST="10.1.2.3")
    assert page.context["verify_url"] == "https://zf.example.gov.cn/portal/officers/verify/12010020259999"
    card = client_for(officer).get(f"/officers/certificates/{certificate.pk}/card/", HTTP_HOST="10.1.2.3")
    assert card.context["verify_url"] == page.context["verify_url"]
    assert "<svg" in page.context["qr_svg"] and 'data-testid="qr"' in page.content.decode()


def test_the_qr_code_comes_as_png_and_svg_and_the_card_prints_the_allowed_fields(
    certificate, client_for, officer
):
    client = client_for(officer)
    png = client.get(f"/officers/certificates/{certificate.pk}/qr.png")
    assert png["Content-Type"] == "image/png" and png.content[:8] == b"\x89PNG\r\n\x1a\n"
    svg = client.get(f"/officers/certificates/{certificate.pk}/qr.svg?download=1")
    assert svg["Content-Type"] == "image/svg+xml" and "attachment" in svg["Content-Disposition"]
    card = client.get(f"/officers/certificates/{certificate.pk}/card/").content.decode()
    assert "李执法" in card and "12010020259999" in card and "<svg" in card and "<script>" not in card


def test_the_list_counts_certified_officers_and_filters_them(certificate, client_for, officer):
    OfficerFactory(name="无证人员")
    client = client_for(officer)
    page = client.get("/officers/")
    assert page.context["certified_count"] == 1
    assert [o.name for o in client.get("/officers/", {"certified": "yes"}).context["page"]] == ["李执法"]
    assert [o.name for o in client.get("/officers/", {"certified": "no"}).context["page"]] == ["无证人员"]
    assert [o.name for o in client.get("/officers/", {"q": "12010020259999"}).context["page"]] == ["李执法"]


def test_registering_an_officer_with_a_photo_stores_a_re_encoded_jpeg(client_for, section_head):
    from eduenforce.accounts.models import Department

    upload = SimpleUploadedFile("p.png", image_bytes("PNG"), content_type="image/png")
    response = client_for(section_head).post(
        "/officers/new/",
        {
            "name": "新人",
            "department": Department.objects.get(code="zfdd").pk,
            "position": "队员",
            "photo": upload,
        },
    )
    officer = Officer.objects.get(name="新人")
    assert response.status_code == 302 and officer.photo.name.endswith(".jpg")
    with officer.photo.open("rb") as f:
        assert f.read(3) == b"\xff\xd8\xff"
    photo = client_for(section_head).get(f"/officers/{officer.pk}/photo/")
    assert photo["Content-Type"] == "image/jpeg"


def test_an_html_file_posing_as_a_photo_is_refused(client_for, section_head):
    from eduenforce.accounts.models import Department

    polyglot = SimpleUploadedFile(
        "p.png", b"<html><script>alert(1)</script></html>", content_type="image/png"
    )
    response = client_for(section_head).post(
        "/officers/new/",
        {"name": "新人", "department": Department.objects.get(code="zfdd").pk, "photo": polyglot},
    )
    assert response.status_code == 200 and not Officer.objects.filter(name="新人").exists()


def test_a_duplicate_certificate_number_is_a_form_error(certificate, client_for, section_head):
    response = client_for(section_head).post(
        f"/officers/{OfficerFactory().pk}/certificates/new/",
        {
            "number": "12010020259999",
            "issuing_authority": "天津市人民政府",
            "valid_from": "2025-01-01",
            "valid_to": "2029-12-31",
        },
    )
    assert response.status_code == 200 and "已登记给“李执法”" in response.content.decode()


def test_suspending_through_the_page_needs_a_reason_and_shows_on_the_officer(
    certificate, client_for, section_head
):
    client = client_for(section_head)
    url = f"/officers/certificates/{certificate.pk}/suspend/"
    assert client.post(url, {"reason": ""}).status_code == 200
    assert client.post(url, {"reason": "违规执法调查"}).status_code == 302
    assert Certificate.objects.get(pk=certificate.pk).state == "suspended"
    again = client.post(url, {"reason": "再次"})
    assert again.status_code == 200 and "当前状态为“暂扣”" in again.content.decode()
    detail = client.get(f"/officers/{certificate.officer_id}/")
    assert detail.context["history"][0][2:] == ("暂扣执法证", "违规执法调查")


def test_declaring_a_conflict_looks_the_institution_up_by_credit_code(certificate, client_for, section_head):
    school = InstitutionFactory()
    client = client_for(section_head)
    url = f"/officers/{certificate.officer_id}/conflicts/new/"
    missing = client.post(
        url, {"credit_code": "91110000600037341L", "relation": "亲属", "valid_from": "2025-01-01"}
    )
    assert "没有该代码的机构" in missing.content.decode()
    client.post(url, {"credit_code": school.credit_code, "relation": "亲属", "valid_from": "2025-01-01"})
    assert certificate.officer.conflicts.get().institution == school


def test_the_training_page_lists_who_is_below_the_requirement(certificate, client_for, officer):
    page = client_for(officer).get("/officers/training/", {"year": 2025, "below": "1"})
    assert [r.officer.name for r in page.context["rows"]] == ["李执法"] and page.context["required"] == 60


def test_the_officer_template_and_export_use_the_documented_columns(certificate, client_for, section_head):
    template = client_for(section_head).get("/officers/import/template.xlsx").content
    assert [c.value for c in load_workbook(io.BytesIO(template)).worksheets[0][1]] == OFFICER_HEADERS
    export = load_workbook(
        io.BytesIO(client_for(section_head).get("/officers/export.xlsx").content)
    ).worksheets[0]
    assert [c.value for c in export[2]][:4] == ["李执法", "教育行政执法大队", "队员", "12010020259999"]
    assert export["G2"].value.date() == date(2028, 12, 31)


def test_the_import_page_shows_the_error_table(client_for, section_head):
    upload = SimpleUploadedFile(
        "o.xlsx", xlsx_bytes([officer_row(1, 证件状态="作废")], headers=OFFICER_HEADERS)
    )
    page = client_for(section_head).post("/officers/import/", {"file": upload}).content.decode()
    assert 'data-testid="import-errors"' in page and "“作废”不是可选值" in page


def test_the_home_page_shows_certified_officers_today(certificate, client_for, officer):
    cards = {card.label: value for card, value in client_for(officer).get("/").context["cards"]}
    assert cards["持证执法人员"] == 1
