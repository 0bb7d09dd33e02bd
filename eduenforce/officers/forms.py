from django import forms
from django.contrib.auth import get_user_model

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.accounts.models import Department
from eduenforce.officers.choices import CertificateState, OfficerStatus, TrainingKind
from eduenforce.officers.models import Officer
from eduenforce.registry import validators as v

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _departments():
    return Department.objects.filter(kind__in=[DepartmentKind.SECTION, DepartmentKind.PARTNER])


class OfficerForm(forms.ModelForm):
    photo = forms.ImageField(label="照片", required=False, help_text="JPG/PNG，5 MB 以内；公开查验页面会显示")

    class Meta:
        model = Officer
        fields = ["name", "department", "position", "user", "legal_qualification_number", "photo"]
        help_texts = {"legal_qualification_number": "持有法律职业资格的人员方可担任首次法制审核人员"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _departments()
        users = get_user_model().objects.filter(is_active=True).filter(officer__isnull=True)
        if self.instance.pk and self.instance.user_id:
            users = users | get_user_model().objects.filter(pk=self.instance.user_id)
        self.fields["user"].queryset = users.order_by("username")
        self.fields["user"].required = False

    def clean_photo(self):
        photo = self.cleaned_data.get("photo")
        # Only a newly uploaded file is re-encoded by the action; the stored one stays as it is.
        return photo if photo and hasattr(photo, "content_type") else None


def _account_roles():
    from eduenforce.accounts.actions import OFFICER_ACCOUNT_ROLES

    return [(r.value, r.label) for r in OFFICER_ACCOUNT_ROLES]


class AccountForm(forms.Form):
    """The sign-in account of an officer (opened by the section head; 三员分立 limits the roles)."""

    username = forms.CharField(label="用户名", max_length=150)
    password = forms.CharField(
        label="初始密码",
        widget=forms.PasswordInput,
        strip=False,
        help_text="至少 8 位，含大写字母、小写字母、数字、特殊字符中的 3 类；请当面告知本人",
    )
    role = forms.ChoiceField(label="角色", choices=_account_roles)


class OfficerCreateForm(OfficerForm):
    """Registering an officer offers the account at once, so a drawn or assigned officer can sign in."""

    open_account = forms.BooleanField(label="同时开通登录账号", required=False, initial=True)
    username = forms.CharField(label="用户名", max_length=150, required=False)
    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, strip=False, required=False)
    role = forms.ChoiceField(label="账号角色", choices=_account_roles, required=False)

    ACCOUNT_FIELDS = ("open_account", "username", "password", "role")

    def clean(self):
        data = super().clean()
        if data.get("open_account"):
            if data.get("user"):
                self.add_error("open_account", "已选择关联账号，无需再开通新账号")
            for name in ("username", "password"):
                if not data.get(name):
                    self.add_error(name, "开通账号须填写此项")
        return data

    def officer_fields(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if k not in self.ACCOUNT_FIELDS}

    def account_fields(self) -> dict | None:
        data = self.cleaned_data
        if not data.get("open_account"):
            return None
        return {
            "username": data["username"],
            "password": data["password"],
            "role": data.get("role") or "officer",
        }


class StatusForm(forms.Form):
    to = forms.ChoiceField(label="变更为", choices=OfficerStatus.choices)
    reason = forms.CharField(label="事由", max_length=200, widget=forms.Textarea(attrs={"rows": 2}))


class CertificateForm(forms.Form):
    number = forms.CharField(label="执法证号", max_length=40)
    issuing_authority = forms.CharField(label="发证机关", max_length=80, initial="天津市人民政府")
    valid_from = forms.DateField(label="有效期自", widget=DATE)
    valid_to = forms.DateField(label="有效期至", widget=DATE)

    def clean_number(self):
        try:
            return v.certificate_number(self.cleaned_data["number"])
        except v.Invalid as e:
            raise forms.ValidationError(e.reason) from None

    def clean(self):
        data = super().clean()
        if data.get("valid_from") and data.get("valid_to") and data["valid_to"] < data["valid_from"]:
            self.add_error("valid_to", "有效期至早于有效期自")
        return data


class ReasonForm(forms.Form):
    reason = forms.CharField(label="事由", max_length=200, widget=forms.Textarea(attrs={"rows": 2}))


class TrainingForm(forms.Form):
    kind = forms.ChoiceField(label="类别", choices=TrainingKind.choices)
    course = forms.CharField(label="课程/考试名称", max_length=100)
    date = forms.DateField(label="日期", widget=DATE)
    hours = forms.DecimalField(label="学时", min_value=0, max_value=200, decimal_places=1)
    result = forms.CharField(label="考核结果", max_length=20, required=False, help_text="如：合格、92分")


class ConflictForm(forms.Form):
    credit_code = forms.CharField(label="机构统一社会信用代码", max_length=18)
    relation = forms.CharField(label="关系", max_length=50, help_text="如：配偶任该机构法定代表人")
    reason = forms.CharField(label="事由", max_length=200, required=False)
    valid_from = forms.DateField(label="起始日期", widget=DATE)
    valid_to = forms.DateField(label="截止日期", required=False, widget=DATE, help_text="留空表示持续有效")

    def clean_credit_code(self):
        from eduenforce.registry.models import Institution

        try:
            code = v.credit_code(self.cleaned_data["credit_code"])
        except v.Invalid as e:
            raise forms.ValidationError(e.reason) from None
        institution = Institution.objects.filter(credit_code=code).first()
        if institution is None:
            raise forms.ValidationError("监管对象名录中没有该代码的机构")
        self.institution = institution
        return code


class EndConflictForm(forms.Form):
    on = forms.DateField(label="终止日期", widget=DATE)


class OfficerFilterForm(forms.Form):
    q = forms.CharField(
        label="搜索",
        required=False,
        max_length=40,
        widget=forms.TextInput(attrs={"placeholder": "姓名或执法证号"}),
    )
    department = forms.ModelChoiceField(
        label="部门", required=False, queryset=Department.objects.none(), empty_label="全部部门"
    )
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部状态"), *OfficerStatus.choices]
    )
    certified = forms.ChoiceField(
        label="持证",
        required=False,
        choices=[("", "全部"), ("yes", "今日持有效证件"), ("no", "今日无有效证件")],
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = _departments()


CERTIFICATE_ACTIONS = {
    "suspend": ("暂扣执法证", "suspend", [CertificateState.VALID]),
    "reinstate": ("恢复执法证", "reinstate", [CertificateState.SUSPENDED]),
    "revoke": ("注销执法证", "revoke", [CertificateState.VALID, CertificateState.SUSPENDED]),
}
