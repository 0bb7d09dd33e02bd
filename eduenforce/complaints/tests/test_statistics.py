"""Statistics by source, type, institution type, street, outcome and timeliness, in the database."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine

from eduenforce.complaints import stats
from eduenforce.complaints.tests.factories import InstitutionFactory, department, make_complaint

pytestmark = pytest.mark.django_db
TZ = ZoneInfo("Asia/Shanghai")


def counts(rows) -> dict:
    return {row["key"]: row["count"] for row in rows}


@pytest.fixture
def year_2025(section_head, officer):
    school = InstitutionFactory(kind="kindergarten", street=department("hm"))
    academy = InstitutionFactory(kind="training_academic", street=department("jq"))
    with time_machine.travel(datetime(2025, 3, 3, 9, tzinfo=TZ), tick=False):
        a, _ = make_complaint(institution=school, matter_type="safety")
        b, _ = make_complaint(institution=academy, source="hotline", source_reference="12345-0001")
        c, _ = make_complaint(matter_type="unlicensed", source="phone")
        a.accept(by=section_head)
        b.accept(by=section_head)
        c.reject(reason="不属于教育部门职责", by=section_head)
        a.assign(handler=officer, by=section_head)
        b.assign(handler=officer, by=section_head)
    with time_machine.travel(datetime(2025, 4, 1, 9, tzinfo=TZ), tick=False):
        a.reply(text="经检查隐患属实，已责令整改完毕。", finding="substantiated", by=officer)
    with time_machine.travel(datetime(2025, 6, 1, 9, tzinfo=TZ), tick=False):
        b.reply(text="经核查未发现学科类培训行为。", finding="unsubstantiated", by=officer)
    with time_machine.travel(datetime(2024, 12, 30, 9, tzinfo=TZ), tick=False):
        make_complaint(institution=school)  # another year: not counted
    return a, b, c


def test_the_figures_are_grouped_by_each_dimension(year_2025):
    s = stats.summary(2025, today=date(2025, 12, 31))
    assert counts(s["by_source"]) == {"portal": 1, "hotline": 1, "phone": 1}
    assert counts(s["by_matter_type"]) == {"safety": 1, "fees": 1, "unlicensed": 1}
    assert counts(s["by_institution_kind"]) == {"kindergarten": 1, "training_academic": 1, "": 1}
    streets = {row["label"]: row["count"] for row in s["by_street"]}
    assert streets == {"华明街道": 1, "金桥街道": 1, "未关联": 1}
    assert counts(s["by_outcome"]) == {"substantiated": 1, "unsubstantiated": 1, "not_accepted": 1}
    # a: replied within 60 days; b: accepted 3 March, due 2 May, replied 1 June; c: refused the same day.
    assert counts(s["by_timeliness"]) == {"on_time": 2, "late": 1}


def test_the_totals_come_from_one_aggregate(year_2025, django_assert_num_queries):
    with django_assert_num_queries(1):
        totals = stats.totals(date(2025, 1, 1), date(2025, 12, 31), today=date(2025, 12, 31))
    assert totals["received"] == 3 and totals["accepted"] == 2 and totals["rejected"] == 1
    assert totals["replied"] == 2 and totals["replied_on_time"] == 1 and totals["accepted_on_time"] == 3


def test_an_open_complaint_past_its_deadline_counts_as_overdue(section_head):
    with time_machine.travel(datetime(2025, 3, 3, 9, tzinfo=TZ), tick=False):
        make_complaint()
    assert counts(stats.by_timeliness(today=date(2025, 3, 5))) == {"open": 1}
    assert counts(stats.by_timeliness(today=date(2025, 3, 20))) == {"overdue": 1}


def test_the_statistics_page_shows_the_year(client_for, leader, year_2025):
    html = client_for(leader).get("/complaints/statistics/?year=2025").content.decode()
    assert "投诉举报统计 2025 年" in html and "12345热线转办" in html and "华明街道" in html
