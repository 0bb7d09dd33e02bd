from django.db import models


class OfficerStatus(models.TextChoices):
    ACTIVE = "active", "在岗"
    AWAY = "away", "离岗"
    TRANSFERRED = "transferred", "调出"


class CertificateState(models.TextChoices):
    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"
