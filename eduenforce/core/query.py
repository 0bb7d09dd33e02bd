"""One strict parsing layer for the query string of every staff list view.

Each list view declares its filters as a ``ListQuery`` form and is decorated with
``@list_filters(TheForm)``: the query string is parsed by that form before the view runs.
Integers are bounded to the column's range, dates, years and choices are validated, free text
is bounded in length; a value the form refuses gives a Chinese 400 page naming the parameter,
never a 500. The view reads the parsed values from ``request.query`` (unknown parameters are
ignored; a parameter left out is ``None`` or ``""``).

    class ActionQuery(ListQuery):
        status = choice_filter("状态", ActionStatus.choices, extra=[("open", "未完成")])
        department = id_filter("责任部门")

    @capability_required("coordination.view")
    @list_filters(ActionQuery)
    def action_list(request):
        department = request.query["department"]

The fuzz test (``core/tests/test_query_fuzz.py``) walks the URL resolver and feeds every declared
filter hostile values; ``wrapper.list_filters`` is how it finds the declaration.
"""

from __future__ import annotations

from datetime import date
from functools import wraps

from django import forms
from django.shortcuts import render

# Column ranges: ids are PostgreSQL ``integer``/``bigint`` auto fields; pages and years are small.
MAX_ID = 2**31 - 1
MAX_PAGE = 100_000
MIN_YEAR, MAX_YEAR = 2000, 2100
TEXT_MAX = 100


class ListQuery(forms.Form):
    """The filters every list shares: the page number. Subclasses add the view's own."""

    page = forms.IntegerField(label="页码", min_value=1, max_value=MAX_PAGE, required=False)

    def clean(self):
        data = super().clean()
        for name, field in self.fields.items():
            if isinstance(field, forms.CharField) and data.get(name) is None:
                data[name] = ""
        return data


class FlagField(forms.CharField):
    """A switch in the query string (``?mine=1``): present and not "0"/"false" means on."""

    def __init__(self, label: str):
        super().__init__(label=label, required=False, max_length=10)

    def clean(self, value):
        value = super().clean(value)
        return value.strip().lower() not in ("", "0", "false", "off", "no")


class ChoiceFilter(forms.ChoiceField):
    """A choice from an enum (plus ``extra`` pseudo-values such as ``open``); blank means all."""

    def __init__(self, label: str, choices, extra=()):
        super().__init__(label=label, choices=[("", "全部"), *extra, *choices], required=False)


def id_filter(label: str) -> forms.IntegerField:
    """A database id (a department, an officer…): a positive integer within the column's range."""
    return forms.IntegerField(label=label, min_value=1, max_value=MAX_ID, required=False)


def int_filter(label: str, low: int, high: int) -> forms.IntegerField:
    return forms.IntegerField(label=label, min_value=low, max_value=high, required=False)


def year_filter(label: str = "年度") -> forms.IntegerField:
    return int_filter(label, MIN_YEAR, MAX_YEAR)


def choice_filter(label: str, choices, extra=()) -> ChoiceFilter:
    return ChoiceFilter(label, choices, extra)


def text_filter(label: str = "关键词", max_length: int = TEXT_MAX) -> forms.CharField:
    return forms.CharField(label=label, required=False, max_length=max_length, strip=True)


class DateFilter(forms.DateField):
    def __init__(self, label: str):
        super().__init__(label=label, required=False, input_formats=["%Y-%m-%d"])

    def clean(self, value):
        day = super().clean(value)
        if day is not None and not date(MIN_YEAR, 1, 1) <= day <= date(MAX_YEAR, 12, 31):
            raise forms.ValidationError(f"日期应在 {MIN_YEAR} 年至 {MAX_YEAR} 年之间")
        return day


def refusal(form: forms.Form) -> str:
    """The form's errors as one Chinese sentence naming each parameter."""
    parts = []
    for name, errors in form.errors.items():
        field = form.fields.get(name)
        label = f"“{field.label}”（{name}）" if field is not None else "查询参数"
        parts.append(f"{label}：{'；'.join(errors)}")
    return "；".join(parts)


def parse(form_class: type[ListQuery], params) -> tuple[dict | None, forms.Form]:
    """Parse a query string (a ``QueryDict``): the cleaned values, or None and the bound form."""
    data = {name: params.get(name) for name in form_class.base_fields if name in params}
    # NUL bytes and lone surrogates never reach the database (PostgreSQL refuses NUL in text).
    for name, value in data.items():
        if isinstance(value, str) and has_control_characters(value):
            form = form_class(data)
            form.is_valid()
            form.add_error(name, "含有不可见的控制字符")
            return None, form
    form = form_class(data)
    if not form.is_valid():
        return None, form
    return form.cleaned_data, form


def has_control_characters(value: str) -> bool:
    """NUL and other C0 controls (tabs and newlines aside) or lone surrogates: never a real search word."""
    return any(ord(c) < 32 and c not in "\t\n\r" for c in value) or any(
        0xD800 <= ord(c) <= 0xDFFF for c in value
    )


def bad_query(request, form: forms.Form):
    return render(
        request,
        "core/bad_query.html",
        {"message": refusal(form), "retry_url": request.path},
        status=400,
    )


def list_filters(form_class: type[ListQuery]):
    """View decorator: parse the query string with ``form_class`` into ``request.query``."""

    def decorator(view):
        @wraps(view)
        def wrapper(request, *args, **kwargs):
            query, form = parse(form_class, request.GET)
            if query is None:
                return bad_query(request, form)
            request.query = query
            return view(request, *args, **kwargs)

        wrapper.list_filters = form_class
        return wrapper

    return decorator
