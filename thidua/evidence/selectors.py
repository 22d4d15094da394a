"""Reads on evidence: what is attached to some records, and a movement's archive."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Count, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role
from thidua.accounts.policy import grants_of, may, scope_q
from thidua.movements.models import COLLECTIVE_PARTICIPANTS, Criterion, Movement
from thidua.movements.policies import movement_unit_paths
from thidua.org.models import SchoolYear, Unit, UnitType
from thidua.people.models import Person
from thidua.people.record_selectors import work_unit_during
from thidua.people.selectors import staff_of_unit

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


MEMBER_LEADERS = {Role.PRINCIPAL, Role.VICE_PRINCIPAL, Role.DEPARTMENT_HEAD}
STAFF_PARTICIPANTS = {"manager", "teacher", "staff"}


def criterion_subjects(user: Any, criterion: Criterion) -> list[tuple[str, str]]:
    """Whom the user may file evidence for under this criterion: themselves, the people
    they lead (individual criteria) or the collectives they lead (collective criteria)."""
    movement = criterion.movement
    paths = movement_unit_paths(movement)
    today = timezone.localdate()
    choices: list[tuple[str, str]] = []
    if criterion.participant in COLLECTIVE_PARTICIPANTS:
        units = Unit.objects.filter(type=criterion.participant).filter(
            Q(active_to__isnull=True) | Q(active_to__gte=today)
        )
        condition = Q()
        for path in paths:
            condition |= Q(path__startswith=path)
        for unit in units.filter(condition).order_by("path")[:300]:
            if may(user, "movements.criterion.add", unit):
                parent = f" ({unit.parent.name})" if unit.type != UnitType.SCHOOL else ""
                choices.append((f"unit:{unit.code}", f"{unit.name}{parent}"))
        return choices
    if criterion.participant not in STAFF_PARTICIPANTS:
        return choices  # students' evidence is filed through the student honoring pages
    person = getattr(user, "person", None)
    workplace = work_unit_during(person, today, today) if person else None
    position = getattr(getattr(person, "staff_profile", None), "position", None)
    if (
        workplace is not None
        and position == criterion.participant
        and any(workplace.path.startswith(p) for p in paths)
    ):
        choices.append((f"person:{person.pk}", _("Bản thân: %(name)s") % {"name": person}))
    seen = {person.pk} if person else set()
    for grant in grants_of(user):
        if grant.role not in MEMBER_LEADERS or not any(
            grant.unit_path.startswith(p) for p in paths
        ):
            continue
        for member in staff_of_unit(Unit.objects.get(pk=grant.unit_id))[:300]:
            if member.pk not in seen and member.staff_profile.position == criterion.participant:
                seen.add(member.pk)
                choices.append((f"person:{member.pk}", member.full_name))
    return choices
