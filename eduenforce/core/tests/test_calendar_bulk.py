"""A year's holidays entered at once (pasted notice, table or upload), and every stored deadline
that counts working days through that year recomputed, journaled and notified."""

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from eduenforce.core.calendar import do_enter_days, do_remove_day
from eduenforce.core.calendar_parse import parse
from eduenforce.core.choices import DayKind
from eduenforce.core.workdays import add_working_days, is_working_day

pytestmark = pytest.mark.django_db

NOTICE_2026 = """国务院办公厅关于2026年部分节假日安排的通知
经国务院批准，现将2026年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调休日期的具体安排通知如下。
一、元旦：1月1日（周四）至3日（周六）放假调休，共3天。1月4日（周日）上班。
二、春节：2月15日（农历腊月二十八、周日）至23日（周一）放假调休，共9天。2月14日（周六）、2月28日（周六）上班。
三、清明节：4月4日（周六）至6日（周一）放假，共3天。
四、劳动节：5月1日（周五）至5日（周二）放假调休，共5天。5月9日（周六）上班。
五、端午节：6月19日（周五）至21日（周日）放假，共3天。
六、中秋节：9月25日（周五）至27日（周日）放假，共3天。
七、国庆节：10月1日（周四）至7日（周三）放假调休，共7天。9月20日（周日）、10月10日（周六）上班。
节假日期间，各地区、各部门要妥善安排好值班和安全、保卫等工作。
国务院办公厅
2025年11月4日"""
# National Day 2031 as a notice would have it: 1–7 October off, Sunday 28 Sep and Saturday 11 Oct on.
NATIONAL_DAY_2031 = (
    "国庆节：10月1日（周三）至7日（周二）放假调休，共7天。9月28日（周日）、10月11日（周六）上班。"
)
MONDAY_2031 = datetime(2031, 9, 29, 10, 0, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_the_state_councils_notice_pasted_as_published_gives_the_same_days_as_the_built_in_calendar():
    import chinese_calendar

    parsed = parse(NOTICE_2026, 2026)
    assert parsed.errors == []
    assert {d for d, kind, _ in parsed.days if kind == DayKind.HOLIDAY} == {
        d for d in chinese_calendar.holidays if d.year == 2026
    }
    assert {d for d, kind, _ in parsed.days if kind == DayKind.WORKDAY} == {
        d for d in chinese_calendar.workdays if d.year == 2026
    }
    assert (date(2026, 2, 15), DayKind.HOLIDAY, "春节") in parsed.days


def test_a_table_is_read_with_ranges_and_every_error_of_every_line_is_reported():
    parsed = parse(
        "日期,类型,名称\n2031-01-01,休,元旦\n2031/1/31 至 2031/2/6 休 春节\n2031年2月8日 班 春节调休\n"
        "2031-13-01,休\n2030-05-01,休\n2031-01-01,班\n2031-05-01,放假也行",
        2031,
    )
    assert [d for d, _k, _n in parsed.days][:3] == [date(2031, 1, 1), date(2031, 1, 31), date(2031, 2, 1)]
    assert len(parsed.days) == 9
    assert parsed.errors == [
        "第 5 行“2031-13-01,休”：日期不存在",
        "第 6 行：2030-05-01 不在 2031 年",
        "第 7 行：2031-01-01 已在第 2 行填写",
        "第 8 行“2031-05-01,放假也行”：类型“放假也行”应为“休”（放假）或“班”（上班）",
    ]


def _filing_review_case():
    from eduenforce.cases.tests.factories import Flow

    flow = Flow()
    return flow, flow.review_opened()


def test_entering_a_years_holidays_recomputes_the_stored_deadlines_that_run_through_them(sys_admin):
    from eduenforce.complaints.services import register_complaint
    from eduenforce.core.models import Notice
    from eduenforce.records.models import JournalEntry

    with time_machine.travel(MONDAY_2031, tick=False):
        flow, case = _filing_review_case()
        complaint, _code = register_complaint(
            source="portal",
            matter_type="fees",
            content="该机构收费标准没有公示，退费一直拖延。",
            institution=flow.institution,
            by=flow.head,
        )
        # 2031 is not in the built-in calendar: weekends only, 15 working days → 20 October.
        assert case.filing_review_due_on == date(2031, 10, 20)
        before_accept = complaint.accept_due
        entered = do_enter_days(
            parse(NATIONAL_DAY_2031, 2031).days, by=sys_admin, note="国办发明电〔2030〕7号"
        )
    case.refresh_from_db()
    complaint.refresh_from_db()
    assert case.filing_review_due_on == add_working_days(date(2031, 9, 29), 15) == date(2031, 10, 24)
    assert case.next_deadline_on == date(2031, 10, 24)
    assert complaint.accept_due > before_accept
    moved = {(m.obj._meta.label_lower, m.before, m.after) for m in entered.moved}
    assert ("cases.case", date(2031, 10, 20), date(2031, 10, 24)) in moved
    entry = JournalEntry.objects.get(
        action="deadline.recomputed", object_type="cases.case", object_id=str(case.pk)
    )
    assert entry.changes["before"] == "2031-10-20" and entry.changes["after"] == "2031-10-24"
    notices = Notice.objects.filter(user=flow.investigator)
    assert notices.count() == 1 and "立案审查期限由 2031-10-20 调整为 2031-10-24" in notices.get().text
    assert JournalEntry.objects.filter(action="calendar.days_entered").count() == 1


def test_removing_an_entered_day_counts_the_deadlines_back(sys_admin):
    from eduenforce.core.models import CalendarDay

    with time_machine.travel(MONDAY_2031, tick=False):
        _flow, case = _filing_review_case()
        do_enter_days([(date(2031, 10, 1), DayKind.HOLIDAY, "国庆节")], by=sys_admin)
        case.refresh_from_db()
        assert case.filing_review_due_on == date(2031, 10, 21)
        do_remove_day(CalendarDay.objects.get(date=date(2031, 10, 1)), by=sys_admin)
    case.refresh_from_db()
    assert case.filing_review_due_on == date(2031, 10, 20) and is_working_day(date(2031, 10, 1))


def test_a_deadline_already_met_is_not_touched(sys_admin):
    from eduenforce.cases.actions import filing

    with time_machine.travel(MONDAY_2031, tick=False):
        flow, case = _filing_review_case()
        filing.do_approve_filing(case, by=flow.head, note="同意立案")
        entered = do_enter_days(parse(NATIONAL_DAY_2031, 2031).days, by=sys_admin)
    case.refresh_from_db()
    assert case.filing_review_due_on == date(2031, 10, 20)
    assert all(m.obj != case for m in entered.moved)


def test_the_bulk_page_previews_then_enters_and_a_refused_paste_keeps_what_was_typed(client_for, sys_admin):
    from eduenforce.core.models import CalendarDay

    client = client_for(sys_admin)
    url = reverse("core:calendar-bulk")
    bad = "2031-10-01 休 国庆节\n2031-10-0x 休"
    page = client.post(url, {"year": 2031, "text": bad})
    assert page.status_code == 200 and "第 2 行" in page.content.decode()
    assert "2031-10-0x" in page.content.decode()  # the textarea keeps the input
    assert not CalendarDay.objects.exists()
    preview = client.post(url, {"year": 2031, "text": NATIONAL_DAY_2031})
    assert "预览：9 天" in preview.content.decode() and not CalendarDay.objects.exists()
    done = client.post(url, {"year": 2031, "text": NATIONAL_DAY_2031, "confirm": "1"}, follow=True)
    assert "已录入 9 天" in done.content.decode()
    assert CalendarDay.objects.filter(date__year=2031).count() == 9


def test_an_uploaded_table_is_previewed_into_the_text_so_confirming_enters_it(client_for, sys_admin):
    from eduenforce.core.models import CalendarDay

    client = client_for(sys_admin)
    table = SimpleUploadedFile("2031.csv", "日期,类型,名称\n2031-01-01,休,元旦\n".encode("gb18030"))
    preview = client.post(reverse("core:calendar-bulk"), {"year": 2031, "table": table})
    assert "预览：1 天" in preview.content.decode() and "2031-01-01,休,元旦" in preview.content.decode()
    wrong = SimpleUploadedFile("2031.xlsx", b"PK\x03\x04")
    refused = client.post(reverse("core:calendar-bulk"), {"year": 2031, "table": wrong})
    assert "请上传 .csv 或 .txt 文件" in refused.content.decode()
    assert not CalendarDay.objects.exists()


def test_only_the_system_administrator_enters_the_calendar(client_for, officer):
    assert client_for(officer).get(reverse("core:calendar-bulk")).status_code == 403


def test_a_users_notices_show_on_the_home_page_until_read(client_for, officer):
    from eduenforce.core.notices import notify, unread

    notify([officer, officer], "案件 A：立案审查期限由 2031-10-20 调整为 2031-10-24", link="/cases/")
    client = client_for(officer)
    assert "调整为 2031-10-24" in client.get(reverse("core:home")).content.decode()
    client.post(reverse("core:notices-read"))
    assert not unread(officer).exists()
