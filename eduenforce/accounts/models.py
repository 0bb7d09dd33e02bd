from django.contrib.auth.models import AbstractUser, UserManager
from django.db import models
from django.db.models.functions import Lower
from django.utils import timezone

from eduenforce.accounts.choices import DepartmentKind
from eduenforce.core.roles import Role


class Department(models.Model):
    """A section of the bureau, a partner department, or a street (街道)."""

    name = models.CharField("名称", max_length=60, unique=True)
    short_name = models.CharField("简称", max_length=20, blank=True)
    kind = models.CharField("类型", max_length=10, choices=DepartmentKind.choices)
    code = models.SlugField("公开代码", max_length=40, unique=True)
    order = models.PositiveSmallIntegerField("排序", default=100)

    class Meta:
        ordering = ["kind", "order", "name"]
        verbose_name = verbose_name_plural = "部门"

    def __str__(self) -> str:
        return self.name

    @property
    def display_name(self) -> str:
        return self.short_name or self.name


class CaseInsensitiveUserManager(UserManager):
    def get_by_natural_key(self, username):
        return self.get(username__iexact=(username or "").strip())


class User(AbstractUser):
    """A person with an account. One role each (三员分立 by construction)."""

    name = models.CharField("姓名", max_length=50, blank=True)
    role = models.CharField("角色", max_length=20, choices=Role.choices, blank=True)
    department = models.ForeignKey(
        Department, models.PROTECT, null=True, blank=True, related_name="users", verbose_name="所属部门"
    )
    phone = models.CharField("联系电话", max_length=20, blank=True)
    # When the password was last set; the expiry of accounts.gate counts from it (existing accounts
    # start counting when this column was added).
    password_changed_at = models.DateTimeField("密码修改时间", default=timezone.now)

    objects = CaseInsensitiveUserManager()

    class Meta:
        constraints = [models.UniqueConstraint(Lower("username"), name="accounts_user_username_ci_unique")]
        verbose_name = verbose_name_plural = "账号"

    def __str__(self) -> str:
        return self.name or self.username

    def set_password(self, raw_password):
        super().set_password(raw_password)
        self.password_changed_at = timezone.now()

    def save(self, *args, **kwargs):
        if kwargs.get("update_fields") is not None and "password" in kwargs["update_fields"]:
            kwargs["update_fields"] = {*kwargs["update_fields"], "password_changed_at"}
        self.username = (self.username or "").strip()
        super().save(*args, **kwargs)
