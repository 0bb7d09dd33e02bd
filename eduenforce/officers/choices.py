from django.db import models


class OfficerStatus(models.TextChoices):
    ACTIVE = "active", "在岗"
    AWAY = "away", "离岗"
    TRANSFERRED = "transferred", "调出"


class CertificateState(models.TextChoices):
    VALID = "valid", "有效"
    SUSPENDED = "suspended", "暂扣"
    REVOKED = "revoked", "注销"


class TrainingKind(models.TextChoices):
    TRAINING = "training", "培训"
    EXAM = "exam", "考试"


# What the registry and the public certificate check show for a certificate on a day:
# the stored state, or "expired" when a valid certificate's period has ended.
DISPLAY_EXPIRED = "expired"
DISPLAY_NOT_YET = "not_yet"
DISPLAY_LABELS = {
    CertificateState.VALID: "有效",
    CertificateState.SUSPENDED: "暂扣",
    CertificateState.REVOKED: "注销",
    DISPLAY_EXPIRED: "已过期",
    DISPLAY_NOT_YET: "未生效",
}
