"""Template helpers shared by every app."""

from django import forms, template
from django.utils.html import format_html

register = template.Library()


@register.filter
def bs(field):
    """Render a bound field with the Bootstrap class its widget needs."""
    widget = field.field.widget
    if isinstance(widget, forms.CheckboxSelectMultiple | forms.RadioSelect):
        # Django repeats widget attrs on the list container, so style the options through a
        # wrapper instead of a class on every element.
        invalid = " is-invalid" if field.errors else ""
        return format_html('<div class="choice-list{}">{}</div>', invalid, field.as_widget())
    if isinstance(widget, forms.CheckboxInput):
        css = "form-check-input"
    elif isinstance(widget, forms.Select | forms.SelectMultiple):
        css = "form-select"
    else:
        css = "form-control"
    if field.errors:
        css += " is-invalid"
    existing = widget.attrs.get("class", "")
    return field.as_widget(attrs={"class": f"{existing} {css}".strip()})


@register.filter
def masked_id(value):
    """身份证号 shown as 1201**********1234."""
    value = str(value or "")
    return value[:4] + "*" * (len(value) - 8) + value[-4:] if len(value) > 8 else value
