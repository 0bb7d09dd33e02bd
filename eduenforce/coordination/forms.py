from django import forms
from django.utils import timezone

from eduenforce.accounts.models import Department, User

DATE = {"widget": forms.DateInput(attrs={"type": "date"})}
ACTION_ROWS = 3


def partners():
    return Department.objects.filter(kind="partner")


class SeriesForm(forms.Form):
    name = forms.CharField(label="会议名称", max_length=100, initial="校外培训监管联席会议")
    purpose = forms.CharField(label="会议职责", required=False, widget=forms.Textarea(attrs={"rows": 2}))
    interval_months = forms.IntegerField(
        label="召开周期（月）", min_value=1, max_value=12, required=False, help_text="默认每月召开一次"
    )
    default_place = forms.CharField(label="默认地点", max_length=100, required=False)
    departments = forms.ModelMultipleChoiceField(
        label="成员单位",
        queryset=Department.objects.exclude(kind="street"),
        widget=forms.CheckboxSelectMultiple,
    )
    first_meeting_on = forms.DateField(label="首次会议日期", required=False, **DATE)


class ScheduleForm(forms.Form):
    scheduled_on = forms.DateField(label="计划日期", **DATE)
    place = forms.CharField(label="地点", max_length=100, required=False)


class AgendaForm(forms.Form):
    title = forms.CharField(label="议题", max_length=200)
    description = forms.CharField(label="说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class AttendanceForm(forms.Form):
    department = forms.ModelChoiceField(label="单位", queryset=Department.objects.exclude(kind="street"))
    attendees = forms.CharField(
        label="参会人员", max_length=200, required=False, help_text="姓名、职务，多人用顿号分隔"
    )
    present = forms.BooleanField(label="出席", required=False, initial=True)


class HoldForm(forms.Form):
    held_on = forms.DateField(label="召开日期", **DATE)
    chair = forms.CharField(label="主持人", max_length=50)
    recorder = forms.CharField(label="记录人", max_length=50, required=False)
    minutes = forms.CharField(
        label="会议纪要（可稍后完善）", required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class MinutesForm(forms.Form):
    minutes = forms.CharField(label="会议纪要", widget=forms.Textarea(attrs={"rows": 8}))


class DecisionForm(forms.Form):
    """A decision and up to three action items (title, owning department, due date) per row."""

    text = forms.CharField(label="议定事项", widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        departments = Department.objects.exclude(kind="street")
        for i in range(1, ACTION_ROWS + 1):
            self.fields[f"item{i}_title"] = forms.CharField(
                label=f"督办事项 {i}", max_length=200, required=False
            )
            self.fields[f"item{i}_department"] = forms.ModelChoiceField(
                label=f"责任单位 {i}", required=False, queryset=departments
            )
            self.fields[f"item{i}_due_on"] = forms.DateField(label=f"完成时限 {i}", required=False, **DATE)

    def clean(self):
        data = super().clean()
        for i in range(1, ACTION_ROWS + 1):
            parts = [data.get(f"item{i}_title"), data.get(f"item{i}_department"), data.get(f"item{i}_due_on")]
            if any(parts) and not all(parts):
                self.add_error(f"item{i}_title", f"督办事项 {i}：请同时填写事项、责任单位和完成时限")
        return data

    def actions(self) -> list[tuple]:
        d = self.cleaned_data
        return [
            (d[f"item{i}_title"], d[f"item{i}_department"], d[f"item{i}_due_on"])
            for i in range(1, ACTION_ROWS + 1)
            if d.get(f"item{i}_title")
        ]


class ReasonForm(forms.Form):
    reason = forms.CharField(label="原因", max_length=200)


class NoteForm(forms.Form):
    note = forms.CharField(label="进展或结果说明", required=False, widget=forms.Textarea(attrs={"rows": 2}))


class OperationForm(forms.Form):
    name = forms.CharField(label="行动名称", max_length=120)
    goal = forms.CharField(label="行动目标", widget=forms.Textarea(attrs={"rows": 2}))
    starts_on = forms.DateField(label="开始日期", **DATE)
    ends_on = forms.DateField(label="结束日期", **DATE)
    lead_department = forms.ModelChoiceField(
        label="牵头单位", queryset=Department.objects.filter(kind="section")
    )
    procedure = forms.CharField(
        label="执法流程",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="集合、分组、现场检查、问题处置、信息报送等步骤",
    )

    def clean(self):
        data = super().clean()
        if data.get("starts_on") and data.get("ends_on") and data["ends_on"] < data["starts_on"]:
            self.add_error("ends_on", "结束日期不能早于开始日期")
        return data


class PlanForm(forms.Form):
    goal = forms.CharField(label="行动目标", widget=forms.Textarea(attrs={"rows": 2}))
    starts_on = forms.DateField(label="开始日期", **DATE)
    ends_on = forms.DateField(label="结束日期", **DATE)
    procedure = forms.CharField(label="执法流程", required=False, widget=forms.Textarea(attrs={"rows": 4}))


class OperationDepartmentForm(forms.Form):
    department = forms.ModelChoiceField(label="参与单位", queryset=Department.objects.exclude(kind="street"))
    duties = forms.CharField(label="职责分工", widget=forms.Textarea(attrs={"rows": 2}))
    contact = forms.CharField(label="现场联系人", max_length=100, required=False)


class LinkTaskForm(forms.Form):
    number = forms.CharField(label="检查任务编号", max_length=40)


class ReviewForm(forms.Form):
    summary = forms.CharField(label="行动总结", widget=forms.Textarea(attrs={"rows": 4}))
    lessons = forms.CharField(label="经验教训与改进措施", widget=forms.Textarea(attrs={"rows": 3}))


class ReferralForm(forms.Form):
    from_department = forms.ModelChoiceField(label="移送单位", queryset=Department.objects.none())
    to_department = forms.ModelChoiceField(label="接收单位", queryset=Department.objects.none())
    subject = forms.CharField(label="移送事项", max_length=200)
    content = forms.CharField(label="情况说明", widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        if user.role == "liaison":
            # A partner department refers matters to the bureau.
            self.fields["from_department"].queryset = Department.objects.filter(pk=user.department_id)
            self.fields["from_department"].initial = user.department_id
            self.fields["to_department"].queryset = Department.objects.filter(kind="section")
        else:
            self.fields["from_department"].queryset = Department.objects.filter(kind="section")
            self.fields["from_department"].initial = user.department_id
            self.fields["to_department"].queryset = Department.objects.exclude(kind="street")


class ResultForm(forms.Form):
    result = forms.CharField(label="办理结果", widget=forms.Textarea(attrs={"rows": 3}))


class LiaisonForm(forms.Form):
    department = forms.ModelChoiceField(label="合作部门", queryset=Department.objects.filter(kind="partner"))
    name = forms.CharField(label="联络员", max_length=50)
    position = forms.CharField(label="职务", max_length=50, required=False)
    phone = forms.CharField(label="联系电话", max_length=20)
    email = forms.EmailField(label="电子邮箱", required=False)
    deputy_name = forms.CharField(label="副联络员（B角）", max_length=50, required=False)
    deputy_phone = forms.CharField(label="副联络员电话", max_length=20, required=False)
    appointed_from = forms.DateField(label="任期自", initial=timezone.localdate, **DATE)
    appointed_to = forms.DateField(label="任期至", required=False, **DATE)
    user = forms.ModelChoiceField(
        label="平台账号（可选）", required=False, queryset=User.objects.filter(role="liaison", is_active=True)
    )
