"""What a live bureau never shows of its own making, counted on ``today``."""

from datetime import date


def artefacts(today: date) -> dict:
    from eduenforce.cases.models import Case
    from eduenforce.complaints.models import Complaint
    from eduenforce.coordination.models import ActionItem, Referral
    from eduenforce.inspections.views.orders import overdue_orders
    from eduenforce.portal.models import Publication
    from eduenforce.registry.models import Institution

    return {
        "expired licences still operating": Institution.objects.operating_with_expired_licence(today).count(),
        "overdue cases": Case.objects.overdue(today).count(),
        "overdue rectification orders": overdue_orders(today=today).count(),
        "overdue complaints": Complaint.objects.overdue(today).count(),
        "overdue action items": ActionItem.objects.overdue(today).count(),
        "unacknowledged referrals": Referral.objects.overdue(today).count(),
        "overdue publications": Publication.objects.overdue(today).count(),
    }


def no_artefacts(today: date) -> dict:
    return dict.fromkeys(artefacts(today), 0)
