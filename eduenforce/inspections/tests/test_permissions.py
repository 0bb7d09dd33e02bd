"""Every inspections and evidence view, as its owner role, as a colleague without the right
(403) and as an anonymous visitor (login page). Team-only actions refuse officers who are not
on the task's team."""

import pytest
from django.urls import reverse

from eduenforce.inspections import actions, onsite
from eduenforce.inspections.tests.factories import (
    CampaignFactory,
    certified_officer,
    fill_record,
    image_file,
    make_task,
    started_task,
)
from eduenforce.records import evidence

pytestmark = pytest.mark.django_db


@pytest.fixture
def world(lead, head, make_user):
    outsider = make_user("officer")
    certified_officer(user=outsider)
    campaign = CampaignFactory()
    draft = make_task(by=lead, officers=[lead.officer, certified_officer()])
    live = started_task(lead_user=lead, head=head, campaign=campaign)
    hazard = onsite.add_hazard(live.draft_record(), category="fire", description="灭火器过期", by=lead)
    from eduenforce.inspections.services import add_partner_participant
    from eduenforce.inspections.tests.factories import department

    participant = add_partner_participant(live, department=department("xf"), name="张消防", by=lead)
    done = started_task(lead_user=lead, head=head, source="random", campaign=campaign)
    record = fill_record(
        done.draft_record(), by=lead, hazards=[{"category": "fire", "description": "出口堵塞"}]
    )
    record, _ = actions.do_submit_record(record, by=lead)
    order = actions.do_issue_order(
        done,
        list(done.hazards.all()),
        due_on=actions.default_due_on(),
        requirements="清理",
        legal_basis="《消防法》",
        by=lead,
    )
    photo = evidence.store(image_file(), owner=live, by=lead)
    document = record_document(record)
    return {
        "outsider": outsider,
        "campaign": campaign,
        "draft": draft,
        "live": live,
        "hazard": hazard,
        "participant": participant,
        "done": done,
        "record": record,
        "order": order,
        "photo": photo,
        "document": document,
        "head": head,
        "lead": lead,
        "make_user": make_user,
    }


def record_document(record):
    from eduenforce.records.documents import documents_for

    return documents_for(record).get()


def assert_policy(client_for, client, url, *, owner, colleague, method="get", data=None, owner_ok=(200, 302)):
    response = getattr(client_for(owner), method)(url, data or {})
    assert response.status_code in owner_ok, f"owner got {response.status_code} for {url}"
    response = getattr(client_for(colleague), method)(url, data or {})
    assert response.status_code == 403, f"colleague got {response.status_code} for {url}"
    response = getattr(client, method)(url, data or {})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def role(world, name):
    return world["make_user"](name)


PAGES = [
    # (url name, args from world, owner, colleague)
    ("inspections:task-list", lambda w: [], "officer", "audit_admin"),
    ("inspections:task-create", lambda w: [], "officer", "legal_reviewer"),
    ("inspections:approvals", lambda w: [], "section_head", "officer"),
    ("inspections:task-detail", lambda w: [w["done"].pk], "officer", "audit_admin"),
    ("inspections:record", lambda w: [w["done"].pk], "leader", "audit_admin"),
    ("inspections:record-version", lambda w: [w["record"].pk], "legal_reviewer", "audit_admin"),
    ("inspections:outcome-create", lambda w: [w["done"].pk], "leader", "officer"),
    ("inspections:order-list", lambda w: [], "leader", "sys_admin"),
    ("inspections:overdue", lambda w: [], "officer", "audit_admin"),
    ("inspections:order-detail", lambda w: [w["order"].pk], "officer", "sec_admin"),
    ("inspections:campaigns", lambda w: [], "officer", "audit_admin"),
    ("inspections:campaign-detail", lambda w: [w["campaign"].pk], "section_head", "audit_admin"),
    ("inspections:document-docx", lambda w: [w["document"].pk], "officer", "audit_admin"),
    ("inspections:document-pdf", lambda w: [w["document"].pk], "officer", "audit_admin"),
    ("records:evidence-list", lambda w: [], "officer", "liaison"),
    ("records:evidence-detail", lambda w: [w["photo"].uid], "legal_reviewer", "liaison"),
    ("records:evidence-download", lambda w: [w["photo"].uid], "leader", "audit_admin"),
]


@pytest.mark.parametrize(("name", "args", "owner", "colleague"), PAGES, ids=[p[0] for p in PAGES])
def test_each_page_opens_for_its_role_only(world, client, client_for, name, args, owner, colleague):
    assert_policy(
        client_for,
        client,
        reverse(name, args=args(world)),
        owner=role(world, owner),
        colleague=role(world, colleague),
    )


# Team actions: the lead officer may; an officer of another team may not (403).
TEAM_ACTIONS = [
    ("inspections:task-action", lambda w: [w["draft"].pk, "submit"], {}),
    ("inspections:partner-add", lambda w: [w["live"].pk], {"department": "", "name": ""}),
    ("inspections:partner-remove", lambda w: [w["live"].pk, w["participant"].pk], {}),
    ("inspections:notice-issue", lambda w: [w["live"].pk], {}),
    ("inspections:record-autosave", lambda w: [w["live"].pk], {"place": "二楼"}),
    ("inspections:record-submit", lambda w: [w["live"].pk], {}),
    ("inspections:hazard-add", lambda w: [w["live"].pk], {"category": "fire", "description": "x"}),
    ("inspections:hazard-remove", lambda w: [w["live"].pk, w["hazard"].pk], {}),
    ("inspections:record-signature", lambda w: [w["live"].pk], {"who": "officer", "signature": ""}),
    ("inspections:record-correct", lambda w: [w["done"].pk], {"reason": "笔误"}),
    ("inspections:order-create", lambda w: [w["done"].pk], None),
    ("inspections:reinspection-create", lambda w: [w["order"].pk], {}),
    ("inspections:order-conclude", lambda w: [w["order"].pk], {}),
]


@pytest.mark.parametrize(("name", "args", "data"), TEAM_ACTIONS, ids=[a[0] for a in TEAM_ACTIONS])
def test_team_actions_are_for_the_team_only(world, client, client_for, name, args, data):
    method = "get" if data is None else "post"
    assert_policy(
        client_for,
        client,
        reverse(name, args=args(world)),
        owner=world["lead"],
        colleague=world["outsider"],
        method=method,
        data=data,
        owner_ok=(200, 302, 400, 409),
    )


def test_a_legal_reviewer_cannot_work_a_task_at_all(world, client_for, make_user):
    client = client_for(make_user("legal_reviewer"))
    assert client.post(reverse("inspections:record-upload", args=[world["live"].pk])).status_code == 403
    assert (
        client.post(reverse("inspections:task-action", args=[world["live"].pk, "start"])).status_code == 403
    )


def test_upload_is_for_the_team_and_anonymous_visitors_go_to_the_login(world, client, client_for):
    url = reverse("inspections:record-upload", args=[world["live"].pk])
    ok = client_for(world["lead"]).post(url, {"file": image_file(), "description": "门口"})
    assert ok.status_code == 302
    assert client_for(world["outsider"]).post(url, {"file": image_file()}).status_code == 403
    response = client.post(url, {"file": image_file()})
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_approving_is_for_section_heads_and_publishing_for_heads(world, client, client_for, make_user):
    pending = make_task(
        by=world["lead"], officers=[world["lead"].officer, certified_officer()], status="pending_approval"
    )
    assert_policy(
        client_for,
        client,
        reverse("inspections:task-action", args=[pending.pk, "approve"]),
        owner=world["head"],
        colleague=world["lead"],
        method="post",
    )
    assert_policy(
        client_for,
        client,
        reverse("inspections:publish-result", args=[world["done"].pk]),
        owner=make_user("leader"),
        colleague=world["lead"],
        method="post",
    )


def test_a_liaison_sees_only_the_joint_tasks_of_their_department(world, client_for, liaison, lead):
    from eduenforce.inspections.tests.factories import department

    joint = make_task(
        by=lead, officers=[lead.officer, certified_officer()], partner_departments=[department("scjg")]
    )
    client = client_for(liaison)
    assert client.get(reverse("inspections:task-detail", args=[joint.pk])).status_code == 200
    assert client.get(reverse("inspections:task-detail", args=[world["done"].pk])).status_code == 404
    listing = client.get(reverse("inspections:task-list")).content.decode()
    assert joint.number in listing and world["done"].number not in listing
    liaison.department = None
    liaison.save()
    assert joint.number not in client.get(reverse("inspections:task-list")).content.decode()


def test_public_result_pages_need_no_login(world, client, head):
    from eduenforce.inspections import publication

    published = publication.publish_result(world["done"], by=head)
    assert client.get(reverse("portal:inspections-public:list")).status_code == 200
    page = client.get(reverse("portal:inspections-public:detail", args=[published.public_id]))
    assert page.status_code == 200 and world["done"].institution.name in page.content.decode()
    assert client.get(reverse("portal:inspections-public:detail", args=["nope"])).status_code == 404
