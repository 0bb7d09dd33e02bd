from django.db import models


class Source(models.TextChoices):
    PORTAL = "portal", "网上投诉"
    PHONE = "phone", "电话投诉"
    COUNTER = "counter", "来访（窗口）"
    DEPARTMENT = "department", "部门转办"
    HOTLINE = "hotline", "12345热线转办"


STAFF_SOURCES = (Source.PHONE, Source.COUNTER, Source.DEPARTMENT, Source.HOTLINE)
TRANSFER_SOURCES = frozenset({Source.DEPARTMENT, Source.HOTLINE})


class MatterType(models.TextChoices):
    UNLICENSED = "unlicensed", "无证办学或超范围办学"
    ACADEMIC_TRAINING = "academic_training", "违规开展学科类培训"
    FEES = "fees", "收费、预收费与退费"
    SAFETY = "safety", "安全隐患"
    STAFF = "staff", "师德师风与从业人员"
    ADVERTISING = "advertising", "虚假宣传与违规广告"
    ENROLMENT = "enrolment", "招生与学籍"
    OTHER = "other", "其他"


class Status(models.TextChoices):
    RECEIVED = "received", "待受理"
    ACCEPTED = "accepted", "已受理待分派"
    HANDLING = "handling", "办理中"
    REPLIED = "replied", "已办结答复"
    REJECTED = "rejected", "不予受理"


OPEN_STATUSES = (Status.RECEIVED, Status.ACCEPTED, Status.HANDLING)
IN_HAND_STATUSES = (Status.ACCEPTED, Status.HANDLING)


class HandlingKind(models.TextChoices):
    INSPECTION = "inspection", "转行政检查"
    CASE_LEAD = "case_lead", "转案件线索"
    REFERRAL = "referral", "移送有关部门"
    DIRECT = "direct", "直接答复"


class Finding(models.TextChoices):
    SUBSTANTIATED = "substantiated", "反映属实"
    PARTLY = "partly", "部分属实"
    UNSUBSTANTIATED = "unsubstantiated", "反映不属实"
    UNVERIFIABLE = "unverifiable", "无法核实"
    REFERRED = "referred", "已移送有关部门处理"


class Satisfaction(models.TextChoices):
    SATISFIED = "satisfied", "满意"
    BASIC = "basic", "基本满意"
    UNSATISFIED = "unsatisfied", "不满意"


class NoticeKind(models.TextChoices):
    ACCEPTANCE = "acceptance", "受理告知"
    REJECTION = "rejection", "不予受理告知"
    EXTENSION = "extension", "延期告知"
    REPLY = "reply", "办理结果答复"


class NoticeChannel(models.TextChoices):
    PHONE = "phone", "电话"
    SMS = "sms", "短信"
    LETTER = "letter", "书面"
    IN_PERSON = "in_person", "当面"


class Outcome(models.TextChoices):
    """The statistics' outcome dimension: computed in the database from status and finding."""

    PENDING = "pending", "办理中"
    NOT_ACCEPTED = "not_accepted", "不予受理"
    SUBSTANTIATED = "substantiated", "反映属实"
    PARTLY = "partly", "部分属实"
    UNSUBSTANTIATED = "unsubstantiated", "反映不属实"
    UNVERIFIABLE = "unverifiable", "无法核实"
    REFERRED = "referred", "已移送有关部门处理"


class Timeliness(models.TextChoices):
    ON_TIME = "on_time", "按期办结"
    LATE = "late", "超期办结"
    OPEN = "open", "在办未超期"
    OVERDUE = "overdue", "在办已超期"
