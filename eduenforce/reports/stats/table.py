"""The statistical table of the annual enforcement data (domain rules §8).

Categories in the order of the year-data template: 行政许可、行政处罚、行政强制、行政征收、
行政征用、行政检查. A category with a duty but no activity reports 0; one the bureau has no
power for says so (无此职权) instead of a number.
"""

from eduenforce.reports.stats.period import Period

NO_POWER = "本机关无此项职权"


def rows_from(f: dict) -> list[dict]:
    """The table from a figures dict (so a finalised report's frozen figures give its table)."""

    def row(category, item, key, note=""):
        return {"category": category, "item": item, "value": f.get(key, 0), "note": note}

    return [
        row("行政许可", "准予许可（颁发、延续、变更办学许可证）", "licences_granted"),
        row("行政许可", "其中：新颁发", "licences_issued"),
        row("行政许可", "吊销、注销办学许可证", "licences_revoked"),
        row("行政处罚", "作出行政处罚决定", "penalty_decisions", "含简易程序"),
        row("行政处罚", "其中：简易程序（当场处罚）", "on_the_spot_decisions"),
        row("行政处罚", "不予行政处罚决定", "no_penalty_decisions"),
        row("行政处罚", "罚没款金额（元）", "penalty_amount_total", "罚款与没收违法所得合计"),
        row("行政处罚", "立案", "cases_filed"),
        row("行政处罚", "重大执法决定法制审核", "legal_reviews"),
        row("行政处罚", "听证", "hearings_held"),
        row("行政强制", "申请人民法院强制执行", "court_enforcement_applications", "本机关无行政强制措施职权"),
        {"category": "行政征收", "item": "—", "value": "—", "note": NO_POWER},
        {"category": "行政征用", "item": "—", "value": "—", "note": NO_POWER},
        row("行政检查", "完成行政检查（不含专项排查）", "administrative_inspections"),
        row("行政检查", "其中：“双随机、一公开”联合检查", "joint_random_inspections"),
        row("行政检查", "其中：内部“双随机、一公开”检查", "internal_random_inspections"),
        row("行政检查", "专项治理排查机构", "campaign_institutions_screened", "寒暑期治理、广告管控等专项"),
        row("行政检查", "发现隐患（全部检查）", "hazards_found"),
        row("行政检查", "下达责令限期整改通知", "rectification_orders"),
    ]


def statistical_table(period: Period) -> list[dict]:
    from eduenforce.reports.stats.figures import annual_figures

    return rows_from(annual_figures(period))
