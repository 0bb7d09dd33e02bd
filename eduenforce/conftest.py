"""Fixtures every app's tests share: accounts per role, logged-in clients, the browser."""

import os

import pytest
from django.core.management.commands import flush

from eduenforce.records import triggers

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to
# run beside one unless told that the caller knows it is synchronous.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

_original_flush = flush.Command.handle


def pytest_configure(config):
    """A killed run may have left WAL files beside a test database name that this process now
    uses (its pid came round again): a new database file must not meet a stale journal."""
    from pathlib import Path

    from django.conf import settings

    name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if settings.DATABASES["default"]["ENGINE"].endswith("sqlite3") and name:
        for stale in Path(name).parent.glob(Path(name).name + "*"):
            stale.unlink(missing_ok=True)


def _flush_with_journal(self, **options):
    """Transactional tests flush the database between tests; the journal's append-only
    triggers would refuse that, so they are lifted for the flush and put back after."""
    from django.db import connections

    connection = connections[options.get("database", "default")]
    triggers.uninstall(connection)
    try:
        return _original_flush(self, **options)
    finally:
        triggers.install(connection)


flush.Command.handle = _flush_with_journal


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Each test starts with an empty cache: rate limits and the per-address login throttle count
    per process, and every test client comes from 127.0.0.1."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture
def make_user(db):
    from eduenforce.testing.factories import UserFactory

    def make(role="officer", **kwargs):
        return UserFactory(role=role, **kwargs)

    return make


@pytest.fixture
def officer(make_user):
    return make_user("officer")


@pytest.fixture
def section_head(make_user):
    return make_user("section_head")


@pytest.fixture
def legal_reviewer(make_user):
    return make_user("legal_reviewer")


@pytest.fixture
def leader(make_user):
    return make_user("leader")


@pytest.fixture
def liaison(make_user):
    from eduenforce.accounts.models import Department

    return make_user("liaison", department=Department.objects.get(code="scjg"))


@pytest.fixture
def sys_admin(make_user):
    return make_user("sys_admin")


@pytest.fixture
def sec_admin(make_user):
    return make_user("sec_admin")


@pytest.fixture
def audit_admin(make_user):
    return make_user("audit_admin")


@pytest.fixture
def client_for(db):
    """``client_for(user)``: a test client logged in as ``user``."""
    from django.test import Client

    def make(user):
        client = Client()
        client.force_login(user)
        return client

    return make


@pytest.fixture(scope="session")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=os.environ.get("EDUENFORCE_CHROMIUM", "/usr/bin/chromium"),
            headless=True,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
            ],
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser):
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def phone_page(browser):
    context = browser.new_context(
        locale="zh-CN", viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def login(live_server):
    """``login(page, user)``: sign in through the real login form."""

    def do(page, user, password="Test@2025pw"):  # noqa: S107 (the factories' test password)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=username]", user.username)
        page.fill("input[name=password]", password)
        page.click("button[type=submit]")
        page.wait_for_url(f"{live_server.url}/")

    return do
