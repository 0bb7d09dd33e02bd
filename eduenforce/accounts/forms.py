from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.forms import PasswordChangeForm as DjangoPasswordChangeForm
from django.contrib.auth.password_validation import validate_password

from eduenforce.accounts.models import Department, User
from eduenforce.core.roles import Role


class LoginForm(AuthenticationForm):
    error_messages = {
        "invalid_login": "用户名或密码错误。连续失败 5 次，账号将被锁定 15 分钟。",
        "inactive": "该账号已停用。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["username"].label = "用户名"
        self.fields["password"].label = "密码"


class UserCreateForm(forms.ModelForm):
    """The system administrator creates accounts; roles are assigned by the security administrator."""

    password = forms.CharField(label="初始密码", widget=forms.PasswordInput, strip=False)

    class Meta:
        model = User
        fields = ["username", "name", "department", "phone"]
        labels = {"username": "用户名"}
        error_messages = {"username": {"unique": "该用户名已存在"}}

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if User.objects.filter(username__iexact=username).exists():
            raise forms.ValidationError("该用户名已存在（不区分大小写）")
        return username

    def clean(self):
        cleaned = super().clean()
        password = cleaned.get("password")
        if password:
            candidate = User(username=cleaned.get("username", ""), name=cleaned.get("name", ""))
            try:
                validate_password(password, candidate)
            except forms.ValidationError as error:
                self.add_error("password", error)
        return cleaned


class RoleForm(forms.Form):
    role = forms.ChoiceField(label="角色", choices=[("", "（未分配）"), *Role.choices], required=False)
    department = forms.ModelChoiceField(label="所属部门", queryset=Department.objects.all(), required=False)

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("role") == Role.LIAISON and not cleaned.get("department"):
            self.add_error("department", "合作部门联络员必须指定所属合作部门")
        return cleaned


class PasswordChangeForm(DjangoPasswordChangeForm):
    """Changing the password asks for the current one (ASVS 7.5.1): a session left open is not enough."""

    error_messages = {
        **DjangoPasswordChangeForm.error_messages,
        "password_incorrect": "当前密码不正确，请重新输入。",
    }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["old_password"].label = "当前密码"
        self.fields["new_password1"].label = "新密码"
        self.fields["new_password2"].label = "再次输入新密码"
