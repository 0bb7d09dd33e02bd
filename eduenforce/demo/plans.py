"""The item lists with their checklists, and each year's annual plan, special campaigns and
双随机 sampling plans — created and published through the planning and sampling services."""

import hashlib
import secrets
from datetime import date

from eduenforce.accounts.models import Department
from eduenforce.planning import actions
from eduenforce.records.journal import append, snapshot

TRAINING = ["training_academic", "training_non_academic"]
ALL_KINDS = ["private_school", "kindergarten", "public_school", *TRAINING]
# code, list, name, kinds, method, random, enterprise, cap, legal basis, points (text, category)
ITEMS = [
    (
        "JC-PX-01",
        "random",
        "校外培训机构办学行为检查",
        TRAINING,
        "routine",
        True,
        True,
        3,
        "《中华人民共和国民办教育促进法》第六十四条；《校外培训行政处罚暂行办法》第二十条至第二十二条",
        [
            ("办学许可证在有效期内，按许可范围开展培训", "qualification"),
            ("收费项目、标准及退费办法公示", "fees"),
            ("预收费不超过3个月或60课时并纳入资金监管", "fees"),
            ("消防设施器材完好有效", "fire"),
            ("培训时间、内容符合规定，无超前超标培训", "content_time"),
        ],
    ),
    (
        "JC-PX-02",
        "enterprise",
        "校外培训机构安全管理专项检查",
        TRAINING,
        "special",
        False,
        True,
        3,
        "《校外培训行政处罚暂行办法》；《天津市校外培训机构安全管理规定》",
        [
            ("办学许可证在有效期内", "qualification"),
            ("收费项目、标准在醒目位置公示", "fees"),
            ("消防设施器材完好有效", "fire"),
            ("疏散通道、安全出口畅通", "premises"),
            ("寒暑假期间未违规开展学科类培训", "content_time"),
        ],
    ),
    (
        "JC-PX-03",
        "enterprise",
        "校外培训广告管控专项检查",
        TRAINING,
        "special",
        False,
        True,
        3,
        "《关于做好校外培训广告管控的通知》；《校外培训行政处罚暂行办法》第二十二条",
        [
            ("无违规发布校外培训广告、虚假宣传", "advertising"),
            ("收费项目、标准在醒目位置公示", "fees"),
            ("消防设施器材完好有效", "fire"),
        ],
    ),
    (
        "JC-MB-01",
        "random",
        "民办学校办学行为检查",
        ["private_school"],
        "routine",
        True,
        True,
        2,
        "《中华人民共和国民办教育促进法》及其实施条例",
        [
            ("按核准的办学层次和范围招生办学", "qualification"),
            ("收费公示与退费管理规范", "fees"),
            ("校舍与消防安全", "fire"),
        ],
    ),
    (
        "JC-YE-01",
        "random",
        "幼儿园办园行为与安全检查",
        ["kindergarten"],
        "routine",
        True,
        True,
        2,
        "《幼儿园管理条例》；《中华人民共和国学前教育法》",
        [
            ("办园许可与办园规模符合规定", "qualification"),
            ("食品安全与卫生保健", "food"),
            ("消防安全与安全疏散", "fire"),
            ("收费公示规范", "fees"),
        ],
    ),
    (
        "JC-ZX-01",
        "enforcement",
        "中小学校安全管理检查",
        ["public_school"],
        "routine",
        False,
        False,
        None,
        "《中小学幼儿园安全管理办法》",
        [("校园安全防范设施完好", "premises"), ("食堂食品安全", "food"), ("校车安全管理", "school_bus")],
    ),
    (
        "JC-ZH-01",
        "random",
        "教育机构综合检查（部门联合）",
        ALL_KINDS,
        "routine",
        True,
        True,
        2,
        "《国务院关于在市场监管领域全面推行部门联合“双随机、一公开”监管的意见》；《中华人民共和国消防法》",
        [
            ("办学（办园）许可与资质", "qualification"),
            ("消防安全", "fire"),
            ("食品安全", "food"),
            ("从业人员资格与劳动用工", "other"),
        ],
    ),
]
CAMPAIGNS = [
    (
        "winter",
        "寒假校外培训治理专项行动",
        date(2025, 1, 13),
        date(2025, 2, 28),
        date(2025, 1, 8),
        "JC-PX-02",
    ),
    (
        "ads",
        "校外培训广告管控专项行动",
        date(2025, 4, 1),
        date(2025, 6, 30),
        date(2025, 3, 25),
        "JC-PX-03",
    ),
    (
        "summer",
        "暑期校外培训治理专项行动",
        date(2025, 7, 7),
        date(2025, 8, 29),
        date(2025, 7, 1),
        "JC-PX-02",
    ),
]
CAMPAIGN_PARTNERS = ["scjg", "ga", "xf", "wlt"]


def build(demo) -> None:
    by = demo.head
    for code, list_kind, name, kinds, method, random_, enterprise, cap, basis, points in ITEMS:
        demo.items[code] = _item(
            by, code, list_kind, name, kinds, method, random_, enterprise, cap, basis, points
        )


def _plan_the_year(demo, year) -> None:
    """The first working week: the year's annual plan is published and its campaigns drafted."""
    _annual_plan(demo, year)
    for key, name, starts, ends, _published, item in CAMPAIGNS:
        year.campaigns[key] = _campaign(
            demo, year, f"{year.year}年{name}", year.day(starts), year.day(ends), item
        )


def _item(by, code, list_kind, name, kinds, method, random_, enterprise, cap, basis, points):
    from eduenforce.planning.models import ChecklistPoint, EnforcementItem
    from eduenforce.planning.models.items import ITEM_FIELDS

    item = EnforcementItem.objects.create(
        code=code,
        list_kind=list_kind,
        name=name,
        legal_basis=basis,
        object_kinds=kinds,
        method=method,
        is_random=random_,
        is_enterprise=enterprise,
        annual_cap=cap,
        created_by=by,
        section=Department.objects.get(code="xwpxk" if code.startswith("JC-PX") else "zfdd"),
    )
    append(actor=by, action="planning.item_created", obj=item, changes=snapshot(item, ITEM_FIELDS))
    for order, (text, category) in enumerate(points, start=1):
        point = ChecklistPoint.objects.create(
            item=item, order=order, text=text, hazard_category=category, legal_basis=basis[:300]
        )
        append(actor=by, action="planning.point_added", obj=item, changes={"point": point.pk, "text": text})
    return actions.do_publish_item(item, by=by)


def _annual_plan(demo, year) -> None:
    """The plan states what the year's design inspects, so the plan is completed (100 %)."""
    from eduenforce.demo.inspect import planned_lines
    from eduenforce.planning.models import AnnualPlan, PlanLine

    plan = AnnualPlan.objects.create(
        year=year.year,
        title=f"{year.year}年度执法检查计划",
        created_by=demo.head,
        note="按照“双随机、一公开”和涉企行政检查有关规定编制，覆盖民办学校、幼儿园、"
        "公办中小学和校外培训机构。",
    )
    append(actor=demo.head, action="planning.plan_created", obj=plan, changes={"year": year.year})
    for (code, kind), count in sorted(planned_lines(demo, year).items()):
        PlanLine.objects.create(plan=plan, item=demo.items[code], object_kind=kind, count=count)
    actions.do_publish_plan(plan, by=demo.leader)


def _campaign(demo, year, name, starts, ends, item_code):
    from eduenforce.planning.models import Campaign

    campaign = Campaign.objects.create(
        name=name,
        year=year.year,
        starts_on=starts,
        ends_on=ends,
        organizer=Department.objects.get(code="xwpxk"),
        goal="全面排查校外培训机构办学资质、收费、消防安全和违规培训、违规广告等问题，发现问题立即督促整改。",
        basis="《校外培训行政处罚暂行办法》；市教委关于开展校外培训专项治理的通知",
        created_by=demo.head,
    )
    campaign.items.set([demo.items[item_code]])
    campaign.partner_departments.set(Department.objects.filter(code__in=CAMPAIGN_PARTNERS))
    append(actor=demo.head, action="planning.campaign_created", obj=campaign, changes={"name": name})
    return campaign


def schedule(demo, year) -> None:
    demo.at(year.day(date(2025, 1, 6)), 9, _plan_the_year, year)
    for key, _name, _starts, ends, published, _item in CAMPAIGNS:
        demo.at(year.day(published), 9, _publish_campaign, year, key)
        demo.at(year.day(ends), 18, _close_campaign, year, key)
    for plan in SAMPLING:
        demo.at(year.day(plan["publish_on"]), 9, _publish_sampling_plan, year, _dated(plan, year))


def _dated(spec: dict, year) -> dict:
    return {
        **spec,
        "name": f"{year.year}年{spec['name']}",
        **{key: year.day(spec[key]) for key in ("publish_on", "draw_date", "planned")},
        "ends_on": year.day(date(2025, 12, 15)),
    }


def _publish_campaign(demo, year, key) -> None:
    campaign = year.campaigns[key]
    actions.do_submit_campaign(campaign, by=demo.head)
    actions.do_approve_campaign(campaign, by=demo.leader)
    actions.do_publish_campaign(campaign, by=demo.leader)


def _close_campaign(demo, year, key) -> None:
    actions.do_close_campaign(
        year.campaigns[key], by=demo.head, summary="专项行动按计划完成，发现的问题已督促整改。"
    )


# Each year's 双随机 plans: 11 internal checks, and 6 joint checks with partner departments.
SAMPLING = [
    {
        "key": "A",
        "name": "幼儿园办园行为“双随机”抽查",
        "item": "JC-YE-01",
        "kind": "internal",
        "publish_on": date(2025, 3, 24),
        "draw_date": date(2025, 4, 1),
        "planned": date(2025, 4, 15),
        "strata": [("幼儿园", ["kindergarten"], 6)],
        "departments": [],
        "team": 2,
    },
    {
        "key": "B",
        "name": "校外培训机构办学行为“双随机”抽查",
        "item": "JC-PX-01",
        "kind": "internal",
        "publish_on": date(2025, 3, 24),
        "draw_date": date(2025, 4, 2),
        "planned": date(2025, 5, 13),
        "strata": [("学科类培训机构", ["training_academic"], 5)],
        "departments": [],
        "team": 2,
    },
    {
        "key": "C1",
        "name": "上半年教育机构部门联合“双随机”抽查",
        "item": "JC-ZH-01",
        "kind": "joint",
        "publish_on": date(2025, 5, 6),
        "draw_date": date(2025, 5, 12),
        "planned": date(2025, 5, 27),
        "strata": [
            ("幼儿园", ["kindergarten"], 1),
            ("民办学校", ["private_school"], 1),
            ("学科类培训机构", ["training_academic"], 1),
        ],
        "departments": ["xf", "scjg"],
        "team": 3,
    },
    {
        "key": "C2",
        "name": "下半年教育机构部门联合“双随机”抽查",
        "item": "JC-ZH-01",
        "kind": "joint",
        "publish_on": date(2025, 9, 15),
        "draw_date": date(2025, 9, 22),
        "planned": date(2025, 10, 21),
        "strata": [
            ("幼儿园", ["kindergarten"], 1),
            ("公办中小学", ["public_school"], 1),
            ("学科类培训机构", ["training_academic"], 1),
        ],
        "departments": ["rs", "wj"],
        "team": 3,
    },
]


def _publish_sampling_plan(demo, year, spec) -> None:
    from eduenforce.planning.models import SamplingPlan
    from eduenforce.planning.models.sampling import RequiredDepartment, Stratum
    from eduenforce.sampling import actions

    plan = SamplingPlan.objects.create(
        name=spec["name"],
        year=year.year,
        item=demo.items[spec["item"]],
        starts_on=spec["draw_date"],
        ends_on=spec["ends_on"],
        draw_date=spec["draw_date"],
        planned_date=spec["planned"],
        kind=spec["kind"],
        team_size=spec["team"],
        created_by=demo.head,
        note="按比例随机抽取检查对象和执法检查人员，结果向社会公示。",
    )
    for order, (label, kinds, count) in enumerate(spec["strata"], start=1):
        Stratum.objects.create(plan=plan, order=order, label=label, kinds=kinds, count=count, ratio=None)
    for order, code in enumerate(spec["departments"], start=1):
        RequiredDepartment.objects.create(
            plan=plan, department=Department.objects.get(code=code), order=order
        )
    append(actor=demo.head, action="planning.sampling_plan_created", obj=plan, changes={"name": plan.name})
    # Each partner department of a joint check makes its own seed share and hands over only
    # its SM3 commitment; it reveals the share at the draw.
    shares = {d.name: secrets.token_hex(32) for d in plan.required_department_list() if d.kind == "partner"}
    commitments = {name: hashlib.new("sm3", s.encode()).hexdigest() for name, s in shares.items()}
    draw = actions.do_commit(plan, by=demo.head, partner_commitments=commitments)
    demo.at(spec["draw_date"], 10, _run_draw, year, spec, draw, shares)


def _run_draw(demo, year, spec, draw, shares) -> None:
    """Reveal the seed and draw on the announced date with the announced source's value (the
    demo's stand-in for that day's 排列5 numbers); the drawn inspections follow."""
    from eduenforce.demo import inspect
    from eduenforce.sampling import actions

    digits = hashlib.new("sm3", draw.entropy_source["date"].encode()).hexdigest()
    value = " ".join(str(int(c, 16) % 10) for c in digits[:5])
    draw = actions.do_run_draw(draw, by=demo.head, public_entropy=value, shares=shares)
    inspect.schedule_drawn(demo, year, spec, draw)
