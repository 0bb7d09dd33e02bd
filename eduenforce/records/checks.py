"""``eduenforce check --deploy``: the web processes must not connect as a role that can switch the
journal's triggers off (a superuser, or the owner of the journal's tables)."""

from django.core.checks import Error, register


@register(deploy=True)
def app_role_cannot_disable_triggers(app_configs=None, **kwargs):
    from django.db import DatabaseError, connection

    from eduenforce.records import dbroles

    if connection.vendor != "postgresql":
        return []
    try:
        reasons = dbroles.privileged_reasons()
    except DatabaseError:  # no database reachable: other checks report that
        return []
    return [
        Error(
            reason,
            hint="应用以普通角色连接（DATABASE_URL），迁移与恢复以表的所有者连接"
            "（EDUENFORCE_OWNER_DATABASE_URL），见 docs/deploy.md",
            id="records.E001",
        )
        for reason in reasons
    ]
