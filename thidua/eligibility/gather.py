"""Facts gathered once from the database: the only place the eligibility engine reads it.

Everything the rules judge about a person or a collective — registrations, ratings, titles
and award forms (revoked ones included, marked so that they never count), initiatives,
research projects, achievements, discipline, pending matters, leave, training, transfers
between schools, and for a school's head the result of the school — is read here with
plain value queries, a fixed number per ``CHUNK`` people whatever their number, and turned
straight into the engine's frozen facts (``facts.PersonFacts``…) without the validating
parser. The facts equal what ``from_scenario_block`` makes of the scenario blocks of
the record page (a test keeps them in step), so a stored
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
import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import replace
from typing import Any

from django.core.exceptions import EmptyResultSet
from django.db import connections
from django.db.models import Count, F, Lookup, Q, QuerySet, Subquery

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.achievements.catalog import ANNUAL_TITLES
from thidua.achievements.models import Achievement, AwardRecord, Initiative, ResearchProject
from thidua.org.models import COLLECTIVE_TYPES, SchoolYear, Unit, UnitType
from thidua.people.models import Membership, Person, StaffProfile
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
    "gc_paused",
    "collective_facts",
    "collective_units_of",
    "collectives_facts",
    "person_facts",
    "person_facts_from_record",
    "people_facts",
    "staff_ids_of_unit",
]


class IdList:
    """Ids for ``field__any_of``: a plain holder, so the ORM does not walk the list."""

    __slots__ = ("ids", "_literal")

    def __init__(self, ids: Iterable[int]) -> None:
        self.ids = [int(i) for i in ids]
        self._literal: str | None = None

    @property
    def literal(self) -> str:
        """The ids as one PostgreSQL array literal, built once for every query of a chunk."""
        if self._literal is None:
            self._literal = "{" + ",".join(map(str, self.ids)) + "}"
        return self._literal


class AnyOf(Lookup):  # type: ignore[type-arg]
    """``field__any_of=IdList(ids)``: ``field = ANY(%s)`` with the ids as one array parameter
    on PostgreSQL, ``field IN (…)`` elsewhere.

    At a city's scale a query carries thousands of ids: as one array the statement stays
    small, so neither the ORM, nor the driver, nor the server parses thousands of
    placeholders (that cost more than reading the rows).
    """

    lookup_name = "any_of"
    prepare_rhs = False

    def as_sql(self, compiler: Any, connection: Any) -> tuple[str, list[Any]]:
        lhs, params = self.process_lhs(compiler, connection)
        ids = self.rhs.ids
        if not ids:
            raise EmptyResultSet
        if connection.vendor == "postgresql":
            kind = self.lhs.output_field.db_type(connection) or "bigint"
            return f"{lhs} = ANY(%s::{kind}[])", [*params, self.rhs.literal]
        return f"{lhs} IN ({', '.join(['%s'] * len(ids))})", [*params, *ids]


def _register_lookups() -> None:
    """Register ``any_of`` on exactly the id and foreign-key fields gather filters on."""
    fields = [
        (Person, "id"),
        (StaffProfile, "person"),
        (Unit, "id"),
        (User, "person"),
        (Registration, "person"),
        (Registration, "collective"),
        (AnnualRating, "person"),
        (AnnualRating, "collective"),
        (AwardRecord, "person"),
        (AwardRecord, "collective"),
        (Initiative, "person"),
        (ResearchProject, "person"),
        (Achievement, "person"),
        (Achievement, "collective"),
        (DisciplineRecord, "person"),
        (PendingMatter, "person"),
        (PendingMatter, "collective"),
        (LeaveRecord, "person"),
        (TrainingRecord, "person"),
        (TransferComment, "person"),
        (Membership, "person"),
        (Membership, "unit"),
    ]
    for model, name in fields:
        model._meta.get_field(name).register_lookup(AnyOf)


_register_lookups()


def _bounds(school_year: SchoolYear | str) -> tuple[str, dt.date, dt.date]:
    """(code, first day, last day) of the school year: 1 September to 31 August."""
    code = school_year.code if isinstance(school_year, SchoolYear) else str(school_year)
    return code, *catalog.year_bounds(catalog.year_start(code))


def _rows(qs: QuerySet[Any]) -> list[tuple[Any, ...]]:
    """Run a values_list query and return its rows as plain tuples.

    The query is compiled by the ORM and executed on a cursor, without the per-row
    iterator machinery: at a city's scale (millions of rows) that machinery costs more
    than the database. Only plain columns are selected, for which the database driver
    already returns Python values (dates included, on SQLite through Django's converters).
    """
    try:
        sql, params = qs.query.sql_with_params()
    except EmptyResultSet:
        return []
    with connections[qs.db].cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


@contextmanager
def gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while facts are built in bulk.

    Gathering a chunk allocates a few hundred thousand small objects (rows, facts, tuples)
    and creates no reference cycles, so reference counting frees them all; the collector's
    passes over a growing heap would only cost time (about as much as the work itself).
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        gc.enable()


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _period(first: str | None, last: str) -> tuple[str, ...]:
    start = int((first or last)[:4])
    return tuple(f"{y}-{y + 1}" for y in range(start, int(last[:4]) + 1))


def _grouped(rows: Iterable[tuple[Any, ...]], make: Any = None) -> dict[int, list[Any]]:
    """{subject id: [value…]} from rows ``(id, *columns)``, keeping the rows' order;
    ``make(*columns)`` builds each value (default: the single column)."""
    out: dict[int, list[Any]] = {}
    get = out.get
    if make is None:
        for sid, value in rows:
            found = get(sid)
            if found is None:
                out[sid] = [value]
            else:
                found.append(value)
        return out
    for sid, *columns in rows:
        value = make(*columns)
        found = get(sid)
        if found is None:
            out[sid] = [value]
        else:
            found.append(value)
    return out


def _ratings(rows: Iterable[tuple[int, str, str]]) -> dict[int, dict[str, str]]:
    """{subject id: {school year: rating}} from rows ``(id, school year, rating)``."""
    out: dict[int, dict[str, str]] = {}
    get = out.get
    for sid, year, rating in rows:
        found = get(sid)
        if found is None:
            out[sid] = {year: rating}
        else:
            found[year] = rating
    return out


def _grouped_tuples(rows: Iterable[tuple[Any, ...]], make: Any) -> dict[int, tuple[Any, ...]]:
    """``_grouped`` with tuples (converted once, only for the subjects that have rows)."""
    return {sid: tuple(values) for sid, values in _grouped(rows, make).items()}


# ---------------------------------------------------------------------------- people

#: Award history columns, in the order _History.read expects them (then the pk).
AWARD_COLUMNS = (
    "award", "period_from_id", "period_to_id", "decided_on", "achievement_id",
    "decision_number", "revoked_on", "revocation_reason", "revocation_decision",
)  # fmt: skip


def _in_period_order(rows: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """Award rows ``(subject, *AWARD_COLUMNS, pk)`` in the order of their achievement
    period, then decision date, then entry; sorted here rather than in SQL, where NULLs
    sort differently on each database and text keys sort slowly under a locale."""
    rows.sort(key=lambda r: (r[3] or "", r[4] or dt.date.min, r[10]))
    return rows


class _History:
    """Titles (by school year), revocations and award forms of many subjects.

    A revoked title stays in ``titles`` with a matching ``revoked`` entry (R-GEN-4: the
    engine never counts it and says why); when the same title was granted again for the
    same year, the revoked row is left out so that it cannot cancel the valid one.
    """

    __slots__ = ("titles", "revoked", "awards")

    def __init__(self) -> None:
        self.titles: dict[int, dict[str, list[str]]] = {}
        self.revoked: dict[int, list[Revocation]] = {}
        self.awards: dict[int, list[Award]] = {}

    def read(self, rows: list[tuple[Any, ...]]) -> None:
        valid: set[tuple[int, str, str]] | None = None
        titles, awards = self.titles, self.awards
        for sid, award, first, last, decided_on, ach, decision, revoked_on, reason, by, _ in rows:
            if award in ANNUAL_TITLES and last:
                if revoked_on is not None:
                    if valid is None:
                        # valid titles of the (few) subjects with a revoked one
                        revoked = {r[0] for r in rows if r[7] is not None}
                        valid = {
                            (r[0], r[1], r[3])
                            for r in rows
                            if r[0] in revoked and r[7] is None and r[1] in ANNUAL_TITLES
                        }
                    if (sid, award, last) in valid:
                        continue
                    self.revoked.setdefault(sid, []).append(
                        Revocation(award, last, reason=reason or None, decision=by or None)
                    )
                held = titles.get(sid)
                if held is None:
                    titles[sid] = {last: [award]}
                else:
                    year = held.get(last)
                    if year is None:
                        held[last] = [award]
                    else:
                        year.append(award)
                continue
            item = Award(
                award,
                decided_on,
                _period(first, last) if last else (),
                f"A{ach}" if ach else None,
                revoked_on is not None,
                decision or None,
            )
            found = awards.get(sid)
            if found is None:
                awards[sid] = [item]
            else:
                found.append(item)

    def titles_of(self, sid: int) -> Mapping[str, tuple[str, ...]]:
        held = self.titles.get(sid)
        return {y: tuple(t) for y, t in held.items()} if held else EMPTY


def people_facts(
    person_ids: Iterable[int], school_year: SchoolYear | str
) -> dict[int, PersonFacts]:
    """The facts of many people for a school year, in a fixed number of queries per CHUNK.

    Unknown ids are left out. ``school_year`` decides who heads a school that year
    (R-GEN-5: the head's award follows the school's result).
    """
    ids = sorted(set(person_ids))
    out: dict[int, PersonFacts] = {}
    with gc_paused():
        for chunk in _chunks(ids):
            out.update(_people_chunk(list(chunk), school_year))
    return out


def person_facts(person: Person, school_year: SchoolYear | str) -> PersonFacts:
    """The facts of one person for a school year (the bulk path with one id)."""
    return people_facts([person.pk], school_year)[person.pk]


def _people_chunk(chunk: list[int], school_year: SchoolYear | str) -> dict[int, PersonFacts]:
    ids = IdList(chunk)
    people = _rows(Person.objects.filter(id__any_of=ids).order_by().values_list("pk", "full_name"))
    if not people:
        return {}
    # A second query rather than a join: the planner would hash-join every profile.
    profiles = {
        pid: (position, hired_on)
        for pid, position, hired_on in _rows(
            StaffProfile.objects.filter(person_id__any_of=ids)
            .order_by()
            .values_list("person_id", "position", "hired_on")
        )
    }
    registered = _grouped(
        _rows(
            Registration.objects.filter(person_id__any_of=ids, status__in=COUNTED)
            .order_by()
            .values_list("person_id", "school_year_id")
        )
    )
    ratings = _ratings(
        _rows(
            AnnualRating.objects.filter(person_id__any_of=ids)
            .order_by()
            .values_list("person_id", "school_year_id", "rating")
        )
    )
    history = _History()
    history.read(
        _in_period_order(
            _rows(
                AwardRecord.objects.filter(person_id__any_of=ids)
                .order_by()
                .values_list("person_id", *AWARD_COLUMNS, "pk")
            )
        )
    )
    initiatives = _grouped_tuples(
        _rows(
            Initiative.objects.filter(person_id__any_of=ids, is_recognised=True)
            .order_by("-school_year_id", "-id")
            .values_list("person_id", "school_year_id", "scope", "pk")
        ),
        lambda year, scope, pk: InitiativeFact(year, scope, f"I{pk}"),
    )
    research = _grouped_tuples(
        _rows(
            ResearchProject.objects.filter(person_id__any_of=ids)
            .order_by("-school_year_id", "-id")
            .values_list("person_id", "school_year_id", "scope", "is_accepted")
        ),
        lambda year, scope, accepted: ResearchFact(year, scope, bool(accepted)),
    )
    achievements = _grouped_tuples(
        _rows(
            Achievement.objects.filter(person_id__any_of=ids)
            .order_by("-school_year_id", "-id")
            .values_list("person_id", "school_year_id", "kind", "scope", "pk")
        ),
        lambda year, kind, scope, pk: AchievementFact(year, kind, scope, f"A{pk}"),
    )
    discipline = _grouped_tuples(
        _rows(
            DisciplineRecord.objects.filter(person_id__any_of=ids)
            .order_by("-decided_on", "-id")
            .values_list("person_id", "level", "decided_on", "counted_in_year_id")
        ),
        lambda level, decided_on, counted: Discipline(level, decided_on, counted or None),
    )
    pending = _grouped_tuples(
        _rows(
            PendingMatter.objects.filter(person_id__any_of=ids)
            .order_by("-opened_on", "-id")
            .values_list("person_id", "kind", "opened_on", "closed_on")
        ),
        PendingFact,
    )
    leave = _grouped_tuples(
        _rows(
            LeaveRecord.objects.filter(person_id__any_of=ids)
            .order_by("-start_on", "-id")
            .values_list("person_id", "kind", "start_on", "end_on", "certified")
        ),
        lambda kind, start, end, certified: Leave(kind, start, end, True if certified else None),
    )
    training = _grouped_tuples(
        _rows(
            TrainingRecord.objects.filter(person_id__any_of=ids)
            .order_by("-start_on", "-id")
            .values_list("person_id", "start_on", "end_on", "complied", "result")
        ),
        lambda start, end, complied, result: Training(
            start, end, None if complied is None else bool(complied), result or None
        ),
    )
    transfers = _read_transfers(ids)
    heads = _read_heads(chunk, school_year)
    out: dict[int, PersonFacts] = {}
    no_profile = (None, None)
    for pid, name in people:
        position, hired_on = profiles.get(pid, no_profile)
        result = heads.get(pid)
        out[pid] = PersonFacts(
            position=position,
            registered=frozenset(registered.get(pid, ())),
            ratings=ratings.get(pid) or EMPTY,
            hired_on=hired_on,
            titles=history.titles_of(pid),
            revoked=tuple(history.revoked.get(pid, ())),
            initiatives=initiatives.get(pid, ()),
            research_projects=research.get(pid, ()),
            discipline=discipline.get(pid, ()),
            pending_matters=pending.get(pid, ()),
            leave=leave.get(pid, ()),
            training=training.get(pid, ()),
            transfers=transfers.get(pid, ()),
            awards=tuple(history.awards.get(pid, ())),
            achievements=achievements.get(pid, ()),
            unit_head=result is not None,
            unit_result=result,
            ref=f"P{pid}",
            name=name,
        )
    return out


def _read_transfers(ids: IdList) -> dict[int, tuple[Transfer, ...]]:
    """Moves between workplaces (schools, offices), with the previous unit's comment.

    Only the people with more than one workplace membership are read row by row.
    """
    workplaces = Membership.objects.filter(
        person_id__any_of=ids, unit__type__in=WORKPLACE_TYPES
    ).order_by()
    movers = (
        workplaces.values("person_id").annotate(n=Count("id")).filter(n__gt=1).values("person_id")
    )
    places = _grouped(
        _rows(
            workplaces.filter(person_id__in=Subquery(movers))
            .order_by("start_on", "id")
            .values_list("person_id", "start_on", "unit_id", "unit__code")
        ),
        lambda start, unit_id, code: (start, unit_id, code),
    )
    if not places:
        return {}
    comments = set(
        _rows(
            TransferComment.objects.filter(person_id__any_of=IdList(places))
            .order_by()
            .values_list("person_id", "from_unit_id", "transferred_on")
        )
    )
    out: dict[int, tuple[Transfer, ...]] = {}
    for pid, rows in places.items():
        moves = []
        for (_s, previous_id, previous_code), (start, unit_id, code) in zip(
            rows, rows[1:], strict=False
        ):
            if previous_id == unit_id:
                continue
            # No comment recorded yet is missing data (the verdict asks for it), not a
            # refusal: only a recorded comment is a fact.
            commented = True if (pid, previous_id, start) in comments else None
            moves.append(Transfer(start, previous_code, code, commented))
        if moves:
            out[pid] = tuple(moves)
    return out


def _read_heads(chunk: list[int], school_year: SchoolYear | str) -> dict[int, UnitResult]:
    """R-GEN-5: who headed a school during the year (a principal's role), with its result."""
    _code, first_day, last_day = _bounds(school_year)
    heads = _rows(
        RoleAssignment.objects.filter(
            role=Role.PRINCIPAL, user__person__any_of=IdList(chunk), unit__type=UnitType.SCHOOL
        )
        .filter(Q(start_on__isnull=True) | Q(start_on__lte=last_day))
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=first_day))
        # the latest dated role first, on every database
        .order_by(F("start_on").desc(nulls_last=True), "-id")
        .values_list("user__person_id", "unit_id")
    )
    if not heads:
        return {}
    led: dict[int, int] = {}
    for pid, unit_id in heads:
        led.setdefault(pid, unit_id)
    results = _unit_results(set(led.values()))
    return {pid: results[unit_id] for pid, unit_id in led.items()}


def _unit_results(unit_ids: set[int]) -> dict[int, UnitResult]:
    ratings = _ratings(
        _rows(
            AnnualRating.objects.filter(collective_id__any_of=IdList(unit_ids))
            .order_by()
            .values_list("collective_id", "school_year_id", "rating")
        )
    )
    titles: dict[int, dict[str, list[str]]] = defaultdict(dict)
    for uid, award, year in _rows(
        AwardRecord.objects.filter(
            collective_id__any_of=IdList(unit_ids),
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
    result = _read_heads([person.pk], school_year).get(person.pk)
    if result is None:
        return facts
    return replace(facts, unit_head=True, unit_result=result)


def from_scenario_block(block: Mapping[str, Any]) -> PersonFacts:
    """PersonFacts from a ``person:`` block of the record page (or a scenario file), read
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
            # one filter() call: the three conditions must hold for the same membership
            Person.objects.filter(
                Q(memberships__end_on__isnull=True) | Q(memberships__end_on__gte=on),
                staff_profile__isnull=False,
                memberships__unit=unit,
                memberships__start_on__lte=on,
            )
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
    idl = IdList(ids)
    units = _rows(
        Unit.objects.filter(id__any_of=idl).order_by().values_list("pk", "code", "name", "type")
    )
    registered = _grouped(
        _rows(
            Registration.objects.filter(collective_id__any_of=idl, status__in=COUNTED)
            .order_by()
            .values_list("collective_id", "school_year_id")
        )
    )
    ratings = _ratings(
        _rows(
            AnnualRating.objects.filter(collective_id__any_of=idl)
            .order_by()
            .values_list("collective_id", "school_year_id", "rating")
        )
    )
    history = _History()
    history.read(
        _in_period_order(
            _rows(
                AwardRecord.objects.filter(collective_id__any_of=idl)
                .order_by()
                .values_list("collective_id", *AWARD_COLUMNS, "pk")
            )
        )
    )
    achievements = _grouped(
        _rows(
            Achievement.objects.filter(collective_id__any_of=idl)
            .order_by("-school_year_id", "-id")
            .values_list("collective_id", "school_year_id", "kind", "scope", "pk")
        ),
        lambda year, kind, scope, pk: AchievementFact(year, kind, scope, f"A{pk}"),
    )
    pending = _grouped(
        _rows(
            PendingMatter.objects.filter(collective_id__any_of=idl)
            .order_by("-opened_on", "-id")
            .values_list("collective_id", "kind", "opened_on", "closed_on")
        ),
        PendingFact,
    )
    members: dict[int, list[int]] = defaultdict(list)
    for uid, pid in _rows(
        Membership.objects.filter(
            unit_id__any_of=idl, start_on__lte=last_day, person__staff_profile__isnull=False
        )
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=first_day))
        .order_by("person__sort_key", "person_id")
        .values_list("unit_id", "person_id")
    ):
        if pid not in members[uid]:
            members[uid].append(pid)
    people = people_facts([pid for pids in members.values() for pid in pids], school_year)
    out: dict[int, CollectiveFacts] = {}
    for uid, code, name, kind in units:
        out[uid] = CollectiveFacts(
            kind=kind if kind in catalog.COLLECTIVE_KINDS else None,
            registered=frozenset(registered.get(uid, ())),
            ratings=ratings.get(uid) or EMPTY,
            titles=history.titles_of(uid),
            revoked=tuple(history.revoked.get(uid, ())),
            awards=tuple(history.awards.get(uid, ())),
            achievements=tuple(achievements.get(uid, ())),
            has_effective_movement=None,
            members=tuple(people[pid] for pid in members.get(uid, ()) if pid in people),
            pending_matters=tuple(pending.get(uid, ())),
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
            Q(person_id__any_of=IdList(staff)) | Q(collective_id__any_of=IdList(collectives)),
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
