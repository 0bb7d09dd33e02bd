"""Forms of the case pages. They check the shape of the input; the rules live in the actions,
whose ``DomainError`` the views put back on the form."""

from django import forms
from django.utils import timezone

from eduenforce.accounts.models import User
from eduenforce.cases.choices import (
    ClosingGround,
    DiscussionResult,
    EvidenceKind,
    Harm,
    LeadSource,
    MitigationGround,
    Outcome,
    PartyKind,
    PenaltyKind,
    PreservationHandling,
    PreservationStatus,
    ProposedOutcome,
    RecordKind,
    ReviewResult,
    RevokeGround,
    ServiceMethod,
    Severity,
)
from eduenforce.cases.models import REVIEW_CHECKLIST, CatalogueVersion, TierRule, Violation
from eduenforce.core.permissions import may_be_handler_q
from eduenforce.core.roles import Role
from eduenforce.officers.models import Officer
from eduenforce.registry.models import Institution

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
DATETIME = forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M")
TEXT = forms.Textarea(attrs={"rows": 3})
MONEY = {"max_digits": 14, "decimal_places": 2, "min_value": 0, "required": False}


def date_field(label, **kw):
    return forms.DateField(label=label, widget=DATE, **kw)


def handler_officers():
    """Certified officers who may handle a case (never a legal reviewer or a leader)."""
    return (
        Officer.objects.certified_on(timezone.localdate())
        .filter(may_be_handler_q())
        .select_related("department")
    )


def officers_field(label="执法人员", help_text="至少 2 名，须持有效行政执法证"):
    return forms.ModelMultipleChoiceField(
        label=label,
        queryset=handler_officers(),
        widget=forms.CheckboxSelectMultiple,
        help_text=help_text,
    )


def lead_officer_field():
    return forms.ModelChoiceField(
        label="主办人", queryset=handler_officers(), help_text="从所选承办人中指定一名主办人"
    )


def lead_first(form, data: dict) -> dict:
    """The 主办人 is chosen explicitly and must be one of the handlers; it is put first."""
    lead, officers = data.pop("lead_officer", None), data.get("officers")
    if lead is not None and officers is not None:
        if lead not in officers:
            form.add_error("lead_officer", "主办人须是所选承办人之一")
        else:
            data["officers"] = [lead, *[o for o in officers if o != lead]]
    return data


def current_violations():
    version = CatalogueVersion.objects.current()
    return Violation.objects.filter(version=version) if version else Violation.objects.none()


def kinds_field(label="处罚种类"):
    return forms.MultipleChoiceField(
        label=label, choices=PenaltyKind.choices, required=False, widget=forms.CheckboxSelectMultiple
    )


class NoteForm(forms.Form):
    note = forms.CharField(label="说明", widget=TEXT, required=False)


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", widget=TEXT)


class LeadForm(forms.Form):
    source = forms.ChoiceField(label="来源", choices=LeadSource.choices)
    institution = forms.ModelChoiceField(label="涉及机构", queryset=Institution.objects.all(), required=False)
    party_name = forms.CharField(label="当事人（非机构时填写）", max_length=120, required=False)
    summary = forms.CharField(label="线索摘要", widget=TEXT)

    def clean(self):
        data = super().clean()
        if not data.get("institution") and not (data.get("party_name") or "").strip():
            raise forms.ValidationError("请选择涉及机构或填写当事人")
        return data


class FilingReviewForm(forms.Form):
    cause = forms.CharField(label="案由", max_length=200)
    violation = forms.ModelChoiceField(
        label="违法行为（裁量基准）", queryset=Violation.objects.none(), required=False
    )
    party_kind = forms.ChoiceField(label="当事人类型", choices=PartyKind.choices)
    party_name = forms.CharField(
        label="当事人", max_length=120, required=False, help_text="留空则使用线索中的机构名称"
    )
    party_id_code = forms.CharField(label="统一社会信用代码/身份证号", max_length=18, required=False)
    party_address = forms.CharField(label="当事人地址", max_length=200, required=False)
    party_is_minor = forms.BooleanField(label="当事人为未成年人（案件不予公示）", required=False)
    violation_ended_on = date_field("违法行为终了日期", required=False)
    summary = forms.CharField(label="简要案情", widget=TEXT)
    officers = officers_field("承办人")
    lead_officer = lead_officer_field()
    cond_party_clear = forms.BooleanField(label="有明确的违法嫌疑人", required=False)
    cond_evidence = forms.BooleanField(label="有初步证据证明存在违法行为", required=False)
    cond_penalty_due = forms.BooleanField(label="依法应当给予行政处罚", required=False)
    cond_jurisdiction = forms.BooleanField(label="属于本机关管辖", required=False)
    cond_time_bar = forms.BooleanField(label="在给予行政处罚的法定期限内", required=False)
    opinion = forms.CharField(label="承办人意见", widget=TEXT, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["violation"].queryset = current_violations()
        self.fields["officers"] = officers_field("承办人")
        self.fields["lead_officer"] = lead_officer_field()

    def clean(self):
        return lead_first(self, super().clean())


class RecordForm(forms.Form):
    kind = forms.ChoiceField(label="笔录种类", choices=RecordKind.choices)
    started_at = forms.DateTimeField(label="开始时间", widget=DATETIME)
    ended_at = forms.DateTimeField(label="结束时间", widget=DATETIME)
    place = forms.CharField(label="地点", max_length=200)
    officers = officers_field()
    subject_name = forms.CharField(label="被询问人/现场负责人", max_length=50)
    subject_detail = forms.CharField(
        label="身份信息（性别、年龄、职务、联系方式）", max_length=200, required=False
    )
    content = forms.CharField(label="笔录内容", widget=forms.Textarea(attrs={"rows": 6}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"] = officers_field()


class EvidenceForm(forms.Form):
    kind = forms.ChoiceField(label="证据种类", choices=EvidenceKind.choices)
    title = forms.CharField(label="名称", max_length=200)
    description = forms.CharField(label="证明内容", widget=TEXT, required=False)
    collected_on = date_field("取得日期")
    source_ref = forms.CharField(
        label="关联证据文件",
        max_length=120,
        required=False,
        help_text="如 records.evidencefile:12（上传的证据文件编号）",
    )
    sha256 = forms.CharField(label="SHA-256", max_length=64, required=False)


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(
        label="证据文件", help_text="照片、执法记录仪视频、PDF 或 Office 文件；上传时计算 SHA-256 和 SM3"
    )
    kind = forms.ChoiceField(label="证据种类", choices=EvidenceKind.choices)
    title = forms.CharField(label="名称", max_length=200)


class PreservationRequestForm(forms.Form):
    items = forms.CharField(label="保存物品清单", widget=TEXT)
    reason = forms.CharField(label="理由", widget=TEXT)


class PreservationChoiceForm(forms.Form):
    preservation = forms.ModelChoiceField(label="先行登记保存", queryset=None)
    status = PreservationStatus.PENDING_APPROVAL

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["preservation"].queryset = case.preservations.filter(status=self.status)


class PreservationRefuseForm(PreservationChoiceForm):
    reason = forms.CharField(label="不予批准的理由", widget=TEXT)


class PreservationHandleForm(PreservationChoiceForm):
    status = PreservationStatus.PRESERVED
    handling = forms.ChoiceField(label="处理决定", choices=PreservationHandling.choices)
    handled_on = date_field("处理日期")
    note = forms.CharField(label="处理说明", widget=TEXT, required=False)


class CorrectionOrderForm(forms.Form):
    content = forms.CharField(label="责令改正内容", widget=TEXT)
    deadline = date_field("改正期限")
    basis = forms.CharField(
        label="依据", max_length=200, required=False, help_text="留空则使用违法行为的法律依据"
    )


class CorrectionResultForm(forms.Form):
    corrected = forms.TypedChoiceField(
        label="复查结果",
        choices=[("1", "已改正"), ("0", "未改正")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    verified_on = date_field("复查日期")
    note = forms.CharField(label="复查情况", widget=TEXT)


class ConcludeForm(forms.Form):
    report = forms.CharField(label="违法事实（调查终结报告）", widget=forms.Textarea(attrs={"rows": 5}))
    violation = forms.ModelChoiceField(
        label="违法行为（裁量基准）", queryset=Violation.objects.none(), required=False
    )
    proposed_outcome = forms.ChoiceField(label="处理意见", choices=ProposedOutcome.choices)
    severity = forms.ChoiceField(label="情节", choices=Severity.choices)
    harm = forms.ChoiceField(label="危害后果", choices=Harm.choices, initial=Harm.MINOR)
    illegal_gains = forms.DecimalField(label="违法所得（元）", **MONEY)
    in_service_teacher = forms.BooleanField(label="在职中小学教师从事学科类培训", required=False)
    obstruction = forms.BooleanField(label="阻碍执法或伪造、隐匿、毁灭证据", required=False)
    minors_affected = forms.BooleanField(label="损害未成年人身心健康", required=False)
    mandatory_mitigation = forms.BooleanField(label="有行政处罚法第32条应当从轻或减轻的情形", required=False)
    mitigation_grounds = forms.MultipleChoiceField(
        label="从轻、减轻的法定情形（行政处罚法第30–32条；罚款低于法定最低额时必选）",
        choices=MitigationGround.choices,
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    mitigation_facts = forms.CharField(label="上述情形的事实和证据", widget=TEXT, required=False)
    kinds = kinds_field("拟处罚种类")
    fine = forms.DecimalField(label="拟罚款（元）", **MONEY)
    confiscation = forms.DecimalField(label="拟没收违法所得（元）", **MONEY)
    is_major = forms.BooleanField(label="重大复杂案件（须集体讨论）", required=False)
    major_reason = forms.CharField(label="重大复杂理由", max_length=200, required=False)
    deviation_reason = forms.CharField(
        label="偏离裁量基准的理由（超出建议范围时必填）", widget=TEXT, required=False
    )

    def __init__(self, *args, case=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["violation"].queryset = current_violations()
        if case is not None and case.violation_id:
            self.fields["violation"].initial = case.violation_id


class ServiceForm(forms.Form):
    method = forms.ChoiceField(label="送达方式", choices=ServiceMethod.choices)
    delivered_on = date_field("送达日期（公告送达填公告发布日期）")
    recipient = forms.CharField(label="签收人", max_length=100, required=False)
    witnesses = forms.CharField(label="见证人（留置送达必填）", max_length=100, required=False)
    tracking_number = forms.CharField(label="邮件号（邮寄送达必填）", max_length=40, required=False)
    reason = forms.CharField(label="公告送达原因及经过（公告送达必填）", widget=TEXT, required=False)

    def service(self):
        from eduenforce.cases.actions import Service

        return Service.of(self.cleaned_data)


class DiscussionForm(forms.Form):
    held_on = date_field("讨论日期")
    attendees = forms.ModelMultipleChoiceField(
        label="参加讨论的局领导",
        queryset=User.objects.filter(role=Role.LEADER, is_active=True).order_by("name"),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "请选择参加讨论的局领导", "invalid_choice": "所选人员不是局领导"},
    )
    opinions = forms.CharField(label="参加人员意见（逐人记录）", widget=forms.Textarea(attrs={"rows": 4}))
    participants = forms.CharField(label="列席人员", widget=TEXT, required=False)
    minutes = forms.CharField(label="讨论结论及理由", widget=forms.Textarea(attrs={"rows": 5}))
    result = forms.ChoiceField(label="讨论结论", choices=DiscussionResult.choices, widget=forms.RadioSelect)
    deviation_approved = forms.BooleanField(
        label="同意偏离裁量基准（仅在拟处罚偏离基准时勾选）", required=False
    )


class AddressForm(forms.Form):
    signed_on = date_field("送达地址确认书签署日期")
    address = forms.CharField(label="电子送达地址（邮箱或手机号）", max_length=120)


class StatementForm(forms.Form):
    received_on = date_field("提出日期")
    content = forms.CharField(label="陈述申辩内容", widget=TEXT)
    review_opinion = forms.CharField(label="复核意见", widget=TEXT)
    adopted = forms.BooleanField(label="意见予以采纳", required=False)


class WaiverForm(forms.Form):
    waived_on = date_field("当事人明确放弃的日期")
    note = forms.CharField(label="说明（如书面放弃声明）", widget=TEXT)


class HearingRequestForm(forms.Form):
    requested_on = date_field("申请日期")


class HearingScheduleForm(ServiceForm):
    hearing_on = date_field("听证日期")
    place = forms.CharField(label="听证地点", max_length=200)
    chair = forms.ModelChoiceField(label="听证主持人", queryset=Officer.objects.filter(status="active"))
    public = forms.BooleanField(label="公开举行", required=False, initial=True)

    field_order = [
        "hearing_on",
        "place",
        "chair",
        "public",
        "method",
        "delivered_on",
        "recipient",
        "witnesses",
        "tracking_number",
        "reason",
    ]


class HearingRecordForm(forms.Form):
    held_on = date_field("举行日期")
    party_attended = forms.TypedChoiceField(
        label="当事人是否到场",
        choices=[("1", "到场"), ("0", "无正当理由未到场")],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    representatives = forms.CharField(
        label="委托代理人（最多二人，用“、”分隔）", max_length=100, required=False
    )
    record = forms.CharField(label="听证笔录", widget=forms.Textarea(attrs={"rows": 5}))
    chair_opinion = forms.CharField(label="主持人意见", widget=TEXT)


class ReviewForm(forms.Form):
    opinion = forms.CharField(label="审核意见", widget=forms.Textarea(attrs={"rows": 4}))
    result = forms.ChoiceField(label="审核结论", choices=ReviewResult.choices, widget=forms.RadioSelect)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, label in REVIEW_CHECKLIST:
            self.fields[f"check_{key}"] = forms.BooleanField(label=label, required=False)
        self.order_fields([f"check_{k}" for k, _ in REVIEW_CHECKLIST] + ["opinion", "result"])

    def checklist(self) -> dict:
        return {key: self.cleaned_data.get(f"check_{key}", False) for key, _ in REVIEW_CHECKLIST}


class DecideForm(forms.Form):
    outcome = forms.ChoiceField(label="处理结果", choices=Outcome.choices, widget=forms.RadioSelect)
    kinds = kinds_field()
    fine = forms.DecimalField(label="罚款（元）", **MONEY)
    confiscation = forms.DecimalField(label="没收违法所得（元）", **MONEY)
    measures = forms.CharField(label="责令改正等其他措施", max_length=300, required=False)
    reason = forms.CharField(label="撤销立案理由（撤销立案时必填）", widget=TEXT, required=False)


class ChangeDecisionForm(forms.Form):
    kinds = kinds_field("拟变更的处罚种类")
    fine = forms.DecimalField(label="罚款（元）", **MONEY)
    confiscation = forms.DecimalField(label="没收违法所得（元）", **MONEY)
    reason = forms.CharField(label="变更理由（须重新告知、审核、决定并送达后生效）", widget=TEXT)


class ChangeDiscussionForm(forms.Form):
    held_on = date_field("讨论日期")
    attendees = DiscussionForm.base_fields["attendees"]
    opinions = DiscussionForm.base_fields["opinions"]
    minutes = DiscussionForm.base_fields["minutes"]
    result = DiscussionForm.base_fields["result"]


class ChangeStatementForm(forms.Form):
    received_on = date_field("提出日期")
    content = forms.CharField(label="陈述申辩内容", widget=TEXT)
    review_opinion = forms.CharField(label="复核意见", widget=TEXT)


class ChangeHearingForm(forms.Form):
    notice_served_on = date_field("听证通知送达日期")
    held_on = date_field("听证日期")
    chair = forms.ModelChoiceField(label="听证主持人", queryset=Officer.objects.filter(status="active"))
    record = forms.CharField(label="听证笔录", widget=TEXT)
    chair_opinion = forms.CharField(label="主持人意见", widget=TEXT)


class ChangeReviewForm(forms.Form):
    opinion = forms.CharField(label="审核意见", widget=TEXT)
    result = forms.ChoiceField(label="审核结论", choices=ReviewResult.choices, widget=forms.RadioSelect)


class CorrectDecisionForm(forms.Form):
    party_name = forms.CharField(label="更正后的当事人名称", max_length=120, required=False)
    party_address = forms.CharField(label="更正后的当事人地址", max_length=200, required=False)
    party_representative = forms.CharField(label="更正后的法定代表人/负责人", max_length=50, required=False)
    reason = forms.CharField(label="补正理由（文字错误，不改变处罚内容）", widget=TEXT)


class RevokeForm(forms.Form):
    revoked_on = date_field("撤销日期")
    ground = forms.ChoiceField(label="撤销依据", choices=RevokeGround.choices)
    basis_number = forms.CharField(label="复议决定书/判决书文号", max_length=60, required=False)
    reason = forms.CharField(label="撤销理由", widget=TEXT)


class PaymentForm(forms.Form):
    paid_on = date_field("缴款日期")
    amount = forms.DecimalField(label="实缴金额（元）", max_digits=14, decimal_places=2, min_value=0)
    receipt_number = forms.CharField(label="缴款凭证号", max_length=60)


class CourtForm(forms.Form):
    applied_on = date_field("申请日期")
    court = forms.CharField(label="受理法院", max_length=100, initial="天津市东丽区人民法院")
    note = forms.CharField(label="说明", widget=TEXT, required=False)


class ExecutionForm(forms.Form):
    executed_on = date_field("执行完毕日期")
    note = forms.CharField(label="执行情况", widget=TEXT)


class ClosingForm(forms.Form):
    ground = forms.ChoiceField(label="结案情形", choices=ClosingGround.choices, widget=forms.RadioSelect)
    note = forms.CharField(label="结案说明", widget=TEXT)


class ArchiveForm(forms.Form):
    location = forms.CharField(label="档案号/存放位置", max_length=100)


class SpotForm(forms.Form):
    party_kind = forms.ChoiceField(label="当事人类型", choices=PartyKind.choices)
    institution = forms.ModelChoiceField(label="涉及机构", queryset=Institution.objects.all(), required=False)
    party_name = forms.CharField(label="当事人", max_length=120)
    party_id_code = forms.CharField(label="统一社会信用代码/身份证号", max_length=18, required=False)
    violation = forms.ModelChoiceField(label="违法行为（处罚依据）", queryset=Violation.objects.none())
    severity = forms.ChoiceField(label="情节", choices=Severity.choices)
    summary = forms.CharField(label="违法事实", widget=TEXT)
    kinds = forms.MultipleChoiceField(
        label="处罚种类",
        widget=forms.CheckboxSelectMultiple,
        choices=[(PenaltyKind.WARNING, "警告"), (PenaltyKind.FINE, "罚款")],
    )
    fine = forms.DecimalField(
        label="罚款（元）", **MONEY, help_text="自然人不超过 200 元，法人或其他组织不超过 3,000 元"
    )
    place = forms.CharField(label="地点", max_length=200)
    officers = officers_field()
    recipient = forms.CharField(label="签收人", max_length=100, required=False)
    refused_to_sign = forms.BooleanField(label="当事人拒绝签收", required=False)
    witnesses = forms.CharField(label="见证人", max_length=100, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["violation"].queryset = current_violations()
        self.fields["officers"] = officers_field()


class ViolationForm(forms.ModelForm):
    class Meta:
        model = Violation
        fields = [
            "article",
            "title",
            "legal_basis",
            "statutory_penalty",
            "statutory_min",
            "statutory_max",
            "party_kinds",
            "source_note",
        ]
        widgets = {"legal_basis": TEXT, "statutory_penalty": TEXT}


class NewViolationForm(ViolationForm):
    allowed_kinds = kinds_field("可适用的处罚种类")

    class Meta(ViolationForm.Meta):
        fields = ["code", "fine_basis", "allowed_kinds", *ViolationForm.Meta.fields]

    def clean_code(self):
        import re

        code = self.cleaned_data["code"].strip().lower()
        if not re.fullmatch(r"[a-z0-9-]{1,30}", code):
            raise forms.ValidationError("编码只能使用小写字母、数字和连字符")
        return code


class TierForm(forms.ModelForm):
    penalty_kinds = kinds_field()

    class Meta:
        model = TierRule
        fields = ["conditions", "fine_min", "fine_max", "penalty_kinds", "measures"]
        widgets = {"conditions": TEXT}

    def clean(self):
        data = super().clean()
        low, high = data.get("fine_min"), data.get("fine_max")
        for name in ("fine_min", "fine_max"):
            if data.get(name) is not None and data[name] < 0:
                self.add_error(name, "不能为负数")
        if low is not None and high is not None and low > high:
            self.add_error("fine_max", "上限不能低于下限")
        violation = self.violation
        if high is not None and (violation.statutory_max is None or high > violation.statutory_max):
            self.add_error("fine_max", "不得超过该违法行为的法定上限")
        return data

    @property
    def violation(self):
        return self.instance.violation


class NewTierForm(TierForm):
    def __init__(self, *args, violation=None, **kwargs):
        super().__init__(*args, **kwargs)
        self._violation = violation

    @property
    def violation(self):
        return self._violation

    class Meta(TierForm.Meta):
        fields = ["severity", "tier", *TierForm.Meta.fields]
