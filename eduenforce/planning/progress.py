"""年度执法计划完成情况: planned inspections against completed ones.

Done = inspection tasks with status 已完成, by item code (any version of the item),
object type and the quarter of their completion date (local time). One aggregate query.
"""

from dataclasses import dataclass

from eduenforce.planning import hooks


@dataclass
class ProgressRow:
    line: object
    planned: int
    done: int

    @property
    def percent(self) -> int:
        if not self.planned:
            return 100 if self.done else 0
        return round(100 * self.done / self.planned)

    @property
    def complete(self) -> bool:
        return self.done >= self.planned


@dataclass
class Progress:
    rows: list[ProgressRow]

    @property
    def planned(self) -> int:
        return sum(r.planned for r in self.rows)

    @property
    def done(self) -> int:
        # A line cannot be over-fulfilled on behalf of another: cap each at its plan.
        return sum(min(r.done, r.planned) for r in self.rows)

    @property
    def percent(self) -> int:
        return round(100 * self.done / self.planned) if self.planned else 0

    @property
    def complete(self) -> bool:
        return all(r.complete for r in self.rows)


def plan_progress(plan) -> Progress:
    """Planned against done for each line of ``plan`` (a draft's ratios use today's register)."""
    done = hooks.completed_per_quarter(plan.year)
    rows = []
    for line in plan.lines.select_related("item"):
        quarters = [line.quarter] if line.quarter else [1, 2, 3, 4]
        n = sum(done.get((line.item.code, line.object_kind, q), 0) for q in quarters)
        planned = line.planned_count if line.planned_count is not None else line.compute_planned_count()
        rows.append(ProgressRow(line, planned, n))
    return Progress(rows)


def year_progress(year: int) -> Progress | None:
    """The published plan of ``year`` with its progress (for the annual report), or None."""
    from eduenforce.planning.models import AnnualPlan

    plan = AnnualPlan.objects.published().filter(year=year).first()
    return plan_progress(plan) if plan else None
