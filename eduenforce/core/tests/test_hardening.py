"""Session and header hardening under the production settings (issue 21 item 7).

The production values are read from a process started with a production environment (no
``EDUENFORCE_TESTING``/``DEMO``/``DEBUG``), then applied to this test process, so each check runs against
what a production installation actually sets.
"""

import json
import os
import subprocess
import sys
from html.parser import HTMLParser

import pytest
from django.contrib.sessions.models import Session
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from eduenforce.core.roles import Role
from eduenforce.testing.factories import TEST_PASSWORD

pytestmark = pytest.mark.django_db

CARRIED = [
    "DEBUG",
    "SESSION_COOKIE_SECURE",
    "SESSION_COOKIE_HTTPONLY",
    "SESSION_COOKIE_SAMESITE",
    "CSRF_COOKIE_SECURE",
    "CSRF_COOKIE_HTTPONLY",
    "CSRF_COOKIE_SAMESITE",
    "SECURE_HSTS_SECONDS",
    "SECURE_HSTS_INCLUDE_SUBDOMAINS",
    "SECURE_HSTS_PRELOAD",
    "SECURE_SSL_REDIRECT",
    "SECURE_CONTENT_TYPE_NOSNIFF",
    "SECURE_REFERRER_POLICY",
    "X_FRAME_OPTIONS",
    "CONTENT_SECURITY_POLICY",
    "SESSION_COOKIE_AGE",
]
_DUMP = "import json, django; django.setup(); from django.conf import settings as s; print(json.dumps({k: getattr(s, k) for k in %r}))"


@pytest.fixture(scope="module")
def production_values(tmp_path_factory):
    env = {k: v for k, v in os.environ.items() if not k.startswith("EDUENFORCE_") and k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="eduenforce.settings",
        EDUENFORCE_DATA_DIR=str(tmp_path_factory.mktemp("prod")),
        EDUENFORCE_SECRET_KEY="k3y-" + "Zx9!q" * 12,
        EDUENFORCE_PUBLIC_URL="https://zf.example.gov.cn",
        EDUENFORCE_WEB_WORKERS="1",
    )
    result = subprocess.run(  # noqa: S603
        [sys.executable, "-c", _DUMP % (CARRIED,)], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def production(production_values, settings):
    for key, value in production_values.items():
        setattr(settings, key, value)
    settings.ALLOWED_HOSTS = ["zf.example.gov.cn", "testserver"]
    return production_values


def https_client() -> Client:
    return Client(HTTP_HOST="zf.example.gov.cn", **{"wsgi.url_scheme": "https"})


def test_production_turns_every_flag_on(production):
    assert production["DEBUG"] is False
    assert production["SESSION_COOKIE_SECURE"] and production["CSRF_COOKIE_SECURE"]
    assert production["SESSION_COOKIE_HTTPONLY"] and production["CSRF_COOKIE_HTTPONLY"]
    assert production["SECURE_HSTS_SECONDS"] >= 31_536_000 and production["SECURE_HSTS_INCLUDE_SUBDOMAINS"]
    assert production["SECURE_SSL_REDIRECT"] is True
    assert production["SESSION_COOKIE_AGE"] <= 30 * 60


def login(client, user, password=TEST_PASSWORD):
    return client.post("/accounts/login/", {"username": user.username, "password": password}, secure=True)


def test_the_session_and_csrf_cookies_are_secure_httponly_and_samesite(production, officer):
    client = https_client()
    client.get("/accounts/login/", secure=True)
    response = login(client, officer)
    assert response.status_code == 302
    session = response.cookies["sessionid"]
    assert session["secure"] and session["httponly"] and session["samesite"] == "Lax"
    csrf = client.cookies["csrftoken"]
    assert csrf["secure"] and csrf["samesite"] == "Lax"


def test_plain_http_is_redirected_to_https(production):
    response = Client(HTTP_HOST="zf.example.gov.cn").get("/accounts/login/")
    assert response.status_code == 301 and response["Location"].startswith("https://")


@pytest.mark.parametrize("path", ["/accounts/login/", "/portal/", "/"])
def test_every_response_carries_hsts_csp_nosniff_referrer_policy_and_frame_denial(production, path):
    response = https_client().get(path, secure=True)
    assert "max-age=31536000" in response["Strict-Transport-Security"]
    assert "includeSubDomains" in response["Strict-Transport-Security"]
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "object-src 'none'" in csp and "base-uri 'none'" in csp and "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_login_gives_a_new_session_key_and_logout_deletes_it_on_the_server(production, officer):
    client = https_client()
    client.get("/accounts/login/", secure=True)
    session = client.session  # an anonymous session exists before the login
    session["probe"] = 1
    session.save()
    before = session.session_key
    login(client, officer)
    after = client.cookies["sessionid"].value
    assert after != before and not Session.objects.filter(session_key=before).exists()
    assert client.get("/", secure=True).status_code == 200
    client.post("/accounts/logout/", secure=True)
    assert not Session.objects.filter(session_key=after).exists()
    replay = https_client()
    replay.cookies["sessionid"] = after
    response = replay.get("/", secure=True)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]


def _answer(response) -> str:
    """The page without the per-request CSRF token."""
    import re

    return re.sub(r'name="csrfmiddlewaretoken" value="[^"]+"', "", response.content.decode())


def test_an_unknown_account_and_a_wrong_password_get_the_same_answer(production, officer):
    wrong = login(https_client(), officer, "Wrong&Pass9")
    unknown = https_client().post(
        "/accounts/login/", {"username": "no-such-user", "password": "Wrong&Pass9"}, secure=True
    )
    assert wrong.status_code == unknown.status_code == 200
    assert _answer(wrong).replace(officer.username, "no-such-user") == _answer(unknown)


def test_a_wrong_complaint_code_reveals_nothing_and_lookups_are_slowed(production):
    from eduenforce.complaints.tests.factories import make_complaint
    from eduenforce.core import config

    config.set_value("complaints.lookups_per_hour", 5, by=None)
    complaint, code = make_complaint()
    client = https_client()
    url = "/portal/complaints/track/"
    wrong = client.post(url, {"tracking_number": complaint.tracking_number, "code": "AAAAAAAA"}, secure=True)
    unknown = client.post(url, {"tracking_number": "TS2099999999", "code": "AAAAAAAA"}, secure=True)
    assert wrong.status_code == unknown.status_code == 200
    assert _answer(wrong).replace(complaint.tracking_number, "TS2099999999") == _answer(unknown)
    statuses = [
        client.post(
            url, {"tracking_number": complaint.tracking_number, "code": f"B{i:07d}"}, secure=True
        ).status_code
        for i in range(5)
    ]
    assert statuses[-1] == 429
    # Even the right code is refused until the hour is over: guessing gains nothing.
    right = client.post(url, {"tracking_number": complaint.tracking_number, "code": code}, secure=True)
    assert right.status_code == 429


# --- No inline script on any page --------------------------------------------------------------------


def _plain_routes(resolver=None, prefix=""):
    for entry in (resolver or get_resolver()).url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from _plain_routes(entry, route)
        elif isinstance(entry, URLPattern) and "<" not in route and "(?P" not in route:
            yield "/" + route.lstrip("^").rstrip("$").replace("\\", "")


SKIP = ("/accounts/logout/", "/static/", "/api/")  # logout is POST only; the API answers JSON


class InlineScriptFinder(HTMLParser):
    def __init__(self):
        super().__init__()
        self.problems: list[str] = []
        self._in_inline_script = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        for name, value in attrs.items():
            if name.startswith("on"):
                self.problems.append(f"<{tag} {name}=…>")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith("javascript:"):
                self.problems.append(f"<{tag} {name}=javascript:…>")
        if tag == "script" and "src" not in attrs and attrs.get("type") != "application/json":
            self._in_inline_script = True

    def handle_data(self, data):
        if self._in_inline_script and data.strip():
            self.problems.append(f"inline <script>: {data.strip()[:60]}")

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_inline_script = False


ROLES = [
    None,
    Role.OFFICER,
    Role.SECTION_HEAD,
    Role.LEGAL_REVIEWER,
    Role.LEADER,
    Role.LIAISON,
    *sorted({Role.SYS_ADMIN, Role.SEC_ADMIN, Role.AUDIT_ADMIN}),
]


@pytest.mark.parametrize("role", ROLES, ids=lambda r: r or "anonymous")
def test_no_page_has_inline_script_or_event_handler_attributes(make_user, role):
    from django.test import Client

    client = Client()
    if role is not None:
        user = make_user(role, **({"department": _partner()} if role == Role.LIAISON else {}))
        client.force_login(user)
    seen, problems = 0, []
    for path in sorted(set(_plain_routes())):
        if path.startswith(SKIP):
            continue
        response = client.get(path)
        if response.status_code != 200 or "html" not in response.get("Content-Type", ""):
            continue
        assert "script-src 'self'" in response["Content-Security-Policy"], path
        finder = InlineScriptFinder()
        finder.feed(response.content.decode())
        problems += [f"{path}: {p}" for p in finder.problems]
        seen += 1
    assert seen >= 5, f"only {seen} pages answered"
    assert problems == []


def _partner():
    from eduenforce.accounts.models import Department

    return Department.objects.get(code="scjg")


def test_an_active_session_still_ends_eight_hours_after_login(production, officer):
    from datetime import timedelta

    import time_machine
    from django.utils import timezone

    start = timezone.now()
    client = https_client()
    with time_machine.travel(start, tick=False):
        login(client, officer)
    for minutes in range(20, 8 * 60, 20):  # a request every 20 minutes keeps the idle timer alive
        with time_machine.travel(start + timedelta(minutes=minutes), tick=False):
            assert client.get("/", secure=True).status_code == 200, minutes
    with time_machine.travel(start + timedelta(hours=8, minutes=5), tick=False):
        response = client.get("/", secure=True)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
