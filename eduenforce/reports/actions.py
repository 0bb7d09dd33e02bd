"""The annual report's verbs: start a draft, edit it, decide findings, finalise, reopen, publish.

Each is atomic, locks the report row, checks the state in one guard and journals in the
same transaction. Refusals are ``DomainError`` with Chinese text.
"""

import hashlib
from datetime import date

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone

from eduenforce.core.errors import DomainError, require_status
from eduenforce.records.journal import append
from eduenforce.reports.annual import narrative
from eduenforce.reports.annual.defaults import SECTIONS as DEFAULT_SECTIONS
from eduenforce.reports.choices import ReportStatus
from eduenforce.reports.models import NARRATIVE_FIELDS, AnnualReport
from eduenforce.reports.stats.findings import CODES as FINDING_CODES

MIN_YEAR, MAX_YEAR = 2000, 2100


def publication_due_on(year: int) -> date:
    """The annual enforcement data are published by 31 January of the next year (domain rules §8)."""
    return date(year + 1, 1, 31)


def _check_year(year) -> int:
    try:
        year = int(year)
    except (TypeError, ValueError):
        raise DomainError("年度应为整数", field="year") from None
    if not MIN_YEAR <= year <= MAX_YEAR:
        raise DomainError(f"年度须在 {MIN_YEAR} 至 {MAX_YEAR} 之间", field="year")
    return year


@transaction.atomic
def start_draft(year: int, *, by) -> AnnualReport:
    """The year's draft, created on first use with the previous year's narrative (or the defaults).

    Also registers the duty to publish by 31 January of the next year, so the report shows
    on the publication due/overdue lists.
    """
    from eduenforce.portal import services as portal
    from eduenforce.portal.choices import PublicationKind

    year = _check_year(year)
    existing = AnnualReport.objects.filter(year=year).first()
    if existing is not None:
        return existing
    previous = AnnualReport.objects.filter(year__lt=year).order_by("-year").first()
    sections = {
        name: getattr(previous, name) if previous else DEFAULT_SECTIONS[name] for name in NARRATIVE_FIELDS
    }
    report = AnnualReport.objects.create(year=year, updated_by=_user(by), **sections)
    append(
        actor=by,
        action="report.draft_started",
        obj=report,
        changes={"year": year, "prefilled_from": previous.year if previous else "defaults"},
    )
    portal.schedule(
        kind=PublicationKind.REPORT,
        source=report,
        title=str(report),
        occurred_on=date(year, 12, 31),
        due_on=publication_due_on(year),
        year=year,
    )
    return report


def _user(by):
    return by if getattr(by, "is_authenticated", False) else None


def _locked(report: AnnualReport) -> AnnualReport:
    return AnnualReport.objects.select_for_update().get(pk=report.pk)


def known_placeholders() -> set[str]:
    from eduenforce.reports.stats.labels import FIGURE_LABELS

    return set(FIGURE_LABELS) | {"year"}


@transaction.atomic
def save_narrative(report: AnnualReport, *, by, **sections) -> AnnualReport:
    """Replace narrative sections (sanitised). A ``{{ key }}`` must name a known figure."""
    unknown_fields = set(sections) - set(NARRATIVE_FIELDS)
    if unknown_fields:
        raise DomainError(f"未知的报告栏目：{'、'.join(sorted(unknown_fields))}")
    known = known_placeholders()
    for name, text in sections.items():
        bad = narrative.unknown_placeholders(text, known)
        if bad:
            label = AnnualReport._meta.get_field(name).verbose_name
            raise DomainError(f"“{label}”中引用了不存在的统计指标：{'、'.join(bad)}", field=name)
    report = _locked(report)
    require_status(report, [ReportStatus.DRAFT], "修改报告内容")
    changed = []
    for name, text in sections.items():
        clean = narrative.sanitise(text)
        if clean != getattr(report, name):
            setattr(report, name, clean)
            changed.append(name)
    if changed:
        report.updated_by = _user(by)
        report.save()
        append(
            actor=by,
            action="report.narrative_saved",
            obj=report,
            changes={
                "sections": changed,
                "sm3": {n: hashlib.new("sm3", getattr(report, n).encode()).hexdigest() for n in changed},
            },
        )
    return report


@transaction.atomic
def decide_finding(report: AnnualReport, code: str, *, accept: bool, by) -> AnnualReport:
    """Accept a data-driven finding into 存在的问题, or discard it."""
    if code not in FINDING_CODES:
        raise DomainError("未知的问题发现", field="code")
    report = _locked(report)
    require_status(report, [ReportStatus.DRAFT], "采纳或不采纳问题发现")
    accepted = [c for c in report.accepted_findings if c != code]
    discarded = [c for c in report.discarded_findings if c != code]
    (accepted if accept else discarded).append(code)
    # Keep the report's fixed order, whatever the order of clicks.
    report.accepted_findings = [c for c in FINDING_CODES if c in accepted]
    report.discarded_findings = [c for c in FINDING_CODES if c in discarded]
    report.updated_by = _user(by)
    report.save()
    append(
        actor=by,
        action="report.finding_accepted" if accept else "report.finding_discarded",
        obj=report,
        changes={"code": code},
    )
    return report


@transaction.atomic
def finalise(report: AnnualReport, *, by) -> AnnualReport:
    """定稿: freeze the figures, table and chart data the report states."""
    from eduenforce.reports.stats import figures as figures_module
    from eduenforce.reports.stats.findings import findings
    from eduenforce.reports.stats.period import Period
    from eduenforce.reports.stats.table import rows_from

    report = _locked(report)
    require_status(report, [ReportStatus.DRAFT], "定稿")
    period = Period.year(report.year)
    figs = figures_module.annual_figures(period)
    offered = {f.code for f in findings(figs)}
    undecided = offered - set(report.accepted_findings) - set(report.discarded_findings)
    if undecided:
        raise DomainError(
            f"还有 {len(undecided)} 项问题发现未作采纳或不采纳的决定，请逐项处理后再定稿", field="findings"
        )
    report.figures = {
        "figures": figs,
        "extras": figures_module.report_extras(period),
        "table": rows_from(figs),
    }
    report.status = ReportStatus.FINAL
    report.finalised_by, report.finalised_at = _user(by), timezone.now()
    report.save()
    append(actor=by, action="report.finalised", obj=report, changes={"figures": figs})
    return report


@transaction.atomic
def reopen(report: AnnualReport, *, by, reason: str) -> AnnualReport:
    """Back to 草稿 (figures live again); only before publication, with a reason."""
    reason = (reason or "").strip()
    if len(reason) < 4:
        raise DomainError("请填写退回修改的理由（至少 4 个字）", field="reason")
    report = _locked(report)
    require_status(report, [ReportStatus.FINAL], "退回修改")
    report.status, report.figures = ReportStatus.DRAFT, {}
    report.finalised_by = report.finalised_at = None
    report.save()
    append(actor=by, action="report.reopened", obj=report, changes={"reason": reason})
    return report


@transaction.atomic
def publish(report: AnnualReport, *, by):
    """公开: render the final report to PDF and publish it on the portal (masked snapshot)."""
    from eduenforce.portal import services as portal
    from eduenforce.portal.choices import PublicationKind
    from eduenforce.portal.masking import redact_text
    from eduenforce.reports.annual import content as content_module
    from eduenforce.reports.annual import render

    report = _locked(report)
    require_status(report, [ReportStatus.FINAL], "公开")
    content = content_module.build(report.year, report=report)
    pdf = render.to_pdf(content)
    report.pdf.save(
        f"annual-{report.year}-{hashlib.sha256(pdf).hexdigest()[:12]}.pdf", ContentFile(pdf), save=False
    )
    body = redact_text(render.to_html(content, template="reports/annual_report_body.html"))
    publication = portal.publish(
        kind=PublicationKind.REPORT,
        source=report,
        title=content.title,
        occurred_on=date(report.year, 12, 31),
        year=report.year,
        by=by,
        summary=content.officers_text,
        body=body,
        fields={"figures": content.figures, "pdf_sha256": hashlib.sha256(pdf).hexdigest()},
        due_on=publication_due_on(report.year),
    )
    report.status, report.published_at = ReportStatus.PUBLISHED, timezone.now()
    report.save()
    append(
        actor=by,
        action="report.published",
        obj=report,
        changes={"publication": publication.public_id, "pdf_sha256": hashlib.sha256(pdf).hexdigest()},
    )
    return publication
