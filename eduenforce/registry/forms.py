"""Forms of the registry pages. Field checks are the shared ``registry.validators``."""

from django import forms

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.accounts.models import Department
from eduenforce.registry import validators as v
from eduenforce.registry.choices import (
    PENALTY_STATUS,
    InstitutionKind,
    InstitutionStatus,
    LicenceState,
    RiskClass,
)
from eduenforce.registry.models import Institution

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


def _streets():
    return Department.objects.filter(kind=DepartmentKind.STREET).order_by("order", "name")


class ValidatedField:
    """Run a ``registry.validators`` function as a form field's clean step."""

    def __init__(self, check):
        self.check = check

    def __call__(self, value):
        try:
            return self.check(value)
        except v.Invalid as e:
            raise forms.ValidationError(e.reason) from None


class InstitutionForm(forms.ModelForm):
    """Registration details. Licence, status and risk class are set here only on creation."""

    class Meta:
        model = Institution
        fields = [
            "name",
            "kind",
            "credit_code",
            "street",
            "address",
            "scope",
            "legal_rep_name",
            "legal_rep_id_number",
            "phone",
            "founded",
            "risk_class",
            "status",
            "licence_number",
            "licence_issued",
            "licence_expires",
        ]
        widgets = {"founded": DATE, "licence_issued": DATE, "licence_expires": DATE}
        help_texts = {"scope": "如：线下 学科类；线上 非学科类", "credit_code": "18位，系统自动校验"}

    def __init__(self, *args, creating: bool = True, show_identity: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].queryset = _streets()
        self.fields["street"].empty_label = "请选择街道"
        if not creating:
            for name in ["risk_class", "status", "licence_number", "licence_issued", "licence_expires"]:
                del self.fields[name]
            if not show_identity:
                # A role without the identity right neither sees nor replaces the stored number.
                del self.fields["legal_rep_id_number"]

    def clean_credit_code(self):
        return ValidatedField(v.credit_code)(self.cleaned_data["credit_code"])

    def clean_legal_rep_id_number(self):
        return ValidatedField(v.id_number)(self.cleaned_data["legal_rep_id_number"])

    def clean_phone(self):
        return ValidatedField(v.phone)(self.cleaned_data["phone"])

    def clean(self):
        data = super().clean()
        issued, expires = data.get("licence_issued"), data.get("licence_expires")
        if issued and expires and expires < issued:
            self.add_error("licence_expires", "许可证有效期至早于发证日期")
        return data

    def validate_unique(self):
        pass  # uniqueness is the action's job (one message, and it runs under the row lock)


class InstitutionFilterForm(forms.Form):
    q = forms.CharField(
        label="搜索",
        required=False,
        max_length=60,
        widget=forms.TextInput(attrs={"placeholder": "名称 / 拼音首字母 / 统一社会信用代码"}),
    )
    kind = forms.ChoiceField(
        label="类型", required=False, choices=[("", "全部类型"), *InstitutionKind.choices]
    )
    street = forms.ModelChoiceField(
        label="街道", required=False, queryset=Department.objects.none(), empty_label="全部街道"
    )
    risk_class = forms.ChoiceField(
        label="风险等级", required=False, choices=[("", "全部等级"), *RiskClass.choices]
    )
    status = forms.ChoiceField(
        label="状态", required=False, choices=[("", "全部状态"), *InstitutionStatus.choices]
    )
    licence = forms.ChoiceField(
        label="许可证", required=False, choices=[("", "全部许可证状态"), *LicenceState.choices]
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["street"].queryset = _streets()


class ReasonForm(forms.Form):
    reason = forms.CharField(label="事由", max_length=200, widget=forms.Textarea(attrs={"rows": 3}))


class StatusForm(ReasonForm):
    to = forms.ChoiceField(
        label="变更为",
        choices=[(v, label) for v, label in InstitutionStatus.choices if v not in PENALTY_STATUS],
        help_text="停止招生、停办属于行政处罚，只能由已送达的行政处罚决定书写入（《行政处罚法》第九条、第三十八条）",
    )
    field_order = ["to", "reason"]


class RiskForm(ReasonForm):
    to = forms.ChoiceField(label="风险等级", choices=RiskClass.choices)
    field_order = ["to", "reason"]


class LicenceForm(forms.Form):
    """One form for the four licence actions; each view uses the fields its action needs."""

    licence_number = forms.CharField(label="许可证号", max_length=60, required=False)
    issued = forms.DateField(label="发证日期", required=False, widget=DATE)
    expires = forms.DateField(label="有效期至", required=False, widget=DATE)
    on = forms.DateField(label="决定日期", required=False, widget=DATE)
    note = forms.CharField(
        label="说明/事由", max_length=200, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    FIELDS = {
        "issue": ["licence_number", "issued", "expires", "note"],
        "renew": ["expires", "issued", "note"],
        "change": ["licence_number", "issued", "expires", "note"],
        "revoke": ["on", "note"],
    }

    def __init__(self, *args, action: str, **kwargs):
        super().__init__(*args, **kwargs)
        keep = self.FIELDS[action]
        for name in list(self.fields):
            if name not in keep:
                del self.fields[name]
        self.order_fields(keep)


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Excel 文件（.xlsx）", widget=forms.ClearableFileInput(attrs={"accept": ".xlsx"})
    )
    dry_run = forms.BooleanField(label="仅校验，不写入（试运行）", required=False)
