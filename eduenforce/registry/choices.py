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


class PenaltyEffect(models.TextChoices):
    """What a served 行政处罚决定 writes into the registry (the kinds of 行政处罚法第九条 that
    change an institution's standing); the values are the cases app's penalty kinds."""

    STOP_ENROLMENT = "stop_enrolment", "责令停止招生"
    STOP_RUNNING = "stop_running", "责令停止举办（停办）"
    REVOKE_LICENCE = "revoke_licence", "吊销办学许可证"


# The statuses only a served decision may give an institution, and the effect each needs.
PENALTY_STATUS = {
    InstitutionStatus.ENROLMENT_STOPPED: PenaltyEffect.STOP_ENROLMENT,
    InstitutionStatus.SUSPENDED: PenaltyEffect.STOP_RUNNING,
}


class LicenceState(models.TextChoices):
    """Derived from the expiry date (for filters), never stored."""

    VALID = "valid", "有效"
    EXPIRING = "expiring", "90日内到期"
    EXPIRED = "expired", "已过期"
    NONE = "none", "无许可证"


class LicenceEventKind(models.TextChoices):
    ISSUED = "issued", "颁发"
    RENEWED = "renewed", "延续"
    CHANGED = "changed", "变更"
    REVOKED = "revoked", "吊销/注销"


# The kinds the annual report counts as 行政许可 granted (the permit decisions themselves).
GRANT_KINDS = frozenset({LicenceEventKind.ISSUED, LicenceEventKind.RENEWED, LicenceEventKind.CHANGED})


class RecordSource(models.TextChoices):
    MANUAL = "manual", "手工录入"
    IMPORT = "import", "批量导入"


class ImportKind(models.TextChoices):
    INSTITUTIONS = "institutions", "监管对象"
    OFFICERS = "officers", "执法人员"


class ImportAction(models.TextChoices):
    CREATED = "created", "新增"
    UPDATED = "updated", "更新"
