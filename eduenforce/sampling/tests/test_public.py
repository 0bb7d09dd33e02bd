"""The portal's draw pages: commitments before, results and verification data after."""

import hashlib
import json

import pytest

from eduenforce.sampling.tests import scenario

pytestmark = pytest.mark.django_db


@pytest.fixture
def draw(section_head):
    scenario.institutions(4)
    scenario.officers(3)
    return scenario.drawn(scenario.plan(), section_head)


def test_the_json_is_served_byte_for_byte_with_its_sm3(client, draw):
    response = client.get(f"/portal/draws/{draw.public_id}.json")
    assert response.status_code == 200 and response["Content-Type"].startswith("application/json")
    assert response.content == draw.document.data
    assert hashlib.new("sm3", response.content).hexdigest() == draw.document.sm3 == response["X-Content-SM3"]


def test_the_list_of_draws_gives_id_and_public_url_of_each_completed_draw(
    client, draw, section_head, settings
):
    settings.PUBLIC_URL, settings.ALLOWED_HOSTS = "https://zf.example.gov.cn", ["*"]
    waiting = scenario.committed(scenario.plan(name="第三季度计划"), section_head)
    data = client.get("/portal/draws.json", HTTP_HOST="10.1.2.3").json()
    assert data == [
        {"id": draw.public_id, "url": f"https://zf.example.gov.cn/portal/draws/{draw.public_id}.json"}
    ]
    assert waiting.public_id not in json.dumps(data)


def test_the_result_page_names_institutions_and_officers_with_certificates(client, draw):
    from eduenforce.sampling.models import DrawAssignment

    page = client.get(f"/portal/draws/{draw.public_id}/").content.decode()
    assignment = DrawAssignment.objects.filter(draw=draw).select_related("institution").first()
    assert assignment.institution.name in page and assignment.institution.credit_code in page
    from eduenforce.officers.models import Certificate

    certificate = Certificate.objects.select_related("officer").get(number=assignment.certificates[0])
    assert certificate.officer.name in page and certificate.number in page
    assert draw.seed in page and draw.commitment in page and draw.document.sm3 in page


def test_a_waiting_draw_shows_its_commitment_but_never_its_seed(client, section_head):
    scenario.institutions(2)
    waiting = scenario.committed(scenario.plan(), section_head)
    for url in (
        f"/portal/draws/{waiting.public_id}/",
        "/portal/draws/",
        f"/portal/draws/plans/{waiting.plan.public_id}/",
    ):
        page = client.get(url).content.decode()
        assert waiting.commitment in page and waiting.seed not in page
    assert client.get(f"/portal/draws/{waiting.public_id}.json").status_code == 404


def test_a_draft_plan_and_its_pages_are_not_public(client):
    plan = scenario.plan()
    assert client.get(f"/portal/draws/plans/{plan.public_id}/").status_code == 404
    assert client.get("/portal/draws/2025-999-1/").status_code == 404


def test_the_explanation_page_links_the_script_which_downloads(client, draw):
    page = client.get("/portal/draws/verify/").content.decode()
    assert "如何核验" in page and "/portal/draws/verify_draw.py" in page and draw.public_id in page
    response = client.get("/portal/draws/verify_draw.py")
    assert response.status_code == 200
    assert b"def verify(doc" in b"".join(response.streaming_content)
    assert "attachment" in response["Content-Disposition"]
