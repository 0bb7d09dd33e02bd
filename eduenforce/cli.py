"""The ``eduenforce`` console script: Django's management entry point.

Commands may be typed with hyphens (``eduenforce verify-journal``); they map to the
module names with underscores.
"""

import os
import sys
from urllib.parse import unquote, urlsplit

# Commands that change the schema or load a dump: they run as the owner of the tables.
OWNER_COMMANDS = {"migrate", "restore", "grant_app_role"}


def use_owner_database(command: str, environ=os.environ) -> None:
    """For ``OWNER_COMMANDS``, connect with ``EDUENFORCE_OWNER_DATABASE_URL`` (the owner of the tables)
    instead of ``DATABASE_URL`` (the application's plain role), and tell the process which role to grant
    (``records.dbroles``). Without an owner URL nothing changes (SQLite, or a single-role installation)."""
    owner = environ.get("EDUENFORCE_OWNER_DATABASE_URL", "").strip()
    if command not in OWNER_COMMANDS or not owner:
        return
    app = environ.get("DATABASE_URL", "").strip()
    role = unquote(urlsplit(app).username or "") if app else ""
    if role:
        environ.setdefault("EDUENFORCE_APP_DATABASE_ROLE", role)
    environ["DATABASE_URL"] = owner


def main(argv: list[str] | None = None) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "eduenforce.settings")
    argv = list(sys.argv if argv is None else argv)
    if len(argv) > 1 and "-" in argv[1] and not argv[1].startswith("-"):
        argv[1] = argv[1].replace("-", "_")
    if len(argv) > 1:
        use_owner_database(argv[1])
    from django.core.management import execute_from_command_line

    execute_from_command_line(argv)


if __name__ == "__main__":
    main()
