"""Reads on the unit tree, always scoped by what the user may see."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from thidua.accounts.policy import scope_q

from .models import SchoolYear, Unit, UnitType


def units_visible_to(user: Any, action: str = "org.unit.view") -> QuerySet[Unit]:
    """Units the user may see: those under a unit where they hold a role allowing `action`."""
    return Unit.objects.filter(scope_q(user, action))


def current_school_year(on: dt.date | None = None) -> SchoolYear | None:
    """The school year running on `on` (today by default), else the latest one before it."""
    day = on or timezone.localdate()
    year = SchoolYear.objects.filter(start_on__lte=day, end_on__gte=day).first()
    if year is None:
        # Summer holidays belong to the year that just ended until the next one starts.
        year = SchoolYear.objects.filter(start_on__lte=day).order_by("-start_on").first()
    return year or SchoolYear.objects.order_by("start_on").first()


def ancestors(unit: Unit) -> list[Unit]:
    """From the root down to the unit's parent."""
    ids = unit.ancestor_ids()[:-1]
    by_id = {u.id: u for u in Unit.objects.filter(id__in=ids)}
    return [by_id[i] for i in ids if i in by_id]


def school_of(unit: Unit) -> Unit | None:
    """The school a unit belongs to (itself when it is a school)."""
    if unit.type == UnitType.SCHOOL:
        return unit
    return Unit.objects.filter(id__in=unit.ancestor_ids(), type=UnitType.SCHOOL).first()


def children_of(unit: Unit, *, school_year: SchoolYear | None = None) -> QuerySet[Unit]:
    qs = unit.children.all()
    if school_year is not None:
        qs = qs.filter(Q(school_year__isnull=True) | Q(school_year=school_year))
    return qs.order_by("type", "grade", "name")


def classes_of(school: Unit, school_year: SchoolYear | None) -> QuerySet[Unit]:
    """A school's classes in a year, with their enrolment counts."""
    return (
        Unit.objects.filter(parent=school, type=UnitType.CLASS, school_year=school_year)
        .annotate(student_count=Count("enrollments", distinct=True))
        .order_by("grade", "name")
    )


def departments_of(school: Unit, on: dt.date | None = None) -> QuerySet[Unit]:
    """A school's subject departments and office team, with current member counts."""
    day = on or timezone.localdate()
    current = Q(memberships__end_on__isnull=True) | Q(memberships__end_on__gte=day)
    return (
        Unit.objects.filter(
            parent=school, type__in=[UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM]
        )
        .annotate(member_count=Count("memberships", filter=current, distinct=True))
        .order_by("type", "name")
    )


@dataclass(frozen=True)
class SchoolCounts:
    school: Unit
    staff: int
    students: int
    classes: int
    departments: int


def school_counts(
    schools: list[Unit], school_year: SchoolYear | None, on: dt.date | None = None
) -> list[SchoolCounts]:
    """Staff, students, classes and departments per school, in four grouped queries."""
    from thidua.people.models import Enrollment, Membership

    day = on or timezone.localdate()
    ids = [s.id for s in schools]
    staff = dict(
        Membership.objects.filter(unit_id__in=ids, start_on__lte=day)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=day))
        .values("unit_id")
        .annotate(n=Count("person", distinct=True))
        .values_list("unit_id", "n")
    )
    students = dict(
        Enrollment.objects.filter(class_unit__parent_id__in=ids, school_year=school_year)
        .values("class_unit__parent_id")
        .annotate(n=Count("id"))
        .values_list("class_unit__parent_id", "n")
    )
    classes = dict(
        Unit.objects.filter(parent_id__in=ids, type=UnitType.CLASS, school_year=school_year)
        .values("parent_id")
        .annotate(n=Count("id"))
        .values_list("parent_id", "n")
    )
    departments = dict(
        Unit.objects.filter(
            parent_id__in=ids, type__in=[UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM]
        )
        .values("parent_id")
        .annotate(n=Count("id"))
        .values_list("parent_id", "n")
    )
    return [
        SchoolCounts(
            s,
            staff.get(s.id, 0),
            students.get(s.id, 0),
            classes.get(s.id, 0),
            departments.get(s.id, 0),
        )
        for s in schools
    ]


def schools_under(unit: Unit) -> QuerySet[Unit]:
    return Unit.objects.filter(path__startswith=unit.path, type=UnitType.SCHOOL).order_by("name")
