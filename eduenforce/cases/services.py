"""Entry points other apps call into the cases app."""

from django.db import transaction
from django.utils import timezone

from eduenforce.cases.choices import LeadSource
from eduenforce.cases.models import CaseLead
from eduenforce.core.errors import DomainError
from eduenforce.core.serials import formatted, next_serial
from eduenforce.records.journal import append


@transaction.atomic
def register_lead(
    *, source: str, summary: str, by, source_obj=None, institution=None, party_name: str = ""
) -> CaseLead:
    """线索登记: record a lead from an inspection (移送立案), a complaint or a transfer."""
    if source not in LeadSource.values:
        raise DomainError("未知的线索来源", field="source")
    if not summary.strip():
        raise DomainError("请填写线索摘要", field="summary")
    year = timezone.localdate().year
    lead = CaseLead.objects.create(
        number=formatted("东教线", year, next_serial("东教线", year)),
        source=source,
        summary=summary.strip(),
        source_type=source_obj._meta.label_lower if source_obj is not None else "",
        source_id=str(source_obj.pk) if source_obj is not None else "",
        institution=institution,
        party_name=party_name or (institution.name if institution else ""),
        registered_by=by if getattr(by, "is_authenticated", False) else None,
    )
    append(
        actor=by,
        action="case.lead_registered",
        obj=lead,
        changes={
            "source": source,
            "source_ref": f"{lead.source_type}:{lead.source_id}",
            "institution": getattr(institution, "pk", None),
        },
    )
    return lead
