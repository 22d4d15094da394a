"""Reads of student honoring, for pages."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet

from thidua.ballots.models import Election, ElectionStatus
from thidua.ballots.selectors import Tally, series_of, tally
from thidua.org.models import Unit, UnitType
from thidua.people.models import Enrollment, Person

from .ceremonies import honorees_by_period
from .models import (
    ClassRound,
    HonorCriterion,
    HonorPeriod,
    HonorProgram,
    SchoolRound,
)


def program_for(school: Unit, school_year: Any) -> HonorProgram | None:
    return HonorProgram.objects.filter(school=school, school_year=school_year).first()


def criteria_by_grade(
    program: HonorProgram,
) -> list[tuple[int | None, list[tuple[str, list[HonorCriterion]]]]]:
    """Criteria grouped by grade (None = every grade) then by framework group."""
    grouped: dict[int | None, dict[str, list[HonorCriterion]]] = {}
    labels: dict[str, str] = {}
    for c in program.criteria.order_by("grade", "group", "position", "pk"):
        grouped.setdefault(c.grade, {}).setdefault(c.group, []).append(c)
        labels[c.group] = c.get_group_display()
    return [
        (grade, [(labels[g], items) for g, items in groups.items()])
        for grade, groups in sorted(grouped.items(), key=lambda kv: (kv[0] is not None, kv[0] or 0))
    ]


def criteria_for_class(program: HonorProgram, class_unit: Unit) -> QuerySet[HonorCriterion]:
    return program.criteria.filter(grade__in=[class_unit.grade]) | program.criteria.filter(
        grade__isnull=True
    )


@dataclass
class ClassRow:
    class_unit: Unit
    round: ClassRound | None


def class_rows(period: HonorPeriod) -> list[ClassRow]:
    """Every class of the school with its round in the period (or none yet)."""
    program = period.program
    rounds = {
        r.class_unit_id: r
        for r in ClassRound.objects.filter(period=period).select_related("honoree", "election")
    }
    classes = Unit.objects.filter(
        parent=program.school, type=UnitType.CLASS, school_year=program.school_year
    ).order_by("grade", "name")
    return [ClassRow(c, rounds.get(c.pk)) for c in classes]


def final_round(election: Election) -> Election:
    """The last round of an election series (the runoff when there was one)."""
    return series_of(election).order_by("-round_number").first()


def rosters_of(classes: list[Unit]) -> dict[int, list[Person]]:
    """The students of several classes (by class id) in Vietnamese name order, in one query."""
    rosters: dict[int, list[Person]] = {}
    for enrollment in (
        Enrollment.objects.filter(class_unit__in=classes)
        .select_related("person")
        .order_by("person__sort_key", "person_id")
    ):
        rosters.setdefault(enrollment.class_unit_id, []).append(enrollment.person)
    return rosters


def round_result(election: Election | None) -> Tally | None:
    """The published tally of the final round of an election series, or None."""
    if election is None:
        return None
    last = final_round(election)
    if last.status != ElectionStatus.PUBLISHED:
        return None
    return tally(last)


def school_rounds_of(period: HonorPeriod) -> QuerySet[SchoolRound]:
    return SchoolRound.objects.filter(period=period).select_related("honoree", "election")


def honorees_of_year(program: HonorProgram) -> list[tuple[Person, str, str, str]]:
    """(person, level, class name, period name) of the year's honorees, latest period first,
    each person once per level (for the honor wall)."""
    found = honorees_by_period(program)
    rows, seen = [], set()
    for period in program.periods.order_by("-start_on"):
        for person, level, class_name in found.get(period.pk, []):
            if (person.pk, level) not in seen:
                seen.add((person.pk, level))
                rows.append((person, level, class_name, period.name))
    return rows
