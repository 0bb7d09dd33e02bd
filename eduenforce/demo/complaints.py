"""Each year's 投诉举报, through the complaints services: received, accepted, assigned, handled
by an inspection, a case lead, a referral or a direct reply, and answered (in the report year
one late, one still open at the year's end)."""

from datetime import date

from eduenforce.accounts.models import Department

# received, source, matter, index of the training school (academic list), anonymous, how handled, finding
COMPLAINTS = [
    (date(2025, 1, 20), "hotline", "academic_training", 90, True, "inspection", "substantiated"),
    (date(2025, 2, 11), "phone", "fees", 91, False, "inspection", "substantiated"),
    (date(2025, 3, 5), "portal", "safety", 92, True, "inspection", "partly"),
    (date(2025, 3, 26), "hotline", "advertising", 110, True, "lead", "substantiated"),
    (date(2025, 4, 14), "counter", "fees", 93, False, "inspection", "unsubstantiated"),
    (date(2025, 5, 8), "portal", "unlicensed", 111, True, "lead", "substantiated"),
    (date(2025, 5, 29), "department", "staff", 112, True, "refer", "referred"),
    (date(2025, 6, 16), "hotline", "fees", 94, True, "inspection", "substantiated"),
    (date(2025, 7, 10), "phone", "academic_training", 95, False, "inspection", "partly"),
    (date(2025, 7, 24), "portal", "enrolment", 113, True, "direct", "unverifiable"),
    (date(2025, 8, 18), "hotline", "safety", 96, True, "inspection", "substantiated"),
    (date(2025, 9, 9), "portal", "fees", 114, True, "refer", "referred"),
    (date(2025, 9, 25), "phone", "advertising", 115, False, "direct", "unsubstantiated"),
    (date(2025, 10, 20), "hotline", "academic_training", 97, True, "inspection", "substantiated"),
    (date(2025, 11, 10), "portal", "other", 116, True, "reject", ""),
    (date(2025, 11, 24), "hotline", "fees", 117, True, "late", "partly"),
    (date(2025, 12, 8), "portal", "safety", 118, True, "open", ""),
]


def handling(spec, year) -> str:
    """How a complaint is handled; in the current year a lead becomes an inspection (the
    year's cases come from inspections, so no lead waits for a case that is not designed)."""
    how = spec[5]
    return "inspection" if year.current and how == "lead" else how


def inspected(year) -> list:
    return [c for c in COMPLAINTS if handling(c, year) == "inspection"]


CONTENT = {
    "academic_training": "该机构在寒暑假和周末组织初中学生进行数学、英语学科类培训。",
    "fees": "机构要求一次性缴纳一年学费，退费时拖延不退，收费标准也没有公示。",
    "safety": "培训教室在地下室，消防通道堆满杂物，存在安全隐患。",
    "advertising": "机构在小区和网络上发布“保过”“提分”广告。",
    "unlicensed": "该机构没有办学许可证，在居民楼里开班招生。",
    "staff": "机构聘用的部分教师没有教师资格证，且未签订劳动合同。",
    "enrolment": "机构以考试成绩为依据选拔学生，承诺升学。",
    "other": "希望教育局加强对培训机构的管理。",
}


def schedule(demo, year) -> None:
    for n, spec in enumerate(COMPLAINTS):
        demo.at(year.day(spec[0]), 10, _receive, year, n, spec)


def _receive(demo, year, n, spec) -> None:
    from eduenforce.complaints.services import register_complaint

    _received, source, matter, index, anonymous, _how, finding = spec
    how = handling(spec, year)
    if how == "inspection" and finding == "referred":
        finding = "substantiated"
    received = demo.clock.today
    institution = demo.institutions["training_academic"][index]
    complaint, _code = register_complaint(
        source=source,
        matter_type=matter,
        content=CONTENT[matter],
        by=demo.head,
        institution=institution,
        is_anonymous=anonymous,
        complainant_name="" if anonymous else "李女士",
        complainant_phone="" if anonymous else f"1380022{n:04d}",
        source_reference={
            "hotline": f"12345-{year.year}-{n:05d}",
            "department": f"津东市监转〔{year.year}〕{n}号",
        }.get(source, ""),
        source_department=Department.objects.get(code="scjg") if source == "department" else None,
    )
    channel = "" if anonymous else "phone"
    if how == "reject":
        demo.at(
            received,
            15,
            lambda d: complaint.reject(
                by=d.head, reason="反映内容不属于本局职责范围，已告知向有关部门反映", notice_channel=channel
            ),
        )
        return
    demo.at(received, 15, _accept, year, complaint, channel, how, finding)


def _accept(demo, year, complaint, channel, how, finding) -> None:
    complaint.accept(by=demo.head, notice_channel=channel)
    complaint.assign(handler=demo.field_officer, by=demo.head)
    if how == "open":  # received in December, still being handled at the end of the year
        demo.at(demo.clock.today + _days(30), 10, _reply, complaint, "partly")
        return
    if how == "inspection":
        demo.at(demo.clock.today + _days(3), 9, _inspect, year, complaint, finding)
    elif how == "lead":
        from eduenforce.complaints.actions import do_register_lead

        do_register_lead(
            complaint, summary=f"{complaint.institution_name}：{complaint.content}", by=demo.field_officer
        )
        year.complaint_leads.append(complaint)
        demo.at(demo.clock.today + _days(20), 10, _reply, complaint, finding)
    elif how == "refer":
        from eduenforce.complaints.actions import do_refer

        target = Department.objects.get(code="rs" if complaint.matter_type == "staff" else "scjg")
        handled = do_refer(
            complaint,
            to_department=target,
            subject=f"关于{complaint.institution_name}的投诉移送函",
            content=f"我局收到反映：{complaint.content}请依职责核查处理并反馈结果。",
            by=demo.field_officer,
        )
        demo.at(demo.clock.today + _days(2), 10, _acknowledge, handled.referral)
        demo.at(demo.clock.today + _days(12), 10, _conclude_referral, handled.referral)
        demo.at(demo.clock.today + _days(15), 10, _reply, complaint, finding)
    elif how == "late":
        # Past the 60-day limit, answered before the annual report is drafted at the end of January.
        demo.at(demo.clock.today + _days(61), 10, _reply, complaint, finding)
    else:
        demo.at(demo.clock.today + _days(10), 10, _reply, complaint, finding)


def _days(n: int):
    from datetime import timedelta

    return timedelta(days=n)


def _acknowledge(demo, referral) -> None:
    referral.refresh_from_db()
    referral.acknowledge(by=demo.head, note="对方单位书面签收")


def _conclude_referral(demo, referral) -> None:
    referral.refresh_from_db()
    referral.conclude(result="接收单位已依职责核查处理，并将结果告知我局。", by=demo.head)


def _inspect(demo, year, complaint, finding) -> None:
    from eduenforce.complaints.actions import do_create_inspection
    from eduenforce.demo.inspect import Visit, carry_out

    handling = do_create_inspection(
        complaint,
        item=demo.items["JC-PX-01"],
        planned_date=demo.clock.today,
        officers=demo.team(),
        by=demo.field_officer,
    )
    visit = Visit(
        complaint.institution,
        "JC-PX-01",
        demo.clock.today,
        "complaint",
        spot_fix=finding != "unsubstantiated",
        year=year,
    )
    carry_out(demo, handling.inspection_task, visit)
    demo.at(demo.clock.today + _days(5), 10, _reply, complaint, finding)


def _reply(demo, complaint, finding) -> None:
    texts = {
        "substantiated": "经核查，您反映的问题属实，我局已依法责令该机构整改，并将持续跟踪。",
        "partly": "经核查，您反映的问题部分属实，我局已督促该机构对存在的问题进行整改。",
        "unsubstantiated": "经现场核查，未发现您反映的问题，我局将加强日常监管。",
        "unverifiable": "经多次核查，暂无法核实您反映的情况，欢迎提供进一步线索。",
        "referred": "您反映的问题已移送有关部门依职责处理，处理结果将由其答复。",
    }
    complaint.refresh_from_db()
    complaint.reply(
        text=texts[finding],
        finding=finding,
        by=demo.field_officer,
        notice_channel="" if complaint.is_anonymous else "phone",
    )
