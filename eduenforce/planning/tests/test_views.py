"""Planning pages as the owner role (section head), a colleague without the right, an outsider."""

import pytest
from django.test import Client

from eduenforce.planning.choices import CampaignStatus, PlanStatus, PublicationStatus
from eduenforce.planning.models import AnnualPlan, EnforcementItem, SamplingPlan
from eduenforce.planning.tests.factories import (
    AnnualPlanFactory,
    CampaignFactory,
    ItemFactory,
    SamplingPlanFactory,
    StratumFactory,
    published_item,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def objects():
    item = ItemFactory()
    plan = AnnualPlanFactory()
    campaign = CampaignFactory()
    splan = SamplingPlanFactory()
    StratumFactory(plan=splan)
    return {"item": item.pk, "plan": plan.pk, "campaign": campaign.pk, "splan": splan.pk}


VIEW_PAGES = [
    "/planning/items/",
    "/planning/items/{item}/",
    "/planning/plans/",
    "/planning/plans/{plan}/",
    "/planning/campaigns/",
    "/planning/campaigns/{campaign}/",
    "/planning/sampling-plans/",
    "/planning/sampling-plans/{splan}/",
]
MANAGE_PAGES = [
    "/planning/items/new/",
    "/planning/items/{item}/edit/",
    "/planning/plans/new/",
    "/planning/plans/{plan}/edit/",
    "/planning/campaigns/new/",
    "/planning/campaigns/{campaign}/edit/",
    "/planning/sampling-plans/new/",
    "/planning/sampling-plans/{splan}/edit/",
]


@pytest.mark.parametrize("url", VIEW_PAGES + MANAGE_PAGES)
def test_the_section_head_opens_every_planning_page(client_for, section_head, objects, url):
    assert client_for(section_head).get(url.format(**objects)).status_code == 200


@pytest.mark.parametrize("url", VIEW_PAGES)
def test_an_officer_reads_planning_pages(client_for, officer, objects, url):
    assert client_for(officer).get(url.format(**objects)).status_code == 200


@pytest.mark.parametrize("url", MANAGE_PAGES)
def test_an_officer_cannot_open_editing_pages(client_for, officer, objects, url):
    assert client_for(officer).get(url.format(**objects)).status_code == 403


@pytest.mark.parametrize("url", VIEW_PAGES[:2] + MANAGE_PAGES[:1])
def test_a_liaison_officer_cannot_open_planning(client_for, liaison, objects, url):
    assert client_for(liaison).get(url.format(**objects)).status_code == 403


@pytest.mark.parametrize("url", VIEW_PAGES + MANAGE_PAGES)
def test_an_outsider_is_sent_to_the_login_page(objects, url):
    response = Client().get(url.format(**objects))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


POSTS = [
    "/planning/items/{item}/publish/",
    "/planning/items/{item}/points/",
    "/planning/plans/{plan}/publish/",
    "/planning/plans/{plan}/lines/",
    "/planning/campaigns/{campaign}/submit/",
    "/planning/sampling-plans/{splan}/strata/",
]


@pytest.mark.parametrize("url", POSTS)
def test_an_officer_cannot_change_plans(client_for, officer, objects, url):
    assert client_for(officer).post(url.format(**objects), {"text": "x", "order": 1}).status_code == 403


def test_a_section_head_builds_and_publishes_an_item_from_the_pages(client_for, section_head):
    client = client_for(section_head)
    response = client.post(
        "/planning/items/new/",
        {
            "code": "JY-JC-001",
            "list_kind": "enterprise",
            "name": "民办学校办学行为检查",
            "legal_basis": "《民办教育促进法》",
            "section": client.get("/planning/items/new/")
            .context["form"]
            .fields["section"]
            .queryset.first()
            .pk,
            "object_kinds": ["private_school"],
            "method": "routine",
            "is_random": "on",
            "annual_cap": "1",
        },
    )
    item = EnforcementItem.objects.get(code="JY-JC-001")
    assert response.status_code == 302
    bad = client.post(f"/planning/items/{item.pk}/points/", {"order": "", "text": ""}, follow=True)
    assert "检查要点未保存" in bad.content.decode() and not item.points.exists()
    client.post(
        f"/planning/items/{item.pk}/points/",
        {
            "order": 1,
            "text": "办学许可证是否在有效期内",
            "hazard_category": "qualification",
            "required": "on",
        },
    )
    client.post(f"/planning/items/{item.pk}/publish/")
    item.refresh_from_db()
    assert item.status == PublicationStatus.PUBLISHED
    page = client.post(f"/planning/items/{item.pk}/points/", {"order": 2, "text": "新增"}, follow=True)
    assert "不能修改事项" in page.content.decode() and item.points.count() == 1


def test_a_duplicate_item_code_is_a_form_error(client_for, section_head):
    item = ItemFactory(code="JY-001")
    response = client_for(section_head).post(
        "/planning/items/new/",
        {
            "code": "JY-001",
            "list_kind": "random",
            "name": "x",
            "legal_basis": "y",
            "section": item.section_id,
            "object_kinds": ["kindergarten"],
            "method": "routine",
        },
    )
    assert response.status_code == 200 and "该事项编码已存在" in response.content.decode()


def test_publishing_an_empty_annual_plan_shows_the_reason(client_for, section_head):
    plan = AnnualPlanFactory()
    page = client_for(section_head).post(f"/planning/plans/{plan.pk}/publish/", follow=True).content.decode()
    assert "计划没有任何检查安排" in page and AnnualPlan.objects.get(pk=plan.pk).status == PlanStatus.DRAFT


def test_a_plan_line_with_a_bad_ratio_is_refused_with_a_message(client_for, section_head):
    plan = AnnualPlanFactory()
    item = published_item()
    page = (
        client_for(section_head)
        .post(
            f"/planning/plans/{plan.pk}/lines/",
            {"item": item.pk, "object_kind": "kindergarten", "percent": "150"},
            follow=True,
        )
        .content.decode()
    )
    assert "不能超过 100%" in page and not plan.lines.exists()
    client_for(section_head).post(
        f"/planning/plans/{plan.pk}/lines/",
        {"item": item.pk, "object_kind": "kindergarten", "percent": "20", "quarter": "2"},
    )
    assert plan.lines.get().quarter == 2


def test_a_leader_approves_a_campaign_but_cannot_create_one(client_for, section_head, leader):
    campaign = CampaignFactory()
    campaign.items.add(published_item())
    client_for(section_head).post(f"/planning/campaigns/{campaign.pk}/submit/")
    assert client_for(leader).get("/planning/campaigns/new/").status_code == 403
    assert (
        client_for(section_head).post(f"/planning/campaigns/{campaign.pk}/approve/", follow=True).status_code
        == 200
    )
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.PENDING  # own submission: refused, shown as a message
    client_for(leader).post(f"/planning/campaigns/{campaign.pk}/approve/")
    campaign.refresh_from_db()
    assert campaign.status == CampaignStatus.APPROVED


def test_a_published_sampling_plan_can_no_longer_be_edited(client_for, section_head):
    plan = SamplingPlanFactory(status="published")
    response = client_for(section_head).post(
        f"/planning/sampling-plans/{plan.pk}/strata/",
        {"order": 1, "label": "新分层", "count": 1},
        follow=True,
    )
    assert "不能再修改" in response.content.decode() and not plan.strata.exists()
    assert SamplingPlan.objects.get(pk=plan.pk).status == "published"


def test_the_sampling_plan_page_previews_candidates_per_stratum(client_for, section_head):
    from eduenforce.sampling.tests.factories import InstitutionFactory

    plan = SamplingPlanFactory()
    StratumFactory(plan=plan, label="幼儿园", kinds=["kindergarten"])
    for _ in range(5):
        InstitutionFactory(kind="kindergarten")
    response = client_for(section_head).get(f"/planning/sampling-plans/{plan.pk}/")
    assert response.context["preview"] == [{"label": "幼儿园", "n": 5, "k": 3, "excluded": 0}]
