"""Planning records on the portal: each publication is a masked snapshot made through
``portal.services`` so that it shows in the portal's search and feeds.

Item lists, plans and campaigns carry no personal data (legal bases, departments,
counts), so there is nothing to mask; free text still goes through ``redact_text`` in
case someone typed a phone number into a note.
"""

from django.utils import timezone

from eduenforce.portal import services
from eduenforce.portal.choices import PublicationKind
from eduenforce.portal.masking import redact_text


def _today():
    return timezone.localdate()


def publish_item(item, *, by):
    points = [
        {
            "order": p.order,
            "text": p.text,
            "legal_basis": p.legal_basis,
            "hazard_category": p.get_hazard_category_display(),
            "required": p.required,
        }
        for p in item.points.all()
    ]
    return services.publish(
        kind=PublicationKind.ITEM_LIST,
        source=item,
        by=by,
        year=_today().year,
        occurred_on=_today(),
        title=f"{item.get_list_kind_display()}：{item.name}（第{item.version}版）",
        summary=redact_text(item.legal_basis)[:500],
        body=redact_text(item.change_note),
        fields={
            "code": item.code,
            "version": item.version,
            "lists": item.lists_label,
            "name": item.name,
            "legal_basis": redact_text(item.legal_basis),
            "section": item.section.name,
            "object_kinds": item.object_kind_labels,
            "method": item.get_method_display(),
            "is_random": item.is_random,
            "is_enterprise": item.is_enterprise,
            "annual_cap": item.annual_cap,
            "checklist": points,
        },
    )


def withdraw_item(item, *, by, reason: str):
    publication = services.publication_for(PublicationKind.ITEM_LIST, item)
    if publication is not None:
        services.withdraw(publication, by=by, note=redact_text(reason))


def publish_plan(plan, *, by):
    lines = [
        {
            "item": line.item.name,
            "item_code": line.item.code,
            "object_kind": line.get_object_kind_display(),
            "quarter": line.quarter_label,
            "target": line.target_label,
            "planned_count": line.planned_count,
        }
        for line in plan.lines.select_related("item")
    ]
    return services.publish(
        kind=PublicationKind.ANNUAL_PLAN,
        source=plan,
        by=by,
        year=plan.year,
        occurred_on=_today(),
        title=plan.title,
        summary=f"{plan.year}年度计划检查 {sum(x['planned_count'] for x in lines)} 家次",
        body=redact_text(plan.note),
        fields={"year": plan.year, "lines": lines},
    )


def publish_campaign(campaign, *, by):
    return services.publish(
        kind=PublicationKind.CAMPAIGN,
        source=campaign,
        by=by,
        year=campaign.year,
        occurred_on=_today(),
        title=campaign.name,
        summary=redact_text(campaign.goal)[:500],
        body=redact_text(campaign.basis),
        fields={
            "public_id": campaign.public_id,
            "starts_on": campaign.starts_on.isoformat(),
            "ends_on": campaign.ends_on.isoformat(),
            "organizer": campaign.organizer.name if campaign.organizer else "",
            "partners": [d.name for d in campaign.partner_departments.all()],
            "items": [str(i) for i in campaign.items.all()],
            "approved_at": timezone.localtime(campaign.approved_at).isoformat()
            if campaign.approved_at
            else None,
        },
    )
