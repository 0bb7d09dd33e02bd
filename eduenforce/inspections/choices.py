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
