"""移送立案: what a case filed from an inspection's lead takes over from that inspection.

A lead registered by 移送立案 names its source (an inspection task, one of its hazards, or a
rectification order left unrectified). When the case is filed, its submitted 现场检查笔录 and its
photos and evidence files become the case's evidence — the same stored files with the same
SHA-256, the chain of custody extended by a 移送立案 event, never re-uploaded — so the case can
be 调查终结 citing them (行政处罚法第四十六条: 现场笔录 and 视听资料 are evidence). The party and the
officers are offered when the 立案审查 is opened.
"""

from django.utils import timezone

from eduenforce.cases.choices import EvidenceKind
from eduenforce.cases.models import Case, CaseEvidence, CaseLead
from eduenforce.inspections.choices import RecordStatus
from eduenforce.inspections.models import Hazard, InspectionRecord, InspectionTask, RectificationOrder
from eduenforce.records import evidence as files
from eduenforce.records.journal import append
from eduenforce.records.models import EvidenceKind as FileKind

RECORD_REF = "inspections.inspectionrecord"
FILE_KIND = {
    FileKind.PHOTO: EvidenceKind.AUDIOVISUAL,
    FileKind.VIDEO: EvidenceKind.AUDIOVISUAL,
    FileKind.DOCUMENT: EvidenceKind.DOCUMENTARY,
}  # signatures belong to the 笔录 they sign, which is carried whole


def source_tasks(lead: CaseLead | None) -> list[InspectionTask]:
    """The inspection(s) a lead came from: the task, a hazard's task, or an order's task and its 复查."""
    if lead is None or not lead.source_id.isdigit():
        return []
    pk = int(lead.source_id)
    if lead.source_type == "inspections.inspectiontask":
        return list(InspectionTask.objects.filter(pk=pk))
    if lead.source_type == "inspections.hazard":
        return [h.task for h in Hazard.objects.filter(pk=pk).select_related("task")]
    if lead.source_type == "inspections.rectificationorder":
        order = RectificationOrder.objects.filter(pk=pk).select_related("task", "reinspection_task").first()
        return [t for t in (order.task, order.reinspection_task) if t is not None] if order else []
    return []


def proposed_officers(lead: CaseLead | None) -> list:
    """The inspection team, offered as the case's 承办人."""
    tasks = source_tasks(lead)
    return tasks[0].team if tasks else []


def carry_over(case: Case, *, by) -> list[CaseEvidence]:
    """Take the source inspection's submitted records and evidence files into the (just filed) case."""
    carried = []
    for task in source_tasks(case.lead):
        carried += [_record_evidence(case, record, by) for record in _submitted(task)]
        for stored in files.files_for(task).exclude(kind=FileKind.SIGNATURE):
            carried.append(_file_evidence(case, task, stored, by))
    if carried:
        append(
            actor=by,
            action="cases.inspection_carried",
            obj=case,
            changes={
                "lead": case.lead.number,
                "evidence": [[e.pk, e.source_ref, e.sha256] for e in carried],
            },
        )
    return carried


def has_carried_record(case: Case) -> bool:
    """Does the case hold an inspection's 现场检查笔录 carried over by 移送立案?"""
    return case.evidence.filter(
        kind=EvidenceKind.SITE_RECORD, source_ref__startswith=f"{RECORD_REF}:"
    ).exists()


def _submitted(task: InspectionTask):
    return InspectionRecord.objects.filter(task=task, status=RecordStatus.SUBMITTED).order_by("version")


def _record_evidence(case: Case, record: InspectionRecord, by) -> CaseEvidence:
    task = record.task
    return CaseEvidence.objects.create(
        case=case,
        kind=EvidenceKind.SITE_RECORD,
        title=f"现场检查笔录（{task.number}，第{record.version}版）",
        description=f"检查地点：{record.place}；在场负责人：{record.party_representative}。{record.findings}"[
            :2000
        ],
        collected_on=timezone.localdate(record.started_at),
        source_ref=f"{RECORD_REF}:{record.pk}",
        sha256=record.content_sha256,
        added_by=by,
    )


def _file_evidence(case: Case, task: InspectionTask, stored, by) -> CaseEvidence:
    item = CaseEvidence.objects.create(
        case=case,
        kind=FILE_KIND.get(stored.kind, EvidenceKind.ELECTRONIC),
        title=f"{stored.get_kind_display()}：{stored.original_name}"[:200],
        description=(stored.description or f"检查任务 {task.number} 现场取得")[:2000],
        collected_on=timezone.localdate(stored.uploaded_at),
        source_ref=f"records.evidencefile:{stored.pk}",
        sha256=stored.sha256,
        added_by=by,
    )
    files.record_transfer(stored, by=by, to=case, note=f"检查任务 {task.number} 移送立案")
    return item
