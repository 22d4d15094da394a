"""Reads on movements: lists scoped by the reader, the detail page data, target progress."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.policy import scope_q
from thidua.org.models import Unit

from .models import (
    Adoption,
    AdoptionStatus,
    Comparison,
    Criterion,
    Measure,
    Movement,
    MovementStatus,
    Participant,
    ProgressEntry,
    Target,
)

HUNDRED = Decimal("100")


def fmt_number(value: Decimal) -> str:
    """A number the Vietnamese way, without useless zeros: 95 → "95", 95.5 → "95,5"."""
    text = f"{value.quantize(Decimal('0.01')).normalize():f}"
    return text.replace(".", ",")


def movement_list_for(
    *,
    user: Any,
    status: str = "",
    kind: str = "",
    q: str = "",
    unit: Unit | None = None,
) -> QuerySet[Movement]:
    """Movements the user may read: launched in, or cascaded to, a unit in their reach.

    Drafts are only listed for those who may manage them (the launching unit's leaders).
    """
    concerned = scope_q(user, "movements.movement.list", "unit__path") | scope_q(
        user, "movements.movement.list", "adoptions__unit__path"
    )
    ids = Movement.objects.filter(concerned).values("id")
    qs = Movement.objects.filter(id__in=ids)
    managed = scope_q(user, "movements.movement.manage", "unit__path")
    qs = qs.filter(~Q(status=MovementStatus.DRAFT) | managed)
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(slogan__icontains=q) | Q(plan_number__icontains=q))
    if unit is not None:
        qs = qs.filter(Q(unit__path__startswith=unit.path) | Q(adoptions__unit=unit)).distinct()
    return (
        qs.select_related("unit", "parent")
        .annotate(
            criteria_count=Count("criteria", distinct=True),
            targets_count=Count("targets", distinct=True),
            adoption_count=Count("adoptions", distinct=True),
            adopted_count=Count(
                "adoptions", filter=Q(adoptions__status=AdoptionStatus.ADOPTED), distinct=True
            ),
        )
        .order_by("-start_on", "-id")
    )


def movement_get(pk: int) -> Movement:
    """A movement with what its permission checks need (launcher, adopters' paths)."""
    return (
        Movement.objects.select_related("unit", "parent", "parent__unit", "school_year")
        .prefetch_related(
            Prefetch("adoptions", queryset=Adoption.objects.select_related("unit", "unit__parent"))
        )
        .get(pk=pk)
    )


@dataclass
class UnitProgress:
    unit: Unit
    entry: ProgressEntry | None
    met: bool | None


@dataclass
class TargetProgress:
    """Where a target stands: its current value, share of the goal reached, met or not."""

    target: Target
    current: Decimal | None = None
    percent: int = 0
    met: bool | None = None
    units: list[UnitProgress] = field(default_factory=list)
    history: list[ProgressEntry] = field(default_factory=list)

    @property
    def per_unit(self) -> bool:
        return bool(self.target.per_unit_type)

    @property
    def units_met(self) -> int:
        return sum(1 for u in self.units if u.met)

    @property
    def current_label(self) -> str:
        t = self.target
        if self.per_unit:
            return f"{self.units_met}/{len(self.units)}"
        if self.current is None:
            return "—"
        if t.measure == Measure.SHARE:
            return f"{self.current:.1f}%".replace(".", ",")
        if t.measure == Measure.BOOLEAN:
            return str(_("Đạt")) if self.current >= 1 else str(_("Chưa đạt"))
        return fmt_number(self.current)

    @property
    def goal_label(self) -> str:
        t = self.target
        sign = ">" if t.comparison == Comparison.MORE_THAN else "≥"
        if t.measure == Measure.SHARE:
            return f"{sign} {fmt_number(t.target_value)}%"
        if t.measure == Measure.BOOLEAN:
            return str(_("Đạt"))
        return f"{sign} {fmt_number(t.target_value)} {t.unit_label}".strip()


def _meets(target: Target, value: Decimal | None) -> bool | None:
    if value is None:
        return None
    if target.comparison == Comparison.MORE_THAN:
        return value > target.target_value
    return value >= target.target_value


def _value_of(target: Target, entries: list[ProgressEntry]) -> Decimal | None:
    """Aggregate the latest entry of each reporting unit."""
    if not entries:
        return None
    if target.measure == Measure.SHARE:
        total = sum((e.base or 0 for e in entries), Decimal(0))
        done = sum((e.value for e in entries), Decimal(0))
        return (done / total * HUNDRED).quantize(Decimal("0.1")) if total else None
    if target.measure == Measure.BOOLEAN:
        return Decimal(1) if all(e.value >= 1 for e in entries) else Decimal(0)
    return sum((e.value for e in entries), Decimal(0))


def _percent(target: Target, value: Decimal | None) -> int:
    if value is None:
        return 0
    if target.measure == Measure.BOOLEAN:
        return 100 if value >= 1 else 0
    if target.target_value == 0:
        return 100
    return int(min(HUNDRED, value / target.target_value * HUNDRED))


def target_progress(targets: list[Target]) -> list[TargetProgress]:
    """Progress of each target from its entries, in two queries for all targets."""
    if not targets:
        return []
    entries: dict[int, list[ProgressEntry]] = defaultdict(list)
    for entry in (
        ProgressEntry.objects.filter(target__in=targets)
        .select_related("unit", "recorded_by__person")
        .order_by("-recorded_on", "-id")
    ):
        entries[entry.target_id].append(entry)
    per_unit_roots = {(t.unit.path, t.per_unit_type) for t in targets if t.per_unit_type}
    expected: dict[tuple[str, str], list[Unit]] = defaultdict(list)
    if per_unit_roots:
        condition = Q()
        for path, unit_type in per_unit_roots:
            condition |= Q(path__startswith=path, type=unit_type)
        today = timezone.localdate()
        for unit in (
            Unit.objects.filter(condition)
            .filter(Q(active_to__isnull=True) | Q(active_to__gte=today))
            .order_by("path")
        ):
            for path, unit_type in per_unit_roots:
                if unit.path.startswith(path) and unit.type == unit_type:
                    expected[(path, unit_type)].append(unit)
    results: list[TargetProgress] = []
    for target in targets:
        history = entries.get(target.pk, [])
        latest: dict[int, ProgressEntry] = {}
        for entry in history:
            latest.setdefault(entry.unit_id, entry)
        progress = TargetProgress(target, history=history)
        if target.per_unit_type:
            for unit in expected.get((target.unit.path, target.per_unit_type), []):
                entry = latest.get(unit.pk)
                value = _value_of(target, [entry]) if entry else None
                progress.units.append(UnitProgress(unit, entry, _meets(target, value)))
            total = len(progress.units)
            progress.percent = round(progress.units_met * 100 / total) if total else 0
            progress.met = total > 0 and progress.units_met == total
            progress.current = Decimal(progress.units_met)
        else:
            progress.current = _value_of(target, list(latest.values()))
            progress.percent = _percent(target, progress.current)
            progress.met = _meets(target, progress.current)
        results.append(progress)
    return results


@dataclass
class CriteriaGroup:
    participant: str
    label: str
    criteria: list[Criterion]


@dataclass
class MovementPage:
    movement: Movement
    phases: list[Any]
    criteria_groups: list[CriteriaGroup]
    targets: list[TargetProgress]
    adoptions: list[Adoption]
    status_changes: list[Any]
    children: list[Movement]

    @property
    def adopted_count(self) -> int:
        return sum(1 for a in self.adoptions if a.status == AdoptionStatus.ADOPTED)


def movement_page(movement: Movement) -> MovementPage:
    """Everything the movement page shows, in a handful of queries."""
    criteria = list(
        movement.criteria.select_related("unit").annotate(
            evidence_count=Count("evidence_items", distinct=True)
        )
    )
    labels = dict(Participant.choices)
    groups: list[CriteriaGroup] = []
    for participant in Participant.values:
        items = [c for c in criteria if c.participant == participant]
        if items:
            items.sort(key=lambda c: (c.unit_id != movement.unit_id, c.unit.path, c.order, c.pk))
            groups.append(CriteriaGroup(participant, str(labels[participant]), items))
    targets = list(movement.targets.select_related("unit"))
    return MovementPage(
        movement=movement,
        phases=list(movement.phases.all()),
        criteria_groups=groups,
        targets=target_progress(targets),
        adoptions=list(movement.adoptions.all()),
        status_changes=list(movement.status_changes.select_related("actor__person")),
        # Adoptions are prefetched: the page asks, per child, whether the reader may see it.
        children=list(movement.children.select_related("unit").prefetch_related("adoptions__unit")),
    )
