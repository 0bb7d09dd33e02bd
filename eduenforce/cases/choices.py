from django.db import models


class LeadSource(models.TextChoices):
    INSPECTION = "inspection", "检查发现"
    COMPLAINT = "complaint", "投诉举报"
    TRANSFER = "transfer", "部门移送"
    OTHER = "other", "其他"


class LeadStatus(models.TextChoices):
    REGISTERED = "registered", "已登记"
    UNDER_REVIEW = "under_review", "立案审查中"
    FILED = "filed", "已立案"
    NOT_FILED = "not_filed", "不予立案"


class Procedure(models.TextChoices):
    GENERAL = "general", "普通程序"
    SIMPLE = "simple", "简易程序（当场处罚）"


class CaseStatus(models.TextChoices):
    """The stages of a case, in procedural order (see ``Case`` for the transitions)."""

    FILING_REVIEW = "filing_review", "立案审查"
    NOT_FILED = "not_filed", "不予立案"
    INVESTIGATING = "investigating", "调查取证"
    CORRECTION = "correction", "责令改正"
    CONCLUDED = "concluded", "调查终结"
    DISCUSSED = "discussed", "已集体讨论"
    NOTIFIED = "notified", "事先告知"
    HEARING_REQUESTED = "hearing_requested", "已申请听证"
    HEARING_SCHEDULED = "hearing_scheduled", "听证已安排"
    HEARD = "heard", "听证结束"
    UNDER_REVIEW = "under_review", "法制审核"
    REVIEW_RETURNED = "review_returned", "审核退回"
    REVIEWED = "reviewed", "审核通过"
    DECIDED = "decided", "已决定"
    SERVED = "served", "已送达"
    EXECUTING = "executing", "执行中"
    COURT_APPLIED = "court_applied", "已申请法院强制执行"
    EXECUTED = "executed", "执行完毕"
    DECISION_REVOKED = "decision_revoked", "决定已撤销"
    CLOSING = "closing", "待结案审批"
    CLOSED = "closed", "已结案"
    ARCHIVED = "archived", "已归档"


# Stages between 立案 and the decision: the 90-day limit runs, records may be added.
PRE_DECISION = frozenset(
    {
        CaseStatus.INVESTIGATING,
        CaseStatus.CORRECTION,
        CaseStatus.CONCLUDED,
        CaseStatus.DISCUSSED,
        CaseStatus.NOTIFIED,
        CaseStatus.HEARING_REQUESTED,
        CaseStatus.HEARING_SCHEDULED,
        CaseStatus.HEARD,
        CaseStatus.UNDER_REVIEW,
        CaseStatus.REVIEW_RETURNED,
        CaseStatus.REVIEWED,
    }
)
# Stages in which investigators may still add records and evidence.
GATHERING = frozenset({CaseStatus.INVESTIGATING, CaseStatus.CORRECTION, CaseStatus.REVIEW_RETURNED})
FINISHED = frozenset({CaseStatus.NOT_FILED, CaseStatus.CLOSED, CaseStatus.ARCHIVED})


class PartyKind(models.TextChoices):
    PERSON = "person", "自然人"
    ORGANISATION = "organisation", "法人或其他组织"


class Severity(models.TextChoices):
    """情节: the statutory bands of e.g. 53号令 第18、23条 (情节严重 / 情节特别严重)."""

    ORDINARY = "ordinary", "一般情节"
    SERIOUS = "serious", "情节严重"
    ESPECIALLY_SERIOUS = "especially_serious", "情节特别严重"


class Harm(models.TextChoices):
    NONE = "none", "无危害后果"
    MINOR = "minor", "危害后果轻微"
    MODERATE = "moderate", "有一定危害后果"
    SERIOUS = "serious", "危害后果严重或社会影响恶劣"


class Tier(models.TextChoices):
    """裁量阶次, from lightest to heaviest."""

    NO_PENALTY = "no_penalty", "不予处罚"
    MITIGATED = "mitigated", "减轻处罚"
    LIGHTER = "lighter", "从轻处罚"
    GENERAL = "general", "一般处罚"
    HEAVIER = "heavier", "从重处罚"


TIER_ORDER = [Tier.NO_PENALTY, Tier.MITIGATED, Tier.LIGHTER, Tier.GENERAL, Tier.HEAVIER]


class MitigationGround(models.TextChoices):
    """The statutory grounds for 从轻/减轻 (行政处罚法 第30–32条; 53号令 第14条): a fine below the
    statutory minimum (减轻) is lawful only with one of them recorded."""

    MINOR_AGE = "art30_minor", "已满十四周岁不满十八周岁的未成年人（行政处罚法第三十条）"
    IMPAIRED = "art31_impaired", "尚未完全丧失辨认或者控制自己行为能力的精神病人、智力残疾人（第三十一条）"
    REDUCED_HARM = "art32_harm", "主动消除或者减轻违法行为危害后果（第三十二条第一项）"
    COERCED = "art32_coerced", "受他人胁迫或者诱骗实施违法行为（第三十二条第二项）"
    CONFESSED = "art32_confessed", "主动供述行政机关尚未掌握的违法行为（第三十二条第三项）"
    MERIT = "art32_merit", "配合行政机关查处违法行为有立功表现（第三十二条第四项）"
    OTHER = "art32_other", "法律、法规、规章规定其他应当从轻或者减轻的情形（第三十二条第五项）"


class PenaltyKind(models.TextChoices):
    """行政处罚法 第9条 and 53号令 第5条."""

    WARNING = "warning", "警告"
    CRITICISM = "criticism", "通报批评"
    FINE = "fine", "罚款"
    CONFISCATE_GAINS = "confiscate_gains", "没收违法所得"
    CONFISCATE_PROPERTY = "confiscate_property", "没收非法财物"
    STOP_ENROLMENT = "stop_enrolment", "责令停止招收学员"
    STOP_RUNNING = "stop_running", "责令停止举办"
    REVOKE_LICENCE = "revoke_licence", "吊销许可证件"
    RESTRICT_PRACTICE = "restrict_practice", "限制从业"


# 53号令 第30条: any of these gives the party a right to a hearing whatever the amount.
HEARING_KINDS = frozenset(
    {
        PenaltyKind.STOP_ENROLMENT,
        PenaltyKind.STOP_RUNNING,
        PenaltyKind.REVOKE_LICENCE,
        PenaltyKind.RESTRICT_PRACTICE,
    }
)


class FineBasis(models.TextChoices):
    AMOUNT = "amount", "罚款金额"
    MULTIPLE = "multiple", "违法所得倍数"
    NONE = "none", "未规定罚款"


class Outcome(models.TextChoices):
    PENALTY = "penalty", "给予行政处罚"
    NO_PENALTY = "no_penalty", "不予行政处罚"
    REVOKED_FILING = "revoked_filing", "撤销立案"


class ProposedOutcome(models.TextChoices):
    """行政处罚法 第57条: what the investigation concludes."""

    PENALTY = "penalty", "违法事实成立，拟给予行政处罚"
    MINOR_NO_PENALTY = "minor_no_penalty", "违法行为轻微，依法可以不予处罚"
    NOT_ESTABLISHED = "not_established", "违法事实不能成立，不予处罚"
    TRANSFER = "transfer", "涉嫌犯罪，移送司法机关"


class RecordKind(models.TextChoices):
    INQUIRY = "inquiry", "询问笔录"
    INSPECTION = "inspection", "现场检查笔录"


class EvidenceKind(models.TextChoices):
    """行政处罚法 第46条: the eight kinds of evidence."""

    DOCUMENTARY = "documentary", "书证"
    PHYSICAL = "physical", "物证"
    AUDIOVISUAL = "audiovisual", "视听资料"
    ELECTRONIC = "electronic", "电子数据"
    WITNESS = "witness", "证人证言"
    PARTY_STATEMENT = "party_statement", "当事人陈述"
    EXPERT = "expert", "鉴定意见"
    SITE_RECORD = "site_record", "勘验笔录、现场笔录"


class PreservationStatus(models.TextChoices):
    PENDING_APPROVAL = "pending_approval", "待负责人批准"
    PRESERVED = "preserved", "已登记保存"
    REFUSED = "refused", "未批准"
    HANDLED = "handled", "已作出处理决定"


class PreservationHandling(models.TextChoices):
    RETURN = "return", "解除保存，退还当事人"
    CONFISCATE = "confiscate", "依法没收"
    TRANSFER = "transfer", "移送有关部门"
    TESTING = "testing", "送检验、鉴定"


class ServiceMethod(models.TextChoices):
    DIRECT = "direct", "直接送达"
    LEFT = "left", "留置送达"
    POST = "post", "邮寄送达"
    ELECTRONIC = "electronic", "电子送达"
    ANNOUNCEMENT = "announcement", "公告送达"


class ServedDocument(models.TextChoices):
    PRIOR_NOTICE = "prior_notice", "行政处罚事先告知书"
    HEARING_NOTICE = "hearing_notice", "听证通知书"
    DECISION = "decision", "行政处罚决定书"
    PAYMENT_REMINDER = "payment_reminder", "催告书"


class ReviewResult(models.TextChoices):
    PASSED = "passed", "同意（审核通过）"
    RETURNED = "returned", "退回补充或修改"


class DiscussionResult(models.TextChoices):
    AGREED = "agreed", "同意调查终结报告的处理意见"
    RETURNED = "returned", "退回补充调查"


class ClosingGround(models.TextChoices):
    """53号令 第37条."""

    EXECUTED = "executed", "行政处罚决定执行完毕"
    COURT = "court", "已依法申请人民法院强制执行"
    TERMINATED = "terminated", "案件终止调查"
    OTHER = "other", "其他应予结案的情形"


class CatalogueStatus(models.TextChoices):
    DRAFT = "draft", "草稿"
    CURRENT = "current", "现行有效"
    SUPERSEDED = "superseded", "已废止"


class ReminderKind(models.TextChoices):
    UPCOMING = "upcoming", "即将到期"
    OVERDUE = "overdue", "已逾期"


class ChangeStage(models.TextChoices):
    """Where a case's 变更 procedure stands (``Case.change_stage``; empty: none pending). A change of
    the penalty is a new decision: notice, statement/hearing, 法制审核, the leader's decision, a new
    决定书 and its service (行政处罚法 第44、45、58、63–65条); the old decision stands until then."""

    NONE = "", "无变更程序"
    OPENED = "opened", "拟变更（待重新告知）"
    NOTIFIED = "notified", "变更已事先告知"
    HEARING_REQUESTED = "hearing_requested", "变更已申请听证"
    HEARD = "heard", "变更听证结束"
    UNDER_REVIEW = "under_review", "变更法制审核中"
    REVIEWED = "reviewed", "变更审核通过"
    DECIDED = "decided", "已作出变更决定（待送达）"


class ChangeOutcome(models.TextChoices):
    PENDING = "pending", "进行中"
    IN_FORCE = "in_force", "变更决定已送达生效（原决定被取代）"
    WITHDRAWN = "withdrawn", "已撤回（原决定继续有效）"
    CORRECTED = "corrected", "已补正（处罚内容不变）"


class ChangeKind(models.TextChoices):
    CHANGE = "change", "变更处罚决定"
    CORRECTION = "correction", "补正文书错误"


class RevokeGround(models.TextChoices):
    RECONSIDERATION = "reconsideration", "行政复议决定撤销"
    JUDGMENT = "judgment", "人民法院判决撤销"
    SELF = "self", "本机关发现决定违法或者不当，自行撤销"
