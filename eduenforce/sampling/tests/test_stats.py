"""The annual report's 双随机 figures come from the tasks the draws created."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest

from eduenforce.inspections.models import InspectionTask
from eduenforce.sampling import stats
from eduenforce.sampling.tests import scenario

pytestmark = pytest.mark.django_db


def test_joint_and_internal_checks_are_counted_with_person_times_and_units(section_head):
    scenario.institutions(4)
    scenario.officers(3)
    scenario.officers(2, "xf")
    internal = scenario.drawn(
        scenario.plan(strata=[{"label": "幼儿园", "kinds": ["kindergarten"], "count": 2}]), section_head
    )
    joint = scenario.drawn(
        scenario.plan(
            name="联合抽查",
            kind="joint",
            team_size=3,
            required=["xf"],
            strata=[{"label": "幼儿园", "kinds": ["kindergarten"], "count": 1}],
            exclude_inspected_in_period=False,
        ),
        section_head,
    )
    done = datetime(2025, 5, 10, 10, tzinfo=ZoneInfo("Asia/Shanghai"))
    InspectionTask.objects.filter(draw_assignment__draw__in=[internal, joint]).update(
        status="completed", completed_at=done
    )
    summary = stats.summary(2025)
    assert (summary.internal.checks, summary.internal.person_times, summary.internal.units) == (2, 4, 2)
    assert (summary.joint.checks, summary.joint.person_times, summary.joint.units) == (1, 3, 1)
    assert summary.draws == 2
    assert stats.summary(2024).internal.checks == 0
