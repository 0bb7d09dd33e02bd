"""Template helpers for the public portal."""

from functools import cache

from django import template
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe

from eduenforce.portal import navigation
from eduenforce.portal.choices import FIELD_LABELS
from eduenforce.portal.richtext import sanitise

register = template.Library()


@register.simple_tag
def portal_menu():
    """The portal's menu items, rendered once per process (the menu never changes at run time)."""
    return _menu_html()


@cache
def _menu_html():
    return render_to_string("portal/_menu.html", {"menu": navigation.menu()})


@register.simple_tag
def publication_rows(publication):
    """(field, value) of what the public sees of ``publication`` (``portal.fields.rows``)."""
    from eduenforce.portal import fields

    return fields.rows(publication)


@register.filter
def field_label(key) -> str:
    return FIELD_LABELS.get(str(key), str(key))


@register.filter
def safe_html(value) -> str:
    """Stored article HTML, sanitised again on the way out (defence in depth), then trusted."""
    return mark_safe(sanitise(value or ""))  # noqa: S308 (nh3 allow-list output)


@register.filter
def is_link_field(key, value) -> bool:
    """A field such as ``json_url`` holding a path on this site is shown as a link."""
    return (
        str(key).endswith("url")
        and isinstance(value, str)
        and value.startswith("/")
        and not value.startswith("//")
    )


@register.filter
def is_scalar(value) -> bool:
    return not isinstance(value, dict | list | tuple)


@register.simple_tag(takes_context=True)
def page_url(context, **changes) -> str:
    """The current URL's query with ``changes`` applied (None removes a key)."""
    request = context["request"]
    params = request.GET.copy()
    for key in ("after", "before"):
        params.pop(key, None)
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    query = params.urlencode()
    return f"{request.path}?{query}" if query else request.path
