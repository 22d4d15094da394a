"""Everything the eligibility engine needs about people and collectives, in bulk.

The engine judges facts in the scenario format of shared/domain/rules.md (`person:` and
`collective:` blocks). These functions read them from the records of the people,
achievements and registrations apps with plain value queries — a fixed number per 5,000
subjects, no model instances — so that a whole city's staff can be gathered quickly.
They return exactly what `PersonRecord.as_scenario_person()` returns for one person
(a test keeps the two in step).

This module sits in the registrations app because it is the highest of the apps whose
records it reads (people ← achievements ← registrations).
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from typing import Any

from django.db.models import Q

from thidua.achievements.catalog import ANNUAL_TITLES
from thidua.achievements.models import Achievement, AwardRecord, Initiative, ResearchProject
from thidua.org.models import SchoolYear, Unit
from thidua.people.models import Membership, Person, StaffProfile
from thidua.people.record_selectors import WORKPLACE_TYPES
from thidua.people.records import (
    AnnualRating,
    DisciplineRecord,
    LeaveRecord,
    PendingMatter,
    TrainingRecord,
    TransferComment,
)

from .models import Registration
from .selectors import COUNTED

CHUNK = 5000


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


def _period(first: str | None, last: str | None) -> list[str]:
    if not last:
        return []
    start = int((first or last)[:4])
    return [f"{y}-{y + 1}" for y in range(start, int(last[:4]) + 1)]


def _blank(pid: int) -> dict[str, Any]:
    return {
        "id": f"P{pid}",
        "registered": set(),
        "ratings": {},
        "titles": defaultdict(list),
        "revoked": [],
        "awards": [],
        "initiatives": [],
        "research_projects": [],
        "achievements": [],
        "discipline": [],
        "pending_matters": [],
        "leave": [],
        "training": [],
        "transfers": [],
    }


def people_facts_data(person_ids: Iterable[int]) -> dict[int, dict[str, Any]]:
    """The `person:` scenario block of each person (registrations included)."""
    ids = sorted(set(person_ids))
    data: dict[int, dict[str, Any]] = {pid: _blank(pid) for pid in ids}
    for chunk in _chunks(ids):
        _read_chunk(chunk, data)
    return {pid: _finish(block) for pid, block in data.items()}


def _read_chunk(chunk: list[int], data: dict[int, dict[str, Any]]) -> None:
    for pid, name in Person.objects.filter(pk__in=chunk).values_list("pk", "full_name"):
        data[pid]["name"] = name
    for pid, position, hired_on in StaffProfile.objects.filter(person_id__in=chunk).values_list(
        "person_id", "position", "hired_on"
    ):
        data[pid]["position"] = position
        if hired_on:
            data[pid]["hired_on"] = hired_on
    for pid, year in Registration.objects.filter(
        person_id__in=chunk, status__in=COUNTED
    ).values_list("person_id", "school_year_id"):
        data[pid]["registered"].add(year)
    for pid, year, rating in AnnualRating.objects.filter(person_id__in=chunk).values_list(
        "person_id", "school_year_id", "rating"
    ):
        data[pid]["ratings"][year] = rating
    rows = list(
        AwardRecord.objects.filter(person_id__in=chunk).values_list(
            "person_id",
            "award",
            "period_from_id",
            "period_to_id",
            "decided_on",
            "achievement_id",
            "decision_number",
            "revoked_on",
            "revocation_reason",
            "revocation_decision",
            "pk",
        )
    )
    # Sorted here, not in SQL: databases disagree on where NULL periods go.
    rows.sort(key=lambda r: (r[3] or "", r[4] or dt.date.min, r[10]))
    for (
        pid,
        award,
        first,
        last,
        decided_on,
        achievement_id,
        decision,
        revoked_on,
        reason,
        revoking,
        _pk,
    ) in rows:
        block = data[pid]
        if award in ANNUAL_TITLES and last:
            block["titles"][last].append(award)
            if revoked_on is not None:
                revocation = {"title": award, "school_year": last, "reason": reason}
                if revoking:
                    revocation["decision"] = revoking
                block["revoked"].append(revocation)
            continue
        item: dict[str, Any] = {"form": award}
        if decided_on:
            item["decided_on"] = decided_on
        if last:
            item["period"] = _period(first, last)
        if achievement_id:
            item["achievement"] = f"A{achievement_id}"
        if decision:
            item["decision"] = decision
        if revoked_on is not None:
            item["revoked"] = True
        block["awards"].append(item)
    for pid, pk, year, scope in (
        Initiative.objects.filter(person_id__in=chunk, is_recognised=True)
        .order_by("-school_year_id", "-id")
        .values_list("person_id", "pk", "school_year_id", "scope")
    ):
        data[pid]["initiatives"].append({"id": f"I{pk}", "school_year": year, "scope": scope})
    for pid, pk, year, scope, accepted in (
        ResearchProject.objects.filter(person_id__in=chunk)
        .order_by("-school_year_id", "-id")
        .values_list("person_id", "pk", "school_year_id", "scope", "is_accepted")
    ):
        data[pid]["research_projects"].append(
            {"id": f"R{pk}", "school_year": year, "scope": scope, "accepted": accepted}
        )
    for pid, pk, year, kind, scope in (
        Achievement.objects.filter(person_id__in=chunk)
        .order_by("-school_year_id", "-id")
        .values_list("person_id", "pk", "school_year_id", "kind", "scope")
    ):
        data[pid]["achievements"].append(
            {"id": f"A{pk}", "school_year": year, "kind": kind, "scope": scope}
        )
    for pid, level, decided_on, counted in (
        DisciplineRecord.objects.filter(person_id__in=chunk)
        .order_by("-decided_on", "-id")
        .values_list("person_id", "level", "decided_on", "counted_in_year_id")
    ):
        item = {"level": level, "decided_on": decided_on}
        if counted:
            item["already_counted_in"] = counted
        data[pid]["discipline"].append(item)
    for pid, kind, opened_on, closed_on in (
        PendingMatter.objects.filter(person_id__in=chunk)
        .order_by("-opened_on", "-id")
        .values_list("person_id", "kind", "opened_on", "closed_on")
    ):
        item = {"kind": kind, "opened_on": opened_on}
        if closed_on:
            item["closed_on"] = closed_on
        data[pid]["pending_matters"].append(item)
    for pid, kind, start, end, certified in (
        LeaveRecord.objects.filter(person_id__in=chunk)
        .order_by("-start_on", "-id")
        .values_list("person_id", "kind", "start_on", "end_on", "certified")
    ):
        item = {"kind": kind, "from": start, "to": end}
        if certified:
            item["certified"] = True
        data[pid]["leave"].append(item)
    for pid, start, end, complied, result in (
        TrainingRecord.objects.filter(person_id__in=chunk)
        .order_by("-start_on", "-id")
        .values_list("person_id", "start_on", "end_on", "complied", "result")
    ):
        item = {"from": start, "to": end}
        if complied is not None:
            item["complied"] = complied
        if result:
            item["result"] = result
        data[pid]["training"].append(item)
    comments = set(
        TransferComment.objects.filter(person_id__in=chunk).values_list(
            "person_id", "from_unit_id", "transferred_on"
        )
    )
    places: dict[int, list[tuple[dt.date, int, int, str]]] = defaultdict(list)
    for pid, start, pk, unit_id, code in (
        Membership.objects.filter(person_id__in=chunk, unit__type__in=WORKPLACE_TYPES)
        .order_by("start_on", "id")
        .values_list("person_id", "start_on", "pk", "unit_id", "unit__code")
    ):
        places[pid].append((start, pk, unit_id, code))
    for pid, rows in places.items():
        for (_s, _p, previous_id, previous_code), (start, _pk, unit_id, code) in zip(
            rows, rows[1:], strict=False
        ):
            if previous_id == unit_id:
                continue
            data[pid]["transfers"].append(
                {
                    "on": start,
                    "from_unit": previous_code,
                    "to_unit": code,
                    "previous_unit_comment": (pid, previous_id, start) in comments,
                }
            )


def _finish(block: dict[str, Any]) -> dict[str, Any]:
    block["registered"] = sorted(block["registered"])
    block["ratings"] = dict(sorted(block["ratings"].items()))
    block["titles"] = {year: ids for year, ids in sorted(block["titles"].items())}
    return {k: v for k, v in block.items() if v not in ([], {}, None)}


def collective_facts_data(
    unit_ids: Iterable[int], school_year: SchoolYear
) -> dict[int, dict[str, Any]]:
    """The `collective:` scenario block of each collective, with its members that year.

    Members are the people whose membership of the unit overlaps the school year; each
    member is a full `person:` block. `has_effective_movement` is left to the caller
    (it is a council's judgement, not a record).
    """
    ids = sorted(set(unit_ids))
    units = {u.pk: u for u in Unit.objects.filter(pk__in=ids)}
    blocks: dict[int, dict[str, Any]] = {}
    for uid, unit in units.items():
        blocks[uid] = {
            "id": unit.code,
            "name": unit.name,
            "kind": unit.type,
            "registered": set(),
            "ratings": {},
            "titles": defaultdict(list),
            "revoked": [],
            "awards": [],
            "pending_matters": [],
        }
    for uid, year in Registration.objects.filter(
        collective_id__in=ids, status__in=COUNTED
    ).values_list("collective_id", "school_year_id"):
        blocks[uid]["registered"].add(year)
    for uid, year, rating in AnnualRating.objects.filter(collective_id__in=ids).values_list(
        "collective_id", "school_year_id", "rating"
    ):
        blocks[uid]["ratings"][year] = rating
    for uid, award, first, last, decided_on, revoked_on in (
        AwardRecord.objects.filter(collective_id__in=ids)
        .order_by("period_to_id", "decided_on", "id")
        .values_list(
            "collective_id", "award", "period_from_id", "period_to_id", "decided_on", "revoked_on"
        )
    ):
        if award in ANNUAL_TITLES and last:
            blocks[uid]["titles"][last].append(award)
            if revoked_on is not None:
                blocks[uid]["revoked"].append({"title": award, "school_year": last})
            continue
        item: dict[str, Any] = {"form": award}
        if decided_on:
            item["decided_on"] = decided_on
        if last:
            item["period"] = _period(first, last)
        if revoked_on is not None:
            item["revoked"] = True
        blocks[uid]["awards"].append(item)
    for uid, kind, opened_on, closed_on in PendingMatter.objects.filter(
        collective_id__in=ids
    ).values_list("collective_id", "kind", "opened_on", "closed_on"):
        item = {"kind": kind, "opened_on": opened_on}
        if closed_on:
            item["closed_on"] = closed_on
        blocks[uid]["pending_matters"].append(item)
    members: dict[int, list[int]] = defaultdict(list)
    for uid, pid in (
        Membership.objects.filter(unit_id__in=ids, start_on__lte=school_year.end_on)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=school_year.start_on))
        .order_by("person__sort_key", "person_id")
        .values_list("unit_id", "person_id")
        .distinct()
    ):
        if pid not in members[uid]:
            members[uid].append(pid)
    people = people_facts_data(pid for pids in members.values() for pid in pids)
    result: dict[int, dict[str, Any]] = {}
    for uid, block in blocks.items():
        block["registered"] = sorted(block["registered"])
        block["ratings"] = dict(sorted(block["ratings"].items()))
        block["titles"] = dict(sorted(block["titles"].items()))
        block["members"] = [people[pid] for pid in members.get(uid, [])]
        result[uid] = {k: v for k, v in block.items() if v not in ([], {}, None)}
    return result
