from django.apps import AppConfig


class OpsConfig(AppConfig):
    """Running the platform: the production server, backups and restores, key rotation."""

    name = "eduenforce.ops"
    label = "ops"
    verbose_name = "运行维护"
