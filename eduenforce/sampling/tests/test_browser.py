"""In the browser: a section head publishes a sampling plan, runs the draw, and the public
opens the result page with the institutions and the officers' certificate numbers."""

from datetime import timedelta

import pytest
from django.utils import timezone

from eduenforce.sampling.tests import scenario

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_a_section_head_runs_a_committed_draw_and_the_public_sees_it(page, live_server, login, section_head):
    import time_machine

    from eduenforce.sampling import actions

    today = timezone.localdate()
    kindergartens = scenario.institutions(4)
    scenario.officers(3, valid_from=today - timedelta(days=30), valid_to=today + timedelta(days=365))
    plan = scenario.plan(
        year=today.year,
        starts_on=today,
        ends_on=today + timedelta(days=60),
        draw_date=today,
        planned_date=today + timedelta(days=7),
    )
    # Committed two days ago (the entropy source, yesterday's 排列5, had to be unknown then).
    with time_machine.travel(timezone.now() - timedelta(days=2), tick=False):
        committed = actions.do_commit(plan, by=section_head)
    page.on("dialog", lambda dialog: dialog.accept())
    login(page, section_head)

    page.goto(f"{live_server.url}/sampling/draws/{committed.pk}/")
    page.wait_for_selector("[data-testid=run-draw]")
    commitment = page.inner_text("[data-testid=commitment]").strip()
    assert len(commitment) == 64 and committed.pool_sm3 in page.content()

    page.fill("input[name=public_entropy]", "3 1 4 1 5")
    page.click("[data-testid=run-draw]")
    page.wait_for_selector("[data-testid=draw-results]")
    assert "抽取完成" in page.content()

    page.click("text=公示页面")
    page.wait_for_selector("[data-testid=document-sm3]")
    text = page.inner_text("main")
    assert commitment in text and "3 1 4 1 5" in text and committed.pool_sm3 in text
    assert sum(i.name in text for i in kindergartens) == 2
    from eduenforce.sampling.models import Draw

    draw = Draw.objects.get(plan=plan)
    assert draw.seed in text and draw.document.sm3 in text
    assert all(number in text for a in draw.assignments.all() for number in a.certificates)
