"""Reference data: the statutory time limits of shared/reference/domain-rules.md §10.

Seeded by a ``post_migrate`` handler (idempotent); an administrator's edits are kept.
"""

RULES = [
    # code, name, number, day type, basis, confidence
    (
        "evidence_preservation_decision",
        "先行登记保存后作出处理决定",
        7,
        "working",
        "行政处罚法第56条；53号令第28条",
        "P",
    ),
    ("statement_defence", "事先告知后陈述、申辩期限", 5, "working", "53号令第31条", "P"),
    ("hearing_request", "事先告知后申请听证期限", 5, "working", "行政处罚法第64条；53号令第30条", "P"),
    ("hearing_notice", "听证通知至少提前", 7, "working", "行政处罚法第64条", "P"),
    ("filing_to_decision", "立案至作出处罚决定", 90, "calendar", "行政处罚法第60条", "P"),
    (
        "decision_service",
        "处罚决定书送达（当事人不在场）",
        7,
        "working",
        "行政处罚法第61条；53号令第35条",
        "P",
    ),
    ("announcement_service", "公告送达视为送达", 30, "calendar", "53号令第35条", "P"),
    ("penalty_publication", "行政处罚决定公示", 7, "working", "国办发〔2018〕118号", "S"),
    ("other_decision_publication", "其他执法决定公示", 20, "working", "国办发〔2018〕118号", "S"),
    ("revoked_withdrawal", "处罚决定被撤销后撤回公示", 3, "working", "行政处罚法第48条", "P"),
    ("fine_payment", "收到处罚决定书后缴纳罚款", 15, "calendar", "行政处罚法第67条", "P"),
    ("onsite_cash_handover", "当场收缴罚款交至行政机关", 2, "working", "行政处罚法第71条", "P"),
    ("reconsideration", "申请行政复议期限", 60, "calendar", "行政复议法第20条", "P"),
    ("litigation", "提起行政诉讼期限", 6, "months", "行政诉讼法第46条", "S"),
    ("reminder_to_court", "催告送达后可申请法院强制执行", 10, "calendar", "行政强制法第54条", "P"),
    (
        "court_enforcement_application",
        "期满后申请法院强制执行",
        3,
        "months",
        "行政强制法第53条；53号令第36条",
        "P",
    ),
    ("penalty_time_bar", "违法行为追责时效", 2, "years", "行政处罚法第36条", "P"),
    ("repeat_violation_window", "校外培训再次违法从重期间", 2, "years", "53号令第16条", "P"),
    (
        "rectification_order",
        "责令限期整改默认期限",
        10,
        "working",
        "行政处罚法第28条；53号令第32条（期限由执法机关确定）",
        "U",
    ),
    (
        "random_result_publication",
        "双随机抽查结果公示",
        20,
        "working",
        "企业信息公示暂行条例第6条（教育领域未确认）",
        "U",
    ),
    ("legal_review", "法制审核办理期限", 7, "working", "宁夏教育厅（天津未确认）", "U"),
    (
        "case_filing_review",
        "线索登记后作出是否立案决定",
        15,
        "working",
        "可配置（行政处罚法第54条“及时立案”，无法定日数）",
        "U",
    ),
    ("complaint_acceptance", "投诉举报受理决定", 5, "working", "可配置（市场监管投诉举报办法参照）", "U"),
    ("complaint_reply", "投诉举报办结答复", 60, "calendar", "可配置（信访工作条例参照）", "U"),
    ("complaint_extension", "投诉举报延期上限", 30, "calendar", "可配置（信访工作条例参照）", "U"),
    ("referral_acknowledgement", "部门移送签收", 3, "working", "可配置（部门协作机制约定）", "U"),
]


def seed_deadline_rules(**kwargs) -> None:
    from eduenforce.core.models import DeadlineRule

    for code, name, number, day_type, basis, confidence in RULES:
        DeadlineRule.objects.get_or_create(
            code=code,
            defaults={
                "name": name,
                "number": number,
                "day_type": day_type,
                "basis": basis,
                "confidence": confidence,
            },
        )
