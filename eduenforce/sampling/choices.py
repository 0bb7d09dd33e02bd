from django.db import models


class DrawStatus(models.TextChoices):
    PENDING_APPROVAL = "pending", "重抽待审批"
    COMMITTED = "committed", "已公布承诺值，待抽取"
    COMPLETED = "completed", "已完成"
    SUPERSEDED = "superseded", "已被重抽替代"
    REJECTED = "rejected", "重抽申请未批准"
