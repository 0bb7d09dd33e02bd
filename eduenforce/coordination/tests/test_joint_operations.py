"""联合执法行动: plan, linked inspections, figures computed from them, review."""

from datetime import date, timedelta

import pytest

from eduenforce.coordination import services
from eduenforce.coordination.models import JointOperation
from eduenforce.coordination.tests.factories import InstitutionFactory, OfficerFactory, department, task
from eduenforce.core.errors import DomainError

pytestmark = pytest.mark.django_db


def plan(by, *, partners=("scjg",), procedure="集合分组—现场检查—问题交办—汇总通报") -> JointOperation:
    return services.create_operation(
        name="2025年寒假校外培训联合执法行动",
        goal="查处无证办学和违规学科类培训",
        starts_on=date(2025, 1, 15),
        ends_on=date(2025, 2, 15),
        lead_department=department("zfdd"),
        procedure=procedure,
        by=by,
        departments=[
            (department("zfdd"), "牵头组织，检查办学资质"),
            *[(department(code), "检查消防与收费") for code in partners],
        ],
    )


def test_an_operation_starts_only_with_a_partner_department_and_a_procedure(section_head):
    alone = plan(section_head, partners=())
    with pytest.raises(DomainError, match="至少有一个合作部门"):
        alone.start(by=section_head)
    no_procedure = plan(section_head, procedure="")
    with pytest.raises(DomainError, match="执法流程"):
        no_procedure.start(by=section_head)
    no_procedure.update_plan(
        goal="查处无证办学",
        procedure="集合分组—现场检查—汇总通报",
        starts_on=date(2025, 1, 15),
        ends_on=date(2025, 2, 15),
        by=section_head,
    )
    no_procedure.start(by=section_head)
    assert no_procedure.status == "underway"
    with pytest.raises(DomainError, match="不能修改方案"):
        no_procedure.update_plan(
            goal="改", procedure="改", starts_on=date(2025, 1, 1), ends_on=date(2025, 1, 2), by=section_head
        )


@pytest.fixture
def lead(make_user):
    from eduenforce.inspections.tests.factories import certified_officer

    user = make_user("officer")
    certified_officer(user=user, name=user.name)
    return user


def inspected(lead, head, *, institution, officers, partners=(), hazards=(), submit=True):
    """An inspection carried out the inspections app's way: approved, started, recorded, submitted."""
    from eduenforce.inspections import actions
    from eduenforce.inspections.tests.factories import fill_record, item_with_points, started_task

    task = started_task(
        lead_user=lead,
        head=head,
        institution=institution,
        item=item_with_points(annual_cap=None),
        officers=[lead.officer, *officers],
        source="campaign",
        partner_participants=[(department(code), f"联合检查人员{i}", "") for i, code in enumerate(partners)],
    )
    if submit:
        actions.do_submit_record(fill_record(task.draft_record(), by=lead, hazards=hazards), by=lead)
        task.refresh_from_db()
    return task


def around_today(by) -> JointOperation:
    today = date.today()
    operation = services.create_operation(
        name="校外培训联合执法行动",
        goal="查处违规办学",
        starts_on=today - timedelta(days=10),
        ends_on=today + timedelta(days=10),
        lead_department=department("zfdd"),
        procedure="集合—检查—汇总",
        by=by,
        departments=[(department("zfdd"), "牵头"), (department("scjg"), "检查收费")],
    )
    operation.start(by=by)
    return operation


def test_the_figures_are_computed_from_the_linked_inspections(lead, section_head):
    operation = around_today(section_head)
    school, other = InstitutionFactory(), InstitutionFactory()
    market_officer = OfficerFactory(department=department("scjg"))
    fire = {"category": "fire", "description": "灭火器过期"}
    t1 = inspected(
        lead,
        section_head,
        institution=school,
        officers=[OfficerFactory()],
        partners=("scjg", "scjg"),
        hazards=[fire],
    )
    t2 = inspected(lead, section_head, institution=school, officers=[market_officer])
    t3 = inspected(lead, section_head, institution=other, officers=[OfficerFactory()], submit=False)
    for t in (t1, t2, t3):
        operation.link_task(task=t, by=section_head)
    outside = task(section_head, planned_date=date.today() + timedelta(days=30))
    with pytest.raises(DomainError, match="不在行动期间内"):
        operation.link_task(task=outside, by=section_head)
    with pytest.raises(DomainError, match="已关联本行动"):
        operation.link_task(task=t1, by=section_head)
    figures = operation.figures()
    # Only completed inspections count (t3 is still under way).
    assert figures["inspections"] == 2 and figures["linked_tasks"] == 3
    assert figures["person_times"] == 6  # t1: 2 officers + 2 market-supervision people; t2: 2 officers
    assert figures["person_times_by_department"] == [
        {"department": "东丽区市场监督管理局", "count": 3},
        {"department": "教育行政执法大队", "count": 3},
    ]
    assert figures["institutions_screened"] == 1 and figures["hazards_found"] == 1
    assert figures["tasks_by_status"] == [{"status": "已完成", "count": 2}, {"status": "检查中", "count": 1}]
    operation.unlink_task(task=t1, by=section_head)
    assert operation.figures()["person_times"] == 2


def test_a_referral_of_a_linked_inspection_is_counted_and_its_served_closure_too(lead, section_head):
    from eduenforce.inspections import actions

    operation = around_today(section_head)
    school = InstitutionFactory()
    t = inspected(lead, section_head, institution=school, officers=[OfficerFactory()])
    operation.link_task(task=t, by=section_head)
    actions.do_record_outcome(
        school,
        kind="closure",
        legal_basis="《民办教育促进法》第六十四条",
        by=section_head,
        task=t,
        reason="办学许可证过期仍招生",
    )
    figures = (
        operation.figures()
    )  # a 移送立案 is recorded; the institution is closed only by a served decision
    assert figures["closed_institutions"] == 0 and figures["outcomes"][0]["count"] == 1
    from eduenforce.cases.tests.factories import served_decision

    served_decision(school, ["stop_running"], source_obj=t)
    assert operation.figures()["closed_institutions"] == 1


def test_the_service_creates_a_joint_task_with_the_partner_departments(section_head):
    from eduenforce.complaints.tests.factories import PublishedItemFactory

    operation = plan(section_head, partners=("scjg", "xf"))
    operation.start(by=section_head)
    created = services.create_operation_task(
        operation,
        institution=InstitutionFactory(),
        item=PublishedItemFactory(),
        planned_date=date(2025, 1, 20),
        officers=[OfficerFactory(), OfficerFactory()],
        by=section_head,
    )
    assert created.is_joint and set(created.partner_departments.values_list("code", flat=True)) == {
        "scjg",
        "xf",
    }
    assert list(operation.tasks.all()) == [created]


def test_the_review_records_summary_lessons_and_the_figures(section_head):
    from eduenforce.records.models import JournalEntry

    operation = plan(section_head)
    operation.start(by=section_head)
    operation.link_task(task=task(section_head, planned_date=date(2025, 1, 20)), by=section_head)
    with pytest.raises(DomainError, match="行动总结"):
        operation.review(summary="短", lessons="", by=section_head)
    operation.review(
        summary="共检查培训机构 1 家，发现并督促整改问题 2 处。",
        lessons="部门间信息共享需提前。",
        by=section_head,
    )
    assert operation.status == "reviewed"
    entry = JournalEntry.objects.get(action="coordination.operation_reviewed")
    assert entry.changes["figures"]["linked_tasks"] == 1 and entry.changes["figures"]["person_times"] == 0


def test_the_operation_is_planned_and_run_from_its_pages(section_head, client_for):
    client = client_for(section_head)
    response = client.post(
        "/coordination/operations/new/",
        {
            "name": "春季联合执法",
            "goal": "消防安全",
            "starts_on": "2025-03-01",
            "ends_on": "2025-02-01",
            "lead_department": department("zfdd").pk,
        },
    )
    assert response.status_code == 400 and "结束日期不能早于开始日期" in response.content.decode()
    response = client.post(
        "/coordination/operations/new/",
        {
            "name": "春季联合执法",
            "goal": "消防安全",
            "starts_on": "2025-03-01",
            "ends_on": "2025-03-31",
            "lead_department": department("zfdd").pk,
            "procedure": "集合—检查—汇总",
        },
    )
    operation = JointOperation.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/coordination/operations/{operation.pk}/"
    base = f"/coordination/operations/{operation.pk}"
    bad_plan = client.post(
        f"{base}/plan/",
        {
            "goal": "消防安全与收费",
            "starts_on": "2025-03-01",
            "ends_on": "2025-02-01",
            "procedure": "集合—检查—汇总—通报",
        },
    )
    assert bad_plan.status_code == 400 and "集合—检查—汇总—通报" in bad_plan.content.decode()
    assert (
        client.post(
            f"{base}/plan/",
            {
                "goal": "消防安全与收费",
                "starts_on": "2025-03-01",
                "ends_on": "2025-03-31",
                "procedure": "集合—检查—汇总—通报",
            },
        ).status_code
        == 302
    )
    refused = client.post(f"{base}/start/")
    assert refused.status_code == 400 and "至少有一个合作部门" in refused.content.decode()
    assert (
        client.post(
            f"{base}/department/", {"department": department("xf").pk, "duties": "检查消防设施"}
        ).status_code
        == 302
    )
    assert client.post(f"{base}/start/").status_code == 302
    t = task(section_head, planned_date=date(2025, 3, 5))
    unknown = client.post(f"{base}/link/", {"number": "不存在的编号"})
    assert unknown.status_code == 400 and "没有编号为" in unknown.content.decode()
    assert client.post(f"{base}/link/", {"number": t.number}).status_code == 302
    page = client.get(f"{base}/").content.decode()
    assert t.number in page and 'data-testid="fig-person-times">0<' in page  # nothing completed yet
