"""Sampling plans (双随机抽查计划) while they are drafts: the plan, its strata and the
departments of a joint check. Publishing the commitment (``sampling``) freezes all of it:
the strata and their labels enter the published pool and the draw's ordering."""

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import transaction

from eduenforce.core.errors import DomainError
from eduenforce.core.transitions import Transition
from eduenforce.planning.actions._base import begin, creator, follow, journal, snapshot, write
from eduenforce.planning.choices import SamplingPlanStatus as S
from eduenforce.planning.models import RequiredDepartment, SamplingPlan, Stratum

PLAN_FIELDS = ["name", "year", "item", "starts_on", "ends_on", "draw_date", "planned_date", "kind"]
PLAN_FIELDS += ["officer_pool", "team_size", "max_assignments", "exclude_inspected_in_period", "note"]
STRATUM_FIELDS = ["order", "label", "kinds", "risk_classes", "ratio", "count"]
# 津政规〔2025〕1号: the plan is public; its commitment fixes what will be drawn from.
FROZEN = "计划已公布（承诺值已发布），不能再修改（津政规〔2025〕1号：抽查计划向社会公开）"

EDIT_SAMPLING_PLAN = Transition(
    "planning.edit_sampling_plan", "修改抽查计划", "planning.manage", {S.DRAFT}, why=FROZEN
)
SAMPLING_PLAN_TRANSITIONS = (EDIT_SAMPLING_PLAN,)


@transaction.atomic
def do_create_sampling_plan(*, by: Any, values: Mapping[str, Any]) -> SamplingPlan:
    creator(by)
    plan = SamplingPlan(created_by=by)
    write(plan, values)
    journal(by, "sampling_plan_created", plan, **snapshot(plan, PLAN_FIELDS))
    return plan


@transaction.atomic
def do_edit_sampling_plan(plan: SamplingPlan, *, by: Any, values: Mapping[str, Any]) -> SamplingPlan:
    locked = begin(plan, EDIT_SAMPLING_PLAN, by)
    before = snapshot(locked, PLAN_FIELDS)
    write(locked, values)
    journal(by, "sampling_plan_edited", locked, before=before, after=snapshot(locked, PLAN_FIELDS))
    follow(plan, locked)
    return locked


@transaction.atomic
def do_add_stratum(plan: SamplingPlan, stratum: Stratum, *, by: Any, streets: Iterable[Any] = ()) -> Stratum:
    """Add an (unsaved) stratum, with its streets, to a draft plan."""
    locked = begin(plan, EDIT_SAMPLING_PLAN, by)
    stratum.plan = locked
    stratum.save()
    stratum.streets.set(streets)
    street_ids = [s.pk for s in stratum.streets.all()]
    journal(by, "stratum_added", locked, stratum=snapshot(stratum, STRATUM_FIELDS), streets=street_ids)
    return stratum


@transaction.atomic
def do_remove_stratum(plan: SamplingPlan, stratum: Stratum, *, by: Any) -> None:
    locked = begin(plan, EDIT_SAMPLING_PLAN, by)
    if stratum.plan_id != locked.pk:
        raise DomainError("该分层不属于此抽查计划")
    journal(by, "stratum_removed", locked, stratum=snapshot(stratum, STRATUM_FIELDS))
    stratum.delete()


@transaction.atomic
def do_add_department(plan: SamplingPlan, row: RequiredDepartment, *, by: Any) -> RequiredDepartment:
    """Add an (unsaved) required department to a draft joint plan."""
    locked = begin(plan, EDIT_SAMPLING_PLAN, by)
    row.plan = locked
    row.save()
    journal(by, "required_department_added", locked, department=row.department_id, order=row.order)
    return row


@transaction.atomic
def do_remove_department(plan: SamplingPlan, row: RequiredDepartment, *, by: Any) -> None:
    locked = begin(plan, EDIT_SAMPLING_PLAN, by)
    if row.plan_id != locked.pk:
        raise DomainError("该部门不属于此抽查计划")
    journal(by, "required_department_removed", locked, department=row.department_id)
    row.delete()
