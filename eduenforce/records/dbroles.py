"""The application's PostgreSQL role: not a superuser, not the owner of any table.

Only a superuser can ``SET session_replication_role = replica`` (which skips triggers), and only a
table's owner can ``ALTER TABLE … DISABLE TRIGGER`` or drop a trigger. So the web processes connect
with ``DATABASE_URL`` as a plain role, and migrations run with ``EDUENFORCE_OWNER_DATABASE_URL`` as the
owner (``eduenforce migrate`` switches to it, see ``eduenforce.cli``). After every migration the owner
grants the application role what it needs, and on the journal's tables only SELECT and INSERT.
"""

import re

from django.conf import settings
from django.db import connection

JOURNAL_TABLES = ("records_journalentry", "records_journalcheckpoint")
_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_$-]{0,62}$")


def _quoted(role: str) -> str:
    if not _IDENTIFIER.match(role):
        raise ValueError(f"数据库角色名不合法：{role!r}")
    return '"' + role.replace('"', '""') + '"'


def grant_statements(role: str) -> list[str]:
    r = _quoted(role)
    journal = ", ".join(JOURNAL_TABLES)
    return [
        f"GRANT USAGE ON SCHEMA public TO {r}",
        f"REVOKE ALL ON ALL TABLES IN SCHEMA public FROM {r}",
        f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r}",
        f"GRANT USAGE, SELECT, UPDATE ON ALL SEQUENCES IN SCHEMA public TO {r}",
        f"REVOKE UPDATE, DELETE, TRUNCATE ON {journal} FROM {r}",
    ]


def grant(role: str, using=None) -> None:
    """Give ``role`` the application's rights on every table of this database (run as the owner)."""
    conn = using or connection
    with conn.cursor() as cursor:
        for statement in grant_statements(role):
            cursor.execute(statement)


def grant_app_role(using=None) -> bool:
    """Grant the configured application role (``settings.APP_DATABASE_ROLE``) when this connection
    is another role (the owner running migrations or a restore). Returns whether it granted."""
    conn = using or connection
    role = getattr(settings, "APP_DATABASE_ROLE", "")
    if conn.vendor != "postgresql" or not role:
        return False
    with conn.cursor() as cursor:
        cursor.execute("SELECT current_user")
        if cursor.fetchone()[0] == role:
            return False
    grant(role, conn)
    return True


def privileged_reasons(using=None) -> list[str]:
    """Why the current connection could switch the journal's triggers off (empty: it cannot)."""
    conn = using or connection
    if conn.vendor != "postgresql":
        return []
    with conn.cursor() as cursor:
        return reasons_for(cursor)


def reasons_for(cursor) -> list[str]:
    reasons = []
    cursor.execute("SELECT rolsuper, current_user FROM pg_roles WHERE rolname = current_user")
    superuser, user = cursor.fetchone()
    if superuser:
        reasons.append(f"数据库连接角色 {user} 是超级用户（可设置 session_replication_role 跳过触发器）")
    cursor.execute(
        "SELECT relname FROM pg_class WHERE relname = ANY(%s) AND pg_has_role(relowner, 'USAGE')",
        [list(JOURNAL_TABLES)],
    )
    owned = [row[0] for row in cursor.fetchall()]
    if owned:
        reasons.append(f"数据库连接角色 {user} 拥有日志表 {', '.join(owned)}（可停用或删除触发器）")
    return reasons
