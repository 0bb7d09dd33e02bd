from django.db import models


class TaskSource(models.TextChoices):
    RANDOM = "random", "双随机抽查"
    CAMPAIGN = "campaign", "专项检查"
    COMPLAINT = "complaint", "投诉举报"
    CASE = "case", "个案"
    PATROL = "patrol", "日常巡查"
    REINSPECTION = "reinspection", "整改复查"


class TaskStatus(models.TextChoices):
    DRAFT = "draft", "待提交"
    PENDING_APPROVAL = "pending_approval", "待审批"
    APPROVED = "approved", "已批准"
    IN_PROGRESS = "in_progress", "检查中"
    COMPLETED = "completed", "已完成"
    CANCELLED = "cancelled", "已取消"


class MemberRole(models.TextChoices):
    LEAD = "lead", "主办"
    MEMBER = "member", "协办"


class RecordStatus(models.TextChoices):
    DRAFT = "draft", "填写中"
    SUBMITTED = "submitted", "已提交"
    SUPERSEDED = "superseded", "已被更正版本替代"


class CheckResult(models.TextChoices):
    PASS = "pass", "合格"
    FAIL = "fail", "不合格"
    NOT_APPLICABLE = "na", "不适用"


class HazardSeverity(models.TextChoices):
    GENERAL = "general", "一般隐患"
    MAJOR = "major", "较大隐患"
    SERIOUS = "serious", "重大隐患"


class HazardStatus(models.TextChoices):
    RECORDED = "recorded", "待处理"
    RECTIFIED_ON_SPOT = "on_spot", "已现场整改"
    ORDERED = "ordered", "限期整改中"
    RECTIFIED = "rectified", "已整改"
    ESCALATED = "escalated", "已移送立案"


OPEN_HAZARD_STATUSES = frozenset({HazardStatus.RECORDED, HazardStatus.ORDERED})


class OrderStatus(models.TextChoices):
    ISSUED = "issued", "整改中"
    RECTIFIED = "rectified", "已整改"
    ESCALATED = "escalated", "已移送立案"


class OutcomeKind(models.TextChoices):
    """What the inspection found calls for: each is 移送立案 (a case lead), never the penalty
    itself — 停止招生 and 停办 are imposed only by a served case decision (行政处罚法第九条、第三十八条)."""

    STOP_ENROLMENT = "stop_enrolment", "移送立案（拟责令停止招生）"
    CLOSURE = "closure", "移送立案（拟责令停办/关停）"
    VIOLATION = "violation", "移送立案（其他违法行为）"
