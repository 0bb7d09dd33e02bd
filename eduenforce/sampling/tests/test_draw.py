"""Running a draw: commitment first, selection and teams by the rules, tasks through the
inspections service, everything journaled and published; any refusal writes nothing."""

from datetime import date
from decimal import Decimal

import pytest
import time_machine

from eduenforce.core.errors import DomainError
from eduenforce.inspections.models import InspectionTask
from eduenforce.planning.choices import SamplingPlanStatus
from eduenforce.portal.choices import PublicationKind, PublicationState
from eduenforce.portal.models import Publication
from eduenforce.records.models import JournalEntry
from eduenforce.sampling import actions
from eduenforce.sampling.choices import DrawStatus
from eduenforce.sampling.models import Draw, DrawAssignment, DrawDocument
from eduenforce.sampling.tests import scenario
from eduenforce.sampling.tests.factories import ConflictFactory, InstitutionFactory
from eduenforce.sampling.verify import parse

pytestmark = pytest.mark.django_db


def test_publishing_a_plan_commits_to_a_seed_without_revealing_it(section_head):
    scenario.institutions(4)
    draw = scenario.committed(scenario.plan(), section_head)
    assert draw.status == DrawStatus.COMMITTED and len(draw.seed) == 64
    assert draw.plan.status == SamplingPlanStatus.PUBLISHED
    publication = Publication.objects.get(kind=PublicationKind.SAMPLING_PLAN, source_id=str(draw.pk))
    assert publication.fields["commitment"] == draw.commitment
    assert draw.seed not in str(publication.fields) + publication.summary + publication.body
    entries = JournalEntry.objects.filter(action="sampling.committed", object_id=str(draw.pk))
    assert entries.count() == 1 and draw.seed not in entries.get().body.decode()


def test_a_draw_selects_by_the_rules_creates_tasks_and_publishes_the_result(section_head):
    kindergartens = scenario.institutions(6)
    team = scenario.officers(3)
    draw = scenario.drawn(scenario.plan(), section_head, entropy="2 0 2 5 4")
    doc = parse(draw.document.data)
    assert doc["pool"]["strata"][0]["candidates"] == sorted(i.credit_code for i in kindergartens)
    assert len(doc["strata"][0]["selected"]) == 3
    tasks = InspectionTask.objects.filter(draw_assignment__draw=draw).order_by("draw_assignment__position")
    assert [t.institution.credit_code for t in tasks] == doc["strata"][0]["selected"]
    assert {t.source for t in tasks} == {"random"} and {t.planned_date for t in tasks} == {date(2025, 4, 15)}
    officer_ids = {o.pk for o in team}
    assert all(set(t.members.values_list("officer_id", flat=True)) <= officer_ids for t in tasks)
    assert all(t.members.count() == 2 for t in tasks)
    assert draw.plan.status == SamplingPlanStatus.DRAWN
    assert (
        Publication.objects.get(kind=PublicationKind.DRAW, source_id=str(draw.pk)).state
        == PublicationState.PUBLISHED
    )
    entry = JournalEntry.objects.get(action="sampling.drawn", object_id=str(draw.pk))
    assert entry.changes["document_sm3"] == draw.document.sm3 == DrawDocument.digest(draw.document.data)


def test_the_stored_document_has_exactly_the_documented_fields(section_head):
    scenario.institutions(2)
    scenario.officers(2)
    draw = scenario.drawn(scenario.plan(), section_head)
    doc = parse(draw.document.data)
    assert list(doc) == [
        "algorithm",
        "draw",
        "committed_on",
        "parties",
        "entropy_source",
        "public_entropy",
        "pool_sm3",
        "final",
        "strata",
        "teams",
        "pool",
    ]
    assert list(doc["strata"][0]) == ["label", "selected"]
    assert list(doc["teams"][0]) == ["credit_code", "team"]
    assert list(doc["parties"][0]) == ["party", "commitment", "share"]
    assert list(doc["pool"]) == [
        "format",
        "draw",
        "planned_date",
        "officer_pool",
        "team_size",
        "required_departments",
        "strata",
        "officers",
        "recusals",
    ]
    assert list(doc["pool"]["strata"][0]) == ["label", "ratio", "count", "candidates", "streets"]
    assert list(doc["pool"]["officers"][0]) == ["certificate_number", "department", "street", "cap"]
    assert doc["algorithm"] == "v2" and doc["pool"]["required_departments"] == []
    assert doc["pool"]["officers"][0]["cap"] is None and doc["pool"]["strata"][0]["ratio"] == "0.5000"
    assert doc["entropy_source"]["kind"] == "sports_lottery_pl5" and doc["public_entropy"] == "8 1 6 2 4"
    assert doc["pool_sm3"] == draw.pool_sm3 == draw.pool.sm3


def test_a_draw_before_the_announced_draw_date_is_refused(section_head):
    scenario.institutions(2)
    scenario.officers(2)
    draw = scenario.committed(scenario.plan(), section_head)
    with (
        time_machine.travel(scenario.COMMIT_DAY, tick=False),
        pytest.raises(DomainError, match="未到公布的抽取日期"),
    ):
        actions.do_run_draw(draw, by=section_head, public_entropy="1 2 3 4 5")
    assert Draw.objects.get(pk=draw.pk).status == DrawStatus.COMMITTED


def test_a_draw_whose_commitment_is_not_public_is_refused(section_head):
    from eduenforce.portal import services

    scenario.institutions(2)
    scenario.officers(2)
    draw = scenario.committed(scenario.plan(), section_head)
    publication = Publication.objects.get(kind=PublicationKind.SAMPLING_PLAN, source_id=str(draw.pk))
    services.withdraw(publication, by=section_head, note="误发")
    with (
        time_machine.travel(scenario.DRAW_DAY, tick=False),
        pytest.raises(DomainError, match="承诺值尚未公布"),
    ):
        actions.do_run_draw(draw, by=section_head, public_entropy="1 2 3 4 5")


def test_a_draw_cannot_run_twice(section_head):
    scenario.institutions(2)
    scenario.officers(2)
    draw = scenario.drawn(scenario.plan(), section_head)
    with time_machine.travel(scenario.DRAW_DAY, tick=False), pytest.raises(DomainError, match="已完成"):
        actions.do_run_draw(draw, by=section_head, public_entropy="1 2 3 4 5")


def test_a_plan_whose_draw_date_has_passed_cannot_be_committed(section_head):
    p = scenario.plan(draw_date=date(2025, 3, 1), starts_on=date(2025, 3, 1), planned_date=date(2025, 4, 1))
    with (
        time_machine.travel(scenario.COMMIT_DAY, tick=False),
        pytest.raises(DomainError, match="抽取日期不能早于今天"),
    ):
        actions.do_commit(p, by=section_head)
    assert not Draw.objects.exists()


def test_a_team_size_below_two_is_refused_at_publication(section_head):
    p = scenario.plan(team_size=1)
    with (
        time_machine.travel(scenario.COMMIT_DAY, tick=False),
        pytest.raises(DomainError, match="不得少于 2 人"),
    ):
        actions.do_commit(p, by=section_head)


def test_a_conflicted_officer_is_never_on_that_institutions_team(section_head):
    kindergartens = scenario.institutions(6)
    bureau = scenario.officers(3)
    for institution in kindergartens:
        ConflictFactory(officer=bureau[0], institution=institution)
    draw = scenario.drawn(
        scenario.plan(strata=[{"label": "幼儿园", "kinds": ["kindergarten"], "count": 6}]), section_head
    )
    doc = parse(draw.document.data)
    conflicted = bureau[0].certificates.get().number
    for entry in doc["teams"]:
        assert conflicted not in entry["team"]
        assert [conflicted, entry["credit_code"]] in doc["pool"]["recusals"]
    assert not InspectionTask.objects.filter(members__officer=bureau[0]).exists()


def test_an_ended_conflict_no_longer_recuses_the_officer(section_head):
    [institution] = scenario.institutions(1)
    bureau = scenario.officers(2)
    ConflictFactory(
        officer=bureau[0], institution=institution, valid_from=date(2020, 1, 1), valid_to=date(2024, 12, 31)
    )
    draw = scenario.drawn(
        scenario.plan(strata=[{"label": "幼儿园", "kinds": ["kindergarten"], "count": 1}]), section_head
    )
    assert bureau[0].certificates.get().number in parse(draw.document.data)["teams"][0]["team"]


def test_expired_suspended_and_away_officers_are_not_eligible(section_head):
    from eduenforce.officers.choices import CertificateState, OfficerStatus

    scenario.institutions(2)
    valid = scenario.officers(2)
    expired = scenario.officers(1, valid_to=date(2025, 4, 14))  # expires the day before the inspection
    suspended = scenario.officers(1, state=CertificateState.SUSPENDED)
    away = scenario.officers(1)
    away[0].status = OfficerStatus.AWAY
    away[0].save()
    draw = scenario.drawn(scenario.plan(), section_head)
    eligible = {o["certificate_number"] for o in parse(draw.document.data)["pool"]["officers"]}
    assert eligible == {o.certificates.get().number for o in valid}
    assert not ({o.certificates.get().number for o in expired + suspended + away} & eligible)


def test_joint_teams_include_one_officer_of_each_partner_department_in_order(section_head):
    scenario.institutions(6)
    scenario.officers(3)
    fire = scenario.officers(2, "xf")
    market = scenario.officers(2, "scjg")
    p = scenario.plan(
        kind="joint",
        team_size=3,
        required=["xf", "scjg"],
        strata=[{"label": "幼儿园", "kinds": ["kindergarten"], "count": 6}],
    )
    draw = scenario.drawn(p, section_head)
    doc = parse(draw.document.data)
    assert doc["pool"]["required_departments"] == ["东丽区消防救援支队", "东丽区市场监督管理局"]
    fire_numbers = {o.certificates.get().number for o in fire}
    market_numbers = {o.certificates.get().number for o in market}
    for entry in doc["teams"]:
        assert len(entry["team"]) == 3
        assert entry["team"][0] in fire_numbers and entry["team"][1] in market_numbers
    tasks = InspectionTask.objects.filter(draw_assignment__draw=draw)
    assert all(t.is_joint for t in tasks)
    assert {d.code for d in tasks[0].partner_departments.all()} == {"xf", "scjg"}
    assert all(a.is_joint for a in DrawAssignment.objects.filter(draw=draw))


def test_institutions_at_the_items_annual_cap_are_excluded(section_head):
    from eduenforce.inspections.services import create_task

    kindergartens = scenario.institutions(4)
    team = scenario.officers(2)
    p = scenario.plan(
        strata=[{"label": "幼儿园", "kinds": ["kindergarten"], "count": 4}], exclude_inspected_in_period=False
    )
    p.item.annual_cap = 1
    p.item.save()
    create_task(
        institution=kindergartens[0],
        item=p.item,
        source="patrol",
        planned_date=date(2025, 2, 10),
        officers=team,
        by=section_head,
    )
    draw = scenario.drawn(p, section_head)
    doc = parse(draw.document.data)
    assert kindergartens[0].credit_code not in doc["pool"]["strata"][0]["candidates"]
    assert len(doc["strata"][0]["selected"]) == 3
    assert any("年度检查次数已达上限的对象 1 家" in n for n in draw.notes)


def test_a_cap_written_on_an_item_outside_the_enterprise_list_does_not_exclude_anyone(section_head):
    from eduenforce.inspections.caps import cap_reached
    from eduenforce.inspections.services import create_task

    kindergartens = scenario.institutions(4)
    team = scenario.officers(2)
    p = scenario.plan(
        strata=[{"label": "幼儿园", "kinds": ["kindergarten"], "count": 4}], exclude_inspected_in_period=False
    )
    p.item.is_enterprise, p.item.annual_cap = False, 1
    p.item.save()
    create_task(
        institution=kindergartens[0],
        item=p.item,
        source="patrol",
        planned_date=date(2025, 2, 10),
        officers=team,
        by=section_head,
    )
    assert not cap_reached(kindergartens[0], p.item, 2025)  # inspections: no cap applies
    draw = scenario.drawn(p, section_head)
    doc = parse(draw.document.data)
    assert kindergartens[0].credit_code in doc["pool"]["strata"][0]["candidates"]
    assert len(doc["strata"][0]["selected"]) == 4
    assert not any("年度检查次数已达上限" in n for n in draw.notes)


def test_institutions_already_inspected_for_the_item_in_the_period_are_excluded(section_head):
    from eduenforce.inspections.services import create_task

    kindergartens = scenario.institutions(3)
    team = scenario.officers(2)
    p = scenario.plan(strata=[{"label": "幼儿园", "kinds": ["kindergarten"], "count": 3}])
    create_task(
        institution=kindergartens[1],
        item=p.item,
        source="complaint",
        planned_date=date(2025, 4, 2),
        officers=team,
        by=section_head,
    )
    doc = parse(scenario.drawn(p, section_head).document.data)
    assert kindergartens[1].credit_code not in doc["pool"]["strata"][0]["candidates"]


def test_suspended_and_deregistered_institutions_are_not_candidates(section_head):
    scenario.institutions(2)
    closed = InstitutionFactory(status="suspended")
    gone = InstitutionFactory(status="deregistered")
    scenario.officers(2)
    doc = parse(scenario.drawn(scenario.plan(), section_head).document.data)
    assert not {closed.credit_code, gone.credit_code} & set(doc["pool"]["strata"][0]["candidates"])


def test_strata_by_street_and_risk_class_take_their_own_ratio(section_head):
    warned = scenario.institutions(4, risk_class="warning")
    good = scenario.institutions(10)
    elsewhere = scenario.institutions(3, street=scenario.department("hm"))
    scenario.officers(4)
    p = scenario.plan(
        strata=[
            {
                "label": "张贵庄·警示",
                "kinds": ["kindergarten"],
                "risk_classes": ["warning"],
                "streets": ["zgz"],
                "ratio": Decimal("1"),
            },
            {
                "label": "张贵庄·良好",
                "kinds": ["kindergarten"],
                "risk_classes": ["good"],
                "streets": ["zgz"],
                "ratio": Decimal("0.2"),
            },
        ]
    )
    doc = parse(scenario.drawn(p, section_head).document.data)
    assert doc["strata"][0]["selected"] and set(doc["strata"][0]["selected"]) == {
        i.credit_code for i in warned
    }
    assert len(doc["strata"][1]["selected"]) == 2
    assert set(doc["pool"]["strata"][1]["candidates"]) == {i.credit_code for i in good}
    assert not {i.credit_code for i in elsewhere} & {
        c for s in doc["pool"]["strata"] for c in s["candidates"]
    }


def test_a_count_beyond_the_stratum_and_an_empty_stratum_are_reported(section_head):
    scenario.institutions(2)
    scenario.officers(2)
    p = scenario.plan(
        strata=[
            {"label": "幼儿园", "kinds": ["kindergarten"], "count": 5},
            {"label": "民办学校", "kinds": ["private_school"], "count": 1},
        ]
    )
    draw = scenario.drawn(p, section_head)
    assert any("计划抽取 5 家，候选仅 2 家，已按 2 家抽取" in n for n in draw.notes)
    assert any("分层“民办学校”没有候选对象" in n for n in draw.notes)
    assert DrawAssignment.objects.filter(draw=draw).count() == 2


def test_the_workload_cap_spreads_the_teams(section_head):
    scenario.institutions(6)
    team = scenario.officers(7)
    p = scenario.plan(max_assignments=2, strata=[{"label": "幼儿园", "kinds": ["kindergarten"], "count": 6}])
    doc = parse(scenario.drawn(p, section_head).document.data)
    counts = {}
    for entry in doc["teams"]:
        for number in entry["team"]:
            counts[number] = counts.get(number, 0) + 1
    # 12 seats, at most 2 each: at least 6 of the 7 officers are sent.
    assert max(counts.values()) <= 2 and sum(counts.values()) == 12 and len(counts) >= 6
    assert set(counts) <= {o.certificates.get().number for o in team}


def test_too_few_officers_fail_the_whole_draw_and_write_nothing(section_head):
    scenario.institutions(3)
    scenario.officers(2)
    p = scenario.plan(max_assignments=1, strata=[{"label": "幼儿园", "kinds": ["kindergarten"], "count": 3}])
    draw = scenario.committed(p, section_head)
    entries, tasks = JournalEntry.objects.count(), InspectionTask.objects.count()
    with time_machine.travel(scenario.DRAW_DAY, tick=False), pytest.raises(DomainError) as raised:
        actions.do_run_draw(draw, by=section_head, public_entropy="1 2 3 4 5")
    assert "无法组成检查组" in raised.value.message and "还差 2 人" in raised.value.message
    draw.refresh_from_db()
    assert draw.status == DrawStatus.COMMITTED and draw.final == "" and draw.public_entropy == ""
    assert InspectionTask.objects.count() == tasks and JournalEntry.objects.count() == entries
    assert not DrawDocument.objects.exists() and not DrawAssignment.objects.exists()
    assert not Publication.objects.filter(kind=PublicationKind.DRAW).exists()


def test_a_failure_in_task_creation_rolls_back_the_whole_draw(section_head, monkeypatch):
    from eduenforce.inspections import drawn

    scenario.institutions(3)
    scenario.officers(2)
    draw = scenario.committed(
        scenario.plan(strata=[{"label": "幼儿园", "kinds": ["kindergarten"], "count": 3}]), section_head
    )
    real = drawn.create_drawn_tasks

    def fail_after_writing(*args, **kwargs):
        real(*args, **kwargs)  # the tasks are written, then something refuses
        raise DomainError("检查事项尚未公布")

    monkeypatch.setattr(drawn, "create_drawn_tasks", fail_after_writing)
    with time_machine.travel(scenario.DRAW_DAY, tick=False), pytest.raises(DomainError):
        actions.do_run_draw(draw, by=section_head, public_entropy="1 2 3 4 5")
    assert not InspectionTask.objects.exists() and not DrawDocument.objects.exists()
    assert Draw.objects.get(pk=draw.pk).status == DrawStatus.COMMITTED


def test_local_pools_take_officers_of_the_institutions_street(section_head):
    zgz = scenario.institutions(2)
    hm = scenario.institutions(2, street=scenario.department("hm"))
    zgz_team = scenario.officers(2, "zgz")
    hm_team = scenario.officers(2, "hm")
    scenario.officers(2)  # bureau officers are not in a local pool
    p = scenario.plan(
        officer_pool="local", strata=[{"label": "幼儿园", "kinds": ["kindergarten"], "count": 4}]
    )
    doc = parse(scenario.drawn(p, section_head).document.data)
    numbers = {
        "zgz": {o.certificates.get().number for o in zgz_team},
        "hm": {o.certificates.get().number for o in hm_team},
    }
    street_of = {i.credit_code: "zgz" for i in zgz} | {i.credit_code: "hm" for i in hm}
    for entry in doc["teams"]:
        assert set(entry["team"]) == numbers[street_of[entry["credit_code"]]]
