"""Domain errors: a refused action is a clear message for the user, never a 500."""


class DomainError(Exception):
    """An action the rules do not allow. The message is Chinese and shown to the user.

    Views catch it and add it to the form; anything uncaught becomes a 409 page
    (see ``core.middleware.DomainErrorMiddleware``).
    """

    status_code = 409

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


class TransitionNotAllowed(DomainError):
    """A state change asked for from a state that does not allow it."""


def require_status(obj, allowed, action_label: str, field: str = "status", why: str = "") -> None:
    """The state guard of every transition (``core.transitions.Transition.check`` calls it)."""
    message = status_refusal(obj, allowed, action_label, field, why)
    if message is not None:
        raise TransitionNotAllowed(message)


def status_refusal(obj, allowed, action_label: str, field: str = "status", why: str = "") -> str | None:
    """Why ``obj``'s state does not allow the action (None when it does); ``why`` is the rule
    behind the restriction (an article), added to the refusal."""
    current = getattr(obj, field)
    if current in allowed:
        return None
    choices = obj._meta.get_field(field).flatchoices
    labels = dict(choices)
    names = "、".join(str(label) for value, label in choices if value in allowed)  # in the enum's order
    message = f"当前状态为“{labels.get(current, current)}”，不能{action_label}（仅限：{names}）"
    return f"{message}：{why}" if why else message
