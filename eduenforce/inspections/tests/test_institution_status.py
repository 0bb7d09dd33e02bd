"""The status an inspection gives an institution goes through the registry's own action.

Before, inspections kept a second state machine for ``Institution``: its changes skipped the
registry's cache bump (the list total said 0 while an institution was 整改中), had a journal
action of their own that the institution's timeline did not know, and had no guard for a
deregistered institution.
"""

from datetime import date

import pytest
import time_machine
from django.urls import reverse

from eduenforce.core.errors import TransitionNotAllowed
from eduenforce.inspections import actions
from eduenforce.inspections.tests.factories import fill_record, started_task
from eduenforce.records.models import JournalEntry
from eduenforce.registry import actions as registry
from eduenforce.registry.choices import InstitutionStatus

pytestmark = pytest.mark.django_db


@pytest.fixture
def inspected(lead, head):
    with time_machine.travel("2025-09-26 10:00 +0800", tick=False):
        task = started_task(lead_user=lead, head=head)
        hazards = [{"category": "fire", "description": "灭火器过期"}]
        actions.do_submit_record(fill_record(task.draft_record(), by=lead, hazards=hazards), by=lead)
        task.refresh_from_db()
        yield task


def _order(task, lead):
    return actions.do_issue_order(
        task,
        list(task.hazards.all()),
        due_on=date(2025, 10, 16),
        requirements="更换灭火器",
        legal_basis="《中华人民共和国消防法》第十六条",
        by=lead,
    )


def test_an_institution_put_under_rectification_counts_in_the_registry_total_at_once(
    inspected, lead, client_for
):
    client = client_for(lead)
    count = reverse("registry:count") + "?status=rectifying"
    assert client.get(count).content.decode().strip() == "共 0 条"  # the total is now cached
    _order(inspected, lead)
    assert client.get(count).content.decode().strip() == "共 1 条"


def test_the_change_is_the_registrys_own_entry_and_shows_on_the_institutions_timeline(
    inspected, lead, client_for
):
    order = _order(inspected, lead)
    entry = JournalEntry.objects.get(action="registry.status_changed")
    assert entry.changes["status"] == ["normal", "rectifying"]
    assert entry.changes["source"] == f"inspections.rectificationorder:{order.pk}"
    page = client_for(lead).get(reverse("registry:detail", args=[inspected.institution.pk])).content.decode()
    assert "变更状态" in page and "registry.institution_status_changed" not in page


def test_no_inspection_decision_changes_a_deregistered_institution(inspected, lead, head):
    institution = inspected.institution
    registry.do_change_status(institution, to=InstitutionStatus.DEREGISTERED, by=head, reason="终止办学")
    with pytest.raises(TransitionNotAllowed, match="注销为终局状态"):
        registry.do_apply_enforcement_status(
            institution, to=InstitutionStatus.RECTIFYING, by=head, reason="整改", source=inspected
        )
    institution.refresh_from_db()
    assert institution.status == InstitutionStatus.DEREGISTERED
