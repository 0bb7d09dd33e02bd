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


def require_status(obj, allowed, action_label: str, field: str = "status") -> None:
    """The one guard every transition method calls before it changes anything."""
    allowed = list(allowed)
    current = getattr(obj, field)
    if current in allowed:
        return
    labels = dict(obj._meta.get_field(field).flatchoices)
    names = "、".join(str(labels.get(s, s)) for s in allowed)
    raise TransitionNotAllowed(
        f"当前状态为“{labels.get(current, current)}”，不能{action_label}（仅限：{names}）"
    )
