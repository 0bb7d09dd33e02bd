"""Every reports page as its owner role, a colleague without the right, and an outsider."""

import pytest

from eduenforce.core.roles import Role
from eduenforce.reports import actions

pytestmark = pytest.mark.django_db

# page → roles that may open it (GET); everyone else gets 403.
STAFF = {Role.OFFICER, Role.SECTION_HEAD, Role.LEGAL_REVIEWER, Role.LEADER}
PAGES = {
    "/reports/": STAFF | {Role.LIAISON},
    "/reports/statistics/?year=2025": STAFF,
    "/reports/statistics/export.xlsx?year=2025": STAFF,
    "/reports/annual/": STAFF,
    "/reports/records/inspections/?year=2025": STAFF | {Role.LIAISON},
    "/reports/records/cases/?year=2025": STAFF,
    "/reports/records/training-below/?year=2025": STAFF,
    "/reports/records/action-items/?year=2025": STAFF | {Role.LIAISON},
}


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("url", list(PAGES))
def test_each_reports_page_opens_only_for_the_roles_that_hold_its_capability(
    make_user, client_for, role, url
):
    user = make_user(role, department=_department(role))
    response = client_for(user).get(url)
    assert response.status_code == (200 if role in PAGES[url] else 403)


def _department(role):
    from eduenforce.accounts.models import Department

    return Department.objects.get(code="scjg") if role == Role.LIAISON else None


@pytest.mark.parametrize("url", [*PAGES, "/reports/annual/2025/", "/reports/jobs/1/"])
def test_an_outsider_is_sent_to_the_login_page(client, url):
    response = client.get(url)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def test_the_dashboard_shows_each_role_its_own_charts(client_for, leader, officer, legal_reviewer, liaison):
    keys = {}
    for user in (leader, officer, legal_reviewer, liaison):
        response = client_for(user).get("/reports/?year=2025")
        keys[user.role] = [c["key"] for c in response.context["charts"]]
    assert "plan" in keys["leader"] and "cases" in keys["leader"]
    assert "cases" not in keys["officer"] and "plan" not in keys["officer"]
    assert keys["legal_reviewer"] == ["cases", "publications", "complaints"]
    assert keys["liaison"] == ["by_month", "rectification", "action_items"]


def test_a_bad_period_is_reported_and_the_current_year_shown(client_for, leader):
    response = client_for(leader).get("/reports/?year=abc", follow=True)
    assert response.status_code == 200
    assert "统计期间有误" in response.content.decode()


def test_an_unknown_records_list_is_not_found(client_for, leader):
    assert client_for(leader).get("/reports/records/nothing/").status_code == 404


def test_a_bad_filter_on_a_records_list_is_a_message_not_an_error(client_for, leader):
    response = client_for(leader).get("/reports/records/inspections/?month=13-2025")
    assert response.status_code == 200 and "月份格式" in response.content.decode()


def test_a_chart_count_equals_the_number_of_records_behind_it(client_for, leader, small_district):
    charts = client_for(leader).get("/reports/?year=2025").context["charts"]
    by_month = next(c for c in charts if c["key"] == "by_month")
    june = by_month["series"][0]
    link, count = june["links"][5], june["values"][5]
    assert count == 4
    assert client_for(leader).get(link).context["total"] == count


def test_the_statistics_page_lists_the_figures_and_the_table(client_for, officer, small_district):
    response = client_for(officer).get("/reports/statistics/?year=2025")
    page = response.content.decode()
    assert "双随机联合检查（次）" in page and "行政征收" in page
    breakdowns = dict(response.context["breakdowns"])
    assert {r["code"]: r["count"] for r in breakdowns["发现隐患类别"]} == {"fire": 2, "advertising": 2}


def test_the_excel_export_is_journaled(client_for, officer):
    from eduenforce.records.models import JournalEntry

    response = client_for(officer).get("/reports/statistics/export.xlsx?year=2025")
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert JournalEntry.objects.filter(action="report.statistics_exported", actor_id=officer.pk).exists()


def test_a_section_head_edits_the_draft_and_decides_findings(client_for, section_head, small_district):
    client = client_for(section_head)
    assert client.post("/reports/annual/start/", {"year": "2025"}).status_code == 302
    assert client.get("/reports/annual/2025/").status_code == 200
    data = dict.fromkeys(
        ("opening", "plan_notes", "measures", "results", "problems", "next_steps"), "<p>文字</p>"
    )
    data["measures"] = "<p>出动{{ joint_random_person_times }}人次</p>"
    assert client.post("/reports/annual/2025/save/", data).status_code == 302
    response = client.post("/reports/annual/2025/finding/", {"code": "training_below", "decision": "accept"})
    assert response.status_code == 302
    preview = client.get("/reports/annual/2025/preview/").content.decode()
    assert "出动7人次" in preview and "一是执法队伍培训不够均衡" in preview


def test_a_bad_placeholder_is_shown_on_the_form(client_for, section_head):
    client = client_for(section_head)
    client.post("/reports/annual/start/", {"year": "2025"})
    data = dict.fromkeys(("opening", "plan_notes", "measures", "results", "problems", "next_steps"), "")
    data["results"] = "{{ nonsense }}"
    response = client.post("/reports/annual/2025/save/", data)
    assert response.status_code == 400 and "nonsense" in response.content.decode()


@pytest.mark.parametrize("url", ["save/", "finding/", "finalise/", "reopen/"])
def test_an_officer_cannot_change_the_report(client_for, officer, section_head, url):
    actions.start_draft(2025, by=section_head)
    assert client_for(officer).post(f"/reports/annual/2025/{url}", {}).status_code == 403


def test_only_a_leader_publishes(client_for, section_head, leader):
    report = actions.finalise(actions.start_draft(2031, by=section_head), by=section_head)
    assert client_for(section_head).post(f"/reports/annual/{report.year}/publish/").status_code == 403
    response = client_for(leader).post(f"/reports/annual/{report.year}/publish/", follow=True)
    assert "已在公示平台公开" in response.content.decode()


def test_finalising_twice_is_a_message_not_an_error(client_for, section_head):
    report = actions.finalise(actions.start_draft(2032, by=section_head), by=section_head)
    response = client_for(section_head).post(f"/reports/annual/{report.year}/finalise/", follow=True)
    assert response.status_code == 200 and "不能定稿" in response.content.decode()


def test_generating_from_the_page_shows_the_finished_job_with_a_download(client_for, officer, small_district):
    from django.test import TestCase

    client = client_for(officer)
    with TestCase.captureOnCommitCallbacks(execute=True):
        client.post("/reports/annual/2025/generate/", {"fmt": "json"})
    from eduenforce.reports.models import ReportJob

    job = ReportJob.objects.get()
    row = client.get(f"/reports/jobs/{job.pk}/").content.decode()
    assert "100%" in row and "下载" in row
    download = client.get(f"/reports/jobs/{job.pk}/download/")
    assert download.status_code == 200 and b'"year":2025' in b"".join(download.streaming_content).replace(
        b" ", b""
    )


def test_the_home_page_shows_the_reports_cards(client_for, leader):
    page = client_for(leader).get("/").content.decode()
    assert "本年完成检查（件）" in page and "统计看板" in page


def test_without_a_period_the_dashboard_shows_the_last_year_with_inspections(
    client_for, leader, small_district
):
    import time_machine

    with time_machine.travel("2026-03-02 09:00 +0800", tick=False):
        response = client_for(leader).get("/reports/")
    assert response.context["period"].label == "2025年"


def test_opening_a_year_without_a_draft_sends_to_the_list_without_creating_one(client_for, section_head):
    from eduenforce.reports.models import AnnualReport

    response = client_for(section_head).get("/reports/annual/2024/")
    assert response.status_code == 302 and response["Location"].endswith("/reports/annual/")
    assert not AnnualReport.objects.exists()


def test_starting_a_draft_for_an_impossible_year_is_a_message(client_for, section_head):
    response = client_for(section_head).post("/reports/annual/start/", {"year": "1800"}, follow=True)
    assert "年度须在" in response.content.decode()
