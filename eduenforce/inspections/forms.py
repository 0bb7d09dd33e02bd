from django import forms
from django.utils import timezone

from eduenforce.accounts.models import Department
from eduenforce.inspections.choices import HazardSeverity, OutcomeKind, TaskSource
from eduenforce.officers.models import Officer
from eduenforce.planning.choices import HazardCategory
from eduenforce.planning.models import Campaign, EnforcementItem
from eduenforce.registry.models import Institution

DATE = forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")


class TaskForm(forms.Form):
    """新建检查任务 (sources other than a draw; draws call ``services.create_task`` directly)."""

    institution = forms.ModelChoiceField(Institution.objects.operating(), label="检查对象")
    item = forms.ModelChoiceField(EnforcementItem.objects.published(), label="检查事项")
    source = forms.ChoiceField(
        label="任务来源",
        choices=[
            (v, label)
            for v, label in TaskSource.choices
            if v not in (TaskSource.RANDOM, TaskSource.REINSPECTION)
        ],
    )
    source_ref = forms.CharField(
        label="来源编号", required=False, max_length=80, help_text="如投诉编号、案件编号（可不填）"
    )
    campaign = forms.ModelChoiceField(Campaign.objects.all(), label="所属专项检查", required=False)
    planned_date = forms.DateField(label="计划检查日期", widget=DATE)
    officers = forms.ModelMultipleChoiceField(
        Officer.objects.filter(status="active"),
        label="检查人员",
        help_text="至少 2 名持有效行政执法证的执法人员，第一位为主办",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    partner_departments = forms.ModelMultipleChoiceField(
        Department.objects.filter(kind="partner"),
        required=False,
        label="联合检查部门",
        widget=forms.CheckboxSelectMultiple,
    )
    urgent = forms.BooleanField(label="紧急检查（先实施、后补办审批）", required=False)
    urgent_reason = forms.CharField(label="紧急事由", required=False, max_length=300)
    cap_reason = forms.CharField(
        label="超频次检查理由",
        required=False,
        max_length=300,
        help_text="仅当本年度检查次数已达涉企检查事项的频次上限时填写",
    )
    note = forms.CharField(
        label="任务说明", required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )
    submit_now = forms.BooleanField(label="保存后立即提交审批", required=False, initial=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officers"].label_from_instance = lambda o: f"{o.name}（{o.department.display_name}）"
        self.fields["officers"].queryset = self.fields["officers"].queryset.select_related("department")

    def clean_planned_date(self):
        planned = self.cleaned_data["planned_date"]
        if planned < timezone.localdate():
            raise forms.ValidationError("计划检查日期不能早于今天")
        return planned

    def clean(self):
        data = super().clean()
        if data.get("urgent") and not (data.get("urgent_reason") or "").strip():
            self.add_error("urgent_reason", "紧急检查须说明紧急事由")
        return data


class NoteForm(forms.Form):
    note = forms.CharField(
        label="意见/理由", required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )


class PartnerForm(forms.Form):
    department = forms.ModelChoiceField(Department.objects.filter(kind="partner"), label="所属部门")
    name = forms.CharField(label="姓名", max_length=50)
    position = forms.CharField(label="职务", max_length=50, required=False)


class HazardForm(forms.Form):
    category = forms.ChoiceField(label="隐患类别", choices=HazardCategory.choices)
    severity = forms.ChoiceField(
        label="严重程度", choices=HazardSeverity.choices, initial=HazardSeverity.GENERAL
    )
    description = forms.CharField(label="隐患描述", max_length=5000, widget=forms.Textarea(attrs={"rows": 2}))
    location = forms.CharField(label="位置", max_length=200, required=False)
    rectified_on_spot = forms.BooleanField(label="已现场整改", required=False)
    spot_measure = forms.CharField(label="现场整改措施", max_length=300, required=False)

    def clean(self):
        data = super().clean()
        if data.get("rectified_on_spot") and not (data.get("spot_measure") or "").strip():
            self.add_error("spot_measure", "已现场整改的，请写明现场整改措施")
        return data


class EvidenceUploadForm(forms.Form):
    file = forms.FileField(label="照片/文件", widget=forms.ClearableFileInput())
    description = forms.CharField(label="说明", max_length=200, required=False)


class OrderForm(forms.Form):
    hazards = forms.ModelMultipleChoiceField(
        queryset=None, label="限期整改的隐患", widget=forms.CheckboxSelectMultiple
    )
    due_on = forms.DateField(label="整改期限", widget=DATE, help_text="须为今天之后的工作日")
    requirements = forms.CharField(
        label="整改要求", widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )
    legal_basis = forms.CharField(label="法律依据", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000)

    def __init__(self, *args, hazards, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hazards"].queryset = hazards
        self.fields["hazards"].label_from_instance = lambda h: (
            f"【{h.get_category_display()}】{h.description}"
        )


class ReinspectionForm(forms.Form):
    officers = forms.ModelMultipleChoiceField(
        Officer.objects.filter(status="active"),
        label="复查人员",
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    planned_date = forms.DateField(label="复查日期", widget=DATE)

    def clean_planned_date(self):
        planned = self.cleaned_data["planned_date"]
        if planned < timezone.localdate():
            raise forms.ValidationError("复查日期不能早于今天")
        return planned


class ConclusionForm(forms.Form):
    """One yes/no per hazard of the order, plus a note."""

    note = forms.CharField(
        label="复查意见", required=False, max_length=300, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(self, *args, hazards, **kwargs):
        super().__init__(*args, **kwargs)
        self.hazards = list(hazards)
        for h in self.hazards:
            self.fields[f"hazard_{h.pk}"] = forms.ChoiceField(
                label=f"【{h.get_category_display()}】{h.description}",
                widget=forms.RadioSelect,
                choices=[("1", "已整改"), ("0", "未整改")],
            )

    def results(self) -> dict:
        return {h.pk: self.cleaned_data[f"hazard_{h.pk}"] == "1" for h in self.hazards}


class OutcomeForm(forms.Form):
    kind = forms.ChoiceField(label="移送事由", choices=OutcomeKind.choices)
    legal_basis = forms.CharField(
        label="涉嫌违反的法律依据", widget=forms.Textarea(attrs={"rows": 2}), max_length=2000
    )
    reason = forms.CharField(
        label="检查发现的违法事实", widget=forms.Textarea(attrs={"rows": 3}), max_length=3000
    )
    decided_on = forms.DateField(label="移送日期", widget=DATE)


class CorrectionForm(forms.Form):
    reason = forms.CharField(label="更正理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
