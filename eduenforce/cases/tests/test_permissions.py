"""Who may do what: the investigator, the legal reviewer, the leader, a colleague without the
right (403) and an outsider (login page)."""

import pytest

from eduenforce.core.roles import Role

pytestmark = pytest.mark.django_db

# page → roles that may open it
PAGES = {
    "/cases/": {Role.OFFICER, Role.SECTION_HEAD, Role.LEGAL_REVIEWER, Role.LEADER},
    "/cases/overdue/": {Role.OFFICER, Role.SECTION_HEAD, Role.LEGAL_REVIEWER, Role.LEADER},
    "/cases/review-queue/": {Role.LEGAL_REVIEWER},
    "/cases/leads/new/": {Role.OFFICER, Role.SECTION_HEAD},
    "/cases/spot/": {Role.OFFICER, Role.SECTION_HEAD},
    "/cases/catalogue/": {Role.OFFICER, Role.SECTION_HEAD, Role.LEGAL_REVIEWER, Role.LEADER},
    "/cases/reports/consistency/": {Role.OFFICER, Role.SECTION_HEAD, Role.LEGAL_REVIEWER, Role.LEADER},
}


@pytest.mark.parametrize(
    "role", [Role.OFFICER, Role.LEGAL_REVIEWER, Role.LEADER, Role.LIAISON, Role.SYS_ADMIN]
)
@pytest.mark.parametrize("url", list(PAGES))
def test_each_case_page_opens_only_for_its_roles(make_user, client_for, role, url):
    expected = 200 if role in PAGES[url] else 403
    assert client_for(make_user(role)).get(url).status_code == expected


@pytest.mark.parametrize("url", [*PAGES, "/cases/1/", "/cases/1/act/review/"])
def test_an_outsider_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_only_a_legal_reviewer_may_review_and_only_a_leader_may_decide(flow, client_for):
    case = flow.concluded()
    flow.notified(case)
    from eduenforce.cases import actions as A

    A.do_waive_rights(case, by=flow.investigator, waived_on=case.notified_on, note="放弃")
    A.do_submit_for_review(case, by=flow.investigator)
    review_url = f"/cases/{case.pk}/act/review/"
    assert client_for(flow.investigator).get(review_url).status_code == 403
    assert client_for(flow.leader).get(review_url).status_code == 403
    assert client_for(flow.reviewer).get(review_url).status_code == 200
    flow.review(case)
    decide_url = f"/cases/{case.pk}/act/decide/"
    assert client_for(flow.reviewer).get(decide_url).status_code == 403
    assert client_for(flow.head).get(decide_url).status_code == 403
    assert client_for(flow.leader).get(decide_url).status_code == 200


def test_the_case_page_offers_each_role_only_its_own_steps(flow, client_for):
    case = flow.review_opened()
    assert "批准立案" in client_for(flow.head).get(f"/cases/{case.pk}/").content.decode()
    page = client_for(flow.investigator).get(f"/cases/{case.pk}/").content.decode()
    assert "批准立案" not in page and "超出许可范围开展培训" in page
    assert client_for(flow.investigator).post(f"/cases/{case.pk}/act/approve-filing/").status_code == 403


def test_a_reviewer_without_the_legal_qualification_is_refused(flow, make_user):
    from eduenforce.cases import actions as A
    from eduenforce.cases.tests.factories import CHECKLIST_OK, certified_officer
    from eduenforce.core.errors import DomainError

    unqualified = make_user("legal_reviewer")
    certified_officer(user=unqualified)
    case = flow.concluded(proposed_outcome="not_established", kinds=(), gains=None, confiscation=None)
    A.do_submit_for_review(case, by=flow.investigator)
    with pytest.raises(DomainError, match="法律职业资格"):
        A.do_review(case, by=unqualified, checklist=CHECKLIST_OK, opinion="同意", result="passed")


def test_the_filing_is_approved_by_someone_other_than_who_proposed_it(flow):
    from eduenforce.cases import actions as A
    from eduenforce.core.errors import DomainError

    lead = flow.lead()
    from eduenforce.cases.tests.factories import ALL_CONDITIONS

    officers = [*flow.officers]
    case = A.do_open_filing_review(
        lead, by=flow.head, cause="案由", summary="案情", officers=officers, conditions=ALL_CONDITIONS
    )
    with pytest.raises(DomainError, match="承办人以外的负责人"):
        A.do_approve_filing(case, by=flow.head)
