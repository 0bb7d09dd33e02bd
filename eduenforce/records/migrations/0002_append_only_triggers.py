from django.db import migrations


def install(apps, schema_editor):
    from eduenforce.records.triggers import install as install_triggers

    install_triggers(schema_editor.connection)


def uninstall(apps, schema_editor):
    from eduenforce.records.triggers import uninstall as uninstall_triggers

    uninstall_triggers(schema_editor.connection)


class Migration(migrations.Migration):
    dependencies = [("records", "0001_initial")]
    operations = [migrations.RunPython(install, uninstall)]
