"""QR codes, the printable card, the staff view of photos, and Excel import/export of officers."""

from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone

from eduenforce.core.permissions import capability_required, get_object_for_user
from eduenforce.core.query import FlagField, ListQuery, list_filters
from eduenforce.officers import qr
from eduenforce.officers.choices import CertificateState, OfficerStatus
from eduenforce.officers.importing import HEADERS, import_officers
from eduenforce.officers.models import Certificate, Officer
from eduenforce.records.journal import append
from eduenforce.registry import xlsx
from eduenforce.registry.views_io import run_import_page


@capability_required("officers.view")
def certificate_qr(request, pk, fmt):
    certificate = get_object_for_user(request.user, Certificate.objects.all(), "officers.view", pk=pk)
    url = qr.verify_url(certificate.number)
    if fmt == "svg":
        response = HttpResponse(qr.svg(url), content_type="image/svg+xml")
    else:
        response = HttpResponse(qr.png(url), content_type="image/png")
    if request.GET.get("download"):
        response["Content-Disposition"] = f'attachment; filename="qr-{certificate.pk}.{fmt}"'
    return response


@capability_required("officers.view")
def certificate_card(request, pk):
    """A printable card (85.6 × 54 mm) with photo, name, unit, number, validity and the QR code."""
    certificate = get_object_for_user(
        request.user, Certificate.objects.select_related("officer__department"), "officers.view", pk=pk
    )
    url = qr.verify_url(certificate.number)
    return render(
        request,
        "officers/certificate_card.html",
        {
            "certificate": certificate,
            "officer": certificate.officer,
            "qr_svg": qr.svg(url),
            "verify_url": url,
        },
    )


@capability_required("officers.view")
def officer_photo(request, pk):
    officer = get_object_for_user(request.user, Officer.objects.all(), "officers.view", pk=pk)
    if not officer.photo:
        raise Http404
    response = FileResponse(officer.photo.open("rb"), content_type="image/jpeg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, max-age=300"
    return response


@capability_required("officers.manage")
def import_page(request):
    return run_import_page(
        request,
        importer=import_officers,
        template_url=reverse("officers:template"),
        title="批量导入执法人员及执法证",
        back_url=reverse("officers:list"),
    )


NOTES = [
    ("姓名", "必填"),
    ("所属部门", "必填，本局科室或合作部门的名称（或简称）"),
    ("职务", "选填；已登记人员留空表示不修改"),
    ("执法证号", "必填，唯一；已存在的证号将更新该证，新证号将登记到同部门同名人员（无则新增人员）"),
    ("发证机关", "必填，如：天津市人民政府"),
    ("证件有效期自", "必填，日期单元格或 2025-01-31 / 2025/1/31"),
    ("证件有效期至", "必填，不得早于有效期自"),
    ("证件状态", "必填：" + "、".join(CertificateState.labels)),
    ("法律职业资格证号", "选填；已登记人员留空表示不修改"),
]


@capability_required("officers.manage")
def template_download(request):
    content = xlsx.template_bytes(
        HEADERS,
        title="执法人员",
        text_columns=[3, 8],
        choices={7: list(CertificateState.labels)},
        notes=NOTES,
        example=[
            "张伟",
            "教育行政执法大队",
            "队员",
            "12010020250001",
            "天津市人民政府",
            "2025-01-01",
            "2029-12-31",
            "有效",
            "",
        ],
    )
    return xlsx.xlsx_response(content, "执法人员导入模板.xlsx")


class ExportQuery(ListQuery):
    active = FlagField("仅在岗与离岗人员")


@capability_required("officers.view")
@list_filters(ExportQuery)
def export(request):
    """All certificates with their holders, in the import template's columns."""
    states = dict(CertificateState.choices)
    rows = (
        Certificate.objects.select_related("officer__department").exclude(
            officer__status=OfficerStatus.TRANSFERRED
        )
        if request.GET.get("active")
        else Certificate.objects.select_related("officer__department")
    )
    table = (
        [
            c.officer.name,
            c.officer.department.name,
            c.officer.position,
            c.number,
            c.issuing_authority,
            c.valid_from,
            c.valid_to,
            states[c.state],
            c.officer.legal_qualification_number,
        ]
        for c in rows.order_by("officer__department__order", "officer__name", "-valid_to").iterator()
    )
    content = xlsx.workbook_bytes(HEADERS, table, title="执法人员", widths={1: 24, 3: 20, 4: 20, 8: 20})
    append(actor=request.user, action="officers.exported", obj=None, changes={})
    return xlsx.xlsx_response(content, f"执法人员-{timezone.localtime():%Y%m%d-%H%M}.xlsx")
