from django.apps import AppConfig


class PlanningConfig(AppConfig):
    name = "eduenforce.planning"
    label = "planning"
    verbose_name = "计划与事项清单"
