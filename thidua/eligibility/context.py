"""The evaluation context handed to every rule, and per-subject derived data.

Derived data (titles held net of revocations, award holdings, rating ranks) depends only on
the immutable facts, so it is computed once per facts object and cached on it: evaluating
all titles for one person derives it once.
"""

from __future__ import annotations

from datetime import date
from typing import Any, NamedTuple

from . import catalog
from .facts import (
    CohortFacts,
    CollectiveFacts,
    CouncilVote,
    PersonFacts,
    ProposalFacts,
    StudentFacts,
)
from .params import ParamSet
from .results import Finding


class Holding(NamedTuple):
    """A title or award form held (not revoked) and the school years of its achievement."""

    id: str
    years: tuple[int, ...]  # start years of the achievement period, ascending
    decided_on: date | None
    achievement: str | None

    @property
    def end(self) -> int:
        """Start year of the last school year of the period."""
        return self.years[-1]


class Derived:
    """Per-subject data several rules need, computed once per facts object."""

    __slots__ = ("held", "holdings", "revoked", "_ratings", "_facts")

    def __init__(
        self,
        held: dict[str, set[int]],
        holdings: dict[str, tuple[Holding, ...]],
        revoked: dict[str, set[int]],
        facts: PersonFacts | CollectiveFacts,
    ) -> None:
        #: id -> start years held (titles; award forms at their period end). Never mutate.
        self.held = held
        #: id -> holdings with their periods, sorted by period end (award forms and titles
        #: recorded as awards).
        self.holdings = holdings
        #: id -> start years revoked (for R-GEN-4 messages).
        self.revoked = revoked
        self._ratings: dict[int, int] | None = None
        self._facts = facts

    @property
    def ratings(self) -> dict[int, int]:
        """Start year -> rating rank (computed on first use)."""
        r = self._ratings
        if r is None:
            r = self._ratings = {
                (_YS.get(sy) or ys(sy)): _RANK[v] for sy, v in self._facts.ratings.items()
            }
        return r


_YS: dict[str, int] = {}


def ys(school_year: str) -> int:
    """Start year of a school year string (plain-dict cache: hot path)."""
    y = _YS.get(school_year)
    if y is None:
        y = _YS[school_year] = int(school_year[:4])
    return y


def _revocation_matches(
    rev: Any, ident: str, years: tuple[int, ...], decided_on: date | None, ach: str | None
) -> bool:
    if rev.title != ident:
        return False
    qualified = False
    if rev.school_year is not None:
        qualified = True
        if ys(rev.school_year) in years:
            return True
    if rev.decided_on is not None:
        qualified = True
        if decided_on == rev.decided_on:
            return True
    if rev.achievement is not None:
        qualified = True
        if ach == rev.achievement:
            return True
    return not qualified


_AWARD_FORMS = frozenset(catalog.AWARD_FORMS)
_RANK = catalog.RATING_RANK


def derive(f: PersonFacts | CollectiveFacts) -> Derived:
    """Derived data of a person or collective (cached on the facts object)."""
    d = f._derived
    if d is not None:
        return d  # type: ignore[no-any-return]
    revs = f.revoked
    held: dict[str, set[int]] = {}
    revoked: dict[str, set[int]] = {}
    lists: dict[str, list[Holding]] = {}
    for sy, ids in f.titles.items():
        y = _YS.get(sy) or ys(sy)
        for ident in ids:
            if revs and any(_revocation_matches(r, ident, (y,), None, None) for r in revs):
                revoked.setdefault(ident, set()).add(y)
                continue
            years = held.get(ident)
            if years is None:
                held[ident] = {y}
            else:
                years.add(y)
            if ident in _AWARD_FORMS:
                lists.setdefault(ident, []).append(Holding(ident, (y,), None, None))
    for a in f.awards:
        if a.period:
            span = tuple(sorted(ys(s) for s in a.period))
        elif a.decided_on is not None:
            span = (catalog.school_year_of(a.decided_on),)
        else:
            continue
        if a.revoked or (
            revs
            and any(_revocation_matches(r, a.form, span, a.decided_on, a.achievement) for r in revs)
        ):
            revoked.setdefault(a.form, set()).update(span)
            continue
        lists.setdefault(a.form, []).append(Holding(a.form, span, a.decided_on, a.achievement))
        held.setdefault(a.form, set()).add(span[-1])
    holdings = (
        {k: tuple(sorted(v, key=lambda h: h.years[-1])) for k, v in lists.items()} if lists else {}
    )
    derived = Derived(held, holdings, revoked, f)
    object.__setattr__(f, "_derived", derived)
    return derived


class Ctx:
    """Everything a rule may read for one evaluation; built once per evaluate() call."""

    __slots__ = (
        "title", "f", "sy", "y", "on", "p", "v", "cites", "proposal", "cohort", "vote",
        "findings", "cap", "memo", "kind",
    )  # fmt: skip

    def __init__(
        self,
        title: str,
        f: PersonFacts | CollectiveFacts | StudentFacts,
        sy: str,
        y: int,
        on: date,
        p: ParamSet,
        proposal: ProposalFacts | None,
        cohort: CohortFacts | None,
        vote: CouncilVote | None,
        kind: str,
    ) -> None:
        self.title = title
        self.f = f
        self.sy = sy
        self.y = y
        self.on = on
        self.p = p
        self.v: dict[str, Any] = p.raw_values
        self.cites: dict[str, tuple[str, ...]] = p.raw_cites
        self.proposal = proposal
        self.cohort = cohort
        self.vote = vote
        self.findings: list[Finding] = []
        self.cap: int | None = None
        self.memo: dict[str, Any] | None = None
        self.kind = kind

    @property
    def first_day(self) -> date:
        """1 September of the evaluated school year."""
        return _bounds(self.y)[0]

    @property
    def last_day(self) -> date:
        """31 August closing the evaluated school year."""
        return _bounds(self.y)[1]

    def derived(self) -> Derived:
        """Derived data of the subject (person or collective)."""
        return derive(self.f)  # type: ignore[arg-type]


_BOUNDS: dict[int, tuple[date, date]] = {}


def _bounds(y: int) -> tuple[date, date]:
    b = _BOUNDS.get(y)
    if b is None:
        b = _BOUNDS[y] = catalog.year_bounds(y)
    return b
