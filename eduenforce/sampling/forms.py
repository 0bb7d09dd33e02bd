from django import forms
from django.utils import timezone

from eduenforce.sampling.actions import MAX_ENTROPY


class RunDrawForm(forms.Form):
    public_entropy = forms.CharField(
        label="公开随机数",
        max_length=MAX_ENTROPY,
        required=False,
        help_text="在承诺值公布之后才确定、任何人都能查到的数值，例如事先公告日期的体育彩票开奖号码",
        error_messages={"max_length": f"公开随机数不能超过 {MAX_ENTROPY} 个字符"},
    )

    def __init__(self, *args, draw=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.partners: list[tuple[str, str]] = []
        if draw is None or not draw.is_v2:
            return
        source = draw.entropy_source
        entropy = self.fields["public_entropy"]
        entropy.label = f"公开随机数：{source.get('name')}（{source.get('date')}）"
        entropy.help_text = (
            f"事先公布的随机源的数值，格式：{source.get('format')}，例如 {source.get('example')}"
        )
        for i, party in enumerate(draw.parties[1:], start=1):
            name = f"share_{i}"
            self.fields[name] = forms.CharField(
                label=f"“{party['party']}”公开的种子份额",
                max_length=64,
                required=False,
                help_text=f"其承诺值 {party['commitment']}",
            )
            self.partners.append((name, party["party"]))

    def shares(self) -> dict[str, str]:
        return {party: self.cleaned_data.get(name, "") for name, party in self.partners}


class RedrawRequestForm(forms.Form):
    reason = forms.CharField(
        label="重抽理由",
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": "申请重抽须说明理由", "max_length": "重抽理由不能超过 300 字"},
    )


class ApproveRedrawForm(forms.Form):
    draw_date = forms.DateField(
        label="重抽日期",
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        error_messages={"required": "请填写重抽日期", "invalid": "日期格式不正确"},
    )
    note = forms.CharField(label="审批意见", max_length=300, required=False)

    def clean_draw_date(self):
        day = self.cleaned_data["draw_date"]
        if day < timezone.localdate():
            raise forms.ValidationError("重抽日期不能早于今天：新的承诺值必须在抽取之前公布")
        return day


class RejectRedrawForm(forms.Form):
    note = forms.CharField(
        label="不批准理由", max_length=300, error_messages={"required": "请填写不批准的理由"}
    )
