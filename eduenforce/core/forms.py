from django import forms

from eduenforce.core import config
from eduenforce.core.models import CalendarDay, DeadlineRule


class CalendarDayForm(forms.ModelForm):
    class Meta:
        model = CalendarDay
        fields = ["date", "kind", "name"]
        widgets = {"date": forms.DateInput(attrs={"type": "date"})}
        error_messages = {"date": {"unique": "该日期已有调整记录"}}


class DeadlineRuleForm(forms.ModelForm):
    class Meta:
        model = DeadlineRule
        fields = ["name", "number", "day_type", "basis", "note"]


class SettingsForm(forms.Form):
    """One field per configurable parameter, pre-filled with its current value."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for key, param in config.PARAMETERS.items():
            field_class = forms.IntegerField if param.kind is int else forms.CharField
            extra = {"min_value": 0} if param.kind is int else {"max_length": 40}
            self.fields[key] = field_class(label=param.label, initial=config.get(key), **extra)

    def changed_values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v != config.get(k)}
