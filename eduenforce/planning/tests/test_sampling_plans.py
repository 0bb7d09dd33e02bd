"""Sampling plans: what stops a plan from being published, and the forms' messages."""

from decimal import Decimal

import pytest

from eduenforce.planning.forms import SamplingPlanForm, StratumForm
from eduenforce.planning.tests.factories import (
    ItemFactory,
    RequiredDepartmentFactory,
    SamplingPlanFactory,
    StratumFactory,
    department,
    published_item,
)

pytestmark = pytest.mark.django_db


def test_a_complete_internal_plan_has_no_problems():
    plan = SamplingPlanFactory()
    StratumFactory(plan=plan)
    assert plan.problems() == []


@pytest.mark.parametrize(
    "change, message",
    [
        ({"team_size": 1}, "不得少于 2 人"),
        ({"planned_date": "2025-07-15"}, "计划检查日期须在检查期间内"),
        ({"draw_date": "2025-04-20"}, "计划检查日期不能早于抽取日期"),
    ],
)
def test_plan_problems_are_named(change, message):
    from datetime import date

    values = {k: date.fromisoformat(v) if isinstance(v, str) else v for k, v in change.items()}
    plan = SamplingPlanFactory(**values)
    StratumFactory(plan=plan)
    assert any(message in p for p in plan.problems())


def test_an_item_off_the_random_list_or_unpublished_is_a_problem():
    plan = SamplingPlanFactory(item=ItemFactory(is_random=False))
    StratumFactory(plan=plan)
    problems = " ".join(plan.problems())
    assert "尚未公布" in problems and "未列入随机抽查事项清单" in problems


def test_overlapping_strata_and_a_missing_stratum_are_problems():
    plan = SamplingPlanFactory()
    assert "请至少设置一个抽取分层" in plan.problems()
    StratumFactory(plan=plan, label="幼儿园", kinds=["kindergarten"])
    warned = StratumFactory(plan=plan, label="警示", kinds=[], risk_classes=["warning"])
    assert any("范围有重叠" in p for p in plan.problems())
    warned.kinds = ["private_school"]
    warned.save()
    assert plan.problems() == []


def test_strata_on_different_streets_do_not_overlap():
    plan = SamplingPlanFactory()
    a = StratumFactory(plan=plan, label="张贵庄")
    a.streets.set([department("zgz")])
    b = StratumFactory(plan=plan, label="华明")
    b.streets.set([department("hm")])
    assert plan.problems() == []


def test_a_joint_plan_needs_a_partner_department_and_enough_seats():
    plan = SamplingPlanFactory(kind="joint", team_size=2)
    StratumFactory(plan=plan)
    assert any("至少列明一个合作部门" in p for p in plan.problems())
    RequiredDepartmentFactory(plan=plan, department=department("xf"), order=1)
    RequiredDepartmentFactory(plan=plan, department=department("scjg"), order=2)
    RequiredDepartmentFactory(plan=plan, department=department("zfdd"), order=3)
    assert any("少于须参加的部门数" in p for p in plan.problems())


def test_stratum_kinds_outside_the_item_are_a_problem():
    plan = SamplingPlanFactory()
    StratumFactory(plan=plan, kinds=["public_school"])
    assert any("不在事项适用范围内" in p for p in plan.problems())


@pytest.mark.parametrize(
    "data, message",
    [
        ({"percent": "0"}, "抽取比例须大于 0"),
        ({"percent": "120"}, "不能超过 100%"),
        ({"percent": "5", "count": "3"}, "只能填写一项"),
        ({}, "请填写抽取比例或数量"),
        ({"count": "0"}, "抽取数量须至少为 1"),
        ({"label": "幼儿园|警示", "count": "1"}, "不能含“|”"),
    ],
)
def test_the_stratum_form_names_bad_ratios_and_counts(data, message):
    plan = SamplingPlanFactory()
    form = StratumForm({"order": 1, "label": "幼儿园", **data}, plan=plan)
    assert not form.is_valid()
    assert message in str(form.errors)


def test_a_percentage_becomes_a_ratio():
    plan = SamplingPlanFactory()
    form = StratumForm({"order": 1, "label": "幼儿园", "percent": "5", "kinds": ["kindergarten"]}, plan=plan)
    assert form.is_valid(), form.errors
    stratum = form.save(commit=False)
    assert stratum.ratio == Decimal("0.0500") and stratum.count is None


def test_the_plan_form_refuses_a_team_of_one_and_a_date_outside_the_period():
    item = published_item()
    form = SamplingPlanForm(
        {
            "name": "计划",
            "year": 2025,
            "item": item.pk,
            "starts_on": "2025-04-01",
            "ends_on": "2025-06-30",
            "draw_date": "2025-04-07",
            "planned_date": "2025-08-01",
            "kind": "internal",
            "officer_pool": "bureau",
            "team_size": 1,
        }
    )
    assert not form.is_valid()
    assert "不得少于 2 人" in str(form.errors["team_size"])
    assert "须在检查期间内" in str(form.errors["planned_date"])
