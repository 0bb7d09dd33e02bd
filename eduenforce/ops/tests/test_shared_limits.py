"""Limits hold across web processes: two real gunicorn processes share Redis and PostgreSQL."""

import http.cookiejar
import re
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import pytest
import redis
from django.db import connection

from eduenforce.core.models import SystemSetting
from eduenforce.ops.tests.servers import database_url, gunicorn_servers
from eduenforce.testing.factories import TEST_PASSWORD

REDIS_URL = "redis://127.0.0.1:6379/11"
pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def shared_redis():
    """A key prefix of this test alone on Redis database 11, removed afterwards."""
    prefix = f"eduenforce-test-{uuid.uuid4().hex[:12]}"
    client = redis.Redis.from_url(REDIS_URL)
    try:
        client.ping()
    except redis.ConnectionError:
        pytest.fail("Redis must run on 127.0.0.1:6379 (.ci/run starts it) for the shared-state test")
    yield prefix
    for key in client.scan_iter(f"{prefix}:*"):
        client.delete(key)


SEARCH_LIMIT = 4


@pytest.fixture
def search_limit():
    # Written before the servers start: they cache the parameters for a minute (in Redis).
    SystemSetting.objects.create(key="portal.search_per_minute", value=SEARCH_LIMIT)
    return SEARCH_LIMIT


@pytest.fixture
def two_servers(search_limit, shared_redis, tmp_path):
    if connection.vendor != "postgresql":
        pytest.skip("separate server processes cannot open pytest's in-memory SQLite database")
    env = {
        "EDUENFORCE_TESTING": "1",
        "DATABASE_URL": database_url(),
        "EDUENFORCE_REDIS_URL": REDIS_URL,
        "EDUENFORCE_CACHE_PREFIX": shared_redis,
    }
    with gunicorn_servers(2, env, data_dir=tmp_path) as urls:
        yield urls


class Browser:
    """One client (cookies shared by both servers, as one browser behind a balancer)."""

    def __init__(self):
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
            _NoRedirect(),
        )

    def get(self, url: str) -> tuple[int, str]:
        return self._open(urllib.request.Request(url))

    def post(self, url: str, data: dict) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode()
        return self._open(urllib.request.Request(url, data=body, headers={"Referer": url}))

    def _open(self, request) -> tuple[int, str]:
        try:
            with self.opener.open(request, timeout=30) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def _wait_for_a_fresh_minute(margin: int = 20) -> None:
    """The portal's search limit counts per clock minute; start well inside one."""
    if time.time() % 60 > 60 - margin:
        time.sleep(60 - time.time() % 60 + 0.5)


def test_the_portal_search_limit_holds_across_two_processes(two_servers, search_limit):
    limit = search_limit
    first, second = two_servers
    browser = Browser()
    _wait_for_a_fresh_minute()
    statuses = [browser.get(f"{(first, second)[i % 2]}/portal/search/?q=school")[0] for i in range(limit)]
    assert statuses == [200] * limit
    # The fifth request is refused by whichever process answers it.
    assert browser.get(f"{first}/portal/search/?q=school")[0] == 429
    assert browser.get(f"{second}/portal/search/?q=school")[0] == 429


def _login(browser: Browser, base: str, username: str, password: str) -> tuple[int, str]:
    _, form = browser.get(f"{base}/accounts/login/")
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', form).group(1)
    return browser.post(
        f"{base}/accounts/login/",
        {"csrfmiddlewaretoken": token, "username": username, "password": password},
    )


def test_an_account_locked_through_one_process_is_locked_in_the_other(two_servers, make_user):
    user, colleague = make_user("officer"), make_user("officer")
    first, second = two_servers
    # Sessions and logins work through either process.
    assert [_login(Browser(), base, colleague.username, TEST_PASSWORD)[0] for base in two_servers] == [
        302,
        302,
    ]
    browser = Browser()
    for i in range(5):  # the lockout limit, spread over both processes
        status, _ = _login(browser, (first, second)[i % 2], user.username, "wrong-password")
        assert status in (200, 429)
    for base in (first, second):
        status, page = _login(browser, base, user.username, TEST_PASSWORD)
        assert status == 429, f"{base} let a locked account log in"
        assert "锁定" in page
