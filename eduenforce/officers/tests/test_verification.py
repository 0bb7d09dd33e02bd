"""The public certificate check (亮证): exactly the allowed fields, clear answers for every state."""

import re
from datetime import date

import pytest
import time_machine
from django.core.files.base import ContentFile

from eduenforce.officers import verification
from eduenforce.officers.tests.factories import CertificateFactory, OfficerFactory, image_bytes

pytestmark = pytest.mark.django_db

ALLOWED_LABELS = ["姓名", "执法单位", "执法证号", "有效期", "状态"]


@pytest.fixture
def holder(db):
    from eduenforce.testing.factories import UserFactory

    user = UserFactory(phone="13912345678", name="周正")
    officer = OfficerFactory(
        name="周正", position="副大队长", user=user, legal_qualification_number="A2019110000"
    )
    officer.photo.save("p.jpg", ContentFile(image_bytes("JPEG")), save=True)
    return CertificateFactory(
        officer=officer, number="12010020250777", valid_from=date(2025, 1, 1), valid_to=date(2029, 12, 31)
    )


@time_machine.travel(date(2026, 5, 1))
def test_the_page_shows_exactly_name_unit_number_validity_state_and_photo(client, holder):
    response = client.get("/portal/officers/verify/12010020250777")
    page = response.content.decode()
    card = page[page.index('data-testid="certificate-card"') : page.index("</dl>")]
    assert re.findall(r"<dt[^>]*>(.*?)</dt>", card) == ALLOWED_LABELS
    assert "周正" in card and "教育行政执法大队" in card
    assert "12010020250777" in card and "2029年12月31日" in card and "有效" in card
    assert 'data-testid="photo"' in card
    for secret in ["13912345678", "副大队长", "A2019110000", holder.officer.user.username]:
        assert secret not in page
    assert response["Cache-Control"] == "no-store"
    assert set(response.context["card"]) == set(verification.PUBLIC_FIELDS)


def test_the_photo_is_served_as_a_jpeg_only_for_a_known_number(client, holder):
    photo = client.get("/portal/officers/verify/12010020250777/photo")
    assert photo.status_code == 200 and photo["Content-Type"] == "image/jpeg"
    assert client.get("/portal/officers/verify/00000000/photo").status_code == 404


def test_an_unknown_number_gets_a_clear_not_found_page(client):
    response = client.get("/portal/officers/verify/NOPE1234")
    assert response.status_code == 404 and "查无此证" in response.content.decode()


def test_lower_case_input_finds_an_upper_case_number(client):
    CertificateFactory(number="JZ-2025-0001")
    assert client.get("/portal/officers/verify/jz-2025-0001").status_code == 200


@pytest.mark.parametrize(
    ("setup", "label"),
    [
        (lambda c: c.__class__.objects.filter(pk=c.pk).update(state="suspended"), "暂扣"),
        (lambda c: c.__class__.objects.filter(pk=c.pk).update(state="revoked"), "注销"),
        (lambda c: c.__class__.objects.filter(pk=c.pk).update(valid_to=date(2025, 12, 31)), "已过期"),
        (
            lambda c: c.officer.__class__.objects.filter(pk=c.officer_id).update(status="transferred"),
            "无效（持证人已不在执法岗位）",
        ),
    ],
)
@time_machine.travel(date(2026, 5, 1))
def test_a_certificate_that_does_not_allow_enforcement_says_why(client, holder, setup, label):
    setup(holder)
    response = client.get("/portal/officers/verify/12010020250777")
    assert response.context["card"]["valid"] is False and response.context["card"]["state_label"] == label
    assert "证件无效" in response.content.decode()


def test_the_public_list_shows_only_officers_certified_today(client):
    CertificateFactory(
        officer=OfficerFactory(name="在册"), valid_from=date(2020, 1, 1), valid_to=date(2099, 1, 1)
    )
    CertificateFactory(
        officer=OfficerFactory(name="过期"), valid_from=date(2000, 1, 1), valid_to=date(2001, 1, 1)
    )
    page = client.get("/portal/officers/").content.decode()
    assert "在册" in page and "过期" not in page
