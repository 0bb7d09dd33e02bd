"""Handling a complaint through another app: an inspection task, a case lead, a referral.

Each ``do_*`` runs in one transaction: the other app's service creates its record and the
complaint records the handling step (journaled by both). The caller checks that ``by``
may handle the complaint (``complaint.may_handle(by)``).
"""

from datetime import date

from django.db import transaction

from eduenforce.complaints.choices import HandlingKind, Status
from eduenforce.complaints.models import Complaint, ComplaintHandling
from eduenforce.core.errors import DomainError, require_status

BUREAU_ENFORCEMENT_SECTION = "zfdd"  # 教育行政执法大队: sends referrals unless told otherwise


def _require_handling(complaint: Complaint) -> None:
    # Fail before the other app creates anything; record_handling re-checks under the row lock.
    require_status(complaint, [Status.HANDLING], "办理")


def _require_institution(complaint: Complaint) -> None:
    if complaint.institution_id is None:
        raise DomainError("请先将投诉关联到监管对象库中的机构", field="institution")


@transaction.atomic
def do_create_inspection(
    complaint: Complaint,
    *,
    item,
    planned_date: date,
    officers,
    by,
    urgent: bool = False,
    urgent_reason: str = "",
    cap_reason: str = "",
) -> ComplaintHandling:
    """转行政检查: an inspection task (source 投诉举报) on the complained-about institution.

    The task goes through the inspections app's own checks (published item, certified team,
    the 涉企 annual cap) and its approval; ``urgent`` starts before approval, with a reason.
    """
    from eduenforce.inspections.choices import TaskSource
    from eduenforce.inspections.services import create_task

    _require_handling(complaint)
    _require_institution(complaint)
    task = create_task(
        institution=complaint.institution,
        item=item,
        source=TaskSource.COMPLAINT,
        planned_date=planned_date,
        officers=officers,
        by=by,
        source_ref=complaint.tracking_number,
        urgent=urgent,
        urgent_reason=urgent_reason,
        cap_reason=cap_reason,
    )
    return complaint.record_handling(
        kind=HandlingKind.INSPECTION, by=by, inspection_task=task, note=f"已立检查任务 {task.number}"
    )


@transaction.atomic
def do_register_lead(complaint: Complaint, *, summary: str, by) -> ComplaintHandling:
    """转案件线索: a case lead with the complaint as its source."""
    from eduenforce.cases.choices import LeadSource
    from eduenforce.cases.services import register_lead

    _require_handling(complaint)
    lead = register_lead(
        source=LeadSource.COMPLAINT,
        summary=summary,
        by=by,
        source_obj=complaint,
        institution=complaint.institution,
    )
    return complaint.record_handling(
        kind=HandlingKind.CASE_LEAD, by=by, case_lead=lead, note=f"已登记案件线索 {lead.number}"
    )


@transaction.atomic
def do_refer(
    complaint: Complaint, *, to_department, subject: str, content: str, by, from_department=None
) -> ComplaintHandling:
    """移送有关部门: a referral with receipt tracking. The text must not name the complainant."""
    from eduenforce.accounts.models import Department
    from eduenforce.coordination.services import refer

    _require_handling(complaint)
    if not complaint.is_anonymous:
        for value in (complaint.complainant_name, complaint.complainant_phone):
            if value and (value in content or value in subject):
                raise DomainError("移送材料不得包含投诉人身份信息（姓名、电话）", field="content")
    sender = from_department or Department.objects.get(code=BUREAU_ENFORCEMENT_SECTION)
    referral = refer(
        from_department=sender,
        to_department=to_department,
        subject=subject,
        content=content,
        by=by,
        source_obj=complaint,
    )
    return complaint.record_handling(
        kind=HandlingKind.REFERRAL,
        by=by,
        referral=referral,
        note=f"已移送{to_department.display_name}（{referral.number}）",
    )


def referral_draft(complaint: Complaint) -> str:
    """The default referral text: the matter, without anything that identifies the complainant."""
    from eduenforce.portal.masking import redact_text

    names = [complaint.complainant_name] if complaint.complainant_name else []
    body = redact_text(complaint.content, names_to_remove=names)
    return (
        f"我局收到关于“{complaint.institution_name}”的投诉举报（{complaint.get_matter_type_display()}），"
        f"反映情况如下：{body}\n经研究，该事项属于贵单位职责范围，现予移送，请依法处理并反馈结果。"
    )
