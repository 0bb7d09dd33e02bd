"""Only a case's handlers act on it, plus the roles the law gives a part (core.permissions.SCOPES):
the handlers' section head, the legal reviewer, the leader. Lists show each user their scope."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse
from django.utils import timezone

from eduenforce.accounts.models import Department
from eduenforce.cases import actions as A
from eduenforce.cases.models import Case, CorrectionOrder
from eduenforce.cases.tests.factories import Flow, certified_officer
from eduenforce.cases.views.flow import steps_for
from eduenforce.core.permissions import can_act_on, in_scope, scoped
from eduenforce.records.models import JournalEntry
from eduenforce.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def flow(db):
    return Flow()


@pytest.fixture
def case(flow):
    return flow.filed()


@pytest.fixture
def outsider_officer(db):
    """An officer of the same section on no team of the case."""
    user = UserFactory(role="officer", name="钱执法")
    certified_officer(user=user, name="钱执法")
    return user


@pytest.fixture
def other_head(db):
    return UserFactory(role="section_head", department=Department.objects.get(code="xwpxk"))


def correction(client, case):
    deadline = (timezone.localdate() + timedelta(days=10)).isoformat()
    return client.post(
        reverse("cases:action", args=[case.pk, "order-correction"]),
        {"content": "责令停止超范围培训", "deadline": deadline, "basis": ""},
    )


def test_a_handler_sees_the_case_and_orders_a_correction(flow, case, client_for):
    client = client_for(flow.investigator)
    assert case.number in client.get(reverse("cases:list")).content.decode()
    assert correction(client, case).status_code == 302
    assert CorrectionOrder.objects.filter(case=case).count() == 1


def test_an_officer_on_no_team_of_the_case_neither_sees_nor_acts_on_it(case, outsider_officer, client_for):
    client = client_for(outsider_officer)
    assert case.number not in client.get(reverse("cases:list")).content.decode()
    assert client.get(reverse("cases:detail", args=[case.pk])).status_code == 404
    assert correction(client, case).status_code == 404
    assert not CorrectionOrder.objects.filter(case=case).exists()


def test_the_action_itself_refuses_an_officer_outside_the_case_and_journals_the_refusal(
    case, outsider_officer
):
    with pytest.raises(PermissionDenied) as error:
        A.do_order_correction(
            case, by=outsider_officer, content="x", deadline=timezone.localdate() + timedelta(days=5)
        )
    assert "承办人" in str(error.value)
    assert not CorrectionOrder.objects.filter(case=case).exists()
    assert not can_act_on(outsider_officer, case, "cases.investigate")


def test_a_refusal_out_of_scope_is_a_security_event_in_the_journal(case, outsider_officer):
    from eduenforce.cases.actions.investigation import ORDER_CORRECTION

    with pytest.raises(PermissionDenied):
        ORDER_CORRECTION.check(Case.objects.get(pk=case.pk), outsider_officer)
    entry = JournalEntry.objects.filter(action="authz.denied", actor_id=outsider_officer.pk).get()
    assert entry.changes["scope"] == f"cases.case:{case.pk}"


def test_nothing_is_offered_on_the_case_page_to_an_officer_outside_it(flow, case, outsider_officer):
    assert steps_for(case, flow.investigator)
    assert steps_for(case, outsider_officer) == []


def test_the_section_head_of_the_handlers_department_approves_but_another_section_head_cannot(
    flow, other_head, client_for
):
    review = flow.review_opened()
    assert in_scope(flow.head, review) and not in_scope(other_head, review, acting=False)
    with pytest.raises(PermissionDenied):
        A.do_approve_filing(review, by=other_head)
    assert client_for(other_head).get(reverse("cases:detail", args=[review.pk])).status_code == 404
    listing = client_for(other_head).get(reverse("cases:list")).content.decode()
    assert f'href="{reverse("cases:detail", args=[review.pk])}"' not in listing
    listing = client_for(flow.head).get(reverse("cases:list")).content.decode()
    assert f'href="{reverse("cases:detail", args=[review.pk])}"' in listing
    A.do_approve_filing(review, by=flow.head)
    assert Case.objects.get(pk=review.pk).status == "investigating"


def test_a_section_head_without_a_department_reaches_no_case(case, make_user):
    head = make_user("section_head")
    assert not scoped(Case.objects.all(), head).exists()
    assert not in_scope(head, case)


def test_the_leader_and_the_legal_reviewer_see_every_case(flow, case, client_for):
    for user in (flow.leader, flow.reviewer):
        assert scoped(Case.objects.all(), user).filter(pk=case.pk).exists()
        assert client_for(user).get(reverse("cases:detail", args=[case.pk])).status_code == 200


def test_the_legal_reviewer_reviews_and_the_leader_decides_a_case_they_do_not_handle(flow):
    case = flow.concluded()
    flow.notified(case)
    A.do_waive_rights(case, by=flow.investigator, waived_on=case.notified_on, note="书面放弃")
    A.do_submit_for_review(case, by=flow.investigator)
    flow.review(case)
    flow.decide(case)
    assert Case.objects.get(pk=case.pk).status == "decided"


def test_a_liaison_and_an_anonymous_visitor_are_kept_out(case, liaison, client_for, client):
    assert client_for(liaison).get(reverse("cases:detail", args=[case.pk])).status_code == 403
    response = client.get(reverse("cases:detail", args=[case.pk]))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_lists_and_counters_show_only_the_users_scope(flow, case, outsider_officer, client_for):
    own = scoped(Case.objects.all(), flow.investigator)
    assert list(own.values_list("pk", flat=True)) == [case.pk]  # no duplicate row per handler
    assert not scoped(Case.objects.all(), outsider_officer).exists()
    page = client_for(outsider_officer).get(reverse("cases:overdue")).content.decode()
    assert case.party_name not in page


def test_an_inspection_task_is_worked_by_its_team_or_a_section_head(make_user):
    from eduenforce.inspections.tests.factories import certified_officer as inspector
    from eduenforce.inspections.tests.factories import make_task, officer_user

    member, officer = officer_user()
    task = make_task(by=member, officers=[officer, inspector()])
    stranger = make_user("officer")
    assert in_scope(member, task) and task.can_work(member)
    assert not in_scope(stranger, task) and not task.can_work(stranger)
    assert in_scope(stranger, task, acting=False)  # every officer sees the bureau's inspections
    assert in_scope(make_user("section_head"), task)
