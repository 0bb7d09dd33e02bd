"""No "未整改" before the rectification deadline: an early re-inspection may only confirm."""

from datetime import date

import pytest
import time_machine

from eduenforce.core.errors import DomainError
from eduenforce.inspections import actions
from eduenforce.inspections.choices import OrderStatus
from eduenforce.inspections.tests.test_full_path import inspect_with_hazards, reinspect

pytestmark = pytest.mark.django_db


def test_a_hazard_cannot_be_found_unrectified_before_the_deadline_but_can_be_confirmed_rectified(lead, head):
    with time_machine.travel("2025-03-03 09:00 +0800", tick=False):
        task, _ = inspect_with_hazards(lead, head)
        hazards = [h for h in task.hazards.all() if h.needs_order]
        order = actions.do_issue_order(
            task, hazards, due_on=date(2025, 3, 10), requirements="整改", legal_basis="《消防法》", by=lead
        )
    with time_machine.travel("2025-03-05 10:00 +0800", tick=False):
        actions.do_create_reinspection(order, by=head)
        order.refresh_from_db()
        reinspect(order.reinspection_task, lead, head)
        with pytest.raises(DomainError, match="整改期限至 2025-03-10，期限届满前不能认定“未整改”"):
            actions.do_conclude_order(order, rectified={hazards[0].pk: True, hazards[1].pk: False}, by=lead)
        order.refresh_from_db()
        assert order.status == OrderStatus.ISSUED and not order.lead_number
        actions.do_conclude_order(order, rectified={h.pk: True for h in hazards}, by=lead)
    order.refresh_from_db()
    assert order.status == OrderStatus.RECTIFIED
