"""The rules engine's verdict on a proposal, frozen at the time of proposal."""

from __future__ import annotations

import json
from typing import Any

from django.db import models
from django.utils import timezone

from thidua.eligibility.engine import evaluate
from thidua.org.models import SchoolYear


def _years(first: str, last: str) -> list[str]:
    codes = SchoolYear.objects.filter(code__gte=first, code__lte=last).order_by("code")
    return list(codes.values_list("code", flat=True)) or [first]


def proposal_facts(proposal: Any) -> dict[str, Any]:
    """The proposal as the rules engine reads it (R-GEN-1: the achievement and its period)."""
    return {
        "achievement": proposal.achievement_id,
        "period": _years(proposal.period_from_id, proposal.period_to_id),
    }


def verdict_for(proposal: Any, *, actor: Any = None) -> dict[str, Any]:
    """Judge the proposal's subject for its award and period through the eligibility app
    (which stores the check with its facts and law version); a JSON-able snapshot for the
    dossier, with the stored check's id."""
    from thidua.eligibility.engine import default_on
    from thidua.eligibility.services import eligibility_check_run

    year = proposal.period_to
    on = min(timezone.localdate(), default_on(year.code))
    check = eligibility_check_run(
        actor=actor,
        title=proposal.award,
        school_year=year,
        person=proposal.person,
        collective=proposal.collective,
        proposal=proposal_facts(proposal),
        on=on,
    )
    proposal.eligibility_check = check
    data: dict[str, Any] = {
        "title": check.title,
        "outcome": check.outcome,
        "findings": check.findings,
        "school_year": year.code,
        "on": check.evaluated_on.isoformat(),
        "parameters_hash": check.parameters_hash,
        "rules_version": check.rules_version,
        "facts": check.facts.get("person") or check.facts.get("collective") or {},
        "check_id": check.pk,
        "checked_at": timezone.now().isoformat(),
    }
    if proposal.person_id:
        data["head_of"] = headed_units_result(proposal.person_id, year)
    return json.loads(json.dumps(data, default=str))


def reasons(verdict: dict[str, Any]) -> list[str]:
    """The Vietnamese reasons of a verdict that did not pass, with their rule ids."""
    lines = []
    for f in verdict.get("findings", []):
        if f.get("outcome") != "pass":
            lines.append(f"{f['message_vi']} ({f['rule_id']})")
    return lines


HEAD_ROLES = ("principal", "department_head")


def headed_units_result(person_id: int, year: SchoolYear) -> list[dict[str, Any]]:
    """R-GEN-5: when the person heads a unit, the unit's own result that year, so that the
    council weighs the head's proposal against the collective they lead."""
    from thidua.accounts.models import RoleAssignment
    from thidua.achievements.catalog import AwardId
    from thidua.eligibility import gather
    from thidua.people.records import Rating

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
    facts = gather.collectives_facts(list(units), year)
    out = []
    for unit_id, (unit, role) in units.items():
        collective = facts[unit_id]
        ratings = [m.ratings.get(year.code) for m in collective.members]
        rating = collective.ratings.get(year.code)
        titles = collective.titles.get(year.code, ())
        result = evaluate(AwardId.TAP_THE_LAO_DONG_TIEN_TIEN, collective, year.code)
        out.append(
            {
                "unit": unit.name,
                "unit_code": unit.code,
                "role": str(role),
                "rating": str(Rating(rating).label) if rating in Rating.values else "",
                "titles": [str(AwardId(t).label) for t in titles if t in AwardId.values],
                "members": len(collective.members),
                "members_excellent": sum(1 for r in ratings if r == Rating.HTXSNV),
                "members_good": sum(1 for r in ratings if r == Rating.HTTNV),
                "members_below": sum(1 for r in ratings if r in (Rating.HTNV, Rating.KHTNV)),
                "collective_ldtt": result.outcome,
                "collective_ldtt_reasons": [
                    f.message_vi for f in result.findings if f.outcome != "pass"
                ],
            }
        )
    return out
