from django import forms

from eduenforce.portal.choices import ArticleKind


class ArticleForm(forms.Form):
    kind = forms.ChoiceField(label="栏目", choices=ArticleKind.choices)
    title = forms.CharField(label="标题", max_length=200)
    summary = forms.CharField(
        label="摘要", max_length=300, required=False, help_text="显示在列表和订阅中，不超过300字"
    )
    body = forms.CharField(
        label="正文",
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=100_000,
        help_text="可直接输入文字（空行分段），或使用简单 HTML：段落、加粗、列表、表格、链接。"
        "脚本、样式等不安全内容会被自动清除；身份证号、电话、住址等个人信息发布时自动隐去。",
    )


class NoteForm(forms.Form):
    note = forms.CharField(label="说明", widget=forms.Textarea(attrs={"rows": 3}), max_length=1000)


class WithdrawalRequestForm(forms.Form):
    reason = forms.CharField(label="撤回原因", max_length=500, help_text="如：处罚决定被复议机关撤销")
    revoked_on = forms.DateField(label="撤销/变更日期", widget=forms.DateInput(attrs={"type": "date"}))


class AttachmentForm(forms.Form):
    file = forms.FileField(label="附件", help_text="PDF、Word(.docx)、Excel(.xlsx)、JPG、PNG")
