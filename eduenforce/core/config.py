"""Configurable parameters ([U] rules of the domain reference are settings, not constants).

Defaults live here; an administrator's value in ``SystemSetting`` overrides them.
"""

from dataclasses import dataclass

from django.core.cache import cache

# Who may change a parameter (三员分立, 等保 8.1.5): the capability that owns it. Security and disclosure
# settings (what the portal shows, rate limits, cache times, password expiry) are the security
# administrator's; audit settings the audit administrator's (none is left: the journal's checkpoint
# interval is fixed in code); everything else the system administrator's.
SYSTEM = "config.manage"
SECURITY = "security.manage_settings"
AUDIT = "audit.manage_settings"
OWNER_LABELS = {SYSTEM: "系统管理员", SECURITY: "安全管理员", AUDIT: "审计管理员"}
_SECURITY_KEYS = {
    "masking.person_suffix",
    "masking.public_contacts",
    "portal.search_per_minute",
    "portal.page_cache_seconds",
    "portal.attachment_max_mb",
    "complaints.submissions_per_hour",
    "complaints.lookups_per_hour",
    "complaints.max_attachments",
    "complaints.max_attachment_mb",
    "accounts.password_max_age_days",
}


@dataclass(frozen=True)
class Parameter:
    key: str
    label: str
    default: object
    kind: type = str

    @property
    def owner(self) -> str:
        return SECURITY if self.key in _SECURITY_KEYS else SYSTEM


PARAMETERS: dict[str, Parameter] = {
    p.key: p
    for p in [
        Parameter("training.required_hours", "执法人员年度培训学时要求", 60, int),
        Parameter("serial.inspection_prefix", "检查文书编号前缀", "东教检", str),
        Parameter("serial.task_prefix", "检查任务编号前缀", "东教检任", str),
        Parameter("serial.case_filing_prefix", "立案编号前缀", "东教罚立", str),
        Parameter("serial.case_decision_prefix", "处罚决定书编号前缀", "东教罚决", str),
        Parameter("serial.document_prefix", "执法文书编号前缀", "东教执", str),
        Parameter("serial.case_spot_prefix", "当场行政处罚决定书编号前缀", "东教当罚", str),
        Parameter("cases.reminder_days_ahead", "案件期限提前提醒（日）", 3, int),
        Parameter("cases.consistency_tolerance_percent", "类案不同罚偏离提示阈值（%）", 30, int),
        # [U] 53号令 第三十四条 / 《行政处罚法》第五十七条第二款: 较大数额罚款 needing 负责人集体讨论.
        Parameter("cases.discussion_fine_individual", "须集体讨论的较大数额罚款：自然人（元）", 30000, int),
        Parameter(
            "cases.discussion_fine_organisation",
            "须集体讨论的较大数额罚款：法人或其他组织（元）",
            100000,
            int,
        ),
        Parameter("cases.discussion_min_leaders", "集体讨论最少参加的局领导人数", 2, int),
        Parameter("cases.review_body", "行政复议机关（本级人民政府）", "天津市东丽区人民政府", str),
        Parameter("serial.rectification_prefix", "责令限期整改通知书编号前缀", "东教责改", str),
        Parameter("masking.person_suffix", "公示中自然人姓名替代字", "某", str),
        Parameter("masking.public_contacts", "公示中可显示的单位电话/邮箱（逗号分隔）", "", str),
        Parameter("portal.search_per_minute", "公示检索每个地址每分钟次数上限", 30, int),
        Parameter("portal.page_cache_seconds", "公示页面缓存时间（秒）", 30, int),
        Parameter("portal.attachment_max_mb", "公示附件大小上限（MB）", 20, int),
        Parameter("complaints.accept_working_days", "投诉受理期限（工作日）", 5, int),
        Parameter("complaints.reply_days", "投诉答复期限（日）", 60, int),
        Parameter("complaints.duplicate_window_days", "重复投诉关联期间（日）", 30, int),
        Parameter("complaints.submissions_per_hour", "同一地址每小时最多提交投诉（件）", 5, int),
        Parameter("complaints.lookups_per_hour", "同一地址每小时最多查询投诉（次）", 30, int),
        Parameter("complaints.max_attachments", "投诉附件数量上限", 3, int),
        Parameter("complaints.max_attachment_mb", "投诉单个附件大小上限（MB）", 5, int),
        Parameter("coordination.meeting_interval_months", "联席会议召开周期（月）", 1, int),
        Parameter("serial.referral_prefix", "部门移送编号前缀", "东教移", str),
        Parameter("serial.minutes_prefix", "联席会议纪要编号前缀", "东教联纪", str),
        Parameter("sampling.max_assignments_per_officer", "每次抽查每名执法人员最多任务数", 0, int),
        Parameter("documents.seal_image", "电子印章图片（数据目录下的 PNG 文件名，空为不用）", "", str),
        Parameter("cases.payment_bank", "罚没款缴款银行（空为“指定银行”）", "", str),
        Parameter("cases.payment_account_name", "罚没款收款账户名称", "", str),
        Parameter("cases.payment_account", "罚没款收款账号", "", str),
        # [U] 等保 8.1.4.1 a asks for periodic change; ASVS 6.2.10 advises against it. 0 = never expires.
        Parameter("accounts.password_max_age_days", "密码有效期（天，0 为不过期）", 90, int),
    ]
}

_CACHE_KEY = "core:settings:v1"


def get(key: str):
    param = PARAMETERS[key]
    values = cache.get(_CACHE_KEY)
    if values is None:
        from eduenforce.core.models import SystemSetting

        values = dict(SystemSetting.objects.values_list("key", "value"))
        cache.set(_CACHE_KEY, values, 60)
    return param.kind(values[key]) if key in values else param.default


def owned_by(user) -> list[Parameter]:
    """The parameters ``user`` may change."""
    from eduenforce.core.permissions import has_capability

    return [p for p in PARAMETERS.values() if has_capability(user, p.owner)]


def set_value(key: str, value, *, by) -> None:
    """Change a parameter. ``by`` must hold the parameter's owner capability (``None``: the operator on
    the command line or a test)."""
    from django.core.exceptions import PermissionDenied

    from eduenforce.core.journal import append
    from eduenforce.core.models import SystemSetting
    from eduenforce.core.permissions import has_capability

    param = PARAMETERS[key]
    if by is not None and not has_capability(by, param.owner):
        raise PermissionDenied(f"参数“{param.label}”归{OWNER_LABELS[param.owner]}设置（三员分立）")
    value = param.kind(value)
    old = get(key)
    SystemSetting.objects.update_or_create(key=key, defaults={"value": value})
    cache.delete(_CACHE_KEY)
    append(actor=by, action="config.changed", obj=None, changes={"key": key, "before": old, "after": value})
