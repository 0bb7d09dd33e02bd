from django.apps import AppConfig


class RegistryConfig(AppConfig):
    name = "eduenforce.registry"
    label = "registry"
    verbose_name = "监管对象"
