"""Filling the on-site record (现场检查笔录) while it is a draft.

A draft saves as the officer types (autosave), so these functions accept whatever the form
holds at that moment: valid values are kept, invalid ones are reported and the previous
value stays. Nothing here is journaled field by field: the draft is not yet a record. What
is journaled is the submitted content with its hashes (``actions.do_submit_record``).
"""

import base64
import binascii
from dataclasses import dataclass, field
from datetime import datetime

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from eduenforce.core.errors import DomainError
from eduenforce.inspections.choices import CheckResult, HazardSeverity, RecordStatus
from eduenforce.inspections.models import ChecklistResult, Hazard, InspectionRecord
from eduenforce.planning.choices import HazardCategory
from eduenforce.records import evidence
from eduenforce.records.models import EvidenceKind

TEXT_FIELDS = {
    "place": ("检查地点", 200),
    "party_representative": ("当事人代表", 50),
    "representative_position": ("代表职务", 50),
    "findings": ("检查情况", 10_000),
    "witness_name": ("见证人", 50),
}
TIME_FIELDS = {"started_at": "检查开始时间", "ended_at": "检查结束时间"}
SIGNATURE_MAX_BYTES = 1024 * 1024


@dataclass
class DraftSaved:
    saved_at: datetime
    warnings: list[str] = field(default_factory=list)


def _last(data, name: str) -> str | None:
    """The last value posted for ``name`` (a hidden "0" followed by a checked box gives "1")."""
    values = data.getlist(name) if hasattr(data, "getlist") else [data[name]] if name in data else []
    return values[-1] if values else None


def parse_local_datetime(value: str) -> datetime | None:
    """``2025-03-01T09:30`` from a datetime-local input, in the bureau's time zone."""
    parsed = parse_datetime(value.strip())
    if parsed is None:
        raise ValueError(value)
    if timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _locked_draft(record: InspectionRecord) -> InspectionRecord:
    record = InspectionRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != RecordStatus.DRAFT:
        raise DomainError("笔录已提交并锁定，不能再修改；如需更正，请在任务页面发起“更正笔录”")
    return record


@transaction.atomic
def save_draft(record: InspectionRecord, data, *, by) -> DraftSaved:
    """Save what the form holds now. Returns warnings for values that were not taken."""
    record = _locked_draft(record)
    warnings: list[str] = []
    for name, (label, limit) in TEXT_FIELDS.items():
        value = _last(data, name)
        if value is None:
            continue
        value = value.strip()
        if len(value) > limit:
            warnings.append(f"{label}超过 {limit} 字，已截断保存")
        setattr(record, name, value[:limit])
    for name, label in TIME_FIELDS.items():
        value = _last(data, name)
        if value is None:
            continue
        if not value.strip():
            setattr(record, name, None)
            continue
        try:
            setattr(record, name, parse_local_datetime(value))
        except ValueError:
            warnings.append(f"{label}格式不正确，该项未保存")
    refused = _last(data, "party_refused")
    if refused is not None:
        record.party_refused = refused in ("1", "on", "true")
    record.autosaved_at = timezone.now()
    record.save()
    warnings += _save_results(record, data)
    return DraftSaved(record.autosaved_at, warnings)


def _save_results(record: InspectionRecord, data) -> list[str]:
    warnings = []
    existing = {r.point_id: r for r in record.results.all()}
    for point in record.task.item.points.all():
        result_value = _last(data, f"result-{point.pk}")
        note = _last(data, f"note-{point.pk}")
        spot = _last(data, f"spot-{point.pk}")
        if result_value is None and note is None and spot is None:
            continue
        row = existing.get(point.pk) or ChecklistResult(record=record, point=point)
        if result_value is not None:
            if result_value and result_value not in CheckResult.values:
                warnings.append(f"第{point.order}项的结论无效，未保存")
            else:
                row.result = result_value
        if note is not None:
            row.note = note.strip()[:300]
        if spot is not None:
            row.rectified_on_spot = spot in ("1", "on", "true")
        row.save()
    return warnings


@transaction.atomic
def add_hazard(
    record: InspectionRecord,
    *,
    category: str,
    description: str,
    by,
    severity: str = "general",
    location: str = "",
    rectified_on_spot: bool = False,
    spot_measure: str = "",
    point=None,
) -> Hazard:
    """Record a hazard found on site in the draft record."""
    record = _locked_draft(record)
    if category not in HazardCategory.values:
        raise DomainError("请选择隐患类别", field="category")
    if severity not in HazardSeverity.values:
        raise DomainError("请选择严重程度", field="severity")
    description = (description or "").strip()
    if not description:
        raise DomainError("请描述隐患情况", field="description")
    if rectified_on_spot and not (spot_measure or "").strip():
        raise DomainError("已现场整改的，请写明现场整改措施", field="spot_measure")
    if point is not None and point.item_id != record.task.item_id:
        raise DomainError("检查要点不属于本次检查事项", field="point")
    return Hazard.objects.create(
        task=record.task,
        record=record,
        point=point,
        category=category,
        severity=severity,
        description=description[:5000],
        location=(location or "").strip()[:200],
        rectified_on_spot=rectified_on_spot,
        spot_measure=(spot_measure or "").strip()[:300],
    )


@transaction.atomic
def remove_hazard(hazard: Hazard, *, by) -> None:
    """Remove a hazard entered by mistake, only while the record it was entered in is a draft."""
    _locked_draft(hazard.record)
    hazard.delete()


def decode_png_data_url(data_url: str) -> bytes:
    """The PNG bytes of a ``data:image/png;base64,…`` URL produced by the signature canvas."""
    prefix = "data:image/png;base64,"
    if not data_url or not data_url.startswith(prefix):
        raise DomainError("签名图片格式不正确，请重新签名", field="signature")
    try:
        raw = base64.b64decode(data_url[len(prefix) :], validate=True)
    except (binascii.Error, ValueError):
        raise DomainError("签名图片格式不正确，请重新签名", field="signature") from None
    if len(raw) > SIGNATURE_MAX_BYTES:
        raise DomainError("签名图片过大，请清除后重新签名", field="signature")
    return raw


@transaction.atomic
def set_signature(record: InspectionRecord, *, who: str, data_url: str, by) -> InspectionRecord:
    """Store a signature drawn on screen (PNG) as evidence and attach it to the draft."""
    if who not in ("officer", "party"):
        raise DomainError("未知的签名人", field="signature")
    record = _locked_draft(record)
    raw = decode_png_data_url(data_url)
    label = "执法人员签名" if who == "officer" else "当事人签名"
    stored = evidence.store(
        ContentFile(raw, name=f"{who}-signature.png"),
        owner=record,
        by=by,
        kind=EvidenceKind.SIGNATURE,
        description=label,
    )
    if who == "officer":
        record.officer_signature = stored
    else:
        record.party_signature, record.party_refused = stored, False
    record.save(update_fields=["officer_signature", "party_signature", "party_refused", "updated_at"])
    return record
