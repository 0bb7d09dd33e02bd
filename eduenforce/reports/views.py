"""Staff pages: the dashboard, the statistics with their records, and the annual report."""

import io

from django.contrib import messages
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from eduenforce.core.errors import DomainError
from eduenforce.core.permissions import capability_required, has_capability, require
from eduenforce.records.journal import append
from eduenforce.reports import actions, drilldown, tasks
from eduenforce.reports import dashboard as dashboard_module
from eduenforce.reports.choices import ReportFormat
from eduenforce.reports.forms import NarrativeForm, PeriodForm, ReasonForm
from eduenforce.reports.models import AnnualReport, ReportJob
from eduenforce.reports.stats.period import Period, parse_period

MONTHS = range(1, 13)


def _default_year() -> int:
    """The year to show when none is asked for: this year, or the last year with any inspection
    finished (early in January, or in a fresh demo, the current year is still empty)."""
    from eduenforce.inspections.models import InspectionTask

    this_year = timezone.localdate().year
    latest = (
        InspectionTask.objects.filter(status="completed", completed_at__isnull=False)
        .order_by("-completed_at")
        .values_list("completed_at", flat=True)
        .first()
    )
    return min(this_year, timezone.localtime(latest).year) if latest else this_year


def _period(request) -> Period:
    """The period from the query string; a bad one is reported and the default year used."""
    try:
        return parse_period(request.GET, default_year=_default_year())
    except DomainError as error:
        messages.error(request, f"统计期间有误：{error.message}，已改为显示默认年度")
        return Period.year(_default_year())


@capability_required("reports.dashboard")
def dashboard(request):
    period = _period(request)
    charts = dashboard_module.charts_for(request.user, period)
    return render(
        request,
        "reports/dashboard.html",
        {
            "period": period,
            "form": PeriodForm(initial=_initial(period)),
            "charts": charts,
            "months": MONTHS,
            "can_view_statistics": has_capability(request.user, "reports.view"),
        },
    )


def _initial(period: Period) -> dict:
    if period.kind == "range":
        return {"start": period.start, "end": period.end}
    initial = {"year": period.start.year}
    if period.kind == "quarter":
        initial["quarter"] = (period.start.month + 2) // 3
    if period.kind == "month":
        initial["month"] = period.start.month
    return initial


@capability_required("reports.view")
def statistics(request):
    from eduenforce.reports.stats.figures import annual_figures
    from eduenforce.reports.stats.labels import FIGURE_LABELS
    from eduenforce.reports.stats.table import rows_from

    period = _period(request)
    figures = annual_figures(period)
    rows = [
        (key, FIGURE_LABELS.get(key, (key, ""))[0], value, FIGURE_LABELS.get(key, (key, ""))[1])
        for key, value in figures.items()
        if key != "year"
    ]
    return render(
        request,
        "reports/statistics.html",
        {
            "period": period,
            "form": PeriodForm(initial=_initial(period)),
            "rows": rows,
            "table": rows_from(figures),
            "query": period.as_query(),
            "months": MONTHS,
            "breakdowns": _breakdowns(period),
        },
    )


def _breakdowns(period: Period) -> list[tuple[str, list[dict]]]:
    """The named breakdowns (each a GROUP BY in the database) shown beside the figures."""
    from eduenforce.reports.stats import cases, complaints, inspections

    return [
        ("行政检查任务来源", inspections.inspections_by_source(period)),
        ("发现隐患类别", inspections.hazards_by_category(period)),
        ("处罚决定（按违法行为）", cases.decisions_by_violation(period)),
        ("案件决定（按处理结果）", cases.decisions_by_outcome(period)),
        ("在办案件（按阶段，当前）", cases.cases_by_stage()),
        ("投诉举报（按来源）", complaints.complaints_by_source(period)),
        ("投诉举报（按办理结果）", complaints.complaints_by_outcome(period)),
    ]


@capability_required("reports.view")
def statistics_export(request):
    from eduenforce.reports.stats.export import statistics_workbook
    from eduenforce.reports.stats.figures import annual_figures
    from eduenforce.reports.stats.table import rows_from

    period = _period(request)
    figures = annual_figures(period)
    data = statistics_workbook(period.year_number, figures, rows_from(figures))
    append(
        actor=request.user,
        action="report.statistics_exported",
        obj=None,
        changes={"start": period.start, "end": period.end, "format": "xlsx"},
    )
    response = FileResponse(
        io.BytesIO(data),
        as_attachment=True,
        filename=f"行政执法统计_{period.start:%Y%m%d}-{period.end:%Y%m%d}.xlsx",
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    return response


@capability_required("reports.dashboard")
def records(request, metric: str):
    try:
        spec = drilldown.get(metric)
    except DomainError:
        raise Http404 from None
    require(request.user, spec.capability)
    period = _period(request)
    try:
        rows = spec.build(period, request.GET, request.user)
    except DomainError as error:
        messages.error(request, error.message)
        rows = []
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    table = [(obj, [drilldown.value(obj, c.attr) for c in spec.columns]) for obj in page]
    return render(
        request,
        "reports/records.html",
        {
            "spec": spec,
            "period": period,
            "page": page,
            "table": table,
            "total": page.paginator.count,
        },
    )


# ------------------------------------------------------------------ annual report


@capability_required("reports.view")
def annual_list(request):
    reports = AnnualReport.objects.all()
    this_year = timezone.localdate().year
    return render(
        request,
        "reports/annual_list.html",
        {
            "reports": reports,
            "suggested_year": this_year - 1 if timezone.localdate().month <= 3 else this_year,
            "can_edit": has_capability(request.user, "reports.edit"),
        },
    )


@require_POST
@capability_required("reports.edit")
def annual_start(request):
    try:
        report = actions.start_draft(request.POST.get("year"), by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("reports:annual-list")
    return redirect("reports:annual-detail", year=report.year)


def _detail_context(request, report: AnnualReport, form=None) -> dict:
    from eduenforce.reports.annual import content as content_module

    content = content_module.build(report.year, report=report, with_charts=False)
    can_edit = has_capability(request.user, "reports.edit") and report.editable
    if form is None and can_edit:
        form = NarrativeForm(instance=report)
    decided = set(report.accepted_findings) | set(report.discarded_findings)
    return {
        "report": report,
        "content": content,
        "form": form if can_edit else None,
        "can_edit": can_edit,
        "can_finalise": has_capability(request.user, "reports.edit"),
        "can_publish": has_capability(request.user, "reports.publish"),
        "findings": [(f, f.code in report.accepted_findings, f.code in decided) for f in content.findings],
        "jobs": ReportJob.objects.filter(year=report.year)[:10],
        "formats": ReportFormat.choices,
        "reason_form": ReasonForm(),
        "problems": content.problem_paragraphs(),
    }


@capability_required("reports.view")
def annual_detail(request, year: int):
    report = AnnualReport.objects.filter(year=year).first()
    if report is None:
        # Starting a draft changes state (and is journaled): that is the POST on the list page.
        messages.info(
            request,
            f"{year}年度报告尚未起草"
            + ("，请在此起草" if has_capability(request.user, "reports.edit") else "，请联系科室负责人起草"),
        )
        return redirect("reports:annual-list")
    return render(request, "reports/annual_detail.html", _detail_context(request, report))


@require_POST
@capability_required("reports.edit")
def annual_save(request, year: int):
    report = get_object_or_404(AnnualReport, year=year)
    form = NarrativeForm(request.POST, instance=AnnualReport.objects.get(pk=report.pk))
    if form.is_valid():
        try:
            actions.save_narrative(
                report, by=request.user, **{n: form.cleaned_data[n] for n in NarrativeForm.Meta.fields}
            )
        except DomainError as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(request, "报告内容已保存")
            return redirect("reports:annual-detail", year=year)
    report.refresh_from_db()
    return render(request, "reports/annual_detail.html", _detail_context(request, report, form), status=400)


def _act(request, year: int, do, success: str):
    report = get_object_or_404(AnnualReport, year=year)
    try:
        do(report)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect("reports:annual-detail", year=year)


@require_POST
@capability_required("reports.edit")
def annual_finding(request, year: int):
    accept = request.POST.get("decision") == "accept"
    return _act(
        request,
        year,
        lambda r: actions.decide_finding(r, request.POST.get("code", ""), accept=accept, by=request.user),
        "已采纳该问题" if accept else "已不采纳该问题",
    )


@require_POST
@capability_required("reports.edit")
def annual_finalise(request, year: int):
    return _act(request, year, lambda r: actions.finalise(r, by=request.user), "报告已定稿，统计数据已冻结")


@require_POST
@capability_required("reports.edit")
def annual_reopen(request, year: int):
    return _act(
        request,
        year,
        lambda r: actions.reopen(r, by=request.user, reason=request.POST.get("reason", "")),
        "报告已退回修改",
    )


@require_POST
@capability_required("reports.publish")
def annual_publish(request, year: int):
    require(request.user, "portal.publish")
    return _act(request, year, lambda r: actions.publish(r, by=request.user), "报告已在公示平台公开")


@capability_required("reports.view")
def annual_preview(request, year: int):
    from eduenforce.reports.annual import content as content_module
    from eduenforce.reports.annual.render import to_html

    report = AnnualReport.objects.filter(year=year).first()
    content = content_module.build(year, report=report, with_charts=False)
    return render(
        request,
        "reports/annual_preview.html",
        {"content": content, "body": to_html(content, template="reports/annual_report_body.html")},
    )


@require_POST
@capability_required("reports.view")
def annual_generate(request, year: int):
    try:
        job = tasks.request_job(year, request.POST.get("fmt", ""), by=request.user)
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.info(request, f"已提交生成任务（{job.get_fmt_display()}），完成后可下载")
    return redirect("reports:annual-detail", year=year)


@capability_required("reports.view")
def job_status(request, pk: int):
    job = get_object_or_404(ReportJob, pk=pk)
    return render(request, "reports/_job_row.html", {"job": job})


@capability_required("reports.view")
def job_download(request, pk: int):
    job = get_object_or_404(ReportJob, pk=pk)
    if not job.file:
        raise Http404
    append(actor=request.user, action="report.downloaded", obj=job, changes={"sha256": job.sha256})
    content_types = {
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "pdf": "application/pdf",
        "json": "application/json",
        "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    }
    response = FileResponse(
        job.file.open("rb"), as_attachment=True, filename=job.filename, content_type=content_types[job.fmt]
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response
