from django.db import models


class ItemList(models.TextChoices):
    ENFORCEMENT = "enforcement", "行政执法事项清单"
    RANDOM = "random", "随机抽查事项清单"
    ENTERPRISE = "enterprise", "涉企检查事项清单"


class InspectionMethod(models.TextChoices):
    ROUTINE = "routine", "日常检查"
    SPECIAL = "special", "专项检查"
    CASE = "case", "个案检查"


class PublicationStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已公布"
    SUPERSEDED = "superseded", "已被新版本替代"
    WITHDRAWN = "withdrawn", "已撤回"


class HazardCategory(models.TextChoices):
    FIRE = "fire", "消防"
    FOOD = "food", "食品卫生"
    SCHOOL_BUS = "school_bus", "校车"
    PREMISES = "premises", "场所安全"
    QUALIFICATION = "qualification", "办学资质"
    FEES = "fees", "收费与预收费"
    ADVERTISING = "advertising", "广告"
    CONTENT_TIME = "content_time", "培训内容与时间"
    OTHER = "other", "其他"


class CampaignStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PENDING = "pending", "待审批"
    APPROVED = "approved", "已批准"
    PUBLISHED = "published", "已公布"
    CLOSED = "closed", "已结束"


class PlanStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已公布"


class Quarter(models.IntegerChoices):
    Q1 = 1, "第一季度"
    Q2 = 2, "第二季度"
    Q3 = 3, "第三季度"
    Q4 = 4, "第四季度"


class SamplingPlanStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    PUBLISHED = "published", "已公布（待抽取）"
    DRAWN = "drawn", "已抽取"


class SamplingKind(models.TextChoices):
    INTERNAL = "internal", "内部检查"
    JOINT = "joint", "部门联合检查"


class OfficerPool(models.TextChoices):
    """Where a draw takes its inspectors from (执法检查人员名录库)."""

    BUREAU = "bureau", "本局各科室执法人员"
    LOCAL = "local", "对象所在街道的执法人员（属地）"
