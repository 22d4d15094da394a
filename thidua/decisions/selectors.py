"""Reads on decisions: the register of a unit, one decision, what a round still has to
decide, the current state of an awardee line and the public verification of a certificate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.shortcuts import get_object_or_404

from thidua.accounts.policy import LEADERSHIP, OFFICERS, grants_of, scope_q
from thidua.nominations.authority import decides_here
from thidua.nominations.models import NominationRound, Proposal, ProposalStatus
from thidua.org.models import Unit, UnitType
from thidua.people.models import Enrollment, Membership, Person

from .models import SIGNED_STATUSES, Decision, DecisionKind, DecisionLine, DecisionStatus

LIVE_DECISION_STATUSES = (DecisionStatus.DRAFT, DecisionStatus.ISSUED, DecisionStatus.CORRECTED)


def decidable_proposals(nomination_round: NominationRound) -> list[Proposal]:
    """Proposals of the round the council passed, that the round's unit decides itself and
    that are not on a draft or signed decision yet."""
    on_decision = DecisionLine.objects.filter(
        decision__kind=DecisionKind.AWARD, decision__status__in=LIVE_DECISION_STATUSES
    ).values("proposal_id")
    proposals = (
        nomination_round.proposals.filter(status=ProposalStatus.PASSED)
        .exclude(pk__in=on_decision)
        .select_related(
            "person",
            "collective",
            "achievement",
            "period_from",
            "period_to",
            "submission",
            "submission__from_unit",
        )
        .order_by("award", "created_at")
    )
    # One authority look-up per award, not per proposal.
    unit = nomination_round.unit
    here = {award for award in {p.award for p in proposals} if decides_here(unit, award)}
    return [p for p in proposals if p.award in here]


def rounds_with_decidable(user: Any) -> list[tuple[NominationRound, int]]:
    """Rounds of the units where the user issues decisions, with their count of proposals
    waiting for a decision."""
    rounds = (
        NominationRound.objects.filter(unit__in=managed_units(user))
        .filter(proposals__status=ProposalStatus.PASSED)
        .select_related("unit")
        .distinct()
    )
    found = []
    for nomination_round in rounds:
        count = len(decidable_proposals(nomination_round))
        if count:
            found.append((nomination_round, count))
    return found


def _chain_end(line: DecisionLine) -> DecisionLine:
    """The last line of the chain of corrections starting at `line` (itself if uncorrected)."""
    seen = 0
    current = line
    while current.corrected_by_id and seen < 20:
        current = DecisionLine.objects.select_related("decision", "revoked_by").get(
            pk=current.corrected_by_id
        )
        seen += 1
    return current


def live_line(line: DecisionLine) -> DecisionLine | None:
    """The line now standing for this award: itself, or the line of the correcting decision
    that replaced it (following the chain); None when it has been revoked."""
    current = _chain_end(line)
    return None if current.revoked_by_id else current


def _job_title(person: Person, memberships: list[Membership]) -> str:
    for membership in memberships:
        if membership.job_title:
            return membership.job_title
    profile = getattr(person, "staff_profile", None)
    return profile.job_title if profile is not None else ""


def position_text(*, person: Any, collective: Unit | None, within: Unit, on: dt.date) -> str:
    """'Giáo viên, Tổ Toán – Tin, Trường THCS Trần Bội Cơ' for a person; the unit a collective
    belongs to ('Trường THCS Trần Bội Cơ') for a collective."""
    if collective is not None:
        return collective.parent.name if collective.parent_id else ""
    enrollment = (
        Enrollment.objects.filter(person=person, school_year__start_on__lte=on)
        .select_related("class_unit", "class_unit__parent")
        .order_by("-school_year__start_on")
        .first()
    )
    memberships = list(
        Membership.objects.filter(person=person, start_on__lte=on)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=on))
        .select_related("unit")
        .order_by("-unit__depth")
    )
    if not memberships and enrollment is not None:
        school = enrollment.class_unit.parent
        return f"Học sinh lớp {enrollment.class_unit.name}, {school.name if school else ''}".strip(
            ", "
        )
    parts = [_job_title(person, memberships)]
    units = [m.unit for m in memberships if m.unit.path.startswith(within.path)] or [
        m.unit for m in memberships
    ]
    for unit in units:
        if unit.name not in parts:
            parts.append(unit.name)
    return ", ".join(p for p in parts if p)


# ---------------------------------------------------------------- register and detail


def decision_list_for(
    *,
    user: Any,
    unit: Unit | None = None,
    year: int | None = None,
    kind: str = "",
    status: str = "",
    query: str = "",
) -> QuerySet[Decision]:
    """The decisions the user may read, newest first, with their line counts."""
    decisions = Decision.objects.filter(scope_q(user, "decisions.view", "issuer__path"))
    if unit is not None:
        decisions = decisions.filter(issuer=unit)
    if year:
        decisions = decisions.filter(Q(year=year) | Q(issued_on__year=year))
    if kind:
        decisions = decisions.filter(kind=kind)
    if status:
        decisions = decisions.filter(status=status)
    if query:
        decisions = decisions.filter(
            Q(number_label__icontains=query)
            | Q(subject__icontains=query)
            | Q(lines__name__icontains=query)
        ).distinct()
    return (
        decisions.select_related("issuer", "corrects", "revokes")
        .annotate(line_count=Count("lines", distinct=True))
        .order_by("-issued_on", "-number", "-id")
    )


def decision_issuers_for(*, user: Any) -> list[Unit]:
    """The units with decisions the user may read, for the register's filter."""
    return list(
        Unit.objects.filter(scope_q(user, "decisions.view", "path"))
        .filter(decisions__isnull=False)
        .distinct()
        .order_by("path")[:100]
    )


def decision_get_for(*, user: Any, pk: int) -> Decision:
    """One decision the user may read (404 otherwise)."""
    decisions = Decision.objects.filter(scope_q(user, "decisions.view", "issuer__path"))
    return get_object_or_404(
        decisions.select_related(
            "issuer", "issuer__parent", "corrects", "revokes", "source_round", "issued_by"
        ),
        pk=pk,
    )


def lines_of(decision: Decision) -> list[DecisionLine]:
    return list(
        decision.lines.select_related(
            "person",
            "collective",
            "award_record",
            "proposal",
            "target",
            "target__decision",
            "corrected_by",
            "corrected_by__decision",
            "revoked_by",
        ).order_by("line_no")
    )


def related_decisions(decision: Decision) -> list[Decision]:
    """Correcting and revoking decisions that reference this one (drafts included)."""
    return list(
        Decision.objects.filter(Q(corrects=decision) | Q(revokes=decision))
        .select_related("issuer")
        .order_by("issued_on", "id")
    )


def split_people_collectives(
    lines: list[DecisionLine],
) -> tuple[list[DecisionLine], list[DecisionLine]]:
    return [li for li in lines if li.person_id], [li for li in lines if li.collective_id]


def managed_units(user: Any) -> list[Unit]:
    """Units where the user issues decisions (the unit of a leadership or officer grant)."""
    ids = [g.unit_id for g in grants_of(user) if g.role in LEADERSHIP | OFFICERS]
    return list(
        Unit.objects.filter(pk__in=ids)
        .exclude(type__in=[UnitType.CLASS, UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM])
        .order_by("path")
    )


# ---------------------------------------------------------------- public verification


@dataclass(frozen=True)
class Verification:
    """What the public page may say about a certificate, and nothing else."""

    status: str  # valid | corrected | revoked
    decision_label: str
    decision_date: dt.date | None
    issuer: str
    awardee: str
    award: str
    period: str
    by_label: str = ""
    by_date: dt.date | None = None
    by_issuer: str = ""
    current_token: str = ""


def verification_for(token: str) -> Verification:
    """The public answer for a certificate token (404 when unknown or not issued)."""
    line = get_object_or_404(
        DecisionLine.objects.select_related("decision", "revoked_by").filter(
            decision__status__in=SIGNED_STATUSES,
            decision__kind__in=[
                DecisionKind.AWARD,
                DecisionKind.CORRECTION,
                DecisionKind.HISTORICAL,
            ],
        ),
        verification_token=token,
    )
    decision = line.decision
    base = {
        "decision_label": decision.number_label,
        "decision_date": decision.issued_on,
        "issuer": decision.authority,
        "awardee": line.name,
        "award": line.get_award_display(),
        "period": line.period_label,
    }
    if line.revoked_by_id:
        revoking = line.revoked_by
        return Verification(
            status="revoked",
            by_label=revoking.number_label,
            by_date=revoking.issued_on,
            by_issuer=revoking.authority,
            **base,
        )
    if line.corrected_by_id:
        newer = DecisionLine.objects.select_related("decision").get(pk=line.corrected_by_id)
        last = _chain_end(newer)
        revoked = bool(last.revoked_by_id)
        by = last.revoked_by if revoked else newer.decision
        return Verification(
            status="revoked" if revoked else "corrected",
            by_label=by.number_label,
            by_date=by.issued_on,
            by_issuer=by.authority,
            current_token="" if revoked else last.verification_token,
            **base,
        )
    return Verification(status="valid", **base)
