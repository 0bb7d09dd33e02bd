"""Two operators pressing "执行抽取" at the same moment: one draw, one set of tasks."""

import threading

import pytest
import time_machine
from django.db import connection, connections

from eduenforce.core.errors import DomainError
from eduenforce.inspections.models import InspectionTask
from eduenforce.sampling import actions
from eduenforce.sampling.choices import DrawStatus
from eduenforce.sampling.models import DrawDocument
from eduenforce.sampling.tests import scenario


@pytest.mark.django_db(transaction=True)
def test_concurrent_runs_of_one_draw_complete_it_once(section_head, make_user):
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL; SQLite serialises writers by itself")
    scenario.institutions(4)
    scenario.officers(3)
    draw = scenario.committed(scenario.plan(), section_head)
    other = make_user("section_head")
    outcomes, errors = [], []
    barrier = threading.Barrier(2)

    def worker(user, entropy):
        try:
            barrier.wait()
            actions.do_run_draw(draw, by=user, public_entropy=entropy)
            outcomes.append(entropy)
        except DomainError as error:
            errors.append(error.message)
        finally:
            connections.close_all()

    threads = [
        threading.Thread(target=worker, args=(u, e))
        for u, e in ((section_head, "1 2 3 4 5"), (other, "5 4 3 2 1"))
    ]
    with time_machine.travel(scenario.DRAW_DAY, tick=True):  # process-wide, so once, around both threads
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    draw.refresh_from_db()
    assert len(outcomes) == 1 and len(errors) == 1 and "已完成" in errors[0]
    assert draw.status == DrawStatus.COMPLETED and draw.public_entropy == outcomes[0]
    assert DrawDocument.objects.count() == 1
    assert InspectionTask.objects.filter(draw_assignment__draw=draw).count() == 2
