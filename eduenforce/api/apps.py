from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "eduenforce.api"
    label = "api"
    verbose_name = "开放数据接口"
