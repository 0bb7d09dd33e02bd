"""送达 (行政处罚法 第61条; 53号令 第35条): the one place service methods are checked."""

import re
from dataclasses import dataclass
from datetime import date

from eduenforce.cases.actions._base import not_future
from eduenforce.cases.choices import ServiceMethod
from eduenforce.cases.documents import issue_document
from eduenforce.cases.models import Case, ServiceRecord
from eduenforce.core.deadlines import due_date
from eduenforce.core.errors import DomainError


@dataclass
class Service:
    """How a document was (or will be) served, as a person reports it."""

    method: str
    delivered_on: date | None
    recipient: str = ""
    witnesses: str = ""
    tracking_number: str = ""
    reason: str = ""

    @classmethod
    def of(cls, data: dict) -> "Service":
        fields = cls.__dataclass_fields__
        return cls(**{k: (v.strip() if isinstance(v, str) else v) for k, v in data.items() if k in fields})


def served_date(case: Case, service: Service, *, not_before: date | None, label: str) -> date:
    """Check the method's prerequisites and return the legal date of service.

    直接 needs the recipient's signature, 留置 a witness, 邮寄 the tracking number,
    电子 a signed 送达地址确认书 beforehand, 公告 the reason (deemed served after 30 days).
    """
    if service.method not in ServiceMethod.values:
        raise DomainError("请选择送达方式", field="method")
    delivered = not_future(service.delivered_on, "送达日期", "delivered_on")
    if not_before and delivered < not_before:
        raise DomainError(f"送达日期不能早于{label}（{not_before:%Y-%m-%d}）", field="delivered_on")
    method = service.method
    if method == ServiceMethod.DIRECT and not service.recipient:
        raise DomainError("直接送达须填写签收人", field="recipient")
    if method == ServiceMethod.LEFT and not service.witnesses:
        raise DomainError("留置送达须有见证人在场并签名，请填写见证人", field="witnesses")
    if method == ServiceMethod.POST and not re.fullmatch(r"[0-9A-Za-z]{8,40}", service.tracking_number or ""):
        raise DomainError("邮寄送达须填写邮件号（8–40 位字母或数字）", field="tracking_number")
    if method == ServiceMethod.ELECTRONIC:
        if not case.address_confirmed_on or not case.electronic_address:
            raise DomainError(
                "电子送达须当事人事先签署送达地址确认书，请先登记送达地址确认书", field="method"
            )
        if case.address_confirmed_on > delivered:
            raise DomainError("送达地址确认书签署日期晚于送达日期，不能电子送达", field="method")
    if method == ServiceMethod.ANNOUNCEMENT:
        if len(service.reason) < 4:
            raise DomainError(
                "公告送达须记录原因和经过（53号令第35条），如受送达人下落不明、其他方式无法送达",
                field="reason",
            )
        return due_date("announcement_service", delivered)
    return delivered


def record_service(
    case: Case, service: Service, *, document: str, served_on: date, by, document_number: str = ""
) -> ServiceRecord:
    """Write the service record and issue its 送达回证 (caller holds the case lock)."""
    record = ServiceRecord.objects.create(
        case=case,
        document=document,
        method=service.method,
        delivered_on=service.delivered_on,
        served_on=served_on,
        recipient=service.recipient,
        witnesses=service.witnesses,
        tracking_number=service.tracking_number,
        electronic_address=case.electronic_address if service.method == ServiceMethod.ELECTRONIC else "",
        reason=service.reason,
        recorded_by=by,
    )
    issue_document(case, "service_receipt", by=by, obj=record, document_number=document_number)
    return record
