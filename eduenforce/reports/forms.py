from django import forms

from eduenforce.reports.models import AnnualReport


class PeriodForm(forms.Form):
    """The period selector (GET): a year, optionally a quarter or a month, or a custom range."""

    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100, required=False)
    quarter = forms.TypedChoiceField(
        label="季度",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "全年")] + [(q, f"第{q}季度") for q in range(1, 5)],
    )
    month = forms.TypedChoiceField(
        label="月份",
        required=False,
        coerce=int,
        empty_value=None,
        choices=[("", "—")] + [(m, f"{m}月") for m in range(1, 13)],
    )
    start = forms.DateField(label="自", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="至", required=False, widget=forms.DateInput(attrs={"type": "date"}))


class NarrativeForm(forms.ModelForm):
    """The narrative sections; the text is sanitised by ``actions.save_narrative``."""

    class Meta:
        model = AnnualReport
        fields = ["opening", "plan_notes", "measures", "results", "problems", "next_steps"]
        widgets = {name: forms.Textarea(attrs={"rows": 8, "data-richtext": "1"}) for name in fields}
        help_texts = {
            "measures": "可用 {{ 指标代码 }} 引用统计数据，例如 {{ joint_random_person_times }}。",
            "problems": "数据发现的问题在下方逐项采纳；此处填写其他问题。",
        }


class ReasonForm(forms.Form):
    reason = forms.CharField(label="理由", max_length=300, widget=forms.Textarea(attrs={"rows": 2}))
