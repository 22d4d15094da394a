"""Registration of rule functions per catalog id, with a validity window (since/until).

Four decorators make the intent visible (conventions.md §4):

- ``@rule`` — a check on the candidate's own facts for the year;
- ``@history_rule`` — looks back over several years (consecutive titles, intervals);
- ``@cohort_rule`` — needs the unit's numbers (caps); runs when a cohort is given;
- ``@exclusivity_rule`` — "one achievement, one award form" across awards and proposals.

A rule function takes the evaluation context and returns a Finding, several Findings, or
None when it does not apply. ``rules_for(title, subject, on)`` is cached.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Any

from . import catalog

#: Bump when a rule's logic changes (stored with every verdict).
RULES_VERSION = "2025.1"

RuleFunc = Callable[[Any], Any]


@dataclass(frozen=True, slots=True)
class RuleSpec:
    """One registered rule function."""

    func: RuleFunc
    titles: frozenset[str]
    code: str
    kind: str  # rule | history | cohort | exclusivity
    since: date | None
    until: date | None
    subjects: frozenset[str]
    emits: frozenset[str]
    order: int
    seq: int


_RULES: list[RuleSpec] = []
#: Findings are listed by (order, registration): general principles first, caps and votes last.
_DEFAULT_ORDER = {"exclusivity": 10, "rule": 50, "history": 50, "cohort": 80}


def _as_date(value: str | date | None) -> date | None:
    if value is None or isinstance(value, date):
        return value
    return date.fromisoformat(value)


def _register(
    kind: str,
    titles: Iterable[str],
    code: str,
    since: str | date | None,
    until: str | date | None,
    subjects: Iterable[str] | None,
    emits: Iterable[str],
    order: int | None = None,
) -> Callable[[RuleFunc], RuleFunc]:
    title_set = frozenset(titles)
    unknown = title_set - set(catalog.ALL_IDS)
    if unknown:
        raise ValueError(f"unknown catalog ids {sorted(unknown)}")
    if code not in catalog.RULE_IDS:
        raise ValueError(f"unknown rule id {code}")
    emitted = frozenset({code, *emits})
    for rid in emitted:
        if rid not in catalog.RULE_IDS:
            raise ValueError(f"unknown rule id {rid}")

    def decorator(func: RuleFunc) -> RuleFunc:
        _RULES.append(
            RuleSpec(
                func=func,
                titles=title_set,
                code=code,
                kind=kind,
                since=_as_date(since),
                until=_as_date(until),
                subjects=frozenset(subjects or ("person", "collective", "student")),
                emits=emitted,
                order=_DEFAULT_ORDER[kind] if order is None else order,
                seq=len(_RULES),
            )
        )
        rules_for.cache_clear()
        return func

    return decorator


def rule(
    *titles: str,
    code: str,
    since: str | date | None = None,
    until: str | date | None = None,
    subjects: Iterable[str] | None = None,
    emits: Iterable[str] = (),
    order: int | None = None,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a per-candidate rule for the given catalog ids."""
    return _register("rule", titles, code, since, until, subjects, emits, order)


def history_rule(
    *titles: str,
    code: str,
    since: str | date | None = None,
    until: str | date | None = None,
    subjects: Iterable[str] | None = None,
    emits: Iterable[str] = (),
    order: int | None = None,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule that looks back over several school years."""
    return _register("history", titles, code, since, until, subjects, emits, order)


def cohort_rule(
    *titles: str,
    code: str,
    since: str | date | None = None,
    until: str | date | None = None,
    subjects: Iterable[str] | None = None,
    emits: Iterable[str] = (),
    order: int | None = None,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a rule over the unit's cohort (caps); it runs only when a cohort is given."""
    return _register("cohort", titles, code, since, until, subjects, emits, order)


def exclusivity_rule(
    title_ids: str | Iterable[str],
    *,
    code: str,
    since: str | date | None = None,
    until: str | date | None = None,
    subjects: Iterable[str] | None = None,
    emits: Iterable[str] = (),
    order: int | None = None,
) -> Callable[[RuleFunc], RuleFunc]:
    """Register a "one achievement, one award form" rule for one or several catalog ids."""
    titles = (title_ids,) if isinstance(title_ids, str) else tuple(title_ids)
    return _register("exclusivity", titles, code, since, until, subjects, emits, order)


class UnknownTitle(ValueError):
    """The catalog id is unknown or does not apply to this kind of subject."""


@lru_cache(maxsize=4096)
def rules_for(title: str, subject: str, on: date) -> tuple[RuleFunc, ...]:
    """Rule functions for a catalog id and subject kind, in force on a date (cached)."""
    _ensure_loaded()
    if title not in catalog.SUBJECTS:
        raise UnknownTitle(f"unknown catalog id {title!r}")
    if subject not in catalog.SUBJECTS[title]:
        raise UnknownTitle(f"{title} cannot be evaluated for a {subject}")
    return tuple(
        spec.func
        for spec in sorted(_RULES, key=lambda s: (s.order, s.seq))
        if title in spec.titles
        and subject in spec.subjects
        and (spec.since is None or spec.since <= on)
        and (spec.until is None or on <= spec.until)
    )


def specs() -> tuple[RuleSpec, ...]:
    """Every registered rule (for documentation and checks)."""
    _ensure_loaded()
    return tuple(_RULES)


def emitted_rule_ids() -> frozenset[str]:
    """Every rule id a registered rule may emit."""
    _ensure_loaded()
    return frozenset(rid for spec in _RULES for rid in spec.emits)


_LOADED = False


def _ensure_loaded() -> None:
    global _LOADED
    if not _LOADED:
        _LOADED = True
        from . import rules  # noqa: F401
