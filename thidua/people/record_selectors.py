"""Reads on the yearly emulation records, for one person or in bulk.

`people_records(ids)` loads everything this app knows about many people's emulation
history in a fixed number of queries (one per record kind), whatever the number of people:
the person record page uses it for one person, the eligibility layer for a whole unit.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from thidua.org.models import Unit, UnitType

from .models import Membership, Person
from .records import (
    AnnualRating,
    DisciplineRecord,
    LeaveRecord,
    PendingMatter,
    TrainingRecord,
    TransferComment,
)
from .selectors import _current, staff_visible_to

#: Units a member of staff "works at" (as opposed to a department inside a school).
WORKPLACE_TYPES = frozenset(
    {
        UnitType.SCHOOL,
        UnitType.DISTRICT_OFFICE,
        UnitType.WARD,
        UnitType.DEPARTMENT_OF_EDUCATION,
    }
)
CHUNK = 5000


def work_unit_during(person: Person, start: dt.date, end: dt.date) -> Unit | None:
    """The unit the person worked at during [start, end]: their school (or office) if any."""
    memberships = list(
        Membership.objects.filter(person=person, start_on__lte=end)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=start))
        .select_related("unit")
        .order_by("-start_on", "-id")
    )
    for membership in memberships:
        if membership.unit.type in WORKPLACE_TYPES:
            return membership.unit
    return memberships[0].unit if memberships else None


@dataclass(frozen=True)
class Transfer:
    """A move from one workplace to another (R-LDTT-7): derived from memberships."""

    on: dt.date
    from_unit: Unit
    to_unit: Unit
    comment: TransferComment | None = None


@dataclass
class PeopleRecord:
    """What the people app holds about one person's emulation history."""

    person_id: int
    memberships: list[Membership] = field(default_factory=list)
    ratings: dict[str, AnnualRating] = field(default_factory=dict)
    discipline: list[DisciplineRecord] = field(default_factory=list)
    pending_matters: list[PendingMatter] = field(default_factory=list)
    leave: list[LeaveRecord] = field(default_factory=list)
    training: list[TrainingRecord] = field(default_factory=list)
    transfer_comments: list[TransferComment] = field(default_factory=list)

    @property
    def workplaces(self) -> list[Membership]:
        """Memberships at schools and offices, oldest first."""
        return sorted(
            (m for m in self.memberships if m.unit.type in WORKPLACE_TYPES),
            key=lambda m: (m.start_on, m.id),
        )

    @property
    def transfers(self) -> list[Transfer]:
        """Each time the person started at a new workplace after leaving another."""
        comments = {(c.from_unit_id, c.transferred_on): c for c in self.transfer_comments}
        moves: list[Transfer] = []
        places = self.workplaces
        for previous, current in zip(places, places[1:], strict=False):
            if previous.unit_id == current.unit_id:
                continue
            moves.append(
                Transfer(
                    on=current.start_on,
                    from_unit=previous.unit,
                    to_unit=current.unit,
                    comment=comments.get((previous.unit_id, current.start_on)),
                )
            )
        return moves

    @property
    def open_pending_matters(self) -> list[PendingMatter]:
        return [m for m in self.pending_matters if m.closed_on is None]

    def teams_on(self, day: dt.date) -> list[Unit]:
        """The subject departments and office teams the person belongs to on `day`."""
        return [
            m.unit
            for m in self.memberships
            if m.unit.type in (UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM)
            and m.start_on <= day
            and (m.end_on is None or m.end_on >= day)
        ]

    def workplace_on(self, day: dt.date) -> Unit | None:
        for m in reversed(self.workplaces):
            if m.start_on <= day and (m.end_on is None or m.end_on >= day):
                return m.unit
        return None


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def people_records(person_ids: Iterable[int]) -> dict[int, PeopleRecord]:
    """The emulation records of many people in seven queries per 5,000 people."""
    ids = sorted(set(person_ids))
    records = {pid: PeopleRecord(pid) for pid in ids}
    for chunk in _chunks(ids):
        for m in (
            Membership.objects.filter(person_id__in=chunk)
            .select_related("unit", "unit__parent")
            .order_by("start_on", "id")
        ):
            records[m.person_id].memberships.append(m)
        for r in AnnualRating.objects.filter(person_id__in=chunk).select_related("unit"):
            records[r.person_id].ratings[r.school_year_id] = r
        for d in DisciplineRecord.objects.filter(person_id__in=chunk).select_related("unit"):
            records[d.person_id].discipline.append(d)
        for p in PendingMatter.objects.filter(person_id__in=chunk).select_related("unit"):
            records[p.person_id].pending_matters.append(p)
        for leave in LeaveRecord.objects.filter(person_id__in=chunk):
            records[leave.person_id].leave.append(leave)
        for t in TrainingRecord.objects.filter(person_id__in=chunk):
            records[t.person_id].training.append(t)
        for c in TransferComment.objects.filter(person_id__in=chunk).select_related(
            "from_unit", "to_unit"
        ):
            records[c.person_id].transfer_comments.append(c)
    return records


def people_record(person: Person) -> PeopleRecord:
    return people_records([person.pk])[person.pk]


@dataclass
class CollectivePeopleRecord:
    """What the people app holds about a collective: ratings and pending matters."""

    unit_id: int
    ratings: dict[str, AnnualRating] = field(default_factory=dict)
    pending_matters: list[PendingMatter] = field(default_factory=list)


def collective_people_records(unit_ids: Iterable[int]) -> dict[int, CollectivePeopleRecord]:
    ids = sorted(set(unit_ids))
    records = {uid: CollectivePeopleRecord(uid) for uid in ids}
    for chunk in _chunks(ids):
        for r in AnnualRating.objects.filter(collective_id__in=chunk):
            records[r.collective_id].ratings[r.school_year_id] = r
        for p in PendingMatter.objects.filter(collective_id__in=chunk):
            records[p.collective_id].pending_matters.append(p)
    return records


def staff_with_records_visible_to(
    user: Any, *, unit: Unit | None = None, q: str = ""
) -> QuerySet[Person]:
    """Staff whose emulation record the user may read, in Vietnamese name order.

    Current staff of the units where the user's role lets them read records; a person
    who has left every unit in the user's reach is no longer listed (their record now
    belongs to their new unit).
    """
    return staff_visible_to(user, q=q, action="people.record.list", unit=unit)


def workplace_names(person_ids: Iterable[int], *, on: dt.date | None = None) -> dict[int, str]:
    """{person id: the school or office they work at on `on` (today)}, in one query."""
    found: dict[int, str] = {}
    for person_id, name in (
        Membership.objects.filter(_current(on or timezone.localdate()))
        .filter(person_id__in=list(person_ids), unit__type__in=WORKPLACE_TYPES)
        .order_by("-start_on", "-id")
        .values_list("person_id", "unit__name")
    ):
        found.setdefault(person_id, name)
    return found
