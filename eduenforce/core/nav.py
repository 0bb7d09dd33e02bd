"""Navigation and home-page cards, registered by each app in its ``AppConfig.ready``.

The base template shows a user only the entries whose capability the user holds, so a
page a role may not open never appears in its menu.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class NavItem:
    section: str
    label: str
    url_name: str
    capability: str
    order: int = 500


@dataclass(frozen=True)
class HomeCard:
    label: str
    capability: str
    value: Callable  # (user) -> int | str
    url_name: str | None = None
    order: int = 500
    hint: str = ""


_NAV: list[NavItem] = []
_CARDS: list[HomeCard] = []


def register(section: str, label: str, url_name: str, capability: str, order: int = 500) -> None:
    item = NavItem(section, label, url_name, capability, order)
    if item not in _NAV:
        _NAV.append(item)


def register_card(
    label: str,
    capability: str,
    value: Callable,
    url_name: str | None = None,
    order: int = 500,
    hint: str = "",
) -> None:
    card = HomeCard(label, capability, value, url_name, order, hint)
    if all(c.label != label for c in _CARDS):
        _CARDS.append(card)


def menu_for(user) -> list[tuple[str, list[NavItem]]]:
    from eduenforce.core.permissions import has_capability

    sections: dict[str, list[NavItem]] = {}
    for item in sorted(_NAV, key=lambda i: i.order):
        if has_capability(user, item.capability):
            sections.setdefault(item.section, []).append(item)
    return list(sections.items())


def cards_for(user) -> list[HomeCard]:
    from eduenforce.core.permissions import has_capability

    return [c for c in sorted(_CARDS, key=lambda c: c.order) if has_capability(user, c.capability)]
