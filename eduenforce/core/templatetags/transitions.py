"""Templates ask the declared transition itself whether to show a button.

    {% load transitions %}
    {% offered "cases.open_filing_review" lead as can_review %}
    {% if can_review %}<a …>立案审查</a>{% endif %}

No template lists the states a step starts from: that is the ``Transition`` next to the action.
"""

from django import template

from eduenforce.core.transitions import REGISTRY

register = template.Library()


@register.simple_tag(takes_context=True)
def offered(context, name: str, obj) -> bool:
    """Would the action of transition ``name`` accept the current user on ``obj`` now?"""
    return REGISTRY[name].allowed(obj, context["request"].user)
