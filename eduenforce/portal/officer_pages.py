"""The public list of certified officers (行政执法公示: 执法人员名单 with 执法证号).

Served by the portal (beside the certificate check in ``portal.views``) rather than from
``officers/public_urls.py``: officers stands below portal in the floor order and may not use
``portal.masking``; the portal reads officers' querysets."""

from django.core.paginator import Paginator
from django.shortcuts import render
from django.utils import timezone

from eduenforce.officers.choices import OfficerStatus
from eduenforce.officers.models import Certificate
from eduenforce.portal.masking import redact_text


def certified_list(request):
    """Officers who may enforce today: name, unit, certificate number, validity. Nothing else."""
    today = timezone.localdate()
    certificates = (
        Certificate.objects.valid_on(today)
        .filter(officer__status=OfficerStatus.ACTIVE)
        .select_related("officer__department")
        .order_by("officer__department__order", "officer__name", "-valid_to")
    )
    page = Paginator(certificates, 50).get_page(request.GET.get("page"))
    rows = [
        {
            "name": redact_text(c.officer.name),
            "department": c.officer.department.name,
            "number": c.number,
            "valid_to": c.valid_to,
        }
        for c in page
    ]
    response = render(request, "portal/certified_officers.html", {"page": page, "rows": rows, "today": today})
    # Names passed through redact_text above; the rest are public by law (执法人员 and 执法证号 are
    # published under 国办发〔2018〕118号). The generic masker would blank certificate numbers that
    # look like ID or bank-card numbers.
    response.public_masked = True
    return response
