"""Each year's inspections, through the inspections services: create, approve, start, on-site record
(checklist, hazards, signatures), submit; rectification orders, re-inspections, a closure.

The design (which institution is visited when, with which findings) is fixed data, so the
year always adds up to the reference report: 150 institutions screened in the campaigns with
1,200 person-times, 25 hazards, 8 institutions left with hazards (20 hazards among them), 56
institutions that corrected something on the spot, 1 closure; 17 random checks (6 joint with
68 person-times on 6 units); 62 administrative inspections in all outside the campaigns.
"""

import base64
import io
from dataclasses import dataclass, field
from datetime import date, timedelta

from eduenforce.accounts.models import Department
from eduenforce.core.workdays import add_working_days, is_working_day


@dataclass
class Visit:
    institution: object
    item: str
    day: date
    source: str
    campaign: str | None = None
    participants: int = 0
    hazards: list = field(default_factory=list)  # (category, description, on_spot, measure)
    spot_fix: bool = False  # a failed checklist point corrected on the spot
    closure: bool = False
    order: bool = False  # hazards not fixed on the spot get an order
    escalate: bool = False  # the order is not complied with (→ case lead)
    year: object = None  # the built Year (its campaigns)


PROBLEMS = {  # campaign, index in its list → hazards not fixable on the spot
    ("winter", 2): [
        ("fire", "灭火器压力不足、已过检验期"),
        ("premises", "安全出口被杂物堵塞"),
        ("fire", "疏散指示标志损坏"),
    ],
    ("winter", 7): [
        ("fire", "未配置应急照明"),
        ("premises", "教室窗户加装防盗网影响逃生"),
        ("content_time", "寒假期间违规开展学科类培训"),
    ],
    ("winter", 15): [("fire", "消防器材数量不足"), ("premises", "楼梯扶手松动")],
    ("winter", 22): [("fees", "一次性收取超过3个月的培训费用"), ("fire", "电气线路私拉乱接")],
    ("summer", 3): [
        ("fire", "灭火器过期"),
        ("premises", "疏散通道堆放桌椅"),
        ("content_time", "超前超标培训"),
    ],
    ("summer", 11): [
        ("fire", "烟感报警器失效"),
        ("premises", "地面湿滑无防滑措施"),
        ("fees", "预收费未纳入资金监管"),
    ],
    ("ads", 4): [("advertising", "在小区公告栏张贴学科类培训广告"), ("fees", "收费标准未公示")],
    ("ads", 9): [("advertising", "在网络平台发布“提分保过”虚假宣传"), ("fire", "消防器材未定期检查")],
}
SPOT_HAZARDS = {
    ("winter", 45): ("fire", "灭火器摆放位置被遮挡", "当场移至醒目位置"),
    ("winter", 50): ("premises", "疏散通道临时堆放教具", "当场清理"),
    ("summer", 20): ("fire", "应急照明灯未通电", "当场接通电源"),
    ("summer", 45): ("premises", "安全出口指示灯遮挡", "当场移除遮挡物"),
    ("ads", 15): ("advertising", "门口摆放学科类培训宣传展板", "当场撤除"),
}
# Institutions (by campaign index) that corrected a failed checklist point on the spot: 51.
SPOT_FIXES = {"winter": range(24, 44), "ads": range(16, 27), "summer": range(21, 41)}
CAMPAIGN_DAYS = {
    "winter": (date(2025, 1, 13), date(2025, 2, 27)),
    "ads": (date(2025, 4, 7), date(2025, 6, 26)),
    "summer": (date(2025, 7, 8), date(2025, 8, 28)),
}


def _working_days(start: date, end: date) -> list[date]:
    days, day = [], start
    while day <= end:
        if is_working_day(day):
            days.append(day)
        day += timedelta(days=1)
    return days


def campaign_visits(demo, year) -> list[Visit]:
    academic = demo.institutions["training_academic"][:-1]
    other = demo.institutions["training_non_academic"]
    # The school teaching on an expired licence is closed in the report year's winter campaign.
    expired = [] if year.current else [demo.expired]
    lists = {
        "winter": academic[0:30] + other[0:29] + expired,
        "ads": academic[30:45] + other[29:44],
        "summer": academic[45:75] + other[44:74],
    }
    visits, n = [], 0
    for key in ("winter", "ads", "summer"):
        days = _working_days(*(year.day(d) for d in CAMPAIGN_DAYS[key]))
        item = "JC-PX-03" if key == "ads" else "JC-PX-02"
        for i, institution in enumerate(lists[key]):
            # 1,184 person-times on 150 screenings: 2 officers each, 6 partner staff on 134, 5 on 16.
            visit = Visit(
                institution,
                item,
                days[(i * len(days)) // len(lists[key])],
                "campaign",
                key,
                participants=6 if n < 134 else 5,
                year=year,
            )
            n += 1
            if (key, i) in PROBLEMS:
                visit.hazards = [(c, d, False, "") for c, d in PROBLEMS[(key, i)]]
                visit.order = True
            if (key, i) in SPOT_HAZARDS:
                c, d, m = SPOT_HAZARDS[(key, i)]
                visit.hazards = [(c, d, True, m)]
            visit.spot_fix = i in SPOT_FIXES[key]
            visit.closure = institution is demo.expired
            visits.append(visit)
    return visits


def patrol_visits(demo, year) -> list[Visit]:
    """35 routine patrols with the streets (张贵庄、华明…): training schools, kindergartens, schools."""
    academic = demo.institutions["training_academic"][75:90]
    kindergartens = demo.institutions["kindergarten"][60:70]
    schools = demo.institutions["public_school"][0:10]
    targets = (
        [(i, "JC-PX-01") for i in academic]
        + [(i, "JC-YE-01") for i in kindergartens]
        + [(i, "JC-ZX-01") for i in schools]
    )
    days = _working_days(year.day(date(2025, 3, 3)), year.day(date(2025, 12, 12)))
    visits = [
        Visit(inst, item, days[(k * 7) % len(days)], "patrol", year=year)
        for k, (inst, item) in enumerate(targets)
    ]
    visits.sort(key=lambda v: v.day)
    # Two patrols find hazards that need an order; one school complies, one does not.
    visits[5].hazards = [("fire", "消防通道被占用", False, "")]
    visits[5].order = True
    visits[20].hazards = [("premises", "教室顶棚存在脱落隐患", False, "")]
    visits[20].order = True
    visits[20].escalate = not year.current  # the current year's lead would wait on nobody
    return visits


def planned_lines(demo, year) -> dict:
    """(item code, object kind) → inspections the annual plan schedules (the design, in advance)."""
    lines: dict = {}

    def add(code, kind, n=1):
        lines[(code, kind)] = lines.get((code, kind), 0) + n

    for visit in campaign_visits(demo, year) + patrol_visits(demo, year):
        add(visit.item, visit.institution.kind)
    from eduenforce.demo.complaints import inspected
    from eduenforce.demo.plans import SAMPLING

    add("JC-PX-01", "training_academic", len(inspected(year)))
    for spec in SAMPLING:
        for _label, kinds, count in spec["strata"]:
            add(spec["item"], kinds[0], count)
    return lines


# ------------------------------------------------------------------ running one inspection

_PNG = None


def signature_png() -> str:
    global _PNG
    if _PNG is None:
        from PIL import Image, ImageDraw

        image = Image.new("L", (160, 60), 255)
        ImageDraw.Draw(image).line([(10, 40), (50, 15), (90, 45), (150, 20)], fill=0, width=3)
        out = io.BytesIO()
        image.save(out, format="PNG")
        _PNG = "data:image/png;base64," + base64.b64encode(out.getvalue()).decode()
    return _PNG


def new_task(demo, visit: Visit, *, participants=(), officers=None):
    from eduenforce.inspections.services import create_task

    return create_task(
        institution=visit.institution,
        item=demo.items[visit.item],
        source=visit.source,
        planned_date=visit.day,
        officers=officers or demo.team(),
        by=demo.head,
        campaign=visit.year.campaigns.get(visit.campaign),
        partner_participants=participants,
        status="pending_approval",
    )


def carry_out(demo, task, visit: Visit):
    """Approve (if needed), start, fill in and sign the on-site record, submit. Returns the record."""
    from eduenforce.inspections import onsite
    from eduenforce.inspections.actions import do_submit_record

    task.refresh_from_db()
    if task.status == "draft":
        task.submit(by=demo.field_officer)
    if task.status == "pending_approval":
        task.approve(by=demo.head)
    record = task.start(by=demo.field_officer)
    day = demo.clock.today
    data = {
        "started_at": f"{day}T09:30",
        "ended_at": f"{day}T10:40",
        "place": visit.institution.address,
        "party_representative": visit.institution.legal_rep_name or "负责人",
        "representative_position": "负责人",
        "findings": _findings(visit),
    }
    points = list(task.item.points.all())
    for point in points:
        failed = (visit.spot_fix and point.hazard_category == "fees") or (
            visit.closure and point.hazard_category == "qualification"
        )
        data[f"result-{point.pk}"] = "fail" if failed else "pass"
        if failed:
            expired = visit.institution.licence_expires
            data[f"note-{point.pk}"] = (
                f"办学许可证已于{expired.year}年{expired.month}月{expired.day}日到期，仍在招生培训"
                if visit.closure
                else "收费标准未在醒目位置公示，已当场张贴公示"
            )
            data[f"spot-{point.pk}"] = "1" if visit.spot_fix else ""
    onsite.save_draft(record, data, by=demo.field_officer)
    for category, description, on_spot, measure in visit.hazards:
        onsite.add_hazard(
            record,
            category=category,
            description=description,
            by=demo.field_officer,
            rectified_on_spot=on_spot,
            spot_measure=measure,
        )
    onsite.set_signature(record, who="officer", data_url=signature_png(), by=demo.field_officer)
    onsite.set_signature(record, who="party", data_url=signature_png(), by=demo.field_officer)
    demo.clock.at(day, 11)
    record, _ = do_submit_record(record, by=demo.field_officer)
    return record


def _findings(visit: Visit) -> str:
    if visit.closure:
        return "该机构办学许可证已过期，仍在开展培训活动。"
    if visit.hazards:
        return "检查发现：" + "；".join(d for _c, d, _s, _m in visit.hazards) + "。"
    return "经现场检查，未发现明显问题。" if not visit.spot_fix else "收费公示不规范，已当场整改。"


def _participants(demo, n: int, k: int):
    departments = list(Department.objects.filter(code__in=["scjg", "ga", "xf", "wlt"]).order_by("order"))
    surnames = "赵钱孙李周吴郑王冯陈褚卫蒋沈韩杨"
    return [
        (
            departments[(k + j) % len(departments)],
            f"{surnames[(k * 3 + j) % 16]}{'明华军丽强'[j % 5]}",
            "执法人员",
        )
        for j in range(n)
    ]


def visit_event(demo, visit: Visit, k: int) -> None:
    task = new_task(demo, visit, participants=_participants(demo, visit.participants, k))
    carry_out(demo, task, visit)
    task.refresh_from_db()
    after_visit(demo, task, visit)


def after_visit(demo, task, visit: Visit) -> None:
    from eduenforce.inspections.actions import do_issue_order, do_record_outcome

    if visit.closure:  # 移送立案: the closure itself is the case's served decision (demo.cases)
        from eduenforce.demo.cases import schedule_closure

        outcome = do_record_outcome(
            visit.institution,
            kind="closure",
            task=task,
            by=demo.head,
            legal_basis="《中华人民共和国民办教育促进法》第六十四条；《校外培训行政处罚暂行办法》第十七条",
            reason="办学许可证已过期仍开展培训活动，拟责令停止举办（关停）。",
        )
        schedule_closure(demo, visit.year, outcome.lead_number)
    if visit.order:
        hazards = list(task.hazards.filter(rectified_on_spot=False))
        due = add_working_days(demo.clock.today, 10)
        order = do_issue_order(
            task,
            hazards,
            due_on=due,
            by=demo.head,
            requirements="对检查发现的隐患逐项整改，整改完成后书面报告。",
            legal_basis="《中华人民共和国行政处罚法》第二十八条；《校外培训行政处罚暂行办法》第三十二条",
        )
        demo.at(add_working_days(due, 1), 9, reinspect, order, visit)


def reinspect(demo, order, visit: Visit) -> None:
    from eduenforce.inspections.actions import do_conclude_order, do_create_reinspection

    task = do_create_reinspection(order, by=demo.head)
    again = Visit(
        visit.institution, visit.item, demo.clock.today, "reinspection", visit.campaign, year=visit.year
    )
    carry_out(demo, task, again)
    order.refresh_from_db()
    do_conclude_order(
        order,
        rectified={h.pk: not visit.escalate for h in order.hazards.all()},
        by=demo.head,
        note="复查确认已整改到位" if not visit.escalate else "复查发现未按期整改，移送立案",
    )
    if visit.escalate:
        order.refresh_from_db()
        demo.escalated_lead = order.lead_number


# ------------------------------------------------------------------ the schedules


def schedule(demo, year) -> None:
    for k, visit in enumerate(campaign_visits(demo, year)):
        demo.at(visit.day, 9, visit_event, visit, k)
    for k, visit in enumerate(patrol_visits(demo, year)):
        demo.at(visit.day, 14, visit_event, visit, k)
    demo.at(date(year.year, 12, 30), 16, year_end)


# Partner staff on the joint random checks: 68 person-times on the 6 checks with teams of 3.
JOINT_PARTICIPANTS = [8, 8, 8, 9, 9, 8]


def schedule_drawn(demo, year, spec, draw) -> None:
    """The drawn inspections, one working day apart from the planned date; results published."""
    assignments = list(draw.assignments.select_related("task__institution").order_by("position"))
    days = _working_days(spec["planned"], spec["planned"] + timedelta(days=30))
    for n, assignment in enumerate(assignments):
        demo.at(days[n], 9, _drawn_event, year, spec, assignment.task)


def _drawn_event(demo, year, spec, task) -> None:
    from eduenforce.inspections.services import add_partner_participant

    visit = Visit(task.institution, spec["item"], demo.clock.today, "random", year=year)
    if spec["kind"] == "joint":
        joint = year.count("joint_done")
        count = JOINT_PARTICIPANTS[joint - 1]
        for department, name, position in _participants(demo, count, joint):
            add_partner_participant(
                task, department=department, name=name, position=position, by=demo.field_officer
            )
    carry_out(demo, task, visit)
    done = year.count("random_done")
    # 公示 within 20 working days; in the report year one result goes out late and one is still
    # waiting at the year's end (published in the first days of the next year).
    if year.current or done not in (9, 17):
        demo.at(add_working_days(demo.clock.today, 5), 10, _publish_result, task)
    elif done == 9:
        demo.at(add_working_days(demo.clock.today, 25), 10, _publish_result, task)
    else:
        demo.at(add_working_days(date(year.year + 1, 1, 1), 3), 10, _publish_result, task)


def _publish_result(demo, task) -> None:
    from eduenforce.inspections.publication import publish_result

    publish_result(task, by=demo.head)


def year_end(demo) -> None:
    """Nothing left half-done by accident at the end of a year."""
    from eduenforce.inspections.models import InspectionTask

    stray = InspectionTask.objects.filter(status__in=["in_progress"]).count()
    if stray:
        demo.log(f"    注意：{stray} 项检查仍在进行中")
