from django.contrib import messages
from django.shortcuts import redirect

from eduenforce.core.errors import DomainError


def perform(request, action, success: str, to):
    """Run one verb from a POST: success message, or the refusal as an error message."""
    try:
        action()
    except DomainError as error:
        messages.error(request, error.message)
    else:
        messages.success(request, success)
    return redirect(to)


def form_error(form, error: DomainError) -> None:
    """Put a refused action on the form, on its field when the field is on the form."""
    field = error.field if error.field in form.fields else None
    form.add_error(field, error.message)


def errors_text(form) -> str:
    """A form's errors on one line, each named by its field's label."""
    parts = []
    for name, errors in form.errors.items():
        label = form.fields[name].label if name in form.fields else ""
        parts += [f"{label}：{e}" if label else str(e) for e in errors]
    return "；".join(parts)
