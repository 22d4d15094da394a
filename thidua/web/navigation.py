"""The main menu, assembled from entries each domain app registers in its AppConfig.ready().

An entry shows when the user may perform its `action` (through the one policy module), or
when it has no action and the user is logged in.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _


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


# Menu groups, by the entry's URL namespace: a group with two or more visible entries shows as
# a drop-down, so that the bar stays on one line.
GROUPS: dict[str, Any] = {
    "movements": _("Thi đua"),
    "registrations": _("Thi đua"),
    "achievements": _("Thi đua"),
    "eligibility": _("Thi đua"),
    "evidence": _("Thi đua"),
    "nominations": _("Khen thưởng"),
    "councils": _("Khen thưởng"),
    "decisions": _("Khen thưởng"),
    "honors": _("Học sinh"),
    "honorwall": _("Học sinh"),
}


def menu_for(user: Any) -> list[dict[str, Any]]:
    """Top-level menu items: a link, or a group {label, children}."""
    items: list[dict[str, Any]] = []
    groups: dict[str, dict[str, Any]] = {}
    for entry in ENTRIES:
        if not entry.visible(user):
            continue
        link = {"label": entry.label, "url": reverse(entry.url_name)}
        group = GROUPS.get(entry.url_name.split(":", 1)[0])
        if group is None:
            items.append(link)
            continue
        key = str(group)
        if key not in groups:
            groups[key] = {"label": group, "children": []}
            items.append(groups[key])
        groups[key]["children"].append(link)
    return [
        item["children"][0] if "children" in item and len(item["children"]) == 1 else item
        for item in items
    ]
