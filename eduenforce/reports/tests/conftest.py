import pytest


@pytest.fixture
def small_district():
    """A small 2025 with one figure of each kind the report sentences name."""
    from eduenforce.reports.tests.factories import (
        CampaignFactory,
        HazardFactory,
        InstitutionFactory,
        TaskFactory,
        certified_officer,
        partner,
        team,
    )

    for _ in range(3):
        certified_officer()
    joint = team(TaskFactory(is_joint=True), officers=2, partners=5)
    joint.partner_departments.add(partner("scjg"))
    team(TaskFactory(), officers=2)
    winter = CampaignFactory(name="2025年寒假校外培训治理")
    for _ in range(2):
        task = team(
            TaskFactory(campaign=winter, source="campaign", institution=InstitutionFactory()),
            officers=2,
            partners=4,
        )
        HazardFactory(task=task)
        HazardFactory(task=task, rectified_on_spot=True, category="advertising")
    return winter
