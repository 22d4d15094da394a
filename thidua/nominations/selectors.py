"""Reads on rounds, proposals and submissions, scoped by the reader's permissions."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Q, QuerySet
from django.utils import timezone

from thidua.accounts.policy import RULES, allowed_paths, grants_of, paths_of, scope_q
from thidua.achievements.catalog import FOR_COLLECTIVE, FOR_PERSON, AwardId
from thidua.org.models import Unit, UnitType
from thidua.people.models import Enrollment, Membership, Person

from .models import (
    Complaint,
    ComplaintStatus,
    NominationRound,
    Proposal,
    ProposalStatus,
    RoundStatus,
    Submission,
)

# The units that can be proposed as collectives (a class is a student collective).
COLLECTIVE_TYPES = [
    UnitType.SCHOOL,
    UnitType.SUBJECT_DEPARTMENT,
    UnitType.OFFICE_TEAM,
    UnitType.CLASS,
    UnitType.DISTRICT_OFFICE,
    UnitType.WARD,
]


def rounds_visible_to(user: Any) -> QuerySet[NominationRound]:
    return (
        NominationRound.objects.filter(scope_q(user, "nominations.round.view", "unit__path"))
        .select_related("unit", "school_year")
        .order_by("-school_year", "-deadline", "-id")
    )


def round_proposals(nomination_round: NominationRound) -> QuerySet[Proposal]:
    return nomination_round.proposals.select_related(
        "person", "person__staff_profile", "collective", "proposed_by", "holder", "origin__round"
    ).order_by("award", "created_at", "id")


def status_counts(nomination_round: NominationRound) -> dict[str, int]:
    return dict(Counter(nomination_round.proposals.values_list("status", flat=True)))


def proposals_of_user(user: Any) -> QuerySet[Proposal]:
    """Proposals the user made, and the ones about the user themselves."""
    mine = Q(proposed_by=user)
    if getattr(user, "person_id", None):
        mine |= Q(person_id=user.person_id)
    return (
        Proposal.objects.filter(mine)
        .exclude(round__kind="receiving")
        .select_related("round", "round__unit", "person", "collective", "holder")
        .order_by("-created_at")
    )


def submissions_to(user: Any) -> QuerySet[Submission]:
    """The higher unit's queue: submissions sent to units the user manages."""
    return (
        Submission.objects.filter(scope_q(user, "nominations.submission.manage", "to_unit__path"))
        .select_related("from_unit", "to_unit", "source_round", "receiving_round")
        .order_by("status", "-signed_on", "-id")
    )


def submissions_from(nomination_round: NominationRound) -> QuerySet[Submission]:
    return nomination_round.submissions.select_related("to_unit", "receiving_round").order_by(
        "-signed_on", "-id"
    )


def open_complaints(nomination_round: NominationRound) -> QuerySet[Complaint]:
    return Complaint.objects.filter(
        proposal__round=nomination_round, status=ComplaintStatus.OPEN
    ).select_related("proposal", "proposal__person", "proposal__collective", "raised_by")


def rounds_open_for_proposals(user: Any) -> list[NominationRound]:
    """Open rounds (before their deadline) where the user may propose someone."""
    paths = allowed_paths(user, "nominations.proposal.create")
    if not paths:
        return []
    now = timezone.now()
    rounds = NominationRound.objects.filter(status=RoundStatus.OPEN, deadline__gte=now).exclude(
        kind="receiving"
    )
    # The round's unit must contain (or be inside) one of the places the user proposes for.
    q = Q(pk__in=[])
    for path in paths:
        q |= Q(unit__path__startswith=path)
        q |= Q(unit__path__in=[path[: i + 1] for i, ch in enumerate(path) if ch == "/"])
    return list(rounds.filter(q).select_related("unit").order_by("deadline"))


@dataclass
class Candidates:
    staff: list[Person] = field(default_factory=list)
    students: list[Enrollment] = field(default_factory=list)
    collectives: list[Unit] = field(default_factory=list)
    more: bool = False


def candidates_for(
    user: Any, nomination_round: NominationRound, q: str = "", limit: int = 60
) -> Candidates:
    """People and collectives inside the round's unit that the user may propose."""
    root = nomination_round.unit.path
    paths = [p for p in allowed_paths(user, "nominations.proposal.create")]
    inside = [
        p if p.startswith(root) else root for p in paths if p.startswith(root) or root.startswith(p)
    ]
    if not inside:
        return Candidates()
    where = Q(pk__in=[])
    for path in inside:
        where |= Q(unit__path__startswith=path)
    today = timezone.localdate()
    current = Membership.objects.filter(where, start_on__lte=today).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=today)
    )
    staff = Person.objects.filter(staff_profile__isnull=False, memberships__in=current).distinct()
    class_where = Q(pk__in=[])
    for path in inside:
        class_where |= Q(class_unit__path__startswith=path)
    students = Enrollment.objects.filter(class_where, school_year=nomination_round.school_year)
    unit_where = Q(pk__in=[])
    for path in inside:
        unit_where |= Q(path__startswith=path)
    collectives = Unit.objects.filter(unit_where, type__in=COLLECTIVE_TYPES)
    if q:
        staff = staff.filter(full_name__icontains=q)
        students = students.filter(person__full_name__icontains=q)
        collectives = collectives.filter(name__icontains=q)
    staff_list = list(staff.select_related("staff_profile").order_by("sort_key", "id")[: limit + 1])
    student_list = list(
        students.select_related("person", "class_unit").order_by(
            "class_unit__grade", "class_unit__name", "person__sort_key"
        )[: limit + 1]
    )
    # Every path in `inside` lies under one the user may propose for (a homeroom teacher's
    # class, not the school), so the rows need no per-row policy check.
    collective_list = list(collectives.order_by("path")[: limit + 1])
    more = any(len(x) > limit for x in (staff_list, student_list, collective_list))
    return Candidates(staff_list[:limit], student_list[:limit], collective_list[:limit], more)


def awards_for_subject(nomination_round: NominationRound, *, collective: bool) -> list[str]:
    allowed = FOR_COLLECTIVE if collective else FOR_PERSON
    return [a for a in nomination_round.awards if a in allowed]


def proposer_role(user: Any, subject: Any) -> str:
    """How the user proposes this subject: the first of their roles that allows it."""
    rule = RULES["nominations.proposal.create"]
    paths = paths_of(rule.unit_of(subject))
    for grant in grants_of(user):
        if grant.role in rule.roles and any(grant.reaches(p) for p in paths):
            return f"{grant.role_label}, {grant.unit_name}"
    return ""


def proposal_counts_by_award(nomination_round: NominationRound) -> list[tuple[str, str, int]]:
    """(award, label, passed count) for the round's result summary."""
    rows = Counter(
        nomination_round.proposals.filter(
            status__in=[ProposalStatus.PASSED, ProposalStatus.AWARDED, ProposalStatus.FORWARDED]
        ).values_list("award", flat=True)
    )
    return [(a, AwardId(a).label, n) for a, n in sorted(rows.items())]
