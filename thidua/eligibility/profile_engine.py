"""Measure the pure engine: build 20,000 synthetic staff and evaluate every individual title.

Run: ``python -m thidua.eligibility.profile_engine [N] [--profile]``. Prints persons/s for the
four individual titles and for the individual titles plus the four award forms.
"""

from __future__ import annotations

import cProfile
import pstats
import random
import sys
import time
from datetime import date

from . import catalog
from .engine import evaluate
from .facts import Discipline, Initiative, PendingMatter, PersonFacts, ResearchProject
from .params import params_at

YEAR = "2023-2024"


def synthetic_people(n: int, seed: int = 7) -> list[PersonFacts]:
    """``n`` plausible staff members with five years of history."""
    rng = random.Random(seed)
    years = [catalog.year_label(y) for y in range(2019, 2024)]
    ratings_pool = ["htxsnv"] * 3 + ["httnv"] * 6 + ["htnv"]
    people = []
    for i in range(n):
        ratings = {y: rng.choice(ratings_pool) for y in years}
        titles: dict[str, tuple[str, ...]] = {}
        for y in years[:-1]:
            r = ratings[y]
            if r == "htxsnv" and rng.random() < 0.6:
                titles[y] = ("lao_dong_tien_tien", "chien_si_thi_dua_co_so")
            elif r in ("htxsnv", "httnv"):
                titles[y] = ("lao_dong_tien_tien",)
        initiatives = tuple(
            Initiative(school_year=y, scope=rng.choice(["co_so", "co_so", "cap_tinh"]))
            for y in years
            if rng.random() < 0.15
        )
        research = (
            (ResearchProject(school_year=YEAR, scope="co_so", accepted=True),)
            if rng.random() < 0.05
            else ()
        )
        discipline = (
            (Discipline(level="khien_trach", decided_on=date(2024, 3, 1)),)
            if rng.random() < 0.02
            else ()
        )
        pending = (
            (PendingMatter(kind="complaint", opened_on=date(2024, 4, 1)),)
            if rng.random() < 0.01
            else ()
        )
        hired = date(2023, 11, 1) if rng.random() < 0.05 else date(2010 + i % 10, 9, 1)
        people.append(
            PersonFacts(
                position="teacher",
                registered=frozenset({YEAR}) if rng.random() < 0.97 else frozenset(),
                ratings=ratings,
                hired_on=hired,
                titles=titles,
                initiatives=initiatives,
                research_projects=research,
                discipline=discipline,
                pending_matters=pending,
                ref=str(i),
            )
        )
    return people


def run(people: list[PersonFacts], titles: tuple[str, ...]) -> tuple[float, dict[str, int]]:
    """Evaluate every title for every person; (seconds, outcome counts)."""
    on = date(2024, 5, 31)
    p = params_at(on)
    counts: dict[str, int] = {}
    start = time.perf_counter()
    for f in people:
        for t in titles:
            o = evaluate(t, f, YEAR, on, p).outcome
            counts[o] = counts.get(o, 0) + 1
    return time.perf_counter() - start, counts


def main(argv: list[str]) -> None:
    """Print the throughput of the engine."""
    n = int(argv[0]) if argv and argv[0].isdigit() else 20_000
    people = synthetic_people(n)
    run(people[:200], catalog.INDIVIDUAL_TITLES)  # warm caches
    if "--profile" in argv:
        prof = cProfile.Profile()
        prof.enable()
        run(people, catalog.INDIVIDUAL_TITLES)
        prof.disable()
        pstats.Stats(prof).sort_stats("tottime").print_stats(20)
        return
    fresh = synthetic_people(n)  # no derived data cached yet
    seconds, counts = run(fresh, catalog.INDIVIDUAL_TITLES)
    print(
        f"{n} persons × {len(catalog.INDIVIDUAL_TITLES)} individual titles: {seconds:.2f} s = "
        f"{n / seconds:,.0f} persons/s ({n * 4 / seconds:,.0f} verdicts/s) {counts}"
    )
    titles = catalog.INDIVIDUAL_TITLES + catalog.AWARD_FORMS
    fresh = synthetic_people(n)
    seconds, counts = run(fresh, titles)
    print(
        f"{n} persons × {len(titles)} titles and award forms: {seconds:.2f} s = "
        f"{n / seconds:,.0f} persons/s ({n * len(titles) / seconds:,.0f} verdicts/s) {counts}"
    )


if __name__ == "__main__":
    main(sys.argv[1:])
