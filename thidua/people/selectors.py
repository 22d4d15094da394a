"""Reads on people, scoped by the reader's permissions."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.utils import timezone

from thidua.accounts.policy import scope_q
from thidua.org.models import SchoolYear, Unit

from .models import Enrollment, Membership, Person


def _current(day: dt.date) -> Q:
    return Q(start_on__lte=day) & (Q(end_on__isnull=True) | Q(end_on__gte=day))


def staff_of_unit(unit: Unit, *, on: dt.date | None = None, q: str = "") -> QuerySet[Person]:
    """People currently working in `unit` or below it, in Vietnamese name order."""
    day = on or timezone.localdate()
    current = Membership.objects.filter(_current(day))
    people = Person.objects.filter(
        staff_profile__isnull=False,
        memberships__in=current.filter(unit__path__startswith=unit.path),
    ).distinct()
    if q:
        people = people.filter(full_name__icontains=q)
    return (
        people.select_related("staff_profile")
        .prefetch_related(
            Prefetch(
                "memberships",
                queryset=current.select_related("unit"),
                to_attr="current_memberships",
            )
        )
        .order_by("sort_key", "id")
    )


def students_of_class(class_unit: Unit) -> QuerySet[Person]:
    """Students enrolled in a class, in Vietnamese name order."""
    return (
        Person.objects.filter(enrollments__class_unit=class_unit)
        .select_related("student_profile")
        .order_by("sort_key", "id")
    )


def students_of_school(
    school: Unit, school_year: SchoolYear | None, *, q: str = ""
) -> QuerySet[Enrollment]:
    qs = Enrollment.objects.filter(class_unit__parent=school, school_year=school_year)
    if q:
        qs = qs.filter(
            Q(person__full_name__icontains=q)
            | Q(person__student_profile__student_code__icontains=q)
        )
    return qs.select_related("person", "person__student_profile", "class_unit").order_by(
        "class_unit__grade", "class_unit__name", "person__sort_key"
    )


def staff_visible_to(
    user: Any, *, q: str = "", action: str = "people.staff.list", unit: Unit | None = None
) -> QuerySet[Person]:
    """Staff working (now) in a unit where the user may `action` (list staff), optionally
    only those in `unit` or below it."""
    today = timezone.localdate()
    current = Membership.objects.filter(_current(today)).filter(scope_q(user, action, "unit__path"))
    if unit is not None:
        current = current.filter(unit__path__startswith=unit.path)
    qs = Person.objects.filter(staff_profile__isnull=False, memberships__in=current).distinct()
    if q:
        qs = qs.filter(full_name__icontains=q)
    return qs.select_related("staff_profile").order_by("sort_key", "id")


def membership_history(person: Person) -> QuerySet[Membership]:
    """Every unit the person has worked in, newest first: their history follows them."""
    return person.memberships.select_related("unit", "unit__parent").order_by("-start_on", "id")
