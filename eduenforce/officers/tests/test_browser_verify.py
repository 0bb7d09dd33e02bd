"""On a phone, scanning a certificate's QR code opens the public check with the allowed fields."""

from datetime import date

import pytest

from eduenforce.officers.tests.factories import CertificateFactory, OfficerFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_verification_page_fits_a_phone_and_shows_only_the_allowed_fields(phone_page, live_server):
    CertificateFactory(
        officer=OfficerFactory(name="吴明"),
        number="12010020251234",
        valid_from=date(2024, 1, 1),
        valid_to=date(2099, 12, 31),
    )
    phone_page.goto(f"{live_server.url}/portal/officers/verify/12010020251234")
    assert phone_page.get_by_test_id("verdict").inner_text().strip().endswith("证件有效")
    labels = phone_page.get_by_test_id("fields").locator("dt").all_inner_texts()
    assert labels == ["姓名", "执法单位", "执法证号", "有效期", "状态"]
    assert phone_page.get_by_test_id("officer-name").inner_text() == "吴明"
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390  # no sideways scrolling on a 390 px phone
    phone_page.goto(f"{live_server.url}/portal/officers/verify/UNKNOWN99")
    assert phone_page.get_by_test_id("not-found").inner_text().strip().endswith("查无此证")
