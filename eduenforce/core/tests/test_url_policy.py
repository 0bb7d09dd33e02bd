"""Deny by default (ASVS 8.3.1): every URL needs a login, except the public allow-list."""

import re

import pytest
from django.urls import URLPattern, URLResolver, get_resolver

pytestmark = pytest.mark.django_db

PUBLIC_PREFIXES = ("portal/", "api/", "accounts/login/", "static/")


def iter_patterns(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for entry in resolver.url_patterns:
        route = prefix + str(entry.pattern)
        if isinstance(entry, URLResolver):
            yield from iter_patterns(entry, route)
        elif isinstance(entry, URLPattern):
            yield route


def concrete(route: str) -> str:
    """A visitable path for a route: converters get harmless sample values."""
    path = route.lstrip("^").rstrip("$")
    path = re.sub(r"<int:[^>]+>", "1", path)
    path = re.sub(r"<(?:slug|str|uuid|path):[^>]+>|<[^>]+>", "x", path)
    path = re.sub(r"\(\?P<[^>]+>[^)]*\)", "1", path)
    return "/" + path.replace("\\", "")


STAFF_ROUTES = sorted({r for r in iter_patterns() if not r.startswith(PUBLIC_PREFIXES)})


@pytest.mark.parametrize("route", STAFF_ROUTES)
def test_no_staff_page_opens_without_a_login(client, route):
    path = concrete(route)
    for method in ("get", "post"):
        response = getattr(client, method)(path)
        assert response.status_code in (302, 403, 404, 405), (
            f"{method.upper()} {path} answered {response.status_code} to an anonymous visitor: "
            "protect the view with core.permissions.capability_required, or if it is meant to be "
            "public, serve it under /portal/"
        )
        if response.status_code == 302:
            assert "/accounts/login/" in response["Location"]
