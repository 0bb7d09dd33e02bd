from django.apps import AppConfig


class InspectionsConfig(AppConfig):
    name = "eduenforce.inspections"
    label = "inspections"
    verbose_name = "行政检查"
