"""Reads on registrations, including what the eligibility engine asks (principle G1).

"No registration, no title": a subject counts as registered for a school year when its
registration for that year was accepted by its unit (accepted registrations are the
baseline the consolidated list fixes).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from thidua.accounts.policy import scope_q
from thidua.org.models import SchoolYear, Unit, UnitType
from thidua.people.models import Membership, Person
from thidua.people.record_selectors import WORKPLACE_TYPES

from .models import ListStatus, RegisteredTitle, Registration, RegistrationList, RegistrationStatus

#: Registrations that count as "registered" for the eligibility engine.
COUNTED = (RegistrationStatus.ACCEPTED,)
CHUNK = 5000


# ---------------------------------------------------------------- for the eligibility engine


def registered_school_years(person: Person) -> set[str]:
    """The school years in which the person's registration was accepted."""
    return set(
        Registration.objects.filter(person=person, status__in=COUNTED).values_list(
            "school_year_id", flat=True
        )
    )


def registered_titles(person: Person, school_year: str) -> set[str]:
    """The titles and award forms the person registered for (accepted) in a school year."""
    return set(
        RegisteredTitle.objects.filter(
            registration__person=person,
            registration__school_year_id=school_year,
            registration__status__in=COUNTED,
        ).values_list("title", flat=True)
    )


def collective_registered_school_years(unit: Unit) -> set[str]:
    return set(
        Registration.objects.filter(collective=unit, status__in=COUNTED).values_list(
            "school_year_id", flat=True
        )
    )


def collective_registered_titles(unit: Unit, school_year: str) -> set[str]:
    return set(
        RegisteredTitle.objects.filter(
            registration__collective=unit,
            registration__school_year_id=school_year,
            registration__status__in=COUNTED,
        ).values_list("title", flat=True)
    )


def registered_years_by_person(person_ids: Iterable[int]) -> dict[int, set[str]]:
    """{person id: school years registered} for many people, one query per 5,000."""
    ids = sorted(set(person_ids))
    found: dict[int, set[str]] = defaultdict(set)
    for i in range(0, len(ids), CHUNK):
        for pid, year in Registration.objects.filter(
            person_id__in=ids[i : i + CHUNK], status__in=COUNTED
        ).values_list("person_id", "school_year_id"):
            found[pid].add(year)
    return found


def registered_years_by_collective(unit_ids: Iterable[int]) -> dict[int, set[str]]:
    ids = sorted(set(unit_ids))
    found: dict[int, set[str]] = defaultdict(set)
    for i in range(0, len(ids), CHUNK):
        for uid, year in Registration.objects.filter(
            collective_id__in=ids[i : i + CHUNK], status__in=COUNTED
        ).values_list("collective_id", "school_year_id"):
            found[uid].add(year)
    return found


# ---------------------------------------------------------------- where a subject registers


def person_belongs_to(person: Person, unit: Unit, on: dt.date) -> bool:
    """Whether the person works in `unit` (or below it) on `on`."""
    return (
        Membership.objects.filter(person=person, unit__path__startswith=unit.path, start_on__lte=on)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=on))
        .exists()
    )


def list_unit_for_person(person: Person, on: dt.date | None = None) -> Unit | None:
    """The unit whose registration list a person joins: their school or office."""
    day = on or timezone.localdate()
    membership = (
        Membership.objects.filter(person=person, start_on__lte=day, unit__type__in=WORKPLACE_TYPES)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=day))
        .select_related("unit")
        .order_by("-start_on")
        .first()
    )
    return membership.unit if membership else None


def list_unit_for_collective(collective: Unit) -> Unit | None:
    """A department registers with its school; a school with the unit above it."""
    if collective.type in (UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM):
        return collective.parent
    if collective.type == UnitType.SCHOOL:
        return collective.parent
    return None


def registration_of(person: Person, school_year: SchoolYear) -> Registration | None:
    return (
        Registration.objects.filter(person=person, school_year=school_year)
        .select_related("registration_list__unit")
        .prefetch_related("titles")
        .first()
    )


# ---------------------------------------------------------------- pages


def lists_visible_to(
    user: Any, *, school_year: SchoolYear | None = None
) -> QuerySet[RegistrationList]:
    """Registration lists of the units the user may read, with their status counts."""
    qs = RegistrationList.objects.filter(scope_q(user, "registrations.list.view", "unit__path"))
    if school_year is not None:
        qs = qs.filter(school_year=school_year)
    return (
        qs.select_related("unit", "unit__parent")
        .annotate(
            total=Count("registrations", distinct=True),
            accepted=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.ACCEPTED),
                distinct=True,
            ),
            waiting=Count(
                "registrations",
                filter=Q(registrations__status=RegistrationStatus.SUBMITTED),
                distinct=True,
            ),
        )
        .order_by("-school_year_id", "unit__path")
    )


@dataclass
class ListPage:
    reg_list: RegistrationList
    individuals: list[Registration]
    collectives: list[Registration]
    status_counts: dict[str, int]
    title_counts: list[tuple[str, str, int]]
    not_registered: list[Person] = field(default_factory=list)


def list_page(reg_list: RegistrationList, *, status: str = "") -> ListPage:
    """The registrations of a list (people and collectives) with counts, in five queries."""
    qs = (
        reg_list.registrations.select_related("person", "person__staff_profile", "collective")
        .prefetch_related(Prefetch("titles", queryset=RegisteredTitle.objects.order_by("id")))
        .order_by("person__sort_key", "collective__path", "id")
    )
    registrations = list(qs)
    status_counts = Counter(r.status for r in registrations)
    titles = Counter(
        t.title
        for r in registrations
        if r.status == RegistrationStatus.ACCEPTED
        for t in r.titles.all()
    )
    labels = dict(RegisteredTitle._meta.get_field("title").choices)
    shown = [r for r in registrations if not status or r.status == status]
    on = min(max(timezone.localdate(), reg_list.school_year.start_on), reg_list.school_year.end_on)
    registered_ids = {r.person_id for r in registrations if r.person_id}
    staff = (
        # one filter() call: the conditions must hold for the same membership
        Person.objects.filter(
            Q(memberships__end_on__isnull=True) | Q(memberships__end_on__gte=on),
            staff_profile__isnull=False,
            memberships__unit__path__startswith=reg_list.unit.path,
            memberships__start_on__lte=on,
        )
        .exclude(id__in=registered_ids)
        .distinct()
        .order_by("sort_key", "id")
    )
    return ListPage(
        reg_list=reg_list,
        individuals=[r for r in shown if r.person_id],
        collectives=[r for r in shown if r.collective_id],
        status_counts={s: status_counts.get(s, 0) for s in RegistrationStatus.values},
        title_counts=[(t, str(labels.get(t, t)), n) for t, n in titles.most_common()],
        not_registered=list(staff),
    )


@dataclass
class SummaryRow:
    unit: Unit
    reg_list: RegistrationList | None
    counts: dict[str, int]
    titles: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())


def summary_for(unit: Unit, school_year: SchoolYear) -> list[SummaryRow]:
    """For an upper unit: each unit below it with its list's status and counts (3 queries)."""
    units = list(
        Unit.objects.filter(path__startswith=unit.path, type__in=WORKPLACE_TYPES).order_by("path")
    )
    lists = {
        rl.unit_id: rl
        for rl in RegistrationList.objects.filter(unit__in=units, school_year=school_year)
    }
    counts: dict[int, dict[str, int]] = defaultdict(
        lambda: dict.fromkeys(RegistrationStatus.values, 0)
    )
    for unit_id, status, n in (
        Registration.objects.filter(registration_list__in=lists.values())
        .values_list("registration_list__unit_id", "status")
        .annotate(n=Count("id"))
    ):
        counts[unit_id][status] = n
    titles: dict[int, dict[str, int]] = defaultdict(dict)
    for unit_id, title, n in (
        RegisteredTitle.objects.filter(
            registration__registration_list__in=lists.values(),
            registration__status=RegistrationStatus.ACCEPTED,
        )
        .values_list("registration__registration_list__unit_id", "title")
        .annotate(n=Count("id"))
    ):
        titles[unit_id][title] = n
    return [
        SummaryRow(u, lists.get(u.pk), dict(counts[u.pk]), titles.get(u.pk, {}))
        for u in units
        if u.pk in lists or u.type == UnitType.SCHOOL
    ]


def open_lists_for_person(person: Person) -> list[RegistrationList]:
    """Lists a person could register in now: their workplace's open lists."""
    unit = list_unit_for_person(person)
    if unit is None:
        return []
    return list(
        RegistrationList.objects.filter(unit=unit, status=ListStatus.OPEN)
        .select_related("unit", "school_year")
        .order_by("-school_year_id")
    )


def registrations_of_person(person: Person) -> QuerySet[Registration]:
    return (
        Registration.objects.filter(person=person)
        .select_related("registration_list__unit")
        .prefetch_related("titles")
        .order_by("-school_year_id")
    )
