"""Hostile query strings never give a 5xx (issue 21 item 4).

Generated from the URL resolver: every GET page without path parameters, as a user whose role
holds the view's capability, is fed hypothesis-drawn values for each filter the view declares
(``core.query.list_filters``) plus the parameter names list pages commonly read. A view that
reads the query string must declare its filters. Runs on SQLite and PostgreSQL alike.
"""

import inspect
import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from eduenforce.core.permissions import CAPABILITIES
from eduenforce.core.query import ListQuery
from eduenforce.core.roles import Role

pytestmark = pytest.mark.django_db

# Names list pages read, tried on every page (declared or not).
COMMON = [
    "page", "q", "status", "source", "department", "year", "kind", "after", "before", "days", "list",
    "number", "violation", "street", "month", "state", "stage", "period", "quarter", "mine", "overdue",
    "format", "fmt", "download", "active", "below", "all", "plans", "category", "from", "to", "cursor",
]  # fmt: skip

HOSTILE_TEXT = st.one_of(
    st.sampled_from(
        [
            "99999999999999999999999",
            "-99999999999999999999999",
            "-1",
            "0",
            "1e309",
            "NaN",
            "2026-13-45",
            "0000-00-00",
            "9999-12-31",
            "'; DROP TABLE cases_case; --",
            "<script>alert(1)</script>",
            "%00",
            "\x00",
            "../../etc/passwd",
            "𠀀" * 300,
            " ",
            "open",
            "2025",
            "2025Q5",
        ]
    ),
    st.text(max_size=40),
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
)


def staff_get_views(resolver=None, prefix=""):
    """(route, view) of every URL pattern without path parameters."""
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from staff_get_views(entry, route)
        elif isinstance(entry, URLPattern) and "<" not in route and "(?P" not in route:
            path = "/" + route.lstrip("^").rstrip("$").replace("\\", "")
            if not path.startswith(("/static/", "/media/")):
                yield path, entry.callback


ROUTES = sorted(dict(staff_get_views()).items())


def _source(view) -> str:
    view = getattr(view, "view_class", view)
    while hasattr(view, "__wrapped__"):
        view = view.__wrapped__
    try:
        return inspect.getsource(view)
    except (OSError, TypeError):
        return ""


def role_for(view) -> str:
    capability = getattr(view, "capability", None)
    if capability is None:
        return Role.SECTION_HEAD
    roles = CAPABILITIES[capability]
    for role in (Role.SECTION_HEAD, Role.OFFICER, Role.LEADER, Role.LEGAL_REVIEWER, *Role):
        if role in roles:
            return role
    raise AssertionError(capability)


@pytest.fixture
def as_role(make_user, client_for):
    from eduenforce.accounts.models import Department

    clients = {}

    def get(role):
        if role not in clients:
            department = Department.objects.get(code="scjg" if role == Role.LIAISON else "zfdd")
            clients[role] = client_for(make_user(role, department=department))
        return clients[role]

    return get


def params_for(view):
    declared = list(getattr(view, "list_filters", ListQuery).base_fields)
    names = sorted(set(declared) | set(COMMON))
    return st.dictionaries(st.sampled_from(names), HOSTILE_TEXT, min_size=1, max_size=4)


@pytest.mark.parametrize(("path", "view"), ROUTES, ids=[path for path, _ in ROUTES])
def test_no_query_string_makes_a_page_fail(path, view, as_role):
    client = as_role(role_for(view))

    @settings(
        max_examples=8,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(params=params_for(view))
    def check(params):
        response = client.get(path, params)
        assert response.status_code < 500, f"GET {path} {params!r} answered {response.status_code}"
        if response.status_code == 400 and getattr(view, "list_filters", None):
            assert "查询参数有误" in response.content.decode()

    check()


# The public portal parses its query strings through its own strict layer
# (``portal.listing.parse_filters`` → ``portal.errors.BadQuery``, a Chinese 400); they are fuzzed above.
OWN_LAYER = ("/portal/",)


def test_every_page_that_reads_the_query_string_declares_its_filters():
    undeclared = [
        path
        for path, view in ROUTES
        if re.search(r"request\.GET(?!\.urlencode)", _source(view))
        and not hasattr(view, "list_filters")
        and not path.startswith(OWN_LAYER)
    ]
    assert not undeclared, f"declare the filters with core.query.list_filters: {undeclared}"


def test_an_over_long_integer_filter_is_a_chinese_400_naming_the_parameter(as_role):
    response = as_role(Role.SECTION_HEAD).get(
        "/coordination/actions/", {"department": "99999999999999999999999"}
    )
    assert response.status_code == 400
    page = response.content.decode()
    assert "查询参数有误" in page and "责任部门" in page and "department" in page


def test_a_valid_filter_still_filters(as_role):
    from eduenforce.accounts.models import Department

    department = Department.objects.get(code="zfdd")
    response = as_role(Role.SECTION_HEAD).get("/coordination/actions/", {"department": department.pk})
    assert response.status_code == 200
