"""The rules engine's verdict on a proposal, frozen at the time of proposal."""

from __future__ import annotations

import json
from typing import Any

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
    return json.loads(json.dumps(data, default=str))


def reasons(verdict: dict[str, Any]) -> list[str]:
    """The Vietnamese reasons of a verdict that did not pass, with their rule ids."""
    lines = []
    for f in verdict.get("findings", []):
        if f.get("outcome") != "pass":
            lines.append(f"{f['message_vi']} ({f['rule_id']})")
    return lines
