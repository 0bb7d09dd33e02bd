"""Every staff page of the complaints app: the owner role, a colleague without the right, an outsider."""

import pytest

from eduenforce.complaints.models import Complaint
from eduenforce.complaints.tests.factories import make_complaint

pytestmark = pytest.mark.django_db

# (url template, method, a role that may, a role that may not)
PAGES = [
    ("/complaints/", "get", "legal_reviewer", "liaison"),
    ("/complaints/new/", "get", "officer", "leader"),
    ("/complaints/statistics/", "get", "leader", "liaison"),
    ("/complaints/{pk}/", "get", "leader", "audit_admin"),
    ("/complaints/{pk}/identity/", "get", "section_head", "legal_reviewer"),
    ("/complaints/{pk}/accept/", "post", "section_head", "officer"),
    ("/complaints/{pk}/reject/", "post", "section_head", "officer"),
    ("/complaints/{pk}/assign/", "post", "section_head", "officer"),
    ("/complaints/{pk}/extend/", "post", "section_head", "officer"),
    ("/complaints/{pk}/new-code/", "post", "section_head", "officer"),
    ("/complaints/{pk}/institution/", "post", "section_head", "leader"),
    ("/complaints/{pk}/inspection/", "post", "section_head", "legal_reviewer"),
    ("/complaints/{pk}/lead/", "post", "section_head", "legal_reviewer"),
    ("/complaints/{pk}/refer/", "post", "section_head", "legal_reviewer"),
    ("/complaints/{pk}/reply/", "post", "section_head", "leader"),
    ("/complaints/{pk}/rate/", "post", "section_head", "leader"),
]


@pytest.fixture
def complaint() -> Complaint:
    return make_complaint()[0]


@pytest.mark.parametrize("url, method, allowed, refused", PAGES)
def test_the_owner_role_passes_and_a_colleague_without_the_right_gets_403(
    complaint, make_user, client_for, url, method, allowed, refused
):
    path = url.format(pk=complaint.pk)
    assert getattr(client_for(make_user(refused)), method)(path).status_code == 403
    response = getattr(client_for(make_user(allowed)), method)(path)
    assert response.status_code in (200, 302, 400)  # 400: an empty form or a refused step, shown on the page


@pytest.mark.parametrize("url, method", [(u, m) for u, m, _a, _r in PAGES])
def test_an_outsider_is_sent_to_the_login_page(complaint, client, url, method):
    response = getattr(client, method)(url.format(pk=complaint.pk))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


@pytest.mark.parametrize("verb", ["inspection", "lead", "refer", "reply", "rate"])
def test_an_officer_who_is_not_the_handler_cannot_handle_it(
    complaint, section_head, officer, make_user, client_for, verb
):
    complaint.accept(by=section_head)
    complaint.assign(handler=officer, by=section_head)
    other = make_user("officer")
    assert client_for(other).post(f"/complaints/{complaint.pk}/{verb}/").status_code == 403


def test_the_public_pages_need_no_login(client, complaint):
    for url in (
        "/portal/complaints/",
        "/portal/complaints/track/",
        "/portal/complaints/institutions/?q=学校",
    ):
        assert client.get(url).status_code == 200


def test_the_menu_offers_complaints_to_staff_and_not_to_liaison_officers(client_for, officer, liaison):
    assert "投诉举报台账" in client_for(officer).get("/").content.decode()
    assert "投诉举报台账" not in client_for(liaison).get("/").content.decode()
