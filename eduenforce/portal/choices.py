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
