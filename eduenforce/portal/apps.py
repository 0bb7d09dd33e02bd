from django.apps import AppConfig


class PortalConfig(AppConfig):
    name = "eduenforce.portal"
    label = "portal"
    verbose_name = "公示平台"
