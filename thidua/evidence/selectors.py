"""Reads on evidence: what is attached to some records, and a movement's archive."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q, QuerySet

from thidua.accounts.policy import scope_q
from thidua.movements.models import Criterion, Movement
from thidua.org.models import SchoolYear, Unit
from thidua.people.models import Person

from .models import Evidence


def evidence_for(targets: Iterable[models.Model]) -> dict[tuple[int, int], list[Evidence]]:
    """Evidence attached to each of `targets`, keyed by (content type id, pk): one query."""
    by_type: dict[int, set[int]] = defaultdict(set)
    for target in targets:
        by_type[ContentType.objects.get_for_model(target).pk].add(target.pk)
    found: dict[tuple[int, int], list[Evidence]] = defaultdict(list)
    if not by_type:
        return found
    condition = Q()
    for type_id, ids in by_type.items():
        condition |= Q(target_type_id=type_id, target_id__in=ids)
    for item in Evidence.objects.filter(condition).order_by("created_at", "id"):
        found[(item.target_type_id, item.target_id)].append(item)
    return found


def evidence_key(target: models.Model) -> tuple[int, int]:
    return (ContentType.objects.get_for_model(target).pk, target.pk)


def evidence_of(target: models.Model) -> list[Evidence]:
    return evidence_for([target]).get(evidence_key(target), [])


def archive_movements_for(user: Any) -> QuerySet[Movement]:
    """Movements whose archive the user may inspect, with their evidence counts."""
    paths_q = scope_q(user, "evidence.archive.list", "unit__path") | scope_q(
        user, "evidence.archive.list", "adoptions__unit__path"
    )
    ids = Movement.objects.filter(paths_q).values("id")
    return (
        Movement.objects.filter(id__in=ids)
        .exclude(status="draft")
        .select_related("unit")
        .annotate(evidence_count=Count("evidence_items", distinct=True))
        .order_by("-start_on", "id")
    )


def archive_evidence(
    *,
    user: Any,
    movement: Movement,
    school_year: SchoolYear | None,
    unit: Unit | None = None,
    criterion: Criterion | None = None,
    person: Person | None = None,
) -> QuerySet[Evidence]:
    """A movement's evidence for a school year, limited to the units the user inspects."""
    qs = Evidence.objects.filter(movement=movement).filter(
        scope_q(user, "evidence.archive.list", "unit__path")
    )
    if school_year is not None:
        qs = qs.filter(school_year=school_year)
    if unit is not None:
        qs = qs.filter(unit__path__startswith=unit.path)
    if criterion is not None:
        qs = qs.filter(criterion=criterion)
    if person is not None:
        qs = qs.filter(person=person)
    return qs.select_related(
        "unit", "unit__parent", "person", "criterion", "uploaded_by__person", "target_type"
    ).order_by("unit__path", "criterion__participant", "criterion__order", "person__sort_key", "id")


@dataclass(frozen=True)
class ArchiveFacets:
    years: list[str]
    units: list[tuple[Unit, int]]
    criteria: list[tuple[Criterion, int]]
    people: list[tuple[Person, int]]
    total: int


def archive_facets(*, user: Any, movement: Movement) -> ArchiveFacets:
    """What the archive can be browsed by: years, units, criteria and people, with counts."""
    base = Evidence.objects.filter(movement=movement).filter(
        scope_q(user, "evidence.archive.list", "unit__path")
    )
    years = sorted({y for y in base.values_list("school_year_id", flat=True) if y}, reverse=True)
    unit_counts = dict(base.values_list("unit_id").annotate(n=Count("id")))
    criterion_counts = dict(
        base.exclude(criterion=None).values_list("criterion_id").annotate(n=Count("id"))
    )
    person_counts = dict(base.exclude(person=None).values_list("person_id").annotate(n=Count("id")))
    units = Unit.objects.filter(id__in=unit_counts).order_by("path")
    criteria = Criterion.objects.filter(id__in=criterion_counts).order_by(
        "participant", "order", "id"
    )
    people = Person.objects.filter(id__in=person_counts).order_by("sort_key", "id")
    return ArchiveFacets(
        years=years,
        units=[(u, unit_counts[u.id]) for u in units],
        criteria=[(c, criterion_counts[c.id]) for c in criteria],
        people=[(p, person_counts[p.id]) for p in people],
        total=sum(unit_counts.values()),
    )
