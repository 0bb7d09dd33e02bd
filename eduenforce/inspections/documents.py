"""The inspection documents: 行政检查通知书, 现场检查笔录, 责令限期整改通知书.

Each is issued through ``records.documents.issue`` (serial number that never repeats, the
.docx rendered from an editable docxtpl template, stored with SHA-256/SM3, journaled) and
can be rendered as PDF from the same context. The contexts are plain dicts of strings, so
staff editing a template in Word only meet ``{{ institution.name }}``-style names.
"""

from django.conf import settings
from django.utils import timezone

from eduenforce.core import config
from eduenforce.core.documents import cn_date, docx_pdf
from eduenforce.inspections.choices import CheckResult, TaskStatus
from eduenforce.records.documents import documents_for, issue
from eduenforce.records.models import IssuedDocument

NOTICE, RECORD, ORDER = "inspection_notice", "inspection_record", "rectification_order"
TITLES = {NOTICE: "行政检查通知书", RECORD: "现场检查笔录", ORDER: "责令限期整改通知书"}
DOCX = {NOTICE: "inspections/notice.docx", RECORD: "inspections/record.docx", ORDER: "inspections/order.docx"}


def cn_datetime(moment) -> str:
    if not moment:
        return ""
    local = timezone.localtime(moment)
    return f"{cn_date(local)}{local:%H时%M分}"


def review_body() -> str:
    """The 复议 body of a district bureau is the district government (行政复议法 第24条)."""
    return settings.BUREAU_NAME.replace("教育局", "人民政府")


def _institution(institution) -> dict:
    return {"name": institution.name, "address": institution.address, "credit_code": institution.credit_code}


def team_on(task, day) -> list[dict]:
    rows = []
    for officer in task.team:
        certificate = officer.certificate_on(day) if day else None
        rows.append(
            {"name": officer.name, "certificate": certificate.number if certificate else "（无有效证件）"}
        )
    return rows


def partners_text(task) -> str:
    return "、".join(
        f"{p.department.display_name} {p.name}"
        for p in task.partner_participants.select_related("department")
    )


def notice_context(task) -> dict:
    return {
        "institution": _institution(task.institution),
        "item": {"name": task.item.name, "legal_basis": task.item.legal_basis},
        "planned_date": cn_date(task.planned_date),
        "source": task.get_source_display(),
        "team": team_on(task, task.planned_date),
        "is_joint": task.is_joint,
        "partners": partners_text(task),
        "task_number": task.number,
    }


def record_context(record) -> dict:
    task = record.task
    day = timezone.localdate(record.started_at) if record.started_at else task.planned_date
    labels = dict(CheckResult.choices)
    results = [
        {
            "order": r.point.order,
            "text": r.point.text,
            "result": labels.get(r.result, "未填写"),
            "note": r.note,
            "spot": r.rectified_on_spot,
        }
        for r in record.results.select_related("point").order_by("point__order")
    ]
    hazards = [
        {
            "category": h.get_category_display(),
            "severity": h.get_severity_display(),
            "description": h.description,
            "location": h.location,
            "on_spot": h.rectified_on_spot,
            "spot_measure": h.spot_measure,
        }
        for h in task.hazards.filter(record__task=task, record__version__lte=record.version).order_by("id")
    ]
    return {
        "institution": _institution(task.institution),
        "item": {"name": task.item.name, "legal_basis": task.item.legal_basis},
        "started": cn_datetime(record.started_at),
        "ended": cn_datetime(record.ended_at),
        "place": record.place,
        "representative": record.party_representative,
        "representative_position": record.representative_position,
        "team": team_on(task, day),
        "partners": partners_text(task),
        "results": results,
        "hazards": hazards,
        "findings": record.findings,
        "party_refused": record.party_refused,
        "witness": record.witness_name,
        "version": record.version,
        "correction_reason": record.correction_reason,
        "content_sm3": record.content_sm3,
        "task_number": task.number,
    }


def order_context(order) -> dict:
    hazards = [
        {
            "category": h.get_category_display(),
            "severity": h.get_severity_display(),
            "description": h.description,
            "location": h.location,
        }
        for h in order.hazards.order_by("id")
    ]
    inspected = order.task.completed_at or order.task.started_at
    return {
        "institution": _institution(order.institution),
        "hazards": hazards,
        "requirements": order.requirements,
        "legal_basis": order.legal_basis,
        "issued_on": cn_date(order.issued_on),
        "due_on": cn_date(order.due_on),
        "working_days": order.working_days,
        "inspected_on": cn_date(timezone.localdate(inspected) if inspected else order.issued_on),
        "review_body": review_body(),
        "task_number": order.task.number,
    }


CONTEXTS = {NOTICE: notice_context, RECORD: record_context, ORDER: order_context}


def _issue(kind: str, obj, *, by, prefix_key: str) -> IssuedDocument:
    # The Word template shows the date in Chinese; issue() would otherwise pass a date object.
    context = {**CONTEXTS[kind](obj), "issued_on": cn_date(timezone.localdate())}
    return issue(
        kind=kind,
        title=TITLES[kind],
        obj=obj,
        template=DOCX[kind],
        context=context,
        prefix=config.get(prefix_key),
        by=by,
    )


def issue_notice(task, *, by) -> IssuedDocument:
    """行政检查通知书, once the task may be carried out (approved, or an urgent one under way)."""
    from eduenforce.core.errors import DomainError

    if task.status not in (TaskStatus.APPROVED, TaskStatus.IN_PROGRESS):
        raise DomainError("检查通知书须在任务审批后、检查完成前签发")
    return _issue(NOTICE, task, by=by, prefix_key="serial.inspection_prefix")


def issue_record_document(record, *, by) -> IssuedDocument:
    return _issue(RECORD, record, by=by, prefix_key="serial.inspection_prefix")


def issue_order_document(order, *, by) -> IssuedDocument:
    return _issue(ORDER, order, by=by, prefix_key="serial.rectification_prefix")


def documents_of_task(task):
    """Every document issued for the task, its record versions and its orders."""
    from django.db.models import Q

    q = Q(object_type="inspections.inspectiontask", object_id=str(task.pk))
    record_ids = [str(pk) for pk in task.records.values_list("pk", flat=True)]
    order_ids = [str(pk) for pk in task.orders.values_list("pk", flat=True)]
    if record_ids:
        q |= Q(object_type="inspections.inspectionrecord", object_id__in=record_ids)
    if order_ids:
        q |= Q(object_type="inspections.rectificationorder", object_id__in=order_ids)
    return IssuedDocument.objects.filter(q).order_by("issued_at", "id")


def source_object(document: IssuedDocument):
    """The task, record or order a document of this app was issued for (None otherwise)."""
    from eduenforce.inspections.models import InspectionRecord, InspectionTask, RectificationOrder

    models = {
        "inspections.inspectiontask": InspectionTask,
        "inspections.inspectionrecord": InspectionRecord,
        "inspections.rectificationorder": RectificationOrder,
    }
    model = models.get(document.object_type)
    return model.objects.filter(pk=document.object_id).first() if model else None


def render_document_pdf(document: IssuedDocument) -> bytes:
    """The PDF of an issued document, made from its stored .docx (the text and tables as issued)."""
    with document.file.open("rb") as f:
        return docx_pdf(f.read(), title=document.title)


__all__ = [
    "documents_for",
    "issue_notice",
    "issue_record_document",
    "issue_order_document",
    "render_document_pdf",
    "documents_of_task",
]
