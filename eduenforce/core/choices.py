from django.db import models


class DayKind(models.TextChoices):
    HOLIDAY = "holiday", "法定节假日（休息）"
    WORKDAY = "workday", "调休上班日"


class DayType(models.TextChoices):
    WORKING = "working", "工作日"
    CALENDAR = "calendar", "自然日"
    MONTHS = "months", "月"
    YEARS = "years", "年"


class Confidence(models.TextChoices):
    PRIMARY = "P", "法律原文"
    SECONDARY = "S", "官方解读/地方文件"
    LOCAL = "L", "地方实践"
    UNCONFIRMED = "U", "未确认（可配置）"
