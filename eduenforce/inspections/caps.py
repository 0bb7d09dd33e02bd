"""The annual inspection cap (涉企检查年度频次上限): the one place that says whether an item
has a cap, which inspections count against it, and who has reached it.

Only 涉企 items carry a cap; an annual cap written on any other item does not apply. A task
counts when it inspects the institution under any version of the item (same code), is
planned in the year, is not cancelled and is not a re-inspection (a re-inspection belongs
to the inspection it follows up). Task creation and the draw both ask here.
"""

from django.db.models import Count, QuerySet

from eduenforce.inspections.models import InspectionTask


def annual_cap_of(item) -> int | None:
    """The item's cap per institution per year, or None where no cap applies (not 涉企, or none set)."""
    return item.annual_cap if item.is_enterprise else None


def counted_tasks(item, year: int) -> QuerySet:
    """The tasks of ``year`` that count towards ``item``'s annual cap, for every institution."""
    return InspectionTask.objects.counted_for_item(item).filter(planned_date__year=year)


def cap_usage(institution, item, year: int) -> tuple[int, int | None]:
    """(inspections of ``institution`` counted in ``year``, the item's cap or None when none applies)."""
    used = counted_tasks(item, year).filter(institution=institution).count()
    return used, annual_cap_of(item)


def cap_reached(institution, item, year: int) -> bool:
    """Would one more inspection of ``institution`` exceed the item's annual cap?"""
    used, cap = cap_usage(institution, item, year)
    return cap is not None and used >= cap


def institutions_at_cap(item, year: int) -> QuerySet:
    """The institutions (``registry.Institution`` rows) that have reached ``item``'s cap in
    ``year``; none when no cap applies. One grouped query, usable as a subquery."""
    from eduenforce.registry.models import Institution

    cap = annual_cap_of(item)
    if cap is None:
        return Institution.objects.none()
    reached = (
        counted_tasks(item, year)
        .order_by()
        .values("institution_id")
        .annotate(n=Count("id"))
        .filter(n__gte=cap)
        .values("institution_id")
    )
    return Institution.objects.filter(pk__in=reached)
