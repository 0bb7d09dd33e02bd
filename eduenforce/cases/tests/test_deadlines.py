"""Every open case shows its next deadline; overdue cases are listed and reminded of."""

from datetime import date, timedelta

import pytest
import time_machine

from eduenforce.cases import actions as A
from eduenforce.cases import deadlines
from eduenforce.cases.models import Case, CaseReminder
from eduenforce.cases.tasks import remind, send_deadline_reminders

pytestmark = pytest.mark.django_db


def test_a_filed_case_shows_the_90_day_limit_as_its_next_deadline(flow):
    case = flow.filed()
    assert (case.next_deadline_on, case.next_deadline_label) == (
        date(2025, 9, 14),
        "作出处理决定（立案之日起90日）",
    )


def test_the_party_windows_are_shown_but_never_overdue(flow):
    case = flow.concluded()
    case = flow.notified(case, date(2025, 6, 16))
    labels = {d.label: d for d in deadlines.all_deadlines(case)}
    assert labels["当事人陈述、申辩期限"].due_on == date(2025, 6, 23)
    assert not labels["当事人陈述、申辩期限"].overdue(date(2025, 7, 1))
    assert case.next_deadline_label == "作出处理决定（立案之日起90日）"


def test_a_case_past_its_deadline_appears_on_the_overdue_list_and_the_home_card(flow, client_for):
    case = flow.filed()
    with time_machine.travel(date(2025, 9, 15)):
        assert list(Case.objects.overdue()) == [case]
        page = client_for(flow.head).get("/cases/overdue/").content.decode()
        assert case.number in page and "逾期" in page
        home = client_for(flow.head).get("/").content.decode()
        assert "逾期案件" in home


def test_reminders_go_to_the_team_once_per_deadline(flow, client_for):
    case = flow.filed()
    assert remind(date(2025, 9, 1)) == 0  # 13 days ahead: not yet
    written = remind(date(2025, 9, 12))
    assert written == 3  # two investigators and the approving head
    assert remind(date(2025, 9, 12)) == 0
    overdue = remind(date(2025, 9, 20))
    assert overdue == 3
    assert set(CaseReminder.objects.filter(case=case).values_list("kind", flat=True)) == {
        "upcoming",
        "overdue",
    }
    page = client_for(flow.investigator).get("/cases/reminders/").content.decode()
    assert "作出处理决定" in page


def test_the_reminder_task_runs_through_the_task_queue(flow):
    flow.filed()
    with time_machine.travel(date(2025, 9, 13)):
        result = send_deadline_reminders.enqueue()
    assert result.return_value == 3


def test_a_review_and_a_preserved_item_bring_their_own_deadlines(flow):
    case = flow.filed()
    preservation = A.do_request_preservation(case, by=flow.investigator, items="账册", reason="可能灭失")
    A.do_approve_preservation(preservation, by=flow.head)
    case.refresh_from_db()
    assert case.next_deadline_label == "先行登记保存物品作出处理决定"
    assert case.next_deadline_on == date(2025, 6, 25)
    A.do_handle_preservation(preservation, by=flow.investigator, handling="return", note="退还")
    case.refresh_from_db()
    assert case.next_deadline_on == date(2025, 6, 16) + timedelta(days=90)


def test_the_reminder_command_queues_the_task(flow):
    from io import StringIO

    from django.core.management import call_command

    flow.filed()
    out = StringIO()
    with time_machine.travel(date(2025, 9, 13)):
        call_command("case_reminders", stdout=out)
    assert "已提交期限提醒任务" in out.getvalue()
    assert CaseReminder.objects.count() == 3
