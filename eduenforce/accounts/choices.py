from django.db import models


class DepartmentKind(models.TextChoices):
    SECTION = "section", "本局科室"
    PARTNER = "partner", "合作部门"
    STREET = "street", "街道"
