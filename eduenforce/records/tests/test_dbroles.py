"""The application's database role cannot switch the journal's triggers off (PostgreSQL), and
``eduenforce migrate``/``restore`` run as the owner."""

import uuid

import psycopg
import pytest
from django.core.checks import run_checks
from django.db import connection

from eduenforce.cli import use_owner_database
from eduenforce.records import dbroles
from eduenforce.records.journal import append


def _dsn(user: str) -> str:
    s = connection.settings_dict
    return f"host={s['HOST'] or '127.0.0.1'} port={s['PORT'] or 5432} dbname={s['NAME']} user={user}"


@pytest.fixture
def app_role(transactional_db):
    if connection.vendor != "postgresql":
        pytest.skip("database roles are PostgreSQL's")
    role = f"ee_app_{uuid.uuid4().hex[:10]}"
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE ROLE "{role}" LOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE')
    dbroles.grant(role)
    append(actor=None, action="test.event", object_id="1")
    yield role
    with connection.cursor() as cursor:
        cursor.execute(f'DROP OWNED BY "{role}"')
        cursor.execute(f'DROP ROLE "{role}"')


@pytest.mark.parametrize(
    "statement",
    [
        "SET session_replication_role = replica",
        "ALTER TABLE records_journalentry DISABLE TRIGGER ALL",
        "ALTER TABLE records_journalentry DISABLE TRIGGER records_journalentry_append_only",
        "DROP TRIGGER records_journalentry_append_only ON records_journalentry",
        "UPDATE records_journalentry SET actor_name = 'x'",
        "DELETE FROM records_journalentry",
        "TRUNCATE records_journalentry",
        "DELETE FROM records_journalcheckpoint",
    ],
)
def test_the_application_role_is_refused_every_way_around_the_triggers(app_role, statement):
    with psycopg.connect(_dsn(app_role)) as db, pytest.raises(psycopg.errors.InsufficientPrivilege):
        db.execute(statement)


def test_the_application_role_can_read_and_append_the_journal_and_work_on_other_tables(app_role):
    with psycopg.connect(_dsn(app_role)) as db:
        assert db.execute("SELECT count(*) FROM records_journalentry").fetchone()[0] == 1
        db.execute("INSERT INTO core_systemsetting (key, value, updated_at) VALUES ('x.test', '1', now())")
        db.execute("UPDATE core_systemsetting SET value = '2' WHERE key = 'x.test'")
        db.execute("DELETE FROM core_systemsetting WHERE key = 'x.test'")
        db.execute("SELECT nextval(pg_get_serial_sequence('records_journalentry', 'id'))")
        assert dbroles.reasons_for(db.cursor()) == []


def test_a_superuser_connection_is_named_as_able_to_skip_the_triggers(app_role):
    reasons = dbroles.privileged_reasons()
    assert any("超级用户" in r for r in reasons) and any("拥有日志表" in r for r in reasons)


def test_the_deploy_check_refuses_a_privileged_application_connection(app_role):
    errors = [e for e in run_checks(include_deployment_checks=True) if e.id == "records.E001"]
    assert errors and "超级用户" in errors[0].msg


def test_migrate_and_restore_connect_as_the_owner_and_name_the_role_to_grant():
    env = {
        "DATABASE_URL": "postgres://eduenforce_app:pw@127.0.0.1:5432/eduenforce",
        "EDUENFORCE_OWNER_DATABASE_URL": "postgres://eduenforce_owner:pw@127.0.0.1:5432/eduenforce",
    }
    for command in ("migrate", "restore"):
        e = dict(env)
        use_owner_database(command, e)
        assert e["DATABASE_URL"] == env["EDUENFORCE_OWNER_DATABASE_URL"]
        assert e["EDUENFORCE_APP_DATABASE_ROLE"] == "eduenforce_app"
    e = dict(env)
    use_owner_database("serve", e)
    assert e == env
    e = {"DATABASE_URL": env["DATABASE_URL"]}
    use_owner_database("migrate", e)
    assert e == {"DATABASE_URL": env["DATABASE_URL"]}


def test_migrations_grant_the_application_role(app_role, settings):
    settings.APP_DATABASE_ROLE = app_role
    with connection.cursor() as cursor:
        cursor.execute(f'REVOKE ALL ON ALL TABLES IN SCHEMA public FROM "{app_role}"')
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    with psycopg.connect(_dsn(app_role)) as db:
        assert db.execute("SELECT count(*) FROM records_journalentry").fetchone()[0] == 1
        with pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute("UPDATE records_journalentry SET ip = 'x'")


def test_a_role_name_that_is_not_an_identifier_is_refused():
    with pytest.raises(ValueError, match="不合法"):
        dbroles.grant_statements('app"; DROP TABLE x; --')
