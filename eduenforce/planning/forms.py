import re
from decimal import Decimal

from django import forms

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.accounts.models import Department
from eduenforce.planning.models import (
    AnnualPlan,
    Campaign,
    ChecklistPoint,
    EnforcementItem,
    PlanLine,
    RequiredDepartment,
    SamplingPlan,
    Stratum,
)
from eduenforce.registry.choices import InstitutionKind, RiskClass

_PERCENT_HELP = "按百分比填写，例如 5 表示 5%；与“数量”二选一"


_CODE = re.compile(r"^[^/\s?#%]+$")


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, **kwargs):
        super().__init__(format="%Y-%m-%d", **kwargs)


class ItemForm(forms.ModelForm):
    object_kinds = forms.MultipleChoiceField(
        label="适用对象类型", choices=InstitutionKind.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = EnforcementItem
        fields = [
            "code",
            "list_kind",
            "name",
            "legal_basis",
            "section",
            "object_kinds",
            "method",
            "is_random",
            "is_enterprise",
            "annual_cap",
            "change_note",
        ]
        widgets = {"legal_basis": forms.Textarea(attrs={"rows": 3})}
        error_messages = {
            "code": {"required": "请填写事项编码"},
            "name": {"required": "请填写事项名称"},
            "legal_basis": {"required": "请填写法律依据"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["code"].help_text = "各版本共用的编码，公布后不可更改；不能含空格和“/”"
        self.fields["section"].queryset = Department.objects.filter(kind=DepartmentKind.SECTION)
        if self.instance.pk:
            self.fields["code"].disabled = True  # the code links every version of the item

    def clean(self):
        data = super().clean()
        code = data.get("code")
        if code and not self.instance.pk and not _CODE.match(code):
            self.add_error("code", "事项编码不能含空格、“/”、“?”、“#”或“%”")
        if code and not self.instance.pk and EnforcementItem.objects.filter(code=code).exists():
            self.add_error("code", "该事项编码已存在；修改已公布的事项请在原事项上“生成新版本”")
        if data.get("annual_cap") == 0:
            self.add_error("annual_cap", "年度检查上限须至少为 1 次，不限请留空")
        return data


class ChecklistPointForm(forms.ModelForm):
    class Meta:
        model = ChecklistPoint
        fields = ["order", "text", "legal_basis", "hazard_category", "required"]
        error_messages = {"text": {"required": "请填写检查内容"}, "order": {"required": "请填写序号"}}


class AnnualPlanForm(forms.ModelForm):
    class Meta:
        model = AnnualPlan
        fields = ["year", "title", "note"]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}
        error_messages = {"year": {"unique": "该年度已有执法检查计划"}}

    def clean_year(self):
        year = self.cleaned_data["year"]
        if not 2000 <= year <= 2100:
            raise forms.ValidationError("请填写正确的年度")
        return year


class PercentField(forms.DecimalField):
    """A ratio typed as a percentage (5 → 0.05), at most two decimals of a percent."""

    def __init__(self, **kwargs):
        super().__init__(
            min_value=Decimal("0.01"),
            max_value=Decimal("100"),
            max_digits=5,
            decimal_places=2,
            required=False,
            help_text=_PERCENT_HELP,
            **kwargs,
        )
        self.error_messages["min_value"] = "抽取比例须大于 0"
        self.error_messages["max_value"] = "抽取比例不能超过 100%%"


class _CountOrRatioMixin:
    def clean(self):
        data = super().clean()
        percent, count = data.get("percent"), data.get("count")
        if percent is None and count is None and not self.errors:
            raise forms.ValidationError("请填写抽取比例或数量（二选一）")
        if percent is not None and count is not None:
            raise forms.ValidationError("抽取比例和数量只能填写一项")
        self.instance.ratio = (percent / 100).quantize(Decimal("0.0001")) if percent is not None else None
        self.instance.count = count
        return data


class PlanLineForm(_CountOrRatioMixin, forms.ModelForm):
    percent = PercentField(label="计划比例（%）")
    count = forms.IntegerField(
        label="计划检查数", required=False, min_value=1, error_messages={"min_value": "计划检查数须至少为 1"}
    )

    class Meta:
        model = PlanLine
        fields = ["item", "object_kind", "quarter", "count", "note"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = EnforcementItem.objects.published()


class CampaignForm(forms.ModelForm):
    class Meta:
        model = Campaign
        fields = [
            "name",
            "year",
            "starts_on",
            "ends_on",
            "goal",
            "basis",
            "organizer",
            "partner_departments",
            "items",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "goal": forms.Textarea(attrs={"rows": 3}),
            "basis": forms.Textarea(attrs={"rows": 2}),
            "partner_departments": forms.CheckboxSelectMultiple,
            "items": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organizer"].queryset = Department.objects.filter(kind=DepartmentKind.SECTION)
        self.fields["partner_departments"].queryset = Department.objects.exclude(kind=DepartmentKind.SECTION)
        self.fields["items"].queryset = EnforcementItem.objects.published()

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "结束日期不能早于开始日期")
        year = data.get("year")
        if starts and year and starts.year != year:
            self.add_error("year", "年度须与开始日期所在年度一致")
        return data


class SamplingPlanForm(forms.ModelForm):
    class Meta:
        model = SamplingPlan
        fields = [
            "name",
            "year",
            "item",
            "starts_on",
            "ends_on",
            "draw_date",
            "planned_date",
            "kind",
            "officer_pool",
            "team_size",
            "max_assignments",
            "exclude_inspected_in_period",
            "note",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "draw_date": DateInput(),
            "planned_date": DateInput(),
            "note": forms.Textarea(attrs={"rows": 2}),
        }
        error_messages = {
            "team_size": {"min_value": "每组人数不得少于 2 人（行政处罚法第42条）"},
            "max_assignments": {"min_value": "任务上限须至少为 1，不限请留空"},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["item"].queryset = EnforcementItem.objects.random_checks()
        self.fields["item"].help_text = "仅列出已公布的随机抽查事项"

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_on"), data.get("ends_on")
        draw_date, planned = data.get("draw_date"), data.get("planned_date")
        if starts and ends and ends < starts:
            self.add_error("ends_on", "结束日期不能早于开始日期")
        if starts and ends and planned and not starts <= planned <= ends:
            self.add_error("planned_date", "计划检查日期须在检查期间内")
        if draw_date and planned and planned < draw_date:
            self.add_error("planned_date", "计划检查日期不能早于抽取日期")
        return data


class StratumForm(_CountOrRatioMixin, forms.ModelForm):
    kinds = forms.MultipleChoiceField(
        label="对象类型",
        choices=InstitutionKind.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="不选表示事项适用的全部类型",
    )
    risk_classes = forms.MultipleChoiceField(
        label="信用风险等级",
        choices=RiskClass.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="不选表示全部等级",
    )
    percent = PercentField(label="抽取比例（%）")
    count = forms.IntegerField(
        label="抽取数量", required=False, min_value=1, error_messages={"min_value": "抽取数量须至少为 1"}
    )

    class Meta:
        model = Stratum
        fields = ["order", "label", "kinds", "risk_classes", "streets", "count"]
        widgets = {"streets": forms.CheckboxSelectMultiple}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["streets"].queryset = Department.objects.filter(kind=DepartmentKind.STREET)
        self.fields["streets"].help_text = "不选表示全部街道"

    def clean_label(self):
        label = self.cleaned_data["label"].strip()
        if "|" in label:
            raise forms.ValidationError("分层名称不能含“|”（它是随机排序计算中的分隔符）")
        if self.plan and self.plan.strata.filter(label=label).exclude(pk=self.instance.pk).exists():
            raise forms.ValidationError("本计划已有同名分层")
        return label


class RequiredDepartmentForm(forms.ModelForm):
    class Meta:
        model = RequiredDepartment
        fields = ["department", "order"]

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.plan = plan
        self.fields["department"].queryset = Department.objects.all()

    def clean_department(self):
        department = self.cleaned_data["department"]
        if self.plan and self.plan.required_departments.filter(department=department).exists():
            raise forms.ValidationError("该部门已在列表中")
        return department


class ReasonForm(forms.Form):
    reason = forms.CharField(
        label="理由",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "请填写理由"},
    )


class NewVersionForm(forms.Form):
    change_note = forms.CharField(label="版本说明", max_length=300, required=False)
