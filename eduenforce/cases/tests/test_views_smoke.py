import pytest

pytestmark = pytest.mark.django_db


def test_pages_render(flow, client_for):
    case = flow.concluded()
    c = client_for(flow.investigator)
    for url in ["/cases/", "/cases/overdue/", "/cases/leads/", "/cases/leads/new/", "/cases/spot/",
                f"/cases/{case.pk}/", "/cases/catalogue/", "/cases/catalogue/1/", "/cases/reports/consistency/",
                "/cases/reminders/", f"/cases/{case.pk}/act/prior-notice/", f"/cases/{case.pk}/act/record/",
                "/portal/decisions/", "/portal/decisions/discretion/", "/"]:
        r = c.get(url)
        assert r.status_code == 200, (url, r.status_code, r.content[:3000])
