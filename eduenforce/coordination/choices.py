from django.db import models


class AppointmentStatus(models.TextChoices):
    ACTIVE = "active", "在任"
    ENDED = "ended", "已卸任"


class MeetingStatus(models.TextChoices):
    SCHEDULED = "scheduled", "已排期"
    HELD = "held", "已召开（纪要起草中）"
    FINALIZED = "finalized", "纪要已定稿"
    CANCELLED = "cancelled", "已取消"


class ActionStatus(models.TextChoices):
    OPEN = "open", "待办"
    IN_PROGRESS = "in_progress", "办理中"
    DONE = "done", "已完成"
    CANCELLED = "cancelled", "已撤销"


OPEN_ACTION_STATUSES = (ActionStatus.OPEN, ActionStatus.IN_PROGRESS)


class OperationStatus(models.TextChoices):
    PLANNED = "planned", "方案制定（行动前）"
    UNDERWAY = "underway", "实施中（行动中）"
    REVIEWED = "reviewed", "已总结（行动后）"
    CANCELLED = "cancelled", "已取消"


class ReferralStatus(models.TextChoices):
    SENT = "sent", "已移送待签收"
    ACKNOWLEDGED = "acknowledged", "已签收办理中"
    CONCLUDED = "concluded", "已反馈结果"
    RETURNED = "returned", "已退回"


OPEN_REFERRAL_STATUSES = (ReferralStatus.SENT, ReferralStatus.ACKNOWLEDGED)
