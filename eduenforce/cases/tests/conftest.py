from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from eduenforce.cases.tests.factories import Flow

# A Monday in an ordinary working week: tests do not depend on the day they run.
WORKDAY_NOON = datetime(2025, 6, 16, 12, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


@pytest.fixture(autouse=True)
def _ordinary_working_day(request):
    # A browser keeps real time for its cookies, so browser tests run on today's date.
    if request.node.get_closest_marker("browser"):
        yield
        return
    with time_machine.travel(WORKDAY_NOON, tick=True):
        yield


@pytest.fixture
def flow(db):
    """The bureau's people (investigators, head, reviewer, leader, hearing chair) and an institution."""
    return Flow()
