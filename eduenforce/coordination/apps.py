from django.apps import AppConfig


class CoordinationConfig(AppConfig):
    name = "eduenforce.coordination"
    label = "coordination"
    verbose_name = "部门协同"
