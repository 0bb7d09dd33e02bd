"""联席会议: the 校外培训监管联席会议 meets monthly with the partner departments; each meeting's
decisions become action items with owners and deadlines (two of the report year run late and
are done in the next January)."""

from datetime import date, timedelta

from eduenforce.accounts.models import Department
from eduenforce.core.workdays import add_working_days, is_working_day

MEMBERS = ["xwpxk", "zfdd", "scjg", "ga", "xf", "wlt", "mz", "wj", "rs"]
LIAISONS = [("scjg", "陈静", "chenjing"), ("xf", "韩锐", None), ("ga", "郑毅", None), ("wlt", "许婷", None)]
TOPICS = [
    ("寒假校外培训治理部署", "scjg", "联合开展寒假期间校外培训机构收费检查"),
    ("寒假治理情况通报", "ga", "对无证培训场所开展联合核查"),
    ("广告管控工作部署", "scjg", "清理小区、商圈校外培训违规广告"),
    ("春季消防安全检查", "xf", "对校外培训机构开展消防安全联合检查"),
    ("广告管控阶段总结", "wlt", "核查非学科类培训机构资质"),
    ("暑期治理部署", "scjg", "暑期预收费资金监管专项检查"),
    ("暑期治理中期推进", "xf", "暑期培训场所消防安全复查"),
    ("暑期治理总结", "ga", "通报暑期违规培训线索查处情况"),
    ("秋季开学安全", "xf", "校外培训机构秋季消防安全抽查"),
    ("下半年联合双随机抽查", "wj", "配合开展下半年部门联合双随机抽查"),
    ("预收费监管专题", "scjg", "督促培训机构将预收费纳入资金监管账户"),
    ("年度工作总结", "wlt", "总结全年联合执法情况并报送年度报告材料"),
]
LATE_MONTHS = {10, 11}  # the action items of these meetings are still open past their deadline


def _working(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def schedule(demo, year) -> None:
    if not year.current:
        demo.at(year.day(date(2025, 1, 10)), 10, _setup)
    for month in range(1, 13):
        demo.at(_working(date(year.year, month, 16)), 14, _meet, year, month)


def _setup(demo) -> None:
    from eduenforce.accounts.models import User
    from eduenforce.coordination import services

    for code, name, username in LIAISONS:
        services.appoint_liaison(
            department=Department.objects.get(code=code),
            name=name,
            phone=f"022-2439{len(name)}100",
            appointed_from=demo.clock.today,
            by=demo.head,
            user=User.objects.filter(username=username).first() if username else None,
            position="联络员",
        )
    demo.series = services.create_series(
        name="东丽区校外培训监管联席会议",
        departments=Department.objects.filter(code__in=MEMBERS),
        by=demo.head,
        purpose="定期会商研判校外培训监管中的跨部门问题，确保政策衔接与行动协同。",
        interval_months=1,
        default_place="区教育局三楼会议室",
        first_meeting_on=_working(date(demo.year, 1, 16)),
    )


def _meet(demo, year, month: int) -> None:
    from eduenforce.coordination.models import Meeting

    meeting = Meeting.objects.filter(series=demo.series, status="scheduled").order_by("scheduled_on").first()
    title, owner, action = TOPICS[month - 1]
    meeting.add_agenda_item(title=title, by=demo.head)
    for code in ("xwpxk", "scjg", "xf", "ga", owner):
        meeting.set_attendance(
            department=Department.objects.get(code=code), attendees="分管负责人、联络员", by=demo.head
        )
    meeting.hold(
        by=demo.head,
        held_on=demo.clock.today,
        chair="赵敏",
        recorder="李强",
        minutes=f"会议研究了{title}有关工作，各成员单位通报了本单位工作情况，形成议定事项如下。",
    )
    due = add_working_days(demo.clock.today, 20)
    decision = meeting.add_decision(
        text=f"关于{title}", by=demo.head, actions=[(action, Department.objects.get(code=owner), due)]
    )
    meeting.finalize(by=demo.head)
    late = month in LATE_MONTHS and not year.current
    for item in decision.action_items.all():
        if late:  # still open past the deadline at the end of the year, done in January
            demo.at(add_working_days(date(year.year + 1, 1, 1), 2 + month - 10), 16, _complete, item)
        else:
            demo.at(add_working_days(demo.clock.today, 12), 16, _complete, item)


def _complete(demo, item) -> None:
    item.refresh_from_db()
    if item.status == "open":
        item.start(by=demo.head, note="已部署落实")
    item.complete(by=demo.head, note="已按期完成并反馈")
