"""Hooks: a service a lower app needs and a higher app provides.

The apps stand on floors (docs/architecture.md): an app imports only apps below it. When a
lower app needs something only a higher app can do — the journal for ``core``, a case lead
for ``inspections``, a draw preview for ``planning`` — the lower app declares the service as
a hook with the signature it calls, and the higher app fills it in its ``AppConfig.ready()``::

    # inspections/hooks.py (the lower app: what it needs, typed)
    @hooks.declare(provider="cases")
    def register_case_lead(*, source: str, summary: str, by, source_obj=None, institution=None) -> CaseLead:
        '''线索登记 for a hazard left unrectified (cases.services.register_lead).'''

    # cases/apps.py (the higher app)
    def ready(self):
        from eduenforce.cases.services import register_lead
        from eduenforce.inspections.hooks import register_case_lead

        register_case_lead.provide(register_lead)

Calling a hook nobody provided is a configuration error, never a silent no-op; a test checks
that every declared hook is provided once the apps are loaded.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Generic, ParamSpec, TypeVar

from django.core.exceptions import ImproperlyConfigured

P = ParamSpec("P")
R = TypeVar("R")

DECLARED: list[Hook[Any, Any]] = []


class Hook(Generic[P, R]):
    """One declared service; call it like the function it stands for."""

    def __init__(self, signature: Callable[P, R], provider: str) -> None:
        self.name = f"{signature.__module__}.{signature.__qualname__}"
        self.provider = provider
        self.__doc__ = signature.__doc__
        self._implementation: Callable[P, R] | None = None

    def provide(self, implementation: Callable[P, R]) -> None:
        """Fill the hook (from the providing app's ``ready()``); a second, different provider is refused."""
        if self._implementation is not None and self._implementation is not implementation:
            raise ImproperlyConfigured(f"hook {self.name} is already provided by {self._implementation!r}")
        self._implementation = implementation

    @property
    def provided(self) -> bool:
        return self._implementation is not None

    def __call__(self, *args: P.args, **kwargs: P.kwargs) -> R:
        if self._implementation is None:
            raise ImproperlyConfigured(
                f"hook {self.name} is not provided: app '{self.provider}' fills it in its AppConfig.ready()"
            )
        return self._implementation(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<Hook {self.name} provided by {self.provider}>"


def declare(provider: str) -> Callable[[Callable[P, R]], Hook[P, R]]:
    """Declare a hook from a signature stub (its docstring is its whole body: it is never run, the hook
    calls the provider's implementation or raises ImproperlyConfigured); ``provider`` names the app
    that fills it."""

    def wrap(signature: Callable[P, R]) -> Hook[P, R]:
        hook = Hook(signature, provider)
        DECLARED.append(hook)
        return hook

    return wrap


def unprovided() -> list[Hook[Any, Any]]:
    """Declared hooks that no app has filled (empty once every app's ``ready()`` has run)."""
    return [hook for hook in DECLARED if not hook.provided]
