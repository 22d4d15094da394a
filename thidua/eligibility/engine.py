"""The eligibility engine: evaluate a title for a subject and school year under the law of the
evaluation date, with every reason and its citation.

Outcome precedence: any ``fail`` -> ineligible; else any ``defer`` -> deferred; else any
``missing`` -> incomplete; else eligible. Pure: no database, no I/O after the parameter files
are loaded once.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from . import catalog
from .context import Ctx
from .facts import (
    Award,
    Case,
    CohortFacts,
    CollectiveFacts,
    CouncilVote,
    Initiative,
    PersonFacts,
    ProposalFacts,
    StudentFacts,
    Subject,
)
from .params import ParamSet, params_at
from .registry import RULES_VERSION, UnknownTitle, rules_for
from .results import (
    DEFER,
    ELIGIBLE,
    FAIL,
    INELIGIBLE,
    MISSING,
    CohortResult,
    Finding,
    Verdict,
    outcome_of,
)
from .rules.common import CAPS, cap_finding, finding

__all__ = [
    "UnknownTitle",
    "default_on",
    "earliest_year",
    "earliest_years",
    "evaluate",
    "evaluate_case",
    "evaluate_cohort",
    "evaluate_many",
]

_KIND = {PersonFacts: "person", CollectiveFacts: "collective", StudentFacts: "student"}
_DEFAULT_ON: dict[str, tuple[int, date]] = {}


def _year(school_year: str) -> tuple[int, date]:
    """(start year, default evaluation date) of a school year; validated once, then cached."""
    hit = _DEFAULT_ON.get(school_year)
    if hit is None:
        start = catalog.parse_school_year(school_year)
        if start is None:
            raise ValueError(f"bad school year {school_year!r} (expected e.g. 2023-2024)")
        hit = _DEFAULT_ON[school_year] = (start, catalog.default_evaluation_date(start))
    return hit


def default_on(school_year: str) -> date:
    """Default evaluation date: 31 May of the end year ("2023-2024" -> 2024-05-31)."""
    return _year(school_year)[1]


def evaluate(
    title_id: str,
    facts: Subject,
    school_year: str,
    on: date | None = None,
    params: ParamSet | None = None,
    *,
    proposal: ProposalFacts | None = None,
    cohort: CohortFacts | None = None,
    council_vote: CouncilVote | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> Verdict:
    """Judge one catalog id for one subject (person, collective or student) and school year.

    ``on`` defaults to 31 May of the year's end; ``params`` defaults to the (cached)
    parameters in force on ``on`` with ``overrides``. ``cohort`` enables caps, ``council_vote``
    the vote rules; without them the verdict covers the criteria alone.
    """
    y, default = _year(school_year)
    if on is None:
        on = default
    p = params if params is not None else params_at(on, overrides)
    kind = _KIND.get(type(facts))
    if kind is None:
        raise TypeError(f"unsupported facts type {type(facts).__name__}")
    c = Ctx(title_id, facts, school_year, y, on, p, proposal, cohort, council_vote, kind)
    findings = c.findings
    if p.raw_values.get("general.regime") is None:
        findings.append(
            finding(
                c,
                "R-GEN-10",
                FAIL,
                f"Chưa có quy định được cấu hình cho ngày xét {catalog.fmt_date(on)}.",
            )  # fmt: skip
        )
        return Verdict(
            title_id, INELIGIBLE, tuple(findings), None, p.hash, RULES_VERSION, school_year, on
        )
    append = findings.append
    clean = True  # every finding so far passed
    for fn in rules_for(title_id, kind, on):
        r = fn(c)
        if r is None:
            continue
        if type(r) is Finding:
            append(r)
            if clean and r[1] != "pass":
                clean = False
        else:
            findings.extend(r)
            clean = False
    return Verdict(
        title_id, ELIGIBLE if clean else outcome_of(findings), tuple(findings), c.cap, p.hash,
        RULES_VERSION, school_year, on,
    )  # fmt: skip


def evaluate_many(
    title_ids: Iterable[str],
    facts: Subject,
    school_year: str,
    on: date | None = None,
    params: ParamSet | None = None,
    **kwargs: Any,
) -> dict[str, Verdict]:
    """Evaluate several catalog ids for one subject (derived data is computed once)."""
    if on is None:
        on = default_on(school_year)
    if params is None:
        params = params_at(on, kwargs.pop("overrides", None))
    return {t: evaluate(t, facts, school_year, on, params, **kwargs) for t in title_ids}


def evaluate_case(case: Case) -> Verdict:
    """Evaluate a complete input snapshot (as stored with a verdict, or built from a scenario)."""
    return evaluate(
        case.title,
        case.subject,
        case.school_year,
        case.on,
        proposal=case.proposal,
        cohort=case.cohort,
        council_vote=case.council_vote,
        overrides=dict(case.parameters) if case.parameters else None,
    )


# --- cohorts ------------------------------------------------------------------------------------------

#: The title whose holders form the base of each capped title's share.
_CAP_BASE = {title: base for title, (_, _, base) in CAPS.items()}


def evaluate_cohort(
    title_id: str,
    candidates: Sequence[Subject],
    school_year: str,
    on: date | None = None,
    params: ParamSet | None = None,
    *,
    base_count: int | None = None,
    already_selected: int = 0,
    ranking: Sequence[int] | None = None,
    council_votes: Sequence[CouncilVote | None] | None = None,
    overrides: Mapping[str, Any] | None = None,
) -> CohortResult:
    """Evaluate a unit's candidates for a title and apply its cap, if any.

    The cap is floor(share × base_count); ``base_count`` defaults to the number of candidates
    eligible for the base title (LĐTT for CSTĐCS, TTLĐTT for TTLĐXS, …). Candidates eligible
    on the criteria take the available places in ``ranking`` order (indices, best first;
    default: the given order); the others get a failing cap finding that says why.
    """
    if on is None:
        on = default_on(school_year)
    p = params if params is not None else params_at(on, overrides)
    votes = list(council_votes) if council_votes is not None else [None] * len(candidates)
    verdicts = [
        evaluate(title_id, f, school_year, on, p, council_vote=votes[i])
        for i, f in enumerate(candidates)
    ]
    if title_id not in CAPS:
        return CohortResult(title_id, None, None, tuple(verdicts), tuple(range(len(candidates))))
    base_title = _CAP_BASE[title_id]
    if base_count is None:
        base_count = sum(
            1 for f in candidates if evaluate(base_title, f, school_year, on, p).outcome == ELIGIBLE
        )
    order = list(ranking) if ranking is not None else list(range(len(candidates)))
    order += [i for i in range(len(candidates)) if i not in set(order)]
    rank = 0
    selected: list[int] = []
    cap: int | None = None
    out = list(verdicts)
    for i in order:
        v = verdicts[i]
        if v.outcome != ELIGIBLE:
            continue
        rank += 1
        c = Ctx(title_id, candidates[i], school_year, _year(school_year)[0], on, p, None, None,
                None, _KIND[type(candidates[i])])  # fmt: skip
        fnd = cap_finding(c, title_id, base_count, already_selected, rank)
        cap = c.cap
        if fnd is None:
            continue
        findings = v.findings + (fnd,)
        out[i] = replace(v, findings=findings, outcome=outcome_of(findings), cap=cap)
        if out[i].outcome == ELIGIBLE:
            selected.append(i)
    if cap is None:
        share = p.raw_values.get(CAPS[title_id][1])
        if share is not None:
            from .rules.common import compute_cap

            cap = compute_cap(share, base_count)
    out = [v if v.cap == cap else replace(v, cap=cap) for v in out]
    return CohortResult(title_id, cap, base_count, tuple(out), tuple(selected))


# --- earliest year of the next higher titles ---------------------------------------------------------

HIGHER_TITLES: tuple[str, ...] = (
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_cap_tinh",
    "chien_si_thi_dua_toan_quoc",
    "bang_khen_cap_tinh",
    "bang_khen_thu_tuong",
    "huan_chuong_lao_dong_hang_ba",
)
#: Titles granted as annual titles (kept in ``titles``) vs award forms (kept in ``awards``).
_AS_TITLE = {"chien_si_thi_dua_co_so", "chien_si_thi_dua_cap_tinh", "chien_si_thi_dua_toan_quoc"}
_HORIZON = 30


def earliest_years(facts: PersonFacts, from_year: str) -> dict[str, str | None]:
    """The earliest school year (from ``from_year`` on) the person could reach each higher
    title (CSTĐCS, CSTĐ cấp tỉnh, CSTĐ toàn quốc, Bằng khen cấp tỉnh, Bằng khen Thủ tướng,
    Huân chương Lao động hạng Ba), or None within 30 years.

    How it is computed: years before ``from_year`` use the recorded facts (revoked titles
    excluded). Every year from ``from_year`` on is assumed to meet the yearly criteria: the
    person registers, is rated HTXSNV, has no discipline, leave or pending matter, and has an initiative recognised at national scope (which also satisfies every
    lower scope). The years are then simulated in order; in each year the higher titles are
    evaluated with the engine's own rules (the parameters in force on 31 May of that year,
    so R-GEN-9 intervals and dated changes apply), and a title found reachable is assumed
    granted that year (as a title, or as an award whose achievement period ends that year),
    so the titles that require it can count it later. The first year each title is reachable
    is returned. Council votes and caps are not simulated.
    """
    start = catalog.parse_school_year(from_year)
    if start is None:
        raise ValueError(f"bad school year {from_year!r}")
    titles = {k: tuple(v) for k, v in facts.titles.items() if catalog.year_start(k) < start}
    ratings = {k: v for k, v in facts.ratings.items() if catalog.year_start(k) < start}
    registered = {k for k in facts.registered if catalog.year_start(k) < start}
    initiatives = [i for i in facts.initiatives if catalog.year_start(i.school_year) < start]
    awards = [a for a in facts.awards if _award_end(a) < start]

    found: dict[str, str | None] = {t: None for t in HIGHER_TITLES}
    current = facts
    for y in range(start, start + _HORIZON):
        sy = catalog.year_label(y)
        ratings[sy] = "htxsnv"
        registered.add(sy)
        titles[sy] = ()
        initiatives.append(Initiative(school_year=sy, scope="toan_quoc"))
        for title in ("lao_dong_tien_tien", *HIGHER_TITLES):
            current = replace(
                facts,
                registered=frozenset(registered),
                ratings=dict(ratings),
                titles=dict(titles),
                initiatives=tuple(initiatives),
                awards=tuple(awards),
                discipline=(),
                pending_matters=(),
                leave=(),
                training=(),
                transfers=(),
                unit_head=False,
            )
            v = evaluate(title, current, sy)
            if v.outcome != ELIGIBLE:
                continue
            if title in found and found[title] is None:
                found[title] = sy
            if title in _AS_TITLE or title == "lao_dong_tien_tien":
                if title not in titles[sy]:
                    titles[sy] = titles[sy] + (title,)
            else:
                awards.append(Award(form=title, decided_on=date(y + 1, 6, 30), period=(sy,)))
        if all(found.values()):
            break
    return found


def _award_end(a: Award) -> int:
    if a.period:
        return max(catalog.year_start(s) for s in a.period)
    return catalog.school_year_of(a.decided_on) if a.decided_on else 0


def earliest_year(title_id: str, facts: PersonFacts, from_year: str) -> str | None:
    """The earliest school year from ``from_year`` on in which the person could next reach
    ``title_id``, assuming they keep meeting the yearly criteria (see ``earliest_years``)."""
    if title_id not in HIGHER_TITLES:
        raise UnknownTitle(f"{title_id} is not one of {', '.join(HIGHER_TITLES)}")
    return earliest_years(facts, from_year)[title_id]


# Silence "imported but unused" for names re-exported for callers' convenience.
_ = (DEFER, FAIL, MISSING)
