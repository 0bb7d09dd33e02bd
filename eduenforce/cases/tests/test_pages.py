"""The staff pages: a lead registered, reviewed for filing and filed through the forms; the
discretion preview; every page of a case renders at every stage."""

import pytest

from eduenforce.cases.choices import CaseStatus
from eduenforce.cases.models import Case, CaseLead
from eduenforce.cases.tests.factories import violation

pytestmark = pytest.mark.django_db


def test_a_lead_is_registered_reviewed_and_filed_through_the_forms(flow, client_for):
    officer = client_for(flow.investigator)
    response = officer.post(
        "/cases/leads/new/",
        {"source": "complaint", "institution": flow.institution.pk, "summary": "家长投诉该机构开展数学培训"},
    )
    assert response.status_code == 302
    lead = CaseLead.objects.get()
    assert lead.number.startswith("东教线〔2025〕")
    form = {
        "cause": "超出许可范围开展培训",
        "violation": violation("53-20").pk,
        "party_kind": "organisation",
        "summary": "非学科类机构开展数学培训",
        "officers": [o.pk for o in flow.officers],
        "lead_officer": flow.officers[1].pk,
        "cond_party_clear": "on",
        "cond_evidence": "on",
        "cond_penalty_due": "on",
        "cond_jurisdiction": "on",
        "opinion": "建议立案",
    }
    incomplete = officer.post(
        f"/cases/leads/{lead.pk}/review/",
        {**form, "officers": [flow.officers[0].pk], "lead_officer": flow.officers[0].pk},
    )
    assert "至少需要 2 名执法人员" in incomplete.content.decode()
    response = officer.post(f"/cases/leads/{lead.pk}/review/", form)
    case = Case.objects.get()
    assert response.status_code == 302 and case.status == CaseStatus.FILING_REVIEW
    assert case.party_name == flow.institution.name and case.party_id_code == flow.institution.credit_code
    assert case.team_officers == [flow.officers[1], flow.officers[0]]  # the chosen 主办人 first
    refused = client_for(flow.head).post(f"/cases/{case.pk}/act/approve-filing/", {"note": ""})
    assert "在给予行政处罚的法定期限内" in refused.content.decode()  # the unticked condition is named
    client_for(flow.head).post(f"/cases/{case.pk}/act/refuse-filing/", {"reason": "已超过追责时效"})
    case.refresh_from_db()
    lead.refresh_from_db()
    assert case.status == CaseStatus.NOT_FILED and lead.status == "not_filed"


def test_the_conclusion_form_previews_the_catalogues_suggestion_without_saving(flow, client_for):
    case = flow.investigated("53-18", corrected=True)
    response = client_for(flow.investigator).post(
        f"/cases/{case.pk}/act/conclude/",
        {
            "preview": "1",
            "report": "事实",
            "proposed_outcome": "penalty",
            "severity": "serious",
            "harm": "minor",
            "kinds": ["warning", "fine"],
            "fine": "40000",
        },
    )
    body = response.content.decode()
    assert "裁量基准建议" in body and "从轻处罚" in body and "罚款 0.00–15,000.00 元" in body
    assert "当前拟处罚超出建议范围" in body
    case.refresh_from_db()
    assert case.status == CaseStatus.CORRECTION


def test_every_page_of_a_case_renders_at_each_stage(flow, client_for):
    from eduenforce.cases import actions as A

    pages = [
        "/cases/",
        "/cases/overdue/",
        "/cases/leads/",
        "/cases/spot/",
        "/cases/catalogue/",
        "/cases/catalogue/1/",
        "/cases/reports/consistency/",
        "/cases/reminders/",
        "/",
    ]
    head = client_for(flow.head)
    case = flow.concluded()
    stages = [
        lambda: flow.notified(case),
        lambda: A.do_waive_rights(case, by=flow.investigator, waived_on=case.notified_on, note="放弃"),
        lambda: A.do_submit_for_review(case, by=flow.investigator),
        lambda: flow.review(case),
        lambda: flow.decide(case),
    ]
    for stage in [lambda: None, *stages]:
        stage()
        case.refresh_from_db()
        response = head.get(f"/cases/{case.pk}/")
        assert response.status_code == 200 and case.get_status_display() in response.content.decode()
        for step in response.context["steps"]:
            assert head.get(f"/cases/{case.pk}/act/{step.slug}/").status_code == 200, step.slug
    for url in pages:
        assert head.get(url).status_code == 200, url


def test_a_violation_that_ended_more_than_two_years_ago_cannot_be_filed_as_within_the_time_bar(flow):
    from datetime import date

    from eduenforce.core.errors import DomainError

    with pytest.raises(DomainError, match="超过两年追责时效") as error:
        flow.review_opened(violation_ended_on=date(2023, 6, 15))
    assert error.value.field == "cond_time_bar"
    case = flow.review_opened(violation_ended_on=date(2023, 6, 16))
    assert case.cond_time_bar
