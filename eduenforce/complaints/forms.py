import re
from datetime import date

from django import forms
from django.utils import timezone

from eduenforce.accounts.models import Department, User
from eduenforce.complaints import antispam
from eduenforce.complaints.choices import (
    STAFF_SOURCES,
    Finding,
    MatterType,
    NoticeChannel,
    Satisfaction,
    Source,
)
from eduenforce.complaints.services import max_attachments
from eduenforce.complaints.uploads import check_file
from eduenforce.core.deadlines import rule

PHONE = re.compile(r"^(?:1[3-9]\d{9}|0\d{2,3}-?\d{7,8}|\d{7,8})$")
IDENTITY_CHOICES = [
    ("anonymous", "匿名投诉（不留姓名，仅凭受理编号和查询码查询结果）"),
    ("named", "实名投诉（留下姓名和电话，办理结果将告知您）"),
]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"accept": ".jpg,.jpeg,.png,.pdf"}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data if d]
        return [single(data, initial)] if data else []


class ComplaintFields(forms.Form):
    """What every intake channel asks; the public and the staff forms add their own fields."""

    matter_type = forms.ChoiceField(label="事项类型", choices=[("", "请选择")] + MatterType.choices)
    institution_name = forms.CharField(
        label="被投诉机构名称",
        max_length=120,
        help_text="输入机构名称中的两个字以上可从登记的机构中选择；找不到时请填写您知道的名称",
        widget=forms.TextInput(
            attrs={
                "list": "institution-options",
                "autocomplete": "off",
                "hx-get": "",
                "hx-trigger": "input changed delay:300ms",
                "hx-target": "#institution-options",
            }
        ),
    )
    institution_address = forms.CharField(label="机构地址", max_length=200, required=False)
    street = forms.ModelChoiceField(
        label="所在街道",
        queryset=Department.objects.filter(kind="street"),
        required=False,
        empty_label="不清楚",
    )
    occurred_on = forms.DateField(
        label="发生日期", required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    content = forms.CharField(
        label="反映情况",
        min_length=10,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="请写明时间、地点、经过和涉及的具体问题（10 至 3000 字）",
    )
    attachments = MultipleFileField(label="附件（可选）", required=False)
    identity = forms.ChoiceField(
        label="投诉方式",
        choices=IDENTITY_CHOICES,
        initial="anonymous",
        widget=forms.RadioSelect(attrs={"class": "form-check-input"}),
    )
    complainant_name = forms.CharField(label="姓名", max_length=50, required=False)
    complainant_phone = forms.CharField(label="联系电话", max_length=20, required=False)
    complainant_address = forms.CharField(label="通信地址", max_length=200, required=False)

    def __init__(self, *args, search_url: str = "", oversize=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.oversize = list(oversize)
        self.fields["institution_name"].widget.attrs["hx-get"] = search_url
        limit = max_attachments()
        self.fields[
            "attachments"
        ].help_text = (
            f"JPG、PNG 图片或 PDF，最多 {limit} 个，每个不超过 {_mb()}MB；提交未成功时需重新选择附件"
        )

    def clean_occurred_on(self):
        day = self.cleaned_data.get("occurred_on")
        if day and day > timezone.localdate():
            raise forms.ValidationError("发生日期不能晚于今天")
        return day

    def clean_complainant_phone(self):
        phone = re.sub(r"[\s]", "", self.cleaned_data.get("complainant_phone", ""))
        if phone and not PHONE.match(phone):
            raise forms.ValidationError("请填写正确的手机号码或固定电话")
        return phone

    def clean_attachments(self):
        files = self.cleaned_data.get("attachments") or []
        errors = [f"附件“{name}”超过 {_mb()}MB 的大小限制" for name in self.oversize]
        if len(files) + len(self.oversize) > max_attachments():
            errors.append(f"附件最多 {max_attachments()} 个")
        checked = []
        for upload in files:
            try:
                checked.append(check_file(upload))
            except ValueError as exc:
                errors.append(str(exc))
        if errors:
            raise forms.ValidationError(errors)
        return checked

    def clean(self):
        data = super().clean()
        if data.get("identity") == "named":
            if not data.get("complainant_name", "").strip():
                self.add_error("complainant_name", "实名投诉请填写姓名")
            if not data.get("complainant_phone") and "complainant_phone" not in self.errors:
                self.add_error("complainant_phone", "实名投诉请填写联系电话")
        return data

    def intake_kwargs(self) -> dict:
        d = self.cleaned_data
        named = d["identity"] == "named"
        return {
            "matter_type": d["matter_type"],
            "content": d["content"],
            "institution_name": d["institution_name"],
            "institution_address": d.get("institution_address", ""),
            "street": d.get("street"),
            "occurred_on": d.get("occurred_on"),
            "is_anonymous": not named,
            "complainant_name": d.get("complainant_name", "") if named else "",
            "complainant_phone": d.get("complainant_phone", "") if named else "",
            "complainant_address": d.get("complainant_address", "") if named else "",
            "attachments": d.get("attachments") or [],
        }


def _mb() -> int:
    from eduenforce.core import config

    return config.get("complaints.max_attachment_mb")


class PublicComplaintForm(ComplaintFields):
    challenge_answer = forms.CharField(
        label="验证题",
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )
    challenge_token = forms.CharField(widget=forms.HiddenInput)
    website = forms.CharField(
        label="请勿填写此项",
        required=False,
        widget=forms.TextInput(attrs={"tabindex": "-1", "autocomplete": "off"}),
    )

    field_order = [
        "matter_type",
        "institution_name",
        "institution_address",
        "street",
        "occurred_on",
        "content",
        "attachments",
        "identity",
        "complainant_name",
        "complainant_phone",
        "complainant_address",
        "challenge_answer",
        "challenge_token",
        "website",
    ]

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError("提交未通过校验")
        return ""

    def clean(self):
        data = super().clean()
        try:
            self.challenge_nonce = antispam.check(
                data.get("challenge_token", ""), data.get("challenge_answer", "")
            )
        except antispam.ChallengeFailed as exc:
            self.add_error("challenge_answer", exc.message)
        return data

    def renew_challenge_if_needed(self) -> None:
        """After a failed submission: keep a still-good challenge, otherwise ask a new one."""
        token = self.data.get("challenge_token", "")
        if "challenge_answer" not in self.errors and antispam.token_is_usable(token):
            return
        _question, token = antispam.new_challenge()
        self.data = self.data.copy()
        self.data["challenge_token"], self.data["challenge_answer"] = token, ""

    @property
    def question(self) -> str:
        token = self.data.get("challenge_token") if self.is_bound else self.initial.get("challenge_token")
        try:
            return antispam.question_for(token)
        except Exception:  # a tampered token: the next render asks a new question
            return ""


class StaffComplaintForm(ComplaintFields):
    source = forms.ChoiceField(label="来源", choices=[(s.value, s.label) for s in STAFF_SOURCES])
    source_reference = forms.CharField(
        label="来源编号",
        max_length=60,
        required=False,
        help_text="12345 热线工单号，或转办部门的文号；转办件必填",
    )
    source_department = forms.ModelChoiceField(
        label="转办部门", required=False, queryset=Department.objects.exclude(kind="section")
    )
    received_at = forms.DateTimeField(
        label="收到时间",
        required=False,
        widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="默认为现在",
    )

    field_order = ["source", "source_reference", "source_department", "received_at"]

    def clean_received_at(self):
        value = self.cleaned_data.get("received_at")
        if value and value > timezone.now():
            raise forms.ValidationError("收到时间不能晚于现在")
        return value

    def clean(self):
        data = super().clean()
        source = data.get("source")
        if source in (Source.DEPARTMENT, Source.HOTLINE) and not data.get("source_reference", "").strip():
            self.add_error("source_reference", "转办件请填写来源编号")
        if source == Source.DEPARTMENT and not data.get("source_department"):
            self.add_error("source_department", "请选择转办部门")
        return data

    def intake_kwargs(self) -> dict:
        d = self.cleaned_data
        return {
            **super().intake_kwargs(),
            "source": d["source"],
            "source_reference": d.get("source_reference", ""),
            "source_department": d.get("source_department") if d["source"] == Source.DEPARTMENT else None,
            "received_at": d.get("received_at"),
        }


NOTICE = forms.ChoiceField(
    label="告知投诉人方式",
    required=False,
    choices=[("", "—")] + NoticeChannel.choices,
    help_text="实名投诉必选",
)


class AcceptForm(forms.Form):
    notice_channel = NOTICE


class RejectForm(forms.Form):
    reason = forms.CharField(label="不予受理理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
    notice_channel = NOTICE


class AssignForm(forms.Form):
    handler = forms.ModelChoiceField(label="承办人", queryset=User.objects.none())

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["handler"].queryset = User.objects.filter(
            is_active=True, role__in=["officer", "section_head"]
        ).order_by("name", "username")


class ExtendForm(forms.Form):
    days = forms.IntegerField(label="延长天数", min_value=1)
    reason = forms.CharField(label="延期理由", widget=forms.Textarea(attrs={"rows": 2}), max_length=1000)
    notice_channel = NOTICE

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        cap = rule("complaint_extension").number
        self.fields["days"].max_value = cap
        self.fields["days"].validators.append(_max_validator(cap))
        self.fields["days"].help_text = f"只能延期一次，最多 {cap} 天"


def _max_validator(cap):
    from django.core.validators import MaxValueValidator

    return MaxValueValidator(cap, f"最多延长 {cap} 天")


class LinkInstitutionForm(forms.Form):
    institution_name = forms.CharField(label="监管对象名称（须与登记名称一致）", max_length=120)


class InspectionForm(forms.Form):
    item = forms.ModelChoiceField(label="检查事项", queryset=None)
    planned_date = forms.DateField(label="计划检查日期", widget=forms.DateInput(attrs={"type": "date"}))
    officers = forms.ModelMultipleChoiceField(label="检查人员（第一位为主办，至少 2 名）", queryset=None)
    urgent = forms.BooleanField(label="紧急检查（先行实施、事后补办审批）", required=False)
    urgent_reason = forms.CharField(label="紧急事由", max_length=200, required=False)
    cap_reason = forms.CharField(
        label="超频次检查理由",
        max_length=200,
        required=False,
        help_text="仅在超过涉企检查年度频次上限时填写，报科室负责人审批",
    )

    def __init__(self, *args, **kwargs):
        from eduenforce.officers.models import Officer
        from eduenforce.planning.models import EnforcementItem

        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = EnforcementItem.objects.published()
        self.fields["officers"].queryset = Officer.objects.certified_on(timezone.localdate())

    def clean_planned_date(self):
        day = self.cleaned_data["planned_date"]
        if day < timezone.localdate():
            raise forms.ValidationError("计划检查日期不能早于今天")
        return day

    def ordered_officers(self):
        """The officers in the order chosen (the first leads)."""
        chosen = [str(pk) for pk in self.data.getlist("officers")]
        by_pk = {str(o.pk): o for o in self.cleaned_data["officers"]}
        return [by_pk[pk] for pk in chosen if pk in by_pk]


class LeadForm(forms.Form):
    summary = forms.CharField(label="线索摘要", widget=forms.Textarea(attrs={"rows": 3}), max_length=2000)


class ReferForm(forms.Form):
    to_department = forms.ModelChoiceField(
        label="接收单位", queryset=Department.objects.filter(kind="partner")
    )
    subject = forms.CharField(label="移送事项", max_length=200)
    content = forms.CharField(
        label="情况说明（不得含投诉人身份信息）", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000
    )


class ReplyForm(forms.Form):
    finding = forms.ChoiceField(label="核查结论", choices=[("", "请选择")] + Finding.choices)
    text = forms.CharField(label="答复内容", widget=forms.Textarea(attrs={"rows": 5}), max_length=5000)
    notice_channel = NOTICE


class RateForm(forms.Form):
    satisfaction = forms.ChoiceField(label="满意度", choices=[("", "请选择")] + Satisfaction.choices)
    comment = forms.CharField(
        label="意见建议", required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class LookupForm(forms.Form):
    tracking_number = forms.CharField(
        label="受理编号",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    code = forms.CharField(
        label="查询码",
        max_length=20,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )


class StatsForm(forms.Form):
    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)

    def year_or_current(self) -> int:
        if self.is_valid() and self.cleaned_data.get("year"):
            return self.cleaned_data["year"]
        return date.today().year
