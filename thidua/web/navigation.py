"""The main menu, assembled from entries each domain app registers in its AppConfig.ready().

An entry shows when the user may perform its `action` (through the one policy module), or
when it has no action and the user is logged in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse


@dataclass(frozen=True)
class NavEntry:
    label: Any
    url_name: str
    order: int
    visible: Callable[[Any], bool]


ENTRIES: list[NavEntry] = []


def register(label: Any, url_name: str, *, order: int, visible: Callable[[Any], bool]) -> None:
    """Add a menu entry (label is a lazy Vietnamese string)."""
    if any(e.url_name == url_name for e in ENTRIES):
        return
    ENTRIES.append(NavEntry(label, url_name, order, visible))
    ENTRIES.sort(key=lambda e: e.order)


def menu_for(user: Any) -> list[dict[str, Any]]:
    return [{"label": e.label, "url": reverse(e.url_name)} for e in ENTRIES if e.visible(user)]
