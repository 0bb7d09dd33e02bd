from django.contrib import messages
from django.shortcuts import redirect

from eduenforce.core.errors import DomainError
from eduenforce.core.transitions import Transition


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


def form_values(form) -> dict:
    """A valid model form's values for an action: its fields as the form set them on its
    instance (a form may compute a field in ``clean``), many-to-many ones as chosen."""
    values = {}
    for name in form._meta.fields:
        field = form.instance._meta.get_field(name)
        if field.many_to_many:
            values[name] = form.cleaned_data[name]
        else:
            values[field.attname] = getattr(form.instance, field.attname)
    return values


def refused(request, transition: Transition, obj, to: str):
    """A redirect with the declaration's refusal when ``transition`` is closed on ``obj``
    (checked before a form is read, so a frozen plan says so rather than "fill in X")."""
    refusal = transition.refusal(obj, request.user)
    if not isinstance(refusal, DomainError):
        return None
    messages.error(request, refusal.message)
    return redirect(to)
