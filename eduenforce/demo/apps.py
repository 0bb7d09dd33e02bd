from django.apps import AppConfig


class DemoConfig(AppConfig):
    """The demo district builder: the top floor, it may import every app; no app imports it."""

    name = "eduenforce.demo"
    label = "demo"
    verbose_name = "演示区县"
