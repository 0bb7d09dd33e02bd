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
    """A statutory rule shows its count, day type and basis read-only (``core.deadline_rules``)."""

    class Meta:
        model = DeadlineRule
        fields = ["name", "number", "day_type", "basis", "note"]

    def __init__(self, *args, **kwargs):
        from eduenforce.core.deadline_rules import LOCKED, statutory

        super().__init__(*args, **kwargs)
        # A ModelForm fills the instance in clean(): the rule's values are read before it does.
        self._statutory = self.instance.pk is not None and statutory(self.instance)
        if self._statutory:
            for name in LOCKED:
                self.fields[name].disabled = True
                self.fields[name].help_text = "法定期限，不可修改"


class SettingsForm(forms.Form):
    """One field per parameter the user owns (三员分立), pre-filled with its current value."""

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        for param in config.owned_by(user):
            field_class = forms.IntegerField if param.kind is int else forms.CharField
            extra = {"min_value": 0} if param.kind is int else {"max_length": 40, "required": False}
            self.fields[param.key] = field_class(label=param.label, initial=config.get(param.key), **extra)

    def changed_values(self) -> dict:
        return {k: v for k, v in self.cleaned_data.items() if v != config.get(k)}


MAX_TABLE_BYTES = 64 * 1024


class CalendarBulkForm(forms.Form):
    """A year's holidays and make-up workdays: pasted (the notice, or a table) or uploaded."""

    year = forms.IntegerField(label="年度", min_value=2000, max_value=2100)
    text = forms.CharField(
        label="放假调休安排",
        required=False,
        widget=forms.Textarea(
            attrs={
                "rows": 10,
                "placeholder": "粘贴国务院办公厅通知原文，如“一、元旦：1月1日（周五）至3日（周日）放假调休，共3天。”\n"
                "或逐行填写：2027-02-05 至 2027-02-11 休 春节 / 2027-02-14 班 春节调休",
            }
        ),
        help_text="每行一条；类型写“休”（放假）或“班”（上班）。",
    )
    table = forms.FileField(
        label="或上传表格（.csv / .txt，列：日期,类型,名称）",
        required=False,
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.txt"}),
    )
    note = forms.CharField(label="依据（如通知文号）", required=False, max_length=200)

    def clean_table(self) -> str:
        upload = self.cleaned_data.get("table")
        if not upload:
            return ""
        if not upload.name.lower().endswith((".csv", ".txt")):
            raise forms.ValidationError("请上传 .csv 或 .txt 文件（Excel 可另存为 CSV）")
        if upload.size > MAX_TABLE_BYTES:
            raise forms.ValidationError("文件过大：节假日表格不应超过 64 KB")
        raw = upload.read()
        for encoding in ("utf-8-sig", "gb18030"):
            try:
                return raw.decode(encoding)
            except UnicodeDecodeError:
                continue
        raise forms.ValidationError("无法识别文件编码，请另存为 UTF-8 编码的 CSV")

    def clean(self):
        from eduenforce.core.calendar_parse import parse

        data = super().clean()
        year = data.get("year")
        content = "\n".join(part for part in (data.get("text", ""), data.get("table", "")) if part)
        if year is None or self.errors:
            return data
        if not content.strip():
            raise forms.ValidationError("请粘贴放假调休安排或上传表格")
        parsed = parse(content, year)
        for error in parsed.errors:
            self.add_error(None, error)
        data["days"] = parsed.days
        return data
