"""Extension points of the emulation record page, for the apps above this one.

The record page belongs here, but some of what it shows lives in higher apps: whether a
person registered each year (registrations) and their eligibility (eligibility). Those
apps register a context provider in their AppConfig.ready(); the page calls each one and
adds what it returns to the template context:

- ``registered_years``: a set of school-year codes; fills the "Đăng ký" column.
- ``eligibility_panel``: anything; when present the page includes
  ``eligibility/_person_panel.html`` (or ``eligibility_panel_template``) in its
  eligibility block, with ``panel`` set to it.

A provider receives (user, person, record) and returns a dict; it must not raise for a
user who may read the record.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

PersonContextProvider = Callable[[Any, Any, Any], dict[str, Any]]
CollectiveContextProvider = Callable[[Any, Any, Any], dict[str, Any]]

_PERSON: list[PersonContextProvider] = []
_COLLECTIVE: list[CollectiveContextProvider] = []


def register_person_context(provider: PersonContextProvider) -> None:
    if provider not in _PERSON:
        _PERSON.append(provider)


def register_collective_context(provider: CollectiveContextProvider) -> None:
    if provider not in _COLLECTIVE:
        _COLLECTIVE.append(provider)


def person_context(user: Any, person: Any, record: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for provider in _PERSON:
        context.update(provider(user, person, record) or {})
    return context


def collective_context(user: Any, unit: Any, record: Any) -> dict[str, Any]:
    context: dict[str, Any] = {}
    for provider in _COLLECTIVE:
        context.update(provider(user, unit, record) or {})
    return context
