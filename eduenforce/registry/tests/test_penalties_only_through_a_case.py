"""停止招生, 停办 and 吊销办学许可证 are 行政处罚 (《行政处罚法》第九条): the registry writes them only
when the change cites a served case decision; every other path is refused naming 第三十八条."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from eduenforce.cases.tests.factories import served_decision
from eduenforce.core.errors import DomainError
from eduenforce.records.models import JournalEntry
from eduenforce.registry import actions
from eduenforce.registry.choices import InstitutionStatus
from eduenforce.registry.tests.factories import InstitutionFactory

pytestmark = pytest.mark.django_db
ARTICLES = r"《行政处罚法》第九条.*《行政处罚法》第三十八条"


def licensed():
    return InstitutionFactory(
        licence_number="教民1", licence_issued=date(2022, 1, 1), licence_expires=date(2030, 1, 1)
    )


@pytest.mark.parametrize("to", [InstitutionStatus.ENROLMENT_STOPPED, InstitutionStatus.SUSPENDED])
def test_changing_the_status_to_stopped_or_closed_from_the_registry_is_refused_naming_the_articles(
    section_head, to
):
    institution = InstitutionFactory()
    with pytest.raises(DomainError, match=ARTICLES):
        actions.do_change_status(institution, to=to, by=section_head, reason="违法办学")
    institution.refresh_from_db()
    assert institution.status == InstitutionStatus.NORMAL


@pytest.mark.parametrize("to", [InstitutionStatus.ENROLMENT_STOPPED, InstitutionStatus.SUSPENDED])
def test_an_enforcement_status_change_cannot_stop_or_close_an_institution(section_head, to):
    institution = InstitutionFactory()
    with pytest.raises(DomainError, match=ARTICLES):
        actions.do_apply_enforcement_status(
            institution, to=to, by=section_head, reason="检查发现", source=institution
        )
    assert InstitutionFactory._meta.model.objects.get(pk=institution.pk).status == InstitutionStatus.NORMAL


@pytest.mark.parametrize(
    "citation",
    [
        lambda inst: None,
        lambda inst: served_decision(inst, ["revoke_licence"], served=False),  # decided, not served
        lambda inst: served_decision(inst, ["revoke_licence"], revoked=True),  # revoked decision
        lambda inst: served_decision(InstitutionFactory(), ["revoke_licence"]),  # another party's
        lambda inst: served_decision(inst, ["warning"]),  # a decision that does not revoke
    ],
    ids=["no decision", "not served", "revoked", "another institution", "no revocation"],
)
def test_revoking_a_licence_without_a_served_decision_that_orders_it_is_refused(section_head, citation):
    institution = licensed()
    with pytest.raises(DomainError, match=ARTICLES):
        actions.do_revoke_licence(
            institution,
            on=timezone.localdate(),
            by=section_head,
            reason="违法办学",
            decision=citation(institution),
        )
    institution.refresh_from_db()
    assert institution.licence_expires == date(2030, 1, 1) and not institution.licence_events.exists()


def test_a_served_decision_writes_revocation_and_stop_of_enrolment_into_the_registry_journaled(officer):
    institution = licensed()
    decision = served_decision(institution, ["warning", "stop_enrolment", "revoke_licence"])
    applied = actions.do_apply_decision(institution, decision=decision, by=officer)
    assert applied == ["revoke_licence", "stop_enrolment"]
    institution.refresh_from_db()
    assert institution.status == InstitutionStatus.ENROLMENT_STOPPED
    assert institution.licence_expires == decision.served_on - timedelta(days=1)
    assert institution.licence_events.get().kind == "revoked"
    entries = JournalEntry.objects.filter(object_type="registry.institution", object_id=str(institution.pk))
    status = entries.get(action="registry.status_changed").changes
    assert (
        status["status"] == ["normal", "enrolment_stopped"]
        and status["source"] == f"cases.case:{decision.pk}"
    )
    assert decision.decision_number in entries.get(action="registry.licence_revoked").changes["note"]
    # Applied twice (e.g. a second service record), nothing changes again.
    assert actions.do_apply_decision(institution, decision=decision, by=officer) == []


def test_a_decision_to_stop_running_closes_the_institution(officer):
    institution = InstitutionFactory()
    decision = served_decision(institution, ["fine", "stop_running"])
    assert actions.do_apply_decision(institution, decision=decision, by=officer) == ["stop_running"]
    institution.refresh_from_db()
    assert institution.status == InstitutionStatus.SUSPENDED


def test_a_user_without_the_right_cannot_apply_even_a_served_decision(make_user):
    institution = InstitutionFactory()
    decision = served_decision(institution, ["stop_running"])
    with pytest.raises(PermissionDenied):
        actions.do_apply_decision(institution, decision=decision, by=make_user("legal_reviewer"))
    institution.refresh_from_db()
    assert institution.status == InstitutionStatus.NORMAL


def test_the_registry_page_refuses_a_revocation_in_chinese_and_offers_no_such_button(client_for, officer):
    institution = licensed()
    client = client_for(officer)
    assert (
        f"/registry/{institution.pk}/licence/revoke/"
        not in client.get(f"/registry/{institution.pk}/").content.decode()
    )
    response = client.post(
        f"/registry/{institution.pk}/licence/revoke/",
        {"on": timezone.localdate().isoformat(), "note": "违法办学"},
    )
    assert response.status_code == 200 and "《行政处罚法》第三十八条" in response.content.decode()
    institution.refresh_from_db()
    assert institution.licence_expires == date(2030, 1, 1)


def test_the_status_page_does_not_offer_stopped_or_closed_and_refuses_them_if_posted(
    client_for, section_head
):
    institution = InstitutionFactory()
    client = client_for(section_head)
    page = client.get(f"/registry/{institution.pk}/status/").content.decode()
    assert 'value="suspended"' not in page and "第三十八条" in page
    response = client.post(f"/registry/{institution.pk}/status/", {"to": "suspended", "reason": "停办"})
    assert response.status_code == 200
    institution.refresh_from_db()
    assert institution.status == InstitutionStatus.NORMAL


def test_an_outsider_cannot_open_the_registry_action_pages(client_for, liaison):
    institution = licensed()
    client = client_for(liaison)
    assert client.get(f"/registry/{institution.pk}/licence/revoke/").status_code == 403
    assert (
        client.post(f"/registry/{institution.pk}/status/", {"to": "rectifying", "reason": "x"}).status_code
        == 403
    )
