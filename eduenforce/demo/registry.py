"""475 supervised institutions of every kind across the district's 11 streets, with licences.

Licences run seven years from issue dates two to six years before the report year; each one
that runs out in the current year is renewed a month ahead (the bureau never lets its own
district operate on an expired licence: the one expired school is the design's, and is closed).
"""

from datetime import date, timedelta

from stdnum.cn import uscc

from eduenforce.accounts.models import Department

# kind, how many, name pattern parts, has a licence
KINDS = [
    ("private_school", 30, ["民办", "学校"], True),
    ("kindergarten", 120, ["", "幼儿园"], True),
    ("public_school", 70, ["", "小学", "中学"], False),
    ("training_academic", 140, ["", "文化培训学校", "教育培训中心"], True),
    ("training_non_academic", 110, ["", "艺术培训中心", "体育培训中心", "科技培训学校"], True),
]
WORDS = [
    "启明",
    "博雅",
    "育才",
    "新星",
    "阳光",
    "智慧",
    "晨曦",
    "远航",
    "金桥",
    "华明",
    "东湖",
    "春蕾",
    "明德",
    "睿思",
    "知行",
    "蓝天",
    "朝阳",
    "文华",
    "致远",
    "欣欣",
    "乐学",
    "翰林",
    "书香",
    "彩虹",
    "童梦",
    "锦程",
    "立德",
    "弘毅",
    "思源",
    "和美",
    "天成",
    "润泽",
    "嘉禾",
    "星辰",
    "卓越",
    "英才",
    "聚贤",
    "鸿志",
    "正清",
    "一心",
]
ROADS = [
    "先锋路",
    "跃进路",
    "津塘路",
    "成林道",
    "利津路",
    "登州路",
    "昆仑路",
    "雪莲路",
    "卫国道",
    "栖霞道",
    "驯海路",
]
SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗"
GIVEN = ["建国", "秀英", "志强", "丽娟", "海燕", "国庆", "春梅", "文博", "立新", "晓红"]
EXPIRED_LICENCE_NAME = "东丽区启明星文化培训学校"


def credit_code(n: int) -> str:
    body = f"52120110MJ{n:07d}"
    return body + uscc.calc_check_digit(body)


def design(rng, year: int):
    """Every institution's fields, in a fixed order (the same district on every build)."""
    streets = list(Department.objects.filter(kind="street").order_by("order"))
    rows, n = [], 0
    for kind, count, (prefix, *suffixes), licensed in KINDS:
        for i in range(count):
            n += 1
            word = WORDS[(i * 7 + n) % len(WORDS)] + WORDS[(i * 3 + 2 * n) % len(WORDS)]
            street = streets[n % len(streets)]
            name = f"东丽区{street.name[:2]}{prefix}{word}{suffixes[i % len(suffixes)]}"
            # Issued in February to December: every expiry is renewed in the year it falls in.
            issued = date(year - 6 + n % 5, 2 + n % 11, 1 + n % 27) if licensed else None
            rows.append(
                {
                    "name": name,
                    "kind": kind,
                    "credit_code": credit_code(n),
                    "street": street,
                    "address": f"天津市东丽区{street.name}{ROADS[n % len(ROADS)]}{10 + n % 180}号",
                    "legal_rep_name": SURNAMES[n % len(SURNAMES)] + GIVEN[n % len(GIVEN)],
                    "phone": f"022-2439{n:04d}",
                    "founded": issued or date(1990 + n % 30, 9, 1),
                    "risk_class": "warning" if n % 23 == 0 else "good",
                    "licence_number": f"教民1201103{n:07d}" if licensed else "",
                    "licence_issued": issued,
                    "licence_expires": date(issued.year + 7, issued.month, 1) if issued else None,
                }
            )
    # One training school kept teaching after its licence ran out: the winter campaign closes it.
    rows.append(
        {
            **rows[225],
            "name": EXPIRED_LICENCE_NAME,
            "credit_code": credit_code(n + 1),
            "licence_number": f"教民1201103{n + 1:07d}",
            "licence_issued": date(year - 7, 12, 20),
            "licence_expires": date(year - 1, 12, 19),
        }
    )
    return rows


def build(demo) -> None:
    from eduenforce.registry import actions

    names = set()
    for row in design(demo.rng, demo.year):
        if row["name"] in names:
            row["name"] = row["name"].replace("东丽区", "东丽区新", 1)
        names.add(row["name"])
        institution = actions.do_create_institution(by=demo.head, **row)
        demo.institutions.setdefault(row["kind"], []).append(institution)
    demo.expired = demo.institutions["training_academic"][-1]


NEW_IN_2025 = [
    ("东丽区金钟锦程艺术培训中心", "training_non_academic", date(2025, 3, 18)),
    ("东丽区华新星辰幼儿园", "kindergarten", date(2025, 5, 20)),
    ("东丽区东丽湖卓越科技培训学校", "training_non_academic", date(2025, 8, 12)),
    ("东丽区军粮城春蕾幼儿园", "kindergarten", date(2025, 11, 6)),
]


def schedule(demo, year) -> None:
    """行政许可: four new institutions licensed in the report year, five licences renewed in its
    December; in the current year every licence is renewed a month before it runs out."""
    if year.current:
        for inst in _all_licensed(demo):
            if inst.licence_expires.year == year.year:
                on = max(inst.licence_expires - timedelta(days=30), date(year.year, 1, 2))
                demo.at(on, 10, _renew, inst)
        return
    for i, (name, kind, day) in enumerate(NEW_IN_2025):
        demo.at(year.day(day), 10, _license_new, i, name, kind)
    renewals = [
        inst
        for inst in demo.institutions["kindergarten"]
        if inst.licence_expires and inst.licence_expires.year == year.year + 1
    ][:5]
    for i, inst in enumerate(renewals):
        demo.at(year.day(date(2025, 12, 1 + 2 * i)), 10, _renew, inst)


def _all_licensed(demo):
    from eduenforce.registry.models import Institution

    return (
        Institution.objects.filter(credit_code__startswith="52120110MJ", licence_expires__isnull=False)
        .exclude(pk=demo.expired.pk)
        .order_by("licence_expires", "pk")
    )


def _license_new(demo, i, name, kind) -> None:
    from eduenforce.registry import actions

    street = Department.objects.filter(kind="street").order_by("order")[(i * 4) % 11]
    day = demo.clock.today
    institution = actions.do_create_institution(
        by=demo.head,
        name=name,
        kind=kind,
        credit_code=credit_code(800 + i),
        street=street,
        address=f"天津市东丽区{street.name}新立路{8 + i}号",
        legal_rep_name="王立新",
        founded=day,
    )
    actions.do_issue_licence(
        institution,
        number=f"教民12011032025{i:03d}",
        issued=day,
        expires=date(day.year + 7, day.month, 1),
        by=demo.head,
    )


def _renew(demo, inst) -> None:
    from eduenforce.registry import actions

    inst.refresh_from_db()
    if inst.licence_expires.year > demo.clock.today.year:
        return  # renewed already (in the report year's December)
    actions.do_renew_licence(
        inst,
        expires=date(inst.licence_expires.year + 7, inst.licence_expires.month, 1),
        issued=demo.clock.today,
        by=demo.head,
        note="有效期届满前申请延续",
    )
