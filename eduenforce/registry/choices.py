from django.db import models


class InstitutionKind(models.TextChoices):
    PRIVATE_SCHOOL = "private_school", "民办学校"
    KINDERGARTEN = "kindergarten", "幼儿园"
    PUBLIC_SCHOOL = "public_school", "公办中小学"
    TRAINING_ACADEMIC = "training_academic", "校外培训机构—学科类"
    TRAINING_NON_ACADEMIC = "training_non_academic", "校外培训机构—非学科类"
    OTHER = "other", "其他"


TRAINING_KINDS = frozenset({InstitutionKind.TRAINING_ACADEMIC, InstitutionKind.TRAINING_NON_ACADEMIC})


class RiskClass(models.TextChoices):
    GOOD = "good", "良好"
    WARNING = "warning", "警示"
    DISHONEST = "dishonest", "失信"
    SERIOUSLY_DISHONEST = "seriously_dishonest", "严重失信"


class InstitutionStatus(models.TextChoices):
    NORMAL = "normal", "正常"
    RECTIFYING = "rectifying", "整改中"
    ENROLMENT_STOPPED = "enrolment_stopped", "停止招生"
    SUSPENDED = "suspended", "停办"
    DEREGISTERED = "deregistered", "注销"
