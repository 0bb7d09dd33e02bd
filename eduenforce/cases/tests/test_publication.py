"""公示: the masked decision on the portal, its filters and pages, minors never published, and a
revoked or changed decision withdrawn or corrected at once."""

from datetime import date

import pytest

from eduenforce.cases import actions as A
from eduenforce.cases.choices import CaseStatus, Outcome
from eduenforce.cases.tests.factories import CaseFactory
from eduenforce.core.errors import DomainError
from eduenforce.portal import services as portal
from eduenforce.portal.choices import PublicationState
from eduenforce.portal.models import Publication

pytestmark = pytest.mark.django_db


def _decided(flow, **review_kwargs):
    case = flow.review_opened("53-18", **review_kwargs)
    A.do_approve_filing(case, by=flow.head)
    flow.record(case)
    flow.corrected(case, corrected=False)
    case = flow.conclude(
        case,
        kinds=["warning", "fine"],
        fine="20000",
        gains=None,
        confiscation=None,
        severity="serious",
        report="张三丰（身份证号120110198001011234，电话13912345678）在小区内"
        "一对一开展数学培训，法定代表人王建国知情。",
    )
    flow.notified(case)
    A.do_waive_rights(case, by=flow.investigator, waived_on=case.notified_on, note="放弃")
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    return flow.decide(case)


def test_a_persons_decision_is_published_with_surname_only_and_no_identifiers(flow, client):
    case = _decided(flow, party_kind="person", party_name="张三丰", party_id_code="120110198001011234")
    A.do_publish_decision(case, by=flow.head)
    publication = Publication.objects.get(source_id=str(case.pk), kind="decision")
    assert publication.title == "张某行政处罚决定" and publication.fields["party"] == "张某"
    body = client.get(f"/portal/decisions/{publication.public_id}/").content.decode()
    assert "张某" in body and "东教罚决〔2025〕1号" in body and "20,000.00" in body
    for secret in ["张三丰", "120110198001011234", "13912345678"]:
        assert secret not in body
    listing = client.get("/portal/decisions/").content.decode()
    assert publication.public_id in listing and "张三丰" not in listing


def test_an_organisations_decision_names_it_and_removes_other_natural_persons(flow, client):
    case = _decided(flow)
    A.do_publish_decision(case, by=flow.head)
    publication = Publication.objects.get(source_id=str(case.pk), kind="decision")
    assert "facts" in publication.pending_text  # the facts wait for the reviewer (portal.services)
    portal.confirm_text(publication, by=flow.head, texts=publication.pending_text)
    body = client.get(f"/portal/decisions/{publication.public_id}/").content.decode()
    assert flow.institution.name in body and flow.institution.credit_code in body
    assert "王建国" not in body and "有关人员" in body


def test_a_minors_case_is_never_scheduled_nor_published(flow):
    case = _decided(flow, party_kind="person", party_name="李小明", party_is_minor=True)
    assert not case.publication_required
    assert not Publication.objects.filter(source_type="cases.case", source_id=str(case.pk)).exists()
    with pytest.raises(DomainError, match="未成年人"):
        A.do_publish_decision(case, by=flow.head)


def test_a_revoked_decision_is_withdrawn_from_the_portal_at_once(flow, client):
    case = _decided(flow)
    A.do_publish_decision(case, by=flow.head)
    publication = Publication.objects.get(source_id=str(case.pk), kind="decision")
    case = A.do_revoke_decision(
        case,
        by=flow.leader,
        revoked_on=date(2025, 6, 16),
        reason="行政复议决定撤销",
        ground="reconsideration",
        basis_number="东政复决〔2025〕3号",
    )
    publication.refresh_from_db()
    assert case.status == CaseStatus.DECISION_REVOKED
    assert publication.state == PublicationState.WITHDRAWN
    assert publication.withdraw_due_on == date(2025, 6, 19)
    assert client.get(f"/portal/decisions/{publication.public_id}/").status_code == 410
    assert publication.public_id not in client.get("/portal/decisions/").content.decode()


def _publish_plain(flow, n, year=2025, code="53-20", street=None):
    case = CaseFactory(
        status=CaseStatus.EXECUTED,
        outcome=Outcome.PENALTY,
        decided_on=date(year, 5, 1),
        party_name=f"东丽区第{n}培训中心",
    )
    return portal.publish(
        kind="decision",
        source=case,
        title=f"东丽区第{n}培训中心行政处罚决定",
        occurred_on=date(year, 5, 1),
        year=year,
        by=flow.head,
        street=street,
        fields={
            "violation_code": code,
            "decision_number": f"东教罚决〔{year}〕{n}号",
            "penalty": "警告",
            "violation": "超出许可范围",
            "decided_on": f"{year}-05-01",
        },
    )


def test_the_public_list_filters_by_year_violation_and_street_and_pages_by_cursor(flow, client):
    from eduenforce.accounts.models import Department

    street = Department.objects.get(code="hm")
    for n in range(1, 24):
        _publish_plain(flow, n)
    _publish_plain(flow, 100, year=2024, code="53-18", street=street)
    first = client.get("/portal/decisions/")
    assert first.status_code == 200 and "共 24 条" in first.content.decode()
    page = first.context["page"]
    assert len(page.items) == 20 and page.has_next
    second = client.get(f"/portal/decisions/?after={page.next_cursor}")
    assert len(second.context["page"].items) == 4
    assert not {p.pk for p in page.items} & {p.pk for p in second.context["page"].items}
    assert len(client.get("/portal/decisions/?year=2024").context["page"].items) == 1
    assert len(client.get("/portal/decisions/?violation=53-18").context["page"].items) == 1
    assert len(client.get("/portal/decisions/?street=hm").context["page"].items) == 1
    assert len(client.get("/portal/decisions/?q=第7培训").context["page"].items) == 1


@pytest.mark.parametrize(
    "query", ["?year=abc", "?violation=<script>", "?violation=99-99", "?after=zzz", "?street=nowhere"]
)
def test_a_malformed_public_query_is_a_chinese_400_not_a_500(client, db, query):
    response = client.get(f"/portal/decisions/{query}")
    assert response.status_code == 400 and "参数" in response.content.decode()


def test_an_unknown_or_unpublished_decision_is_a_404(flow, client):
    case = _decided(flow)  # scheduled, not yet published
    publication = Publication.objects.get(source_id=str(case.pk), kind="decision")
    assert publication.state == PublicationState.DUE
    assert client.get(f"/portal/decisions/{publication.public_id}/").status_code == 404
    assert client.get("/portal/decisions/0123456789abcdef/").status_code == 404
    assert client.get("/portal/decisions/nonsense/").status_code == 404
