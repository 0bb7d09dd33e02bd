"""The annual enforcement-inspection plan (年度执法检查计划): lines are added to a draft;
publishing freezes them (ratios become counts against today's register)."""

from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.utils import timezone

from eduenforce.core.errors import DomainError
from eduenforce.core.transitions import Transition
from eduenforce.planning.actions._base import begin, creator, follow, journal, snapshot, write
from eduenforce.planning.choices import PlanStatus as S
from eduenforce.planning.choices import PublicationStatus
from eduenforce.planning.models import AnnualPlan, PlanLine
from eduenforce.planning.publishing import publish_plan

PLAN_FIELDS = ["year", "title", "note"]
LINE_FIELDS = ["item", "object_kind", "quarter", "count", "ratio", "note"]
# 津政规〔2025〕1号: the plan is published; the published figures are what the year is measured by.
FROZEN = "已公布的计划不能修改（津政规〔2025〕1号：抽查计划向社会公开）"

EDIT_PLAN = Transition("planning.edit_plan", "修改计划", "planning.manage", {S.DRAFT}, why=FROZEN)
# The section that drew the plan up publishes it, or the head who signs it off (the bureau issues it).
PUBLISH_PLAN = Transition("planning.publish_plan", "公布", "planning.approve", {S.DRAFT})
PLAN_TRANSITIONS = (EDIT_PLAN, PUBLISH_PLAN)


@transaction.atomic
def do_create_plan(*, by: Any, values: Mapping[str, Any]) -> AnnualPlan:
    creator(by)
    plan = AnnualPlan(created_by=by)
    write(plan, values)
    journal(by, "plan_created", plan, **snapshot(plan, ["year", "title"]))
    return plan


@transaction.atomic
def do_edit_plan(plan: AnnualPlan, *, by: Any, values: Mapping[str, Any]) -> AnnualPlan:
    locked = begin(plan, EDIT_PLAN, by)
    before = snapshot(locked, PLAN_FIELDS)
    write(locked, values)
    journal(by, "plan_edited", locked, before=before, after=snapshot(locked, PLAN_FIELDS))
    follow(plan, locked)
    return locked


@transaction.atomic
def do_add_line(plan: AnnualPlan, line: PlanLine, *, by: Any) -> PlanLine:
    """Add an (unsaved) line to a draft plan."""
    locked = begin(plan, EDIT_PLAN, by)
    line.plan = locked
    line.save()
    journal(by, "plan_line_added", locked, line=snapshot(line, LINE_FIELDS))
    return line


@transaction.atomic
def do_remove_line(plan: AnnualPlan, line: PlanLine, *, by: Any) -> None:
    locked = begin(plan, EDIT_PLAN, by)
    if line.plan_id != locked.pk:
        raise DomainError("该检查安排不属于此计划")
    journal(by, "plan_line_removed", locked, line=snapshot(line, LINE_FIELDS))
    line.delete()


@transaction.atomic
def do_publish_plan(plan: AnnualPlan, *, by: Any) -> AnnualPlan:
    """Freeze the lines (ratios become counts against today's register) and publish."""
    locked = begin(plan, PUBLISH_PLAN, by)
    lines = list(locked.lines.select_related("item"))
    if not lines:
        raise DomainError("计划没有任何检查安排，不能公布", field="lines")
    unpublished = sorted(
        {str(line.item) for line in lines if line.item.status != PublicationStatus.PUBLISHED}
    )
    if unpublished:
        raise DomainError(f"以下检查事项尚未公布，不能列入计划：{'、'.join(unpublished)}", field="lines")
    for line in lines:
        line.planned_count = line.compute_planned_count()
        line.save(update_fields=["planned_count"])
    locked.status = S.PUBLISHED
    locked.published_by, locked.published_at = by, timezone.now()
    locked.save(update_fields=["status", "published_by", "published_at", "updated_at"])
    total = sum(line.planned_count or 0 for line in lines)
    journal(
        by, "plan_published", locked, status=[S.DRAFT, S.PUBLISHED], year=locked.year, planned_total=total
    )
    publish_plan(locked, by=by)
    follow(plan, locked)
    return locked
