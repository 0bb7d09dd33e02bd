from django.apps import AppConfig


class OfficersConfig(AppConfig):
    name = "eduenforce.officers"
    label = "officers"
    verbose_name = "执法人员"
