from django.contrib import messages
from django.core.paginator import Paginator
from django.shortcuts import redirect

from eduenforce.core.errors import DomainError


def put_error(form, error: DomainError) -> None:
    form.add_error(error.field if error.field in form.fields else None, error.message)


def run(request, form, action, *, success_url, on_error):
    """Validate ``form`` and run ``action(cleaned_data) -> message``.

    On success: message and redirect to ``success_url`` (a URL, a URL name, or a callable
    returning one, evaluated after the action). On invalid input or a refused action: ``on_error(form)``
    re-renders the page with what was typed and the error next to the field.
    """
    if form.is_valid():
        try:
            message = action(form.cleaned_data)
        except DomainError as exc:
            put_error(form, exc)
        else:
            messages.success(request, message)
            return redirect(success_url() if callable(success_url) else success_url)
    return on_error(form)


def paginate(request, queryset, per_page: int):
    return Paginator(queryset, per_page).get_page(request.GET.get("page"))


def flash_errors(request, form, url):
    """For the one-button forms of list pages: the errors as a message, back to the list."""
    messages.error(request, "；".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect(url)
