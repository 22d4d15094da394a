"""The rules engine's verdict on a proposal, frozen at the time of proposal."""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.utils import timezone

from thidua.eligibility.engine import evaluate
from thidua.eligibility.facts import CollectiveFacts, PersonFacts, ProposalFacts
from thidua.org.models import SchoolYear


def _years(first: str, last: str) -> list[str]:
    codes = SchoolYear.objects.filter(code__gte=first, code__lte=last).order_by("code")
    return list(codes.values_list("code", flat=True)) or [first]


def proposal_facts(proposal: Any) -> ProposalFacts:
    achievement = str(proposal.achievement_id) if proposal.achievement_id else None
    return ProposalFacts(
        achievement=achievement,
        period=tuple(_years(proposal.period_from_id, proposal.period_to_id)),
    )


def verdict_for(proposal: Any, *, council_vote: dict[str, Any] | None = None) -> dict[str, Any]:
    """Evaluate the proposal's subject for its award and period; a JSON-able snapshot."""
    from thidua.registrations.facts import collective_facts_data, people_facts_data

    year = proposal.period_to
    if proposal.person_id:
        block = people_facts_data([proposal.person_id])[proposal.person_id]
        facts: Any = PersonFacts.from_dict(block)
    else:
        block = collective_facts_data([proposal.collective_id], year)[proposal.collective_id]
        facts = CollectiveFacts.from_dict(block)
    vote = None
    if council_vote:
        from thidua.eligibility.facts import CouncilVote

        vote = CouncilVote.from_dict(council_vote)
    on = min(timezone.localdate(), year.end_on) if year.end_on >= timezone.localdate() else None
    verdict = evaluate(
        proposal.award,
        facts,
        year.code,
        on=on,
        proposal=proposal_facts(proposal),
        council_vote=vote,
    )
    data = verdict.to_dict()
    data["facts"] = block
    data["checked_at"] = timezone.now().isoformat()
    if proposal.person_id:
        data["head_of"] = headed_units_result(proposal.person_id, year)
    return json.loads(json.dumps(data, default=str))


HEAD_ROLES = ("principal", "department_head")


def headed_units_result(person_id: int, year: SchoolYear) -> list[dict[str, Any]]:
    """R-GEN-5: when the person heads a unit, the unit's own result that year, so that the
    council weighs the head's proposal against the collective they lead."""
    from thidua.accounts.models import RoleAssignment
    from thidua.achievements.catalog import AwardId
    from thidua.people.records import Rating
    from thidua.registrations.facts import collective_facts_data

    heads = (
        RoleAssignment.objects.filter(user__person_id=person_id, role__in=HEAD_ROLES)
        .filter(models.Q(start_on__isnull=True) | models.Q(start_on__lte=year.end_on))
        .filter(models.Q(end_on__isnull=True) | models.Q(end_on__gte=year.start_on))
        .select_related("unit")
        .order_by("unit__path")
    )
    units = {a.unit_id: (a.unit, a.get_role_display()) for a in heads}
    if not units:
        return []
    blocks = collective_facts_data(list(units), year)
    out = []
    for unit_id, (unit, role) in units.items():
        block = blocks.get(unit_id, {})
        members = block.get("members", [])
        ratings = [m.get("ratings", {}).get(year.code) for m in members]
        rating = block.get("ratings", {}).get(year.code)
        titles = block.get("titles", {}).get(year.code, [])
        result = evaluate(
            AwardId.TAP_THE_LAO_DONG_TIEN_TIEN, CollectiveFacts.from_dict(block), year.code
        )
        out.append(
            {
                "unit": unit.name,
                "unit_code": unit.code,
                "role": str(role),
                "rating": str(Rating(rating).label) if rating in Rating.values else "",
                "titles": [str(AwardId(t).label) for t in titles if t in AwardId.values],
                "members": len(members),
                "members_excellent": sum(1 for r in ratings if r == Rating.HTXSNV),
                "members_good": sum(1 for r in ratings if r == Rating.HTTNV),
                "members_below": sum(1 for r in ratings if r in (Rating.HTNV, Rating.KHTNV)),
                "collective_ldtt": result.outcome,
                "collective_ldtt_reasons": [
                    f["message_vi"] for f in result.to_dict()["findings"] if f["outcome"] != "pass"
                ],
            }
        )
    return out


def reasons(verdict: dict[str, Any]) -> list[str]:
    """The Vietnamese reasons of a verdict that did not pass, with their rule ids."""
    lines = []
    for f in verdict.get("findings", []):
        if f.get("outcome") != "pass":
            lines.append(f"{f['message_vi']} ({f['rule_id']})")
    return lines
