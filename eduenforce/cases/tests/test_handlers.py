"""Handlers are chosen explicitly: never a legal reviewer or a leader, and the 主办人 is named."""

import pytest
from django.urls import reverse

from eduenforce.cases import actions as A
from eduenforce.cases.forms import FilingReviewForm, SpotForm
from eduenforce.cases.tests.factories import ALL_CONDITIONS, certified_officer, violation
from eduenforce.core.errors import DomainError

pytestmark = pytest.mark.django_db


def test_a_legal_reviewer_or_a_leader_is_never_offered_as_a_handler(flow):
    leader_officer = certified_officer(user=flow.leader, name="陈局长")
    for form in (FilingReviewForm(), SpotForm()):
        choices = set(form.fields["officers"].queryset)
        assert flow.reviewer_officer not in choices and leader_officer not in choices
        assert set(flow.officers) <= choices
    assert flow.reviewer_officer not in set(FilingReviewForm().fields["lead_officer"].queryset)


def test_the_action_refuses_a_legal_reviewer_on_the_team(flow):
    lead = flow.lead()
    with pytest.raises(DomainError) as error:
        A.do_open_filing_review(
            lead,
            by=flow.investigator,
            cause="超出许可范围开展培训",
            summary="非学科类机构开展数学培训",
            officers=[flow.officers[0], flow.reviewer_officer],
            conditions=ALL_CONDITIONS,
        )
    assert error.value.field == "officers" and "周法制" in error.value.message
    assert "不能担任承办人" in error.value.message


def _review_form(flow, **overrides):
    return {
        "cause": "超出许可范围开展培训",
        "violation": violation("53-20").pk,
        "party_kind": "organisation",
        "summary": "非学科类机构开展数学培训",
        "officers": [o.pk for o in flow.officers],
        "lead_officer": flow.officers[0].pk,
        **dict.fromkeys(ALL_CONDITIONS, "on"),
        **overrides,
    }


def test_the_lead_handler_must_be_one_of_the_chosen_handlers(flow, client_for):
    lead = flow.lead()
    stranger = certified_officer(name="吴旁人")
    page = client_for(flow.investigator).post(
        reverse("cases:lead-review", args=[lead.pk]), _review_form(flow, lead_officer=stranger.pk)
    )
    assert page.status_code == 200 and "主办人须是所选承办人之一" in page.content.decode()


def test_the_filing_review_form_asks_for_the_lead_handler_and_proposes_the_user(flow, client_for):
    lead = flow.lead()
    page = client_for(flow.investigator).get(reverse("cases:lead-review", args=[lead.pk])).content.decode()
    assert 'name="lead_officer"' in page and "主办人" in page
    assert f'<option value="{flow.officers[0].pk}" selected>' in page


def test_an_on_the_spot_penalty_is_made_by_an_officer_on_the_spot(flow):
    others = [certified_officer(name="甲"), certified_officer(name="乙")]
    with pytest.raises(DomainError) as error:
        A.do_on_the_spot_penalty(
            by=flow.investigator,
            party_kind="person",
            party_name="王某",
            violation=violation("53-18"),
            severity="ordinary",
            summary="事实",
            kinds=["warning"],
            fine=None,
            place="某小区",
            officers=others,
            recipient="王某",
        )
    assert error.value.field == "officers" and "本人" in error.value.message


def test_publishing_an_on_the_spot_decision_is_refused_in_chinese_not_a_500(flow, client_for):
    """Found by the attack run: /cases/<id>/act/publish/ on an on-the-spot case was a TypeError."""
    case = A.do_on_the_spot_penalty(
        by=flow.investigator,
        party_kind="person",
        party_name="王某",
        violation=violation("53-18"),
        severity="ordinary",
        summary="事实",
        kinds=["warning"],
        officers=flow.officers,
        place="某小区",
        recipient="王某",
    )
    client = client_for(flow.head)
    for method in ("get", "post"):
        response = getattr(client, method)(reverse("cases:action", args=[case.pk, "publish"]), {"note": ""})
        assert response.status_code == 200, method
        assert "简易程序" in response.content.decode() and "不列入公示" in response.content.decode()
    case.refresh_from_db()
    assert case.published_on is None
