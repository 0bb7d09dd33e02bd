from django.db import models


class LeadSource(models.TextChoices):
    INSPECTION = "inspection", "检查发现"
    COMPLAINT = "complaint", "投诉举报"
    TRANSFER = "transfer", "部门移送"
    OTHER = "other", "其他"


class LeadStatus(models.TextChoices):
    REGISTERED = "registered", "已登记"
    FILED = "filed", "已立案"
    NOT_FILED = "not_filed", "不予立案"
