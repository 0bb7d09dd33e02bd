"""Accounts, the bureau's 21 officers (19 certified at the end of the report year), partner officers,
training (each year built)."""

from datetime import date, timedelta

from eduenforce.accounts.models import Department, User

# name, department code, position, legal qualification number
BUREAU = [
    ("张伟", "zfdd", "执法队员", ""),
    ("刘洋", "zfdd", "执法队长", ""),
    ("陈磊", "zfdd", "执法队员", ""),
    ("杨帆", "zfdd", "执法队员", ""),
    ("赵军", "zfdd", "执法队员", ""),
    ("黄鹏", "zfdd", "执法队员", ""),
    ("周涛", "zfdd", "执法队员", ""),
    ("吴昊", "zfdd", "执法队员", ""),
    ("徐静", "zfdd", "执法队员", ""),
    ("孙丽", "zfdd", "执法队员", ""),
    ("马超", "zfdd", "执法队员", ""),
    ("朱婷", "zfdd", "执法队员", ""),
    ("胡斌", "xwpxk", "科员", ""),
    ("郭敏", "xwpxk", "科员", ""),
    ("何晓东", "xwpxk", "副科长", ""),
    ("高原", "mbjyk", "科员", ""),
    ("林欣", "mbjyk", "科员", ""),
    ("罗刚", "aqwdk", "科员", ""),
    ("王芳", "zcfgk", "法制审核员", "A20151201001234"),
    # Not certified at the end of 2025: one certificate ran out in September, one officer is transferred out.
    ("梁晨", "aqwdk", "科员", ""),
    ("宋佳", "zfdd", "执法队员", ""),
]
PARTNERS = {
    "xf": ["消防监督员 韩锐", "消防监督员 冯雪"],
    "scjg": ["市场监管执法员 曹阳", "市场监管执法员 彭丽"],
    "rs": ["劳动监察员 董力"],
    "wj": ["卫生监督员 袁琳"],
}
COURSES = [
    ("行政处罚法与校外培训行政处罚暂行办法专题培训", 24),
    ("行政执法“三项制度”实务", 16),
    ("天津市行政执法监督平台网上学法", 16),
    ("学法用法考试", 8),
]


def build(demo) -> None:
    from eduenforce.accounts import demo as accounts_demo

    accounts_demo.load(lambda _msg: None)
    demo.users = {
        u.username: u for u in User.objects.filter(username__in=[u[0] for u in accounts_demo.DEMO_USERS])
    }
    _bureau(demo)
    _partners(demo)


def _certificate_number(demo, i: int) -> str:
    return f"120110{demo.year - 2}{i:04d}"


def _end_of_february(year: int) -> date:
    return date(year, 3, 1) - timedelta(days=1)


def _bureau(demo) -> None:
    from eduenforce.officers import actions

    by = demo.head
    users = {"张伟": demo.users["zhangwei"], "王芳": demo.users["wangfang"]}
    demo.all_bureau = []
    for i, (name, dept, position, legal) in enumerate(BUREAU, start=1):
        officer = actions.register_officer(
            by=by,
            name=name,
            department=Department.objects.get(code=dept),
            position=position,
            user=users.get(name),
            legal_qualification_number=legal,
        )
        if officer.user_id is None:  # every officer who may be drawn or assigned can sign in
            _open_account(demo, officer, f"zf{i:02d}")
        # Certified for five years from March two years before the report year; 梁晨's ran out in
        # September of the report year.
        lapsed = name == "梁晨"
        actions.issue_certificate(
            officer,
            by=by,
            number=_certificate_number(demo, i),
            issuing_authority="天津市人民政府",
            valid_from=date(demo.year - 5, 10, 1) if lapsed else date(demo.year - 2, 3, 1),
            valid_to=date(demo.year, 9, 30) if lapsed else _end_of_february(demo.year + 3),
        )
        demo.all_bureau.append(officer)
        if name not in ("梁晨", "宋佳"):
            demo.officers.append(officer)
        if name == "宋佳":
            demo.leaving = officer


def _partners(demo) -> None:
    from eduenforce.officers import actions

    n = 900
    for code, people in PARTNERS.items():
        department = Department.objects.get(code=code)
        for label in people:
            position, name = label.split(" ")
            n += 1
            officer = actions.register_officer(
                by=demo.head, name=name, department=department, position=position
            )
            _open_account(demo, officer, f"hz{n}")
            actions.issue_certificate(
                officer,
                by=demo.head,
                number=_certificate_number(demo, n),
                issuing_authority="天津市人民政府",
                valid_from=date(demo.year - 1, 1, 1),
                valid_to=date(demo.year + 3, 12, 31),
            )
            demo.partner_officers.setdefault(code, []).append(officer)


def _open_account(demo, officer, username: str) -> None:
    from eduenforce.accounts.demo import DEMO_PASSWORD
    from eduenforce.officers import actions

    actions.open_account(officer, by=demo.head, username=username, password=DEMO_PASSWORD)


def training_plan(demo, year):
    """(officer, course, day, hours): 64 学时 each a year, but two officers only 48."""
    short = {demo.officers[10].pk, demo.officers[16].pk}
    plan = []
    for k, officer in enumerate(demo.all_bureau):
        if officer is demo.leaving and year.current:
            continue  # transferred out at the end of the report year
        for j, (course, hours) in enumerate(COURSES):
            if officer.pk in short and j == 1:
                continue
            day = year.day(date(2025, 3 + 3 * j, 10 + k % 10))
            plan.append((officer, course, day, hours))
    return sorted(plan, key=lambda row: (row[2], row[0].pk))


def schedule(demo, year) -> None:
    """Training is recorded the day it happens; one officer is transferred out in December."""
    for officer, course, day, hours in training_plan(demo, year):
        demo.at(day, 17, _record_training, officer, course, day, hours)
    if not year.current:
        demo.at(year.day(date(2025, 12, 10)), 10, _transfer)


def _record_training(demo, officer, course, day, hours) -> None:
    from eduenforce.officers import actions

    actions.record_training(
        officer,
        by=demo.head,
        course=course,
        date=day,
        hours=hours,
        kind="exam" if course == "学法用法考试" else "training",
        result="合格" if course == "学法用法考试" else "",
    )


def _transfer(demo) -> None:
    from eduenforce.officers import actions

    actions.set_officer_status(demo.leaving, to="transferred", by=demo.head, reason="调任区教育局其他单位")
