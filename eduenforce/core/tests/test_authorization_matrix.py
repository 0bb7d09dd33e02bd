"""The authorization matrix (issue 21 item 5), generated from the URL resolver.

Every staff URL without path parameters, and every URL of a real case (its page, each step's
page and POST, the evidence upload), is requested as each of the eight roles, an officer of
another department, a liaison of another partner department and an anonymous visitor. The
expected outcome comes from ``core.permissions``: the view's capability (``CAPABILITIES``) and,
for the case, its scope (``SCOPES``: handler, handlers' section head, reviewer, leader). The test
fails on any difference — above all on a 200 where a refusal is due — and on a URL the matrix
cannot derive an expectation for (a view without a declared capability must be listed in
``LOGIN_ONLY`` with the reason).
"""

from dataclasses import dataclass

import pytest
from django.db import transaction
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from eduenforce.core.permissions import CAPABILITIES, in_scope
from eduenforce.core.roles import Role

pytestmark = pytest.mark.django_db

PUBLIC = ("portal/", "api/", "accounts/login/", "static/", "media/")

# Views any signed-in user may open (no capability): their own account pages.
LOGIN_ONLY = {
    "/": "the home page lists what the user's own role may do",
    "/accounts/logout/": "signing out",
    "/accounts/password/": "the user's own password",
    "/accounts/mfa/": "the user's own two-factor page",
    "/accounts/mfa/setup/": "enrolling the user's own authenticator",
    "/accounts/mfa/verify/": "the second factor after the password",
    "/accounts/mfa/recovery-codes/": "the user's own recovery codes",
    "/accounts/mfa/disable/": "switching off the user's own second factor",
    "/notices/read/": "marking the user's own notices read",
}

REFUSED = {403}
LOGIN = "/accounts/login/"


@dataclass(frozen=True)
class Who:
    key: str
    role: str | None  # None: anonymous
    note: str = ""


WHO = [
    Who("officer", Role.OFFICER, "the case's handler"),
    Who("section_head", Role.SECTION_HEAD, "heads the handlers' section"),
    Who("legal_reviewer", Role.LEGAL_REVIEWER),
    Who("leader", Role.LEADER),
    Who("liaison", Role.LIAISON, "市场监管 liaison"),
    Who("sys_admin", Role.SYS_ADMIN),
    Who("sec_admin", Role.SEC_ADMIN),
    Who("audit_admin", Role.AUDIT_ADMIN),
    Who("other_officer", Role.OFFICER, "an officer of another section, on no team"),
    Who("other_liaison", Role.LIAISON, "消防 liaison"),
    Who("anonymous", None),
]


def routes(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from routes(entry, route)
        elif isinstance(entry, URLPattern):
            yield route, entry


def _path(route: str) -> str:
    return "/" + route.lstrip("^").rstrip("$").replace("\\", "")


STAFF_PLAIN = sorted(
    {
        _path(route): entry.callback
        for route, entry in routes()
        if not route.startswith(PUBLIC) and "<" not in route and "(?P" not in route
    }.items()
)


@pytest.fixture(scope="module")
def world(django_db_setup, django_db_blocker):
    """One set-up for the module: the people above and a case in 调查取证 handled by the officer."""
    from eduenforce.accounts.models import Department
    from eduenforce.cases.choices import CaseStatus
    from eduenforce.cases.tests.factories import CaseFactory, certified_officer
    from eduenforce.testing.factories import UserFactory

    with django_db_blocker.unblock(), transaction.atomic():
        dept = {code: Department.objects.get(code=code) for code in ("zfdd", "xwpxk", "scjg", "xf")}
        departments = {"officer": "zfdd", "section_head": "zfdd", "liaison": "scjg"}
        departments |= {"other_officer": "xwpxk", "other_liaison": "xf"}
        users = {}
        for who in WHO:
            if who.role is None:
                continue
            code = departments.get(who.key)
            users[who.key] = UserFactory(role=who.role, department=dept[code] if code else None)
        handler = certified_officer(user=users["officer"], department=dept["zfdd"])
        certified_officer(user=users["other_officer"], department=dept["xwpxk"])
        colleague = certified_officer(department=dept["zfdd"])
        case = CaseFactory(status=CaseStatus.INVESTIGATING, team=[handler, colleague])
        yield {"users": users, "case": case}
        transaction.set_rollback(True)


@pytest.fixture
def client_of(world):
    from django.test import Client

    clients = {}

    def get(who: Who):
        if who.key not in clients:
            client = Client()
            if who.role is not None:
                client.force_login(world["users"][who.key])
            clients[who.key] = client
        return clients[who.key]

    return get


def expected_plain(view, path: str, who: Who) -> str:
    """ "login", "refused" or "allowed" for a page without path parameters."""
    if who.role is None:
        return "login"
    capability = getattr(view, "capability", None)
    if capability is None:
        assert path in LOGIN_ONLY, (
            f"{path}: no capability declared; guard it with core.permissions.capability_required "
            "or list it in LOGIN_ONLY with the reason"
        )
        return "allowed"
    return "allowed" if who.role in CAPABILITIES[capability] else "refused"


def check(response, expected: str, label: str) -> None:
    status = response.status_code
    if expected == "login":
        assert status == 302 and response["Location"].startswith(LOGIN), f"{label}: {status}"
    elif expected == "refused":
        assert status in REFUSED, f"{label}: expected a refusal, got {status}"
    elif expected == "hidden":
        assert status == 404, f"{label}: expected 404 (out of scope), got {status}"
    else:
        assert status < 500 and status not in (403, 404), f"{label}: expected to be let in, got {status}"


@pytest.mark.parametrize("who", WHO, ids=[w.key for w in WHO])
def test_every_plain_staff_page_answers_each_role_as_the_permission_table_says(who, client_of):
    client = client_of(who)
    for path, view in STAFF_PLAIN:
        if path == "/accounts/logout/":
            continue  # signing out would end the session the next pages use
        response = client.get(path)
        if response.status_code == 405:  # a POST-only endpoint: its POST is checked below
            response = client.post(path)
            if response.status_code == 405:
                continue
        check(response, expected_plain(view, path, who), f"{who.key} {path}")


def _case_expectation(world, who: Who, capability: str, *, acting: bool) -> str:
    if who.role is None:
        return "login"
    user = world["users"][who.key]
    if who.role not in CAPABILITIES[capability]:
        return "refused"
    if not in_scope(user, world["case"], acting=False):
        return "hidden"
    if acting and not in_scope(user, world["case"], acting=True):
        return "refused"
    return "allowed"


@pytest.mark.parametrize("who", WHO, ids=[w.key for w in WHO])
def test_every_page_and_step_of_a_case_answers_each_role_as_its_scope_says(who, world, client_of):
    from eduenforce.cases.views.flow import STEPS

    case = world["case"]
    client = client_of(who)
    detail = reverse("cases:detail", args=[case.pk])
    check(
        client.get(detail), _case_expectation(world, who, "cases.view", acting=False), f"{who.key} {detail}"
    )
    for step in STEPS:
        url = reverse("cases:action", args=[case.pk, step.slug])
        capabilities = step.transition.capabilities
        outcomes = {_case_expectation(world, who, c, acting=True) for c in capabilities}
        expected = "allowed" if "allowed" in outcomes else sorted(outcomes)[0]
        for method in ("get", "post"):
            response = getattr(client, method)(url)
            check(response, expected, f"{who.key} {method.upper()} {url}")
    upload = reverse("cases:evidence-upload", args=[case.pk])
    response = client.post(upload)
    expected = _case_expectation(world, who, "evidence.upload", acting=False)
    if expected == "allowed":
        expected = _case_expectation(world, who, "cases.investigate", acting=False)
    check(response, expected, f"{who.key} POST {upload}")


def test_the_matrix_covers_every_case_url():
    """A new case URL must join the matrix above (or this test names it)."""
    covered = {"<int:pk>/", "<int:pk>/act/<slug:action>/", "<int:pk>/evidence/upload/"}
    case_routes = {
        route.removeprefix("cases/")
        for route, _ in routes()
        if route.startswith("cases/<int:pk>/") and "documents" not in route
    }
    assert case_routes <= covered, case_routes - covered


def test_nobody_outside_the_case_gets_a_200_on_any_of_its_steps(world, client_of):
    """The attack run's finding: an officer of another section POSTed a correction order."""
    from eduenforce.cases.models import CorrectionOrder

    outsider = client_of(WHO[8])
    url = reverse("cases:action", args=[world["case"].pk, "order-correction"])
    response = outsider.post(url, {"content": "责令改正", "deadline": "2099-01-01", "basis": ""})
    assert response.status_code == 404
    assert not CorrectionOrder.objects.filter(case=world["case"]).exists()
