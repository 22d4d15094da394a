"""Facts gathered once from the database: the only place the eligibility engine reads it.

Everything the rules judge about a person or a collective — registrations, ratings, titles
and award forms (revoked ones included, marked so that they never count), initiatives,
research projects, achievements, discipline, pending matters, leave, training, transfers
between schools, and for a school's head the result of the school — is read here with
plain value queries, a fixed number per ``CHUNK`` people whatever their number, and turned
straight into the engine's frozen facts (``facts.PersonFacts``…) without the validating
parser. The facts equal what ``from_scenario_block`` makes of the scenario blocks of
``registrations.facts`` and of the record page (a test keeps them in step), so a stored
snapshot (``to_dict()``) reads like a scenario of shared/domain/rules.md. Two readings are
this module's own: a transfer whose previous unit has not sent its comment yet is unknown
(``previous_unit_comment`` absent, so the verdict asks for it) rather than refused, and the
head of a school (a principal's role during the year) carries the school's result
(``unit_head``/``unit_result``, R-GEN-5).

The record belongs to the person, not to a school: a teacher who moved keeps every row,
and the move itself becomes a ``transfers`` fact with the previous unit's comment.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import replace
from typing import Any

from django.db import connections
from django.db.models import Count, Q, QuerySet

from thidua.accounts.models import Role, RoleAssignment
from thidua.achievements.catalog import ANNUAL_TITLES
from thidua.achievements.models import Achievement, AwardRecord, Initiative, ResearchProject
from thidua.org.models import COLLECTIVE_TYPES, SchoolYear, Unit, UnitType
from thidua.people.models import Membership, Person
from thidua.people.record_selectors import WORKPLACE_TYPES
from thidua.people.records import (
    AnnualRating,
    DisciplineRecord,
    LeaveRecord,
    PendingMatter,
    TrainingRecord,
    TransferComment,
)
from thidua.registrations.models import Registration
from thidua.registrations.selectors import COUNTED

from . import catalog
from .facts import (
    EMPTY,
    Award,
    CohortFacts,
    CollectiveFacts,
    Discipline,
    Leave,
    PersonFacts,
    Revocation,
    Training,
    Transfer,
    UnitResult,
)
from .facts import Achievement as AchievementFact
from .facts import Initiative as InitiativeFact
from .facts import PendingMatter as PendingFact
from .facts import ResearchProject as ResearchFact

#: People per round of queries (each query carries this many ids).
CHUNK = 5000

__all__ = [
    "CHUNK",
    "cohort_numbers",
    "from_scenario_block",
    "collective_facts",
    "collective_units_of",
    "collectives_facts",
    "person_facts",
    "person_facts_from_record",
    "people_facts",
    "staff_ids_of_unit",
    "year_of",
]


def year_of(school_year: SchoolYear | str) -> SchoolYear:
    """The SchoolYear row for a code (or the row itself)."""
    if isinstance(school_year, SchoolYear):
        return school_year
    return SchoolYear.objects.get(code=school_year)


def _bounds(school_year: SchoolYear | str) -> tuple[str, dt.date, dt.date]:
    """(code, first day, last day) of the school year: 1 September to 31 August."""
    code = school_year.code if isinstance(school_year, SchoolYear) else str(school_year)
    first = int(code[:4])
    return code, dt.date(first, 9, 1), dt.date(first + 1, 8, 31)


def _rows(qs: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """Run a values_list query and return its rows as plain tuples.

    The query is compiled by the ORM and executed on a cursor, without the per-row
    iterator machinery: at a city's scale (millions of rows) that machinery costs more
    than the database. Only plain columns are selected, for which the database driver
    already returns Python values (dates included, on SQLite through Django's converters).
    """
    sql, params = qs.query.sql_with_params()
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _period(first: str | None, last: str) -> tuple[str, ...]:
    start = int((first or last)[:4])
    return tuple(f"{y}-{y + 1}" for y in range(start, int(last[:4]) + 1))


# ---------------------------------------------------------------------------- people


class _Acc:
    """What one person's rows add up to, before it is frozen into PersonFacts."""

    __slots__ = (
        "name", "position", "hired_on", "registered", "ratings", "titles", "revoked", "awards",
        "initiatives", "research", "achievements", "discipline", "pending", "leave",
        "training", "places", "unit_result",
    )  # fmt: skip

    def __init__(self) -> None:
        self.name: str | None = None
        self.position: str | None = None
        self.hired_on: dt.date | None = None
        self.registered: list[str] = []
        self.ratings: dict[str, str] = {}
        self.titles: dict[str, list[str]] | None = None
        self.revoked: list[Revocation] = []
        self.awards: list[Award] = []
        self.initiatives: list[InitiativeFact] = []
        self.research: list[ResearchFact] = []
        self.achievements: list[AchievementFact] = []
        self.discipline: list[Discipline] = []
        self.pending: list[PendingFact] = []
        self.leave: list[Leave] = []
        self.training: list[Training] = []
        self.places: list[tuple[dt.date, int, int, str]] = []
        self.unit_result: UnitResult | None = None


def people_facts(
    person_ids: Iterable[int], school_year: SchoolYear | str
) -> dict[int, PersonFacts]:
    """The facts of many people for a school year, in a fixed number of queries per CHUNK.

    Unknown ids are left out. ``school_year`` decides who heads a school that year
    (R-GEN-5: the head's award follows the school's result).
    """
    ids = sorted(set(person_ids))
    out: dict[int, PersonFacts] = {}
    for chunk in _chunks(ids):
        out.update(_people_chunk(list(chunk), school_year))
    return out


def person_facts(person: Person, school_year: SchoolYear | str) -> PersonFacts:
    """The facts of one person for a school year (the bulk path with one id)."""
    return people_facts([person.pk], school_year)[person.pk]


def _people_chunk(chunk: list[int], school_year: SchoolYear | str) -> dict[int, PersonFacts]:
    acc: dict[int, _Acc] = {}
    for pid, name, position, hired_on in _rows(
        Person.objects.filter(pk__in=chunk)
        .order_by()
        .values_list("pk", "full_name", "staff_profile__position", "staff_profile__hired_on")
    ):
        a = acc[pid] = _Acc()
        a.name = name
        a.position = position
        a.hired_on = hired_on
    if not acc:
        return {}
    for pid, year in _rows(
        Registration.objects.filter(person_id__in=chunk, status__in=COUNTED)
        .order_by()
        .values_list("person_id", "school_year_id")
    ):
        acc[pid].registered.append(year)
    for pid, year, rating in _rows(
        AnnualRating.objects.filter(person_id__in=chunk)
        .order_by()
        .values_list("person_id", "school_year_id", "rating")
    ):
        acc[pid].ratings[year] = rating
    _read_awards(
        _rows(
            AwardRecord.objects.filter(person_id__in=chunk)
            .order_by()
            .values_list(
                "person_id",
                "award",
                "period_from_id",
                "period_to_id",
                "decided_on",
                "achievement_id",
                "decision_number",
                "revoked_on",
                "revocation_reason",
                "revocation_decision",
                "pk",
            )  # fmt: skip
        ),
        acc,
    )
    for pid, pk, year, scope in _rows(
        Initiative.objects.filter(person_id__in=chunk, is_recognised=True)
        .order_by("-school_year_id", "-id")
        .values_list("person_id", "pk", "school_year_id", "scope")
    ):
        acc[pid].initiatives.append(InitiativeFact(year, scope, f"I{pk}"))
    for pid, year, scope, accepted in _rows(
        ResearchProject.objects.filter(person_id__in=chunk)
        .order_by("-school_year_id", "-id")
        .values_list("person_id", "school_year_id", "scope", "is_accepted")
    ):
        acc[pid].research.append(ResearchFact(year, scope, bool(accepted)))
    for pid, pk, year, kind, scope in _rows(
        Achievement.objects.filter(person_id__in=chunk)
        .order_by("-school_year_id", "-id")
        .values_list("person_id", "pk", "school_year_id", "kind", "scope")
    ):
        acc[pid].achievements.append(AchievementFact(year, kind, scope, f"A{pk}"))
    for pid, level, decided_on, counted in _rows(
        DisciplineRecord.objects.filter(person_id__in=chunk)
        .order_by("-decided_on", "-id")
        .values_list("person_id", "level", "decided_on", "counted_in_year_id")
    ):
        acc[pid].discipline.append(Discipline(level, decided_on, counted or None))
    for pid, kind, opened_on, closed_on in _rows(
        PendingMatter.objects.filter(person_id__in=chunk)
        .order_by("-opened_on", "-id")
        .values_list("person_id", "kind", "opened_on", "closed_on")
    ):
        acc[pid].pending.append(PendingFact(kind, opened_on, closed_on))
    for pid, kind, start, end, certified in _rows(
        LeaveRecord.objects.filter(person_id__in=chunk)
        .order_by("-start_on", "-id")
        .values_list("person_id", "kind", "start_on", "end_on", "certified")
    ):
        acc[pid].leave.append(Leave(kind, start, end, True if certified else None))
    for pid, start, end, complied, result in _rows(
        TrainingRecord.objects.filter(person_id__in=chunk)
        .order_by("-start_on", "-id")
        .values_list("person_id", "start_on", "end_on", "complied", "result")
    ):
        acc[pid].training.append(
            Training(start, end, None if complied is None else bool(complied), result or None)
        )
    for pid, start, pk, unit_id, code in _rows(
        Membership.objects.filter(person_id__in=chunk, unit__type__in=WORKPLACE_TYPES)
        .order_by("start_on", "id")
        .values_list("person_id", "start_on", "pk", "unit_id", "unit__code")
    ):
        acc[pid].places.append((start, pk, unit_id, code))
    moved = [pid for pid, a in acc.items() if len(a.places) > 1]
    comments: set[tuple[int, int, dt.date]] = set()
    if moved:
        comments = set(
            _rows(
                TransferComment.objects.filter(person_id__in=moved)
                .order_by()
                .values_list("person_id", "from_unit_id", "transferred_on")
            )
        )
    _read_heads(chunk, school_year, acc)
    return {pid: _freeze_person(pid, a, comments) for pid, a in acc.items()}


def _read_awards(rows: list[tuple[Any, ...]], acc: Mapping[int, Any]) -> None:
    """Titles (by school year) and award forms, in the order of their achievement period.

    A revoked title stays in ``titles`` with a matching ``revoked`` entry (R-GEN-4: the
    engine never counts it and says why); when the same title was granted again for the
    same year, the revoked row is left out so that it cannot cancel the valid one.
    """
    # Sorted here, not in SQL: databases disagree on where NULL periods go.
    rows.sort(key=lambda r: (r[3] or "", r[4] or dt.date.min, r[10]))
    valid: set[tuple[int, str, str]] | None = None
    for row in rows:
        pid, award, first, last, decided_on, ach, decision, revoked_on, reason, revoking, _ = row
        a = acc[pid]
        if award in ANNUAL_TITLES and last:
            if revoked_on is not None:
                if valid is None:
                    valid = {
                        (r[0], r[1], r[3]) for r in rows if r[7] is None and r[1] in ANNUAL_TITLES
                    }
                if (pid, award, last) in valid:
                    continue
                a.revoked.append(
                    Revocation(award, last, reason=reason or None, decision=revoking or None)
                )
            titles = a.titles
            if titles is None:
                titles = a.titles = {}
            held = titles.get(last)
            if held is None:
                titles[last] = [award]
            else:
                held.append(award)
            continue
        a.awards.append(
            Award(
                award,
                decided_on,
                _period(first, last) if last else (),
                f"A{ach}" if ach else None,
                revoked_on is not None,
                decision or None,
            )
        )


def _read_heads(chunk: list[int], school_year: SchoolYear | str, acc: Mapping[int, _Acc]) -> None:
    """R-GEN-5: who headed a school during the year (a principal's role), with its result."""
    _code, first_day, last_day = _bounds(school_year)
    heads = _rows(
        RoleAssignment.objects.filter(
            role=Role.PRINCIPAL, user__person_id__in=chunk, unit__type=UnitType.SCHOOL
        )
        .filter(Q(start_on__isnull=True) | Q(start_on__lte=last_day))
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=first_day))
        .order_by("-start_on", "-id")
        .values_list("user__person_id", "unit_id")
    )
    if not heads:
        return
    led: dict[int, int] = {}
    for pid, unit_id in heads:
        led.setdefault(pid, unit_id)
    results = _unit_results(set(led.values()))
    for pid, unit_id in led.items():
        acc[pid].unit_result = results.get(unit_id) or UnitResult()


def _unit_results(unit_ids: set[int]) -> dict[int, UnitResult]:
    ratings: dict[int, dict[str, str]] = defaultdict(dict)
    for uid, year, rating in _rows(
        AnnualRating.objects.filter(collective_id__in=unit_ids)
        .order_by()
        .values_list("collective_id", "school_year_id", "rating")
    ):
        ratings[uid][year] = rating
    titles: dict[int, dict[str, list[str]]] = defaultdict(dict)
    for uid, award, year in _rows(
        AwardRecord.objects.filter(
            collective_id__in=unit_ids,
            revoked_on__isnull=True,
            award__in=sorted(ANNUAL_TITLES),
            period_to__isnull=False,
        )
        .order_by("period_to_id", "id")
        .values_list("collective_id", "award", "period_to_id")
    ):
        titles[uid].setdefault(year, []).append(award)
    return {
        uid: UnitResult(
            ratings=dict(ratings.get(uid, {})),
            titles={y: tuple(t) for y, t in titles.get(uid, {}).items()},
        )
        for uid in unit_ids
    }


def _freeze_person(pid: int, a: _Acc, comments: set[tuple[int, int, dt.date]]) -> PersonFacts:
    transfers: tuple[Transfer, ...] = ()
    places = a.places
    if len(places) > 1:
        moves = []
        for (_s, _p, previous_id, previous_code), (start, _pk, unit_id, code) in zip(
            places, places[1:], strict=False
        ):
            if previous_id != unit_id:
                # No comment recorded yet is missing data (the verdict asks for it), not a
                # refusal: only a recorded comment is a fact.
                commented = True if (pid, previous_id, start) in comments else None
                moves.append(Transfer(start, previous_code, code, commented))
        transfers = tuple(moves)
    titles = a.titles
    return PersonFacts(
        position=a.position,
        registered=frozenset(a.registered),
        ratings=a.ratings or EMPTY,
        hired_on=a.hired_on,
        titles={y: tuple(t) for y, t in titles.items()} if titles else EMPTY,
        revoked=tuple(a.revoked),
        initiatives=tuple(a.initiatives),
        research_projects=tuple(a.research),
        discipline=tuple(a.discipline),
        pending_matters=tuple(a.pending),
        leave=tuple(a.leave),
        training=tuple(a.training),
        transfers=transfers,
        awards=tuple(a.awards),
        achievements=tuple(a.achievements),
        unit_head=a.unit_result is not None,
        unit_result=a.unit_result,
        ref=f"P{pid}",
        name=a.name,
    )


def person_facts_from_record(
    record: Any, school_year: SchoolYear | str, *, registered: Iterable[str] | None = None
) -> PersonFacts:
    """The facts of a person whose record page has already loaded their history.

    ``record`` is an ``achievements.selectors.PersonRecord``; only the registrations (unless
    given) and the head-of-school check are read, so the record page stays cheap.
    """
    person = record.person
    if registered is None:
        registered = [
            year
            for (year,) in _rows(
                Registration.objects.filter(person=person, status__in=COUNTED)
                .order_by()
                .values_list("school_year_id")
            )
        ]
    facts = from_scenario_block(record.as_scenario_person(registered=registered))
    heads: dict[int, _Acc] = {person.pk: _Acc()}
    _read_heads([person.pk], school_year, heads)
    result = heads[person.pk].unit_result
    if result is None:
        return facts
    return replace(facts, unit_head=True, unit_result=result)


def from_scenario_block(block: Mapping[str, Any]) -> PersonFacts:
    """PersonFacts from a ``person:`` block of the record page or registrations.facts, read
    the way this module reads the database: a transfer whose previous-unit comment is not
    recorded is unknown (the verdict asks for it), not refused."""
    facts = PersonFacts.from_dict(block)
    if not any(t.previous_unit_comment is False for t in facts.transfers):
        return facts
    return replace(
        facts,
        transfers=tuple(
            replace(t, previous_unit_comment=None) if t.previous_unit_comment is False else t
            for t in facts.transfers
        ),
    )


# ---------------------------------------------------------------------------- units


def staff_ids_of_unit(unit: Unit, on: dt.date) -> list[int]:
    """Staff working at ``unit`` itself on ``on`` (a school's or an office's own staff), in
    Vietnamese name order: the candidates the unit evaluates for individual titles.

    After a transfer the new unit evaluates (R-LDTT-7), so a person is listed where they
    work on the evaluation date.
    """
    return [
        pid
        for pid, _key in _rows(
            Person.objects.filter(
                staff_profile__isnull=False,
                memberships__unit=unit,
                memberships__start_on__lte=on,
            )
            .filter(Q(memberships__end_on__isnull=True) | Q(memberships__end_on__gte=on))
            .distinct()
            .order_by("sort_key", "id")
            .values_list("pk", "sort_key")
        )
    ]


def collective_units_of(unit: Unit, on: dt.date) -> list[Unit]:
    """The collectives ``unit`` evaluates for collective titles: the subject departments and
    office teams of a school, the schools and teams under an office; active on ``on``."""
    return list(
        Unit.objects.filter(parent=unit, type__in=COLLECTIVE_TYPES)
        .filter(Q(active_from__isnull=True) | Q(active_from__lte=on))
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=on))
        .order_by("type", "name", "id")
    )


def collectives_facts(
    unit_ids: Iterable[int], school_year: SchoolYear | str
) -> dict[int, CollectiveFacts]:
    """The facts of many collectives with their members during the school year.

    Members are the people whose membership of the unit overlaps the school year, each with
    their full facts. ``has_effective_movement`` is the council's judgement, not a record:
    it is left unknown, and the verdict says so.
    """
    ids = sorted(set(unit_ids))
    if not ids:
        return {}
    _code, first_day, last_day = _bounds(school_year)
    units = {
        uid: (code, name, kind)
        for uid, code, name, kind in _rows(
            Unit.objects.filter(pk__in=ids).order_by().values_list("pk", "code", "name", "type")
        )
    }
    acc: dict[int, _Acc] = {uid: _Acc() for uid in units}
    for uid, year in _rows(
        Registration.objects.filter(collective_id__in=ids, status__in=COUNTED)
        .order_by()
        .values_list("collective_id", "school_year_id")
    ):
        acc[uid].registered.append(year)
    for uid, year, rating in _rows(
        AnnualRating.objects.filter(collective_id__in=ids)
        .order_by()
        .values_list("collective_id", "school_year_id", "rating")
    ):
        acc[uid].ratings[year] = rating
    _read_awards(
        _rows(
            AwardRecord.objects.filter(collective_id__in=ids)
            .order_by()
            .values_list(
                "collective_id",
                "award",
                "period_from_id",
                "period_to_id",
                "decided_on",
                "achievement_id",
                "decision_number",
                "revoked_on",
                "revocation_reason",
                "revocation_decision",
                "pk",
            )  # fmt: skip
        ),
        acc,
    )
    for uid, pk, year, kind, scope in _rows(
        Achievement.objects.filter(collective_id__in=ids)
        .order_by("-school_year_id", "-id")
        .values_list("collective_id", "pk", "school_year_id", "kind", "scope")
    ):
        acc[uid].achievements.append(AchievementFact(year, kind, scope, f"A{pk}"))
    for uid, kind, opened_on, closed_on in _rows(
        PendingMatter.objects.filter(collective_id__in=ids)
        .order_by("-opened_on", "-id")
        .values_list("collective_id", "kind", "opened_on", "closed_on")
    ):
        acc[uid].pending.append(PendingFact(kind, opened_on, closed_on))
    members: dict[int, list[int]] = defaultdict(list)
    for uid, pid in _rows(
        Membership.objects.filter(
            unit_id__in=ids, start_on__lte=last_day, person__staff_profile__isnull=False
        )
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=first_day))
        .order_by("person__sort_key", "person_id")
        .values_list("unit_id", "person_id")
    ):
        if pid not in members[uid]:
            members[uid].append(pid)
    people = people_facts([pid for pids in members.values() for pid in pids], school_year)
    out: dict[int, CollectiveFacts] = {}
    for uid, (code, name, kind) in units.items():
        a = acc[uid]
        out[uid] = CollectiveFacts(
            kind=kind if kind in catalog.COLLECTIVE_KINDS else None,
            registered=frozenset(a.registered),
            ratings=a.ratings or EMPTY,
            titles={y: tuple(t) for y, t in a.titles.items()} if a.titles else EMPTY,
            revoked=tuple(a.revoked),
            awards=tuple(a.awards),
            achievements=tuple(a.achievements),
            has_effective_movement=None,
            members=tuple(people[pid] for pid in members.get(uid, ()) if pid in people),
            pending_matters=tuple(a.pending),
            ref=code,
            name=name,
        )
    return out


def collective_facts(unit: Unit, school_year: SchoolYear | str) -> CollectiveFacts:
    """The facts of one collective with its members during the school year."""
    return collectives_facts([unit.pk], school_year)[unit.pk]


def cohort_numbers(unit: Unit, school_year: SchoolYear | str, on: dt.date) -> CohortFacts:
    """The unit's numbers for caps (rules.md ``cohort:``): for each title, how many of the
    unit's own subjects hold it (not revoked) for the school year — its staff on ``on`` for
    individual titles, its collectives for collective titles."""
    code = _bounds(school_year)[0]
    staff = staff_ids_of_unit(unit, on)
    collectives = [u.pk for u in collective_units_of(unit, on)]
    rows = _rows(
        AwardRecord.objects.filter(
            Q(person_id__in=staff) | Q(collective_id__in=collectives),
            period_to_id=code,
            revoked_on__isnull=True,
            award__in=sorted(ANNUAL_TITLES),
        )
        .values_list("award")
        .annotate(n=Count("id"))
        .order_by("award")
        .values_list("award", "n")
    )
    return CohortFacts(counts={award: n for award, n in rows})
