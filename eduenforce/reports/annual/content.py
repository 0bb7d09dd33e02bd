"""What the annual report says: figures, generated sentences, narratives, findings, charts.

``build(year)`` gathers everything once; the Word, PDF and JSON renderers only lay it out,
so the three formats can never disagree.
"""

from dataclasses import dataclass, field
from datetime import date

from django.conf import settings

from eduenforce.reports.annual import narrative
from eduenforce.reports.annual.defaults import SECTIONS as DEFAULT_SECTIONS
from eduenforce.reports.models import NARRATIVE_FIELDS, AnnualReport
from eduenforce.reports.stats import figures as figures_module
from eduenforce.reports.stats.findings import Finding, findings
from eduenforce.reports.stats.period import Period
from eduenforce.reports.stats.table import rows_from

CHINESE_ORDINALS = "一二三四五六七八九十"


@dataclass
class Chart:
    key: str
    title: str
    kind: str  # "bar" | "pie"
    labels: list[str]
    values: list[int]


@dataclass
class ReportContent:
    year: int
    title: str
    bureau: str
    signed_on: str
    figures: dict
    officers_text: str
    enforcement: list[str]
    plan: list[str]
    narratives: dict  # section -> sanitised HTML with figures filled in
    findings: list[Finding]
    accepted: list[Finding]
    table: list[dict]
    charts: list[Chart] = field(default_factory=list)
    status: str = "draft"

    def problem_paragraphs(self) -> list[str]:
        """三、存在的问题: accepted findings first, then the written text, numbered 一是、二是…"""
        texts = [f.text for f in self.accepted]
        texts += [p.text for p in narrative.to_paragraphs(self.narratives["problems"])]
        return [f"{CHINESE_ORDINALS[i] if i < 10 else i + 1}是{t}" for i, t in enumerate(texts)]

    def all_text(self) -> str:
        """Every sentence of the report, for checks and search."""
        parts = [self.title, self.officers_text, *self.enforcement, *self.plan, *self.problem_paragraphs()]
        for html in self.narratives.values():
            parts += [p.text for p in narrative.to_paragraphs(html)]
        return "\n".join(parts)


def _n(figures, key):
    return narrative.format_value(figures.get(key, 0))


def officers_sentence(f: dict) -> str:
    text = f"目前，全区教育系统共有{_n(f, 'certified_officers')}人拥有行政执法资格证，教育系统执法队伍在不断增强。"
    if f.get("training_sessions"):
        text += (
            f"全年执法人员参加培训{_n(f, 'training_sessions')}人次、累计{_n(f, 'training_hours')}学时"
            f"（年度要求每人{_n(f, 'training_required_hours')}学时）。"
        )
    return text


def enforcement_sentences(f: dict, extras: dict) -> list[str]:
    year = f["year"]
    partners = "、".join(extras.get("joint_partners", [])[:3]) or "有关"
    out = [
        f"{year}年区教育局会同{partners}等部门开展“双随机、一公开”联合检查{_n(f, 'joint_random_inspections')}次，"
        f"内部“双随机、一公开”检查{_n(f, 'internal_random_inspections')}次，行政检查{_n(f, 'administrative_inspections')}件。"
    ]
    campaigns = "、".join(extras.get("campaign_names", [])) or "校外培训专项治理"
    out.append(
        f"开展{campaigns}工作，共计出动{_n(f, 'campaign_person_times')}人次，"
        f"排查校外培训机构{_n(f, 'campaign_institutions_screened')}家，发现安全隐患{_n(f, 'campaign_hazards_found')}处，"
        f"关停办学许可证过期的培训机构{_n(f, 'campaign_institutions_closed')}家，"
        f"排查存在安全隐患问题机构数{_n(f, 'institutions_with_hazards')}家，"
        f"发现各类安全隐患{_n(f, 'hazards_in_those_institutions')}处，现场整改{_n(f, 'rectified_on_site_institutions')}家。"
    )
    if "cases_filed" in f:
        out.append(
            f"全年立案查处行政处罚案件{_n(f, 'cases_filed')}件，作出行政处罚决定{_n(f, 'penalty_decisions')}件，"
            f"罚没款合计{_n(f, 'penalty_amount_total')}元，重大执法决定法制审核{_n(f, 'legal_reviews')}件。"
        )
    if "complaints_received" in f:
        out.append(
            f"受理投诉举报{_n(f, 'complaints_received')}件，办结{_n(f, 'complaints_closed')}件，"
            f"其中按期办结{_n(f, 'complaints_on_time')}件。"
        )
    out.append(
        f"通过执法公示平台公示行政执法信息{_n(f, 'publications_published')}条，"
        f"其中行政处罚决定{_n(f, 'decisions_published')}条。"
    )
    return out


def plan_sentences(f: dict) -> list[str]:
    if not f.get("plan_tasks_planned"):
        return []
    return [
        f"年度执法检查计划安排检查{_n(f, 'plan_tasks_planned')}项，已完成{_n(f, 'plan_tasks_done')}项，"
        f"完成率{_n(f, 'plan_completion_percent')}%。"
    ]


def narratives_for(report: AnnualReport | None, figures: dict) -> dict:
    values = {**figures}
    out = {}
    for name in NARRATIVE_FIELDS:
        raw = getattr(report, name) if report is not None else DEFAULT_SECTIONS[name]
        out[name] = narrative.fill(raw, values)
    return out


def build(year: int, *, report: AnnualReport | None = None, with_charts: bool = True) -> ReportContent:
    """Everything the report states for ``year``. A finalised report uses its frozen figures."""
    if report is None:
        report = AnnualReport.objects.filter(year=year).first()
    period = Period.year(year)
    frozen = report is not None and report.status != "draft" and report.figures
    figs = dict(report.figures["figures"]) if frozen else figures_module.annual_figures(period)
    extras = dict(report.figures.get("extras", {})) if frozen else figures_module.report_extras(period)
    table = list(report.figures.get("table", [])) if frozen else rows_from(figs)
    offered = findings(figs)
    accepted_codes = set(report.accepted_findings if report else [])
    content = ReportContent(
        year=year,
        title=f"{year}年度{settings.BUREAU_SHORT}行政执法工作报告",
        bureau=settings.BUREAU_SHORT,
        signed_on=_signed_on(report),
        figures=figs,
        officers_text=officers_sentence(figs),
        enforcement=enforcement_sentences(figs, extras),
        plan=plan_sentences(figs),
        narratives=narratives_for(report, figs),
        findings=offered,
        accepted=[f for f in offered if f.code in accepted_codes],
        table=table,
        status=report.status if report else "draft",
    )
    if with_charts:
        content.charts = charts_for(extras)
    return content


def _signed_on(report) -> str:
    day = report.finalised_at.date() if report is not None and report.finalised_at else date.today()
    return f"{day.year}年{day.month}月{day.day}日"


def charts_for(extras: dict) -> list[Chart]:
    out = []
    by_month = extras.get("inspections_by_month", [])
    if by_month:
        out.append(
            Chart(
                "by_month",
                "各月完成行政检查（含专项排查）",
                "bar",
                [f"{m['month']}月" for m in by_month],
                [m["count"] for m in by_month],
            )
        )
    by_category = extras.get("hazards_by_category", [])
    if by_category:
        out.append(
            Chart(
                "hazards",
                "发现隐患类别分布",
                "pie",
                [c["label"] for c in by_category],
                [c["count"] for c in by_category],
            )
        )
    by_source = extras.get("inspections_by_source", [])
    if by_source:
        out.append(
            Chart(
                "by_source",
                "行政检查任务来源",
                "bar",
                [s["label"] for s in by_source],
                [s["count"] for s in by_source],
            )
        )
    return out
