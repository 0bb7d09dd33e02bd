from django.db import models


class PublicationKind(models.TextChoices):
    ITEM_LIST = "item_list", "执法事项清单"
    ANNUAL_PLAN = "annual_plan", "年度执法检查计划"
    CAMPAIGN = "campaign", "专项检查"
    SAMPLING_PLAN = "sampling_plan", "双随机抽查计划"
    DRAW = "draw", "双随机抽取结果"
    INSPECTION_RESULT = "inspection_result", "抽查检查结果"
    DECISION = "decision", "行政处罚决定"
    REPORT = "report", "年度报告"
    NEWS = "news", "执法动态"
    INTERPRETATION = "interpretation", "法律法规解读"
    CATALOGUE = "catalogue", "裁量基准"


class PublicationState(models.TextChoices):
    DUE = "due", "待公示"
    PUBLISHED = "published", "已公示"
    CORRECTED = "corrected", "已更正"
    WITHDRAWN = "withdrawn", "已撤回"


class ArticleKind(models.TextChoices):
    """The two kinds of publication staff write themselves (values equal ``PublicationKind``)."""

    NEWS = "news", "执法动态"
    INTERPRETATION = "interpretation", "法律法规解读"


class ArticleStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    IN_REVIEW = "in_review", "待审核"
    PUBLISHED = "published", "已发布"
    WITHDRAWN = "withdrawn", "已撤回"


# Which deadline rule (core/seeds.py) sets the publication due date of each kind;
# kinds without a statutory limit are absent.
DEADLINE_RULES = {
    PublicationKind.DECISION: "penalty_publication",
    PublicationKind.INSPECTION_RESULT: "random_result_publication",
    PublicationKind.DRAW: "random_result_publication",
    PublicationKind.ITEM_LIST: "other_decision_publication",
    PublicationKind.ANNUAL_PLAN: "other_decision_publication",
    PublicationKind.CAMPAIGN: "other_decision_publication",
    PublicationKind.SAMPLING_PLAN: "other_decision_publication",
    PublicationKind.CATALOGUE: "other_decision_publication",
}

# Chinese labels for the keys apps commonly put in ``Publication.fields``; other keys show as given.
FIELD_LABELS = {
    "number": "文号",
    "decision_number": "决定书文号",
    "party": "当事人",
    "party_name": "当事人",
    "institution": "单位名称",
    "credit_code": "统一社会信用代码",
    "violation": "违法行为",
    "facts": "主要事实",
    "legal_basis": "依据",
    "penalty": "处罚内容",
    "fine": "罚款金额（元）",
    "decided_on": "决定日期",
    "authority": "作出决定机关",
    "item": "检查事项",
    "inspected_on": "检查日期",
    "result": "检查结果",
    "rectification": "整改情况",
    "street": "街道",
    "year": "年度",
    "seed_commitment": "种子承诺值",
    "seed": "随机种子",
    "algorithm": "算法版本",
    "ratio": "抽取比例",
    "period": "期间",
    "plan": "抽查计划编号",
    "draw": "抽取编号",
    "commitment": "种子承诺值（SM3）",
    "public_entropy": "公共随机源",
    "final": "最终种子",
    "selected": "抽中数量",
    "document_sm3": "抽取数据 SM3",
    "notes": "说明",
    "draw_date": "抽取日期",
    "team_size": "每组人数",
    "required_departments": "联合部门",
    "strata": "分层",
    "redraw_reason": "重抽理由",
    "url": "详情页",
    "json_url": "抽取数据（JSON）",
}
