"""What a served 行政处罚决定 writes into the registry: 吊销办学许可证, 责令停止招生, 责令停止举办.

The registry writes these only when the change cites a decision it can verify
(``registry.hooks.served_decision_effects``, answered here by ``served_effects``): the
decision is a 行政处罚 of this institution, served and not revoked (《行政处罚法》第九条、
第三十八条). ``apply`` is called by ``do_serve_decision`` in the same transaction.
"""

from django.db.models import Q

from eduenforce.cases.choices import Outcome
from eduenforce.cases.models import Case
from eduenforce.registry import actions as registry
from eduenforce.registry.choices import PenaltyEffect


def served_effects(decision, institution) -> frozenset[str]:
    """The registry effects of a served, standing decision on ``institution`` (read from the
    database, never from the object handed in); empty for anything else."""
    if not isinstance(decision, Case) or decision.pk is None or institution is None:
        return frozenset()
    case = (
        Case.objects.filter(
            pk=decision.pk,
            institution_id=institution.pk,
            outcome=Outcome.PENALTY,
            served_on__isnull=False,
            revoked_on__isnull=True,
        )
        .values_list("penalty_kinds", flat=True)
        .first()
    )
    return frozenset(case or ()) & frozenset(PenaltyEffect.values)


def apply(case: Case, *, by) -> list[str]:
    """Write the served decision's registry effects (journaled by the registry); [] when none."""
    if case.institution_id is None or not served_effects(case, case.institution):
        return []
    return registry.do_apply_decision(case.institution, decision=case, by=by)


def closures_from_inspections(tasks) -> int:
    """Institutions closed (责令停止举办) by served, standing decisions of cases whose lead is a
    移送立案 from one of ``tasks``, its hazards or its rectification orders."""
    from eduenforce.inspections.models import Hazard, RectificationOrder

    ids = list(tasks.values_list("pk", flat=True))
    refs = {
        "inspections.inspectiontask": ids,
        "inspections.hazard": list(Hazard.objects.filter(task__in=ids).values_list("pk", flat=True)),
        "inspections.rectificationorder": list(
            RectificationOrder.objects.filter(task__in=ids).values_list("pk", flat=True)
        ),
    }
    from_leads = Q()
    for label, pks in refs.items():
        from_leads |= Q(lead__source_type=label, lead__source_id__in=[str(pk) for pk in pks])
    served = Case.objects.penalties().filter(from_leads, served_on__isnull=False, institution__isnull=False)
    return len(  # penalty_kinds is a JSON list (no portable "contains" on SQLite): filtered here
        {
            institution
            for institution, kinds in served.values_list("institution", "penalty_kinds")
            if PenaltyEffect.STOP_RUNNING in (kinds or ())
        }
    )
