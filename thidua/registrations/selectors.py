"""Reads on registrations, including what the eligibility engine asks (principle G1).

"No registration, no title": a subject counts as registered for a school year when its
registration for that year was accepted by its unit (accepted registrations are the
baseline the consolidated list fixes).
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone

from thidua.accounts.policy import scope_q
from thidua.achievements.catalog import FOR_COLLECTIVE, FOR_PERSON, short_label
from thidua.org.models import COLLECTIVE_TYPES, SchoolYear, Unit, UnitType
from thidua.people.models import Membership, Person
from thidua.people.record_selectors import WORKPLACE_TYPES

from .models import ListStatus, RegisteredTitle, Registration, RegistrationList, RegistrationStatus

#: Registrations that count as "registered" for the eligibility engine.
COUNTED = (RegistrationStatus.ACCEPTED,)


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
    return collective.parent if collective.type in COLLECTIVE_TYPES else None


def membership_day(reg_list: RegistrationList) -> dt.date:
    """The day on which a list checks who works at its unit: today, kept inside the list's
    school year."""
    year = reg_list.school_year
    return min(max(timezone.localdate(), year.start_on), year.end_on)


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
    collectives_not_registered: list[Unit] = field(default_factory=list)


def list_page(reg_list: RegistrationList, *, status: str = "") -> ListPage:
    """The registrations of a list (people and collectives) with counts, in four queries;
    for an open list also the staff and the collectives that have not registered yet
    (whatever ``status`` filter the page shows)."""
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
    page = ListPage(
        reg_list=reg_list,
        individuals=[r for r in shown if r.person_id],
        collectives=[r for r in shown if r.collective_id],
        status_counts={s: status_counts.get(s, 0) for s in RegistrationStatus.values},
        title_counts=[(t, str(labels.get(t, t)), n) for t, n in titles.most_common()],
    )
    if not reg_list.is_open:
        return page
    on = membership_day(reg_list)
    page.not_registered = list(
        # one filter() call: the conditions must hold for the same membership
        Person.objects.filter(
            Q(memberships__end_on__isnull=True) | Q(memberships__end_on__gte=on),
            staff_profile__isnull=False,
            memberships__unit__path__startswith=reg_list.unit.path,
            memberships__start_on__lte=on,
        )
        .exclude(id__in={r.person_id for r in registrations if r.person_id})
        .distinct()
        .order_by("sort_key", "id")
    )
    page.collectives_not_registered = list(
        Unit.objects.filter(parent=reg_list.unit, type__in=COLLECTIVE_TYPES)
        .exclude(id__in={r.collective_id for r in registrations if r.collective_id})
        .order_by("type", "name")
    )
    return page


@dataclass
class SummaryRow:
    unit: Unit
    reg_list: RegistrationList | None
    counts: dict[str, int]
    titles: dict[str, int]
    #: accepted registrations per title, in the order of ``Summary.columns``
    title_counts: list[int] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.counts.values())


@dataclass
class Summary:
    """An upper unit's consolidated view: its units' rows and the totals."""

    rows: list[SummaryRow]
    totals: dict[str, int]  # registrations by status
    columns: list[tuple[str, str]]  # (title, short label) accepted in some unit, catalog order
    column_totals: list[int]


def summary_of(unit: Unit, school_year: SchoolYear | None) -> Summary:
    """``summary_for`` with the totals by status and the title columns (3 queries)."""
    rows = summary_for(unit, school_year) if school_year else []
    totals = dict.fromkeys(RegistrationStatus.values, 0)
    by_title: Counter[str] = Counter()
    for row in rows:
        totals.update({k: totals[k] + n for k, n in row.counts.items()})
        by_title.update(row.titles)
    columns = [t for t in dict.fromkeys(FOR_PERSON + FOR_COLLECTIVE) if by_title[t]]
    for row in rows:
        row.title_counts = [row.titles.get(t, 0) for t in columns]
    return Summary(
        rows=rows,
        totals=totals,
        columns=[(t, short_label(t)) for t in columns],
        column_totals=[by_title[t] for t in columns],
    )


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
