"""Complaint intake and lookup: the entry points views and the demo builder call.

- ``register_complaint(...)`` → ``(complaint, code)``: any source (portal, phone, counter,
  department or 12345 transfer). The code is returned once and stored only as a hash.
- ``find_for_lookup(tracking_number, code)`` → the complaint or None (same answer whether
  the number does not exist or the code is wrong).
- ``match_institution(name)`` / ``search_institution_names(q)``: the name search of the form.

Transitions are verb methods on ``Complaint``; handling steps spanning apps are in ``actions.py``.
"""

import secrets
from datetime import datetime
from functools import cache

from django.contrib.auth.hashers import check_password, make_password
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from eduenforce.complaints.choices import TRANSFER_SOURCES, MatterType, Source
from eduenforce.complaints.models import Complaint, ComplaintAttachment, acceptance_due, link_duplicates
from eduenforce.core import config
from eduenforce.core.errors import DomainError
from eduenforce.core.serials import next_serial
from eduenforce.records.journal import append

CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I/L: read out on the phone
CODE_LENGTH = 8


@cache
def _dummy_hash() -> str:
    return make_password("never-a-valid-code")


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(code: str) -> str:
    return "".join((code or "").split()).upper()


def next_tracking_number(year: int) -> str:
    return f"TS{year}{next_serial('complaint.tracking', year):06d}"


def match_institution(name: str):
    """The registered institution with exactly this name, when there is exactly one."""
    from eduenforce.registry.models import Institution

    name = (name or "").strip()
    if not name:
        return None
    found = list(Institution.objects.filter(name=name)[:2])
    return found[0] if len(found) == 1 else None


def search_institution_names(query: str, limit: int = 10) -> list[str]:
    """Names only (nothing else about an institution reaches the public form)."""
    from eduenforce.registry.models import Institution

    query = (query or "").strip()
    if len(query) < 2:
        return []
    names = Institution.objects.operating().filter(name__icontains=query).order_by("name")
    return list(dict.fromkeys(names.values_list("name", flat=True)[: limit * 2]))[:limit]


def _validate(
    *,
    source,
    matter_type,
    content,
    institution,
    institution_name,
    is_anonymous,
    complainant_name,
    complainant_phone,
    source_reference,
    source_department,
):
    if source not in Source.values:
        raise DomainError("未知的投诉来源", field="source")
    if matter_type not in MatterType.values:
        raise DomainError("请选择事项类型", field="matter_type")
    if len((content or "").strip()) < 10:
        raise DomainError("请具体描述反映的情况（至少 10 个字）", field="content")
    if institution is None and not (institution_name or "").strip():
        raise DomainError("请填写被投诉机构的名称", field="institution_name")
    if not is_anonymous and not ((complainant_name or "").strip() and (complainant_phone or "").strip()):
        raise DomainError("实名投诉请填写姓名和联系电话", field="complainant_name")
    if source in TRANSFER_SOURCES and not (source_reference or "").strip():
        raise DomainError("转办件请填写来源编号（12345 工单号或转办文号）", field="source_reference")
    if source == Source.DEPARTMENT and source_department is None:
        raise DomainError("请选择转办部门", field="source_department")


@transaction.atomic
def register_complaint(
    *,
    source: str,
    matter_type: str,
    content: str,
    by=None,
    institution=None,
    institution_name: str = "",
    institution_address: str = "",
    street=None,
    occurred_on=None,
    is_anonymous: bool = True,
    complainant_name: str = "",
    complainant_phone: str = "",
    complainant_address: str = "",
    source_reference: str = "",
    source_department=None,
    received_at: datetime | None = None,
    attachments=(),
) -> tuple[Complaint, str]:
    """Register a complaint and return it with its one-time lookup code.

    ``attachments`` are ``uploads.CheckedFile`` objects (already checked). The institution is
    matched by exact name when not given; complaints about the same institution within the
    duplicate window are linked into one group.
    """
    institution = institution or match_institution(institution_name)
    _validate(
        source=source,
        matter_type=matter_type,
        content=content,
        institution=institution,
        institution_name=institution_name,
        is_anonymous=is_anonymous,
        complainant_name=complainant_name,
        complainant_phone=complainant_phone,
        source_reference=source_reference,
        source_department=source_department,
    )
    received_at = received_at or timezone.now()
    received_on = timezone.localdate(received_at)
    code = new_code()
    complaint = Complaint.objects.create(
        tracking_number=next_tracking_number(received_on.year),
        code_hash=make_password(code),
        source=source,
        source_reference=(source_reference or "").strip()[:60],
        source_department=source_department,
        matter_type=matter_type,
        institution=institution,
        institution_name=((institution_name or "").strip() or institution.name)[:120],
        institution_address=(institution_address or "").strip()[:200],
        street=institution.street if institution is not None else street,
        occurred_on=occurred_on,
        content=content.strip(),
        is_anonymous=is_anonymous,
        complainant_name="" if is_anonymous else complainant_name.strip()[:50],
        complainant_phone="" if is_anonymous else complainant_phone.strip()[:20],
        complainant_address="" if is_anonymous else (complainant_address or "").strip()[:200],
        received_at=received_at,
        received_on=received_on,
        accept_due=acceptance_due(received_on),
        registered_by=by if getattr(by, "is_authenticated", False) else None,
    )
    for checked in attachments:
        attachment = ComplaintAttachment(
            complaint=complaint,
            original_name=checked.name,
            content_type=checked.content_type,
            size=checked.size,
            sha256=checked.sha256,
            sm3=checked.sm3,
        )
        attachment.file.save(checked.stored_name, ContentFile(checked.data), save=True)
    # The journal names what came in, never who complained.
    append(
        actor=by,
        action="complaint.received",
        obj=complaint,
        changes={
            "tracking_number": complaint.tracking_number,
            "source": source,
            "matter_type": matter_type,
            "institution": getattr(institution, "pk", None),
            "anonymous": is_anonymous,
            "source_reference": complaint.source_reference,
            "accept_due": complaint.accept_due,
            "attachments": [{"name": a.name, "sha256": a.sha256, "sm3": a.sm3} for a in attachments],
        },
    )
    link_duplicates(complaint, by=by)
    return complaint, code


def find_for_lookup(tracking_number: str, code: str) -> Complaint | None:
    """The complaint when both match; otherwise None, without revealing which one was wrong."""
    complaint = Complaint.objects.filter(tracking_number=(tracking_number or "").strip().upper()).first()
    code = normalise_code(code)
    if complaint is None:
        check_password(code, _dummy_hash())  # same work either way: no timing hint that the number exists
        return None
    return complaint if complaint.check_code(code) else None


@transaction.atomic
def reissue_code(complaint: Complaint, *, by) -> str:
    """A new lookup code for a complainant who lost theirs (staff, after checking who is asking)."""
    complaint.refresh_from_db(from_queryset=Complaint.objects.select_for_update())
    code = new_code()
    complaint.code_hash = make_password(code)
    complaint.save(update_fields=["code_hash", "updated_at"])
    append(actor=by, action="complaint.code_reissued", obj=complaint)
    return code


def max_attachments() -> int:
    return config.get("complaints.max_attachments")
