"""Excel in and out: the import page (upload → error table or counts), template, export."""

from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, has_capability
from eduenforce.core.query import list_filters
from eduenforce.core.templatetags.ui import masked_id
from eduenforce.records.journal import append
from eduenforce.registry import listing, xlsx
from eduenforce.registry.choices import InstitutionKind, InstitutionStatus, RiskClass
from eduenforce.registry.forms import ImportForm, InstitutionFilterForm
from eduenforce.registry.importing import INSTITUTION_HEADERS, ImportRejected, import_institutions
from eduenforce.registry.importing.institutions import street_lookup
from eduenforce.registry.views import InstitutionQuery

EXPORT_LIMIT = xlsx.MAX_ROWS
SHOWN_ERRORS = 500


def run_import_page(request, *, importer, template_url: str, title: str, back_url: str):
    """The shared upload page: validation errors as a table, or the counts written."""
    result, errors, error_count = None, [], 0
    if request.method == "POST" and _too_big(request):
        # Refused before Django reads the body into a temporary file.
        form = ImportForm(data={})
        form.is_valid()
        form.errors["file"] = form.error_class(
            [f"文件过大（上限 {xlsx.MAX_BYTES // (1024 * 1024)} MB），请分批导入"]
        )
    else:
        form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_bound and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            result = importer(
                upload, by=request.user, file_name=upload.name, dry_run=form.cleaned_data["dry_run"]
            )
        except ImportRejected as e:
            errors, error_count = e.result.errors[:SHOWN_ERRORS], e.result.error_count
            messages.error(request, e.message)
        except DomainError as e:
            form.add_error("file", e.message)
        else:
            messages.success(request, result.summary())
    return render(
        request,
        "registry/import.html",
        {
            "form": form,
            "result": result,
            "errors": errors,
            "error_count": error_count,
            "hidden_errors": max(0, error_count - len(errors)),
            "template_url": template_url,
            "title": title,
            "back_url": back_url,
        },
    )


def _too_big(request) -> bool:
    try:
        return int(request.META.get("CONTENT_LENGTH") or 0) > xlsx.MAX_BYTES + 64 * 1024
    except ValueError:
        return False


@capability_required("registry.import")
def import_page(request):
    return run_import_page(
        request,
        importer=import_institutions,
        template_url=reverse("registry:template"),
        title="批量导入监管对象",
        back_url=reverse("registry:list"),
    )


NOTES = [
    ("名称", "必填，120字以内"),
    ("类型", "必填：" + "、".join(InstitutionKind.labels)),
    ("统一社会信用代码", "必填，18位，自动校验；已存在的代码将更新该机构，不存在的将新增"),
    ("办学许可证号", "选填"),
    ("许可证发证日期", "选填，日期单元格或 2025-01-31 / 2025/1/31"),
    ("许可证有效期至", "选填，不得早于发证日期"),
    ("办学范围", "选填，如：线下 学科类"),
    ("街道", "必填，须为本区街道名称"),
    ("地址", "选填"),
    ("法定代表人", "选填"),
    ("法定代表人身份证号", "选填，18位，请以文本格式填写"),
    ("联系电话", "选填，手机号或座机（如 022-84371234）"),
    ("风险等级", "必填：" + "、".join(RiskClass.labels)),
    ("状态", "必填：" + "、".join(InstitutionStatus.labels)),
]


@capability_required("registry.import")
def template_download(request):
    streets = list(street_lookup())
    content = xlsx.template_bytes(
        INSTITUTION_HEADERS,
        title="监管对象",
        text_columns=[2, 3, 10, 11],
        choices={
            1: list(InstitutionKind.labels),
            7: streets[:40],
            12: list(RiskClass.labels),
            13: list(InstitutionStatus.labels),
        },
        notes=NOTES,
        example=[
            "天津市东丽区示例培训学校",
            "校外培训机构—非学科类",
            "52120110MJ0000000X",
            "教民1201107000001",
            "2023-09-01",
            "2026-08-31",
            "线下 非学科类",
            streets[0] if streets else "",
            "东丽区示例路1号",
            "张三",
            "",
            "022-84371234",
            "良好",
            "正常",
        ],
    )
    return xlsx.xlsx_response(content, "监管对象导入模板.xlsx")


@capability_required("registry.view")
@list_filters(InstitutionQuery)
def export(request):
    """The filtered list as .xlsx, in the import template's columns (so it can be edited and re-imported)."""
    form = InstitutionFilterForm(request.GET or None)
    data = form.cleaned_data if form.is_valid() else {}
    queryset, _, _ = listing.filtered(data)
    if queryset[: EXPORT_LIMIT + 1].count() > EXPORT_LIMIT:
        messages.error(request, f"导出结果超过 {EXPORT_LIMIT} 条，请先缩小筛选范围")
        return redirect(f"{reverse('registry:list')}?{request.GET.urlencode()}")
    show_identity = has_capability(request.user, "registry.view_identity")
    rows = queryset.order_by("name", "id").values_list(
        "name",
        "kind",
        "credit_code",
        "licence_number",
        "licence_issued",
        "licence_expires",
        "scope",
        "street__name",
        "address",
        "legal_rep_name",
        "legal_rep_id_number",
        "phone",
        "risk_class",
        "status",
    )[:EXPORT_LIMIT]
    kinds, risks, statuses = (
        dict(InstitutionKind.choices),
        dict(RiskClass.choices),
        dict(InstitutionStatus.choices),
    )

    def table():
        for row in rows.iterator(chunk_size=5000):
            row = list(row)
            row[1], row[12], row[13] = (
                kinds.get(row[1], row[1]),
                risks.get(row[12], row[12]),
                statuses.get(row[13], row[13]),
            )
            if not show_identity:
                row[10] = masked_id(row[10])
            yield row

    content = xlsx.workbook_bytes(
        INSTITUTION_HEADERS, table(), title="监管对象", widths={0: 36, 2: 22, 3: 20, 8: 30, 10: 22}
    )
    append(
        actor=request.user,
        action="registry.exported",
        obj=None,
        changes={
            "filters": {k: str(getattr(v, "pk", v)) for k, v in data.items() if v},
            "identity": show_identity,
        },
    )
    stamp = timezone.localtime().strftime("%Y%m%d-%H%M")
    return xlsx.xlsx_response(content, f"监管对象-{stamp}.xlsx")
