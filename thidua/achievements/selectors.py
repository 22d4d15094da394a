"""The emulation record of a person or a collective (hồ sơ thi đua), read in few queries.

`person_records(ids)` gathers everything known about many people — ratings, titles and
award forms (revoked ones included), achievements, initiatives, research projects,
discipline, pending matters, leave, training, workplaces and transfers — in a fixed number
of queries whatever the number of people. `PersonRecord.as_scenario_person()` returns it in
the scenario format of shared/domain/rules.md, which the eligibility engine parses.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from django.utils import timezone

from thidua.evidence.models import Evidence
from thidua.evidence.selectors import evidence_for, evidence_key
from thidua.org.models import Unit
from thidua.people.models import Person
from thidua.people.record_selectors import (
    CollectivePeopleRecord,
    PeopleRecord,
    collective_people_records,
    people_records,
    workplace_names,
)
from thidua.people.records import AnnualRating, DisciplineRecord, PendingMatter, Rating

from .catalog import ANNUAL_TITLES, short_label
from .models import Achievement, AwardRecord, Initiative, ResearchProject

CHUNK = 5000


def school_year_code_of(day: dt.date) -> str:
    """The school year a date belongs to (August starts the new year)."""
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}-{first + 1}"


def previous_school_year_code(day: dt.date) -> str:
    """The school year before the one `day` belongs to (the last one with results)."""
    first = int(school_year_code_of(day)[:4]) - 1
    return f"{first}-{first + 1}"


def _year_range(first: str, last: str) -> list[str]:
    return [f"{y}-{y + 1}" for y in range(int(first[:4]), int(last[:4]) + 1)]


def _chunks(ids: list[int]) -> Iterator[list[int]]:
    for i in range(0, len(ids), CHUNK):
        yield ids[i : i + CHUNK]


@dataclass
class YearRow:
    """One school year of a record: where, how rated, what was held and decided."""

    code: str
    workplace: Unit | None = None
    rating: AnnualRating | None = None
    titles: list[AwardRecord] = field(default_factory=list)
    awards: list[AwardRecord] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    research_projects: list[ResearchProject] = field(default_factory=list)
    discipline: list[DisciplineRecord] = field(default_factory=list)
    pending_matters: list[PendingMatter] = field(default_factory=list)
    registered: bool | None = None


@dataclass
class PersonRecord:
    person: Person
    people: PeopleRecord
    awards: list[AwardRecord] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    initiatives: list[Initiative] = field(default_factory=list)
    research_projects: list[ResearchProject] = field(default_factory=list)
    evidence: dict[tuple[int, int], list[Evidence]] = field(default_factory=dict)

    # -- views for the page ------------------------------------------------------------

    @property
    def titles(self) -> list[AwardRecord]:
        return [a for a in self.awards if a.award in ANNUAL_TITLES]

    @property
    def award_forms(self) -> list[AwardRecord]:
        return [a for a in self.awards if a.award not in ANNUAL_TITLES]

    @property
    def revoked(self) -> list[AwardRecord]:
        return [a for a in self.awards if a.is_revoked]

    def evidence_of(self, obj: Any) -> list[Evidence]:
        return self.evidence.get(evidence_key(obj), [])

    def titles_held(self) -> dict[str, list[str]]:
        """{school year: [title ids]} of titles held and not revoked."""
        held: dict[str, list[str]] = defaultdict(list)
        for record in self.titles:
            if not record.is_revoked and record.period_to_id:
                held[record.period_to_id].append(record.award)
        return dict(held)

    def year_rows(self, *, until: str | None = None) -> list[YearRow]:
        """One row per school year, from the first year of work or record to `until`."""
        codes: set[str] = set(self.people.ratings)
        for a in self.awards:
            codes.update(
                a.period_codes or ([school_year_code_of(a.decided_on)] if a.decided_on else [])
            )
        codes.update(i.school_year_id for i in self.initiatives)
        codes.update(r.school_year_id for r in self.research_projects)
        codes.update(school_year_code_of(d.decided_on) for d in self.people.discipline)
        codes.update(school_year_code_of(p.opened_on) for p in self.people.pending_matters)
        last = until or school_year_code_of(timezone.localdate())
        # At least the last five years, but not before the person started working.
        recent = _year_range(f"{int(last[:4]) - 4}-{int(last[:4]) - 3}", last)
        places = self.people.workplaces
        started = school_year_code_of(places[0].start_on) if places else recent[0]
        codes.update(code for code in recent if code >= started)
        codes.add(last)
        first = min(codes)
        rows = {code: YearRow(code) for code in _year_range(first, max(max(codes), last))}
        for code, row in rows.items():
            row.rating = self.people.ratings.get(code)
            # The workplace on the last day of the school year (or today for the current one).
            end = min(dt.date(int(code[:4]) + 1, 5, 31), timezone.localdate())
            row.workplace = self.people.workplace_on(end) or (
                row.rating.unit if row.rating else None
            )
        for a in self.awards:
            code = a.period_to_id or (school_year_code_of(a.decided_on) if a.decided_on else None)
            if code in rows:
                (rows[code].titles if a.award in ANNUAL_TITLES else rows[code].awards).append(a)
        for i in self.initiatives:
            rows[i.school_year_id].initiatives.append(i)
        for r in self.research_projects:
            rows[r.school_year_id].research_projects.append(r)
        for d in self.people.discipline:
            code = school_year_code_of(d.decided_on)
            if code in rows:
                rows[code].discipline.append(d)
        for p in self.people.pending_matters:
            code = school_year_code_of(p.opened_on)
            if code in rows:
                rows[code].pending_matters.append(p)
        return sorted(rows.values(), key=lambda r: r.code, reverse=True)

    # -- the eligibility engine's view -----------------------------------------------------

    def as_scenario_person(self, *, registered: Iterable[str] = ()) -> dict[str, Any]:
        """The record in the `person:` scenario format of rules.md (without derived data).

        `registered` comes from the registrations app (the years with an accepted
        registration); it is passed in because registrations sit above this app.
        """
        profile = getattr(self.person, "staff_profile", None)
        data: dict[str, Any] = {"id": f"P{self.person.pk}", "name": self.person.full_name}
        if profile is not None:
            data["position"] = profile.position
            if profile.hired_on:
                data["hired_on"] = profile.hired_on
        data["registered"] = sorted(registered)
        data["ratings"] = {code: r.rating for code, r in sorted(self.people.ratings.items())}
        titles: dict[str, list[str]] = defaultdict(list)
        revoked: list[dict[str, Any]] = []
        awards: list[dict[str, Any]] = []
        for a in sorted(
            self.awards,
            key=lambda a: (a.period_to_id or "", a.decided_on or dt.date.min, a.pk),
        ):
            if a.award in ANNUAL_TITLES and a.period_to_id:
                titles[a.period_to_id].append(a.award)
                if a.is_revoked:
                    revoked.append(
                        {
                            "title": a.award,
                            "school_year": a.period_to_id,
                            "reason": a.revocation_reason,
                            "decision": a.revocation_decision or None,
                        }
                    )
                continue
            award: dict[str, Any] = {"form": a.award}
            if a.decided_on:
                award["decided_on"] = a.decided_on
            if a.period_codes:
                award["period"] = a.period_codes
            if a.achievement_id:
                award["achievement"] = f"A{a.achievement_id}"
            if a.decision_number:
                award["decision"] = a.decision_number
            if a.is_revoked:
                award["revoked"] = True
            awards.append(award)
        data["titles"] = {code: ids for code, ids in sorted(titles.items())}
        data["revoked"] = [{k: v for k, v in r.items() if v is not None} for r in revoked]
        data["awards"] = awards
        data["initiatives"] = [
            {"id": f"I{i.pk}", "school_year": i.school_year_id, "scope": i.scope}
            for i in self.initiatives
            if i.is_recognised
        ]
        data["research_projects"] = [
            {
                "id": f"R{r.pk}",
                "school_year": r.school_year_id,
                "scope": r.scope,
                "accepted": r.is_accepted,
            }
            for r in self.research_projects
        ]
        data["achievements"] = [
            {"id": a.ref, "school_year": a.school_year_id, "kind": a.kind, "scope": a.scope}
            for a in self.achievements
        ]
        data["discipline"] = [
            {"level": d.level, "decided_on": d.decided_on}
            | ({"already_counted_in": d.counted_in_year_id} if d.counted_in_year_id else {})
            for d in self.people.discipline
        ]
        data["pending_matters"] = [
            {"kind": p.kind, "opened_on": p.opened_on}
            | ({"closed_on": p.closed_on} if p.closed_on else {})
            for p in self.people.pending_matters
        ]
        data["leave"] = [
            {"kind": leave.kind, "from": leave.start_on, "to": leave.end_on}
            | ({"certified": True} if leave.certified else {})
            for leave in self.people.leave
        ]
        data["training"] = [
            {"from": t.start_on, "to": t.end_on}
            | ({"complied": t.complied} if t.complied is not None else {})
            | ({"result": t.result} if t.result else {})
            for t in self.people.training
        ]
        data["transfers"] = [
            {
                "on": t.on,
                "from_unit": t.from_unit.code,
                "to_unit": t.to_unit.code,
                "previous_unit_comment": t.comment is not None,
            }
            for t in self.people.transfers
        ]
        return {k: v for k, v in data.items() if v not in ([], {}, None)}


def person_records(
    person_ids: Iterable[int], *, with_evidence: bool = True
) -> dict[int, PersonRecord]:
    """The complete emulation records of many people, in a fixed number of queries."""
    ids = sorted(set(person_ids))
    base = people_records(ids)
    people = {p.pk: p for p in Person.objects.filter(pk__in=ids).select_related("staff_profile")}
    records = {pid: PersonRecord(people[pid], base[pid]) for pid in ids if pid in people}
    for chunk in _chunks(list(records)):
        for a in (
            AwardRecord.objects.filter(person_id__in=chunk)
            .select_related("unit", "achievement", "movement")
            .order_by("period_to_id", "decided_on", "id")
        ):
            records[a.person_id].awards.append(a)
        for ach in Achievement.objects.filter(person_id__in=chunk).select_related(
            "movement", "criterion", "unit"
        ):
            records[ach.person_id].achievements.append(ach)
        for i in Initiative.objects.filter(person_id__in=chunk).select_related("unit"):
            records[i.person_id].initiatives.append(i)
        for r in ResearchProject.objects.filter(person_id__in=chunk).select_related("unit"):
            records[r.person_id].research_projects.append(r)
    if with_evidence:
        targets: list[Any] = []
        for record in records.values():
            targets.extend(record.awards)
            targets.extend(record.achievements)
            targets.extend(record.initiatives)
            targets.extend(record.research_projects)
        found = evidence_for(targets)
        for record in records.values():
            record.evidence = found
    return records


def person_record(person: Person) -> PersonRecord:
    """Everything about one person's emulation record (about a dozen queries)."""
    return person_records([person.pk])[person.pk]


@dataclass
class CollectiveRecord:
    unit: Unit
    people: CollectivePeopleRecord
    awards: list[AwardRecord] = field(default_factory=list)
    achievements: list[Achievement] = field(default_factory=list)
    evidence: dict[tuple[int, int], list[Evidence]] = field(default_factory=dict)

    def evidence_of(self, obj: Any) -> list[Evidence]:
        return self.evidence.get(evidence_key(obj), [])

    def year_rows(self, *, until: str | None = None) -> list[YearRow]:
        last = until or school_year_code_of(timezone.localdate())
        codes = set(self.people.ratings) | {last}
        for a in self.awards:
            codes.update(
                a.period_codes or ([school_year_code_of(a.decided_on)] if a.decided_on else [])
            )
        codes.update(a.school_year_id for a in self.achievements)
        codes.update(school_year_code_of(p.opened_on) for p in self.people.pending_matters)
        rows = {
            code: YearRow(code, workplace=self.unit) for code in _year_range(min(codes), max(codes))
        }
        for code, row in rows.items():
            row.rating = self.people.ratings.get(code)
        for a in self.awards:
            code = a.period_to_id or (school_year_code_of(a.decided_on) if a.decided_on else None)
            if code in rows:
                (rows[code].titles if a.award in ANNUAL_TITLES else rows[code].awards).append(a)
        for p in self.people.pending_matters:
            code = school_year_code_of(p.opened_on)
            if code in rows:
                rows[code].pending_matters.append(p)
        return sorted(rows.values(), key=lambda r: r.code, reverse=True)

    def as_scenario_collective(self, *, registered: Iterable[str] = ()) -> dict[str, Any]:
        """The collective in the `collective:` scenario format (members not included)."""
        titles: dict[str, list[str]] = defaultdict(list)
        revoked: list[dict[str, Any]] = []
        awards: list[dict[str, Any]] = []
        for a in self.awards:
            if a.award in ANNUAL_TITLES and a.period_to_id:
                titles[a.period_to_id].append(a.award)
                if a.is_revoked:
                    revoked.append({"title": a.award, "school_year": a.period_to_id})
                continue
            award: dict[str, Any] = {"form": a.award}
            if a.decided_on:
                award["decided_on"] = a.decided_on
            if a.period_codes:
                award["period"] = a.period_codes
            if a.is_revoked:
                award["revoked"] = True
            awards.append(award)
        data = {
            "id": self.unit.code,
            "name": self.unit.name,
            "kind": self.unit.type,
            "registered": sorted(registered),
            "ratings": {code: r.rating for code, r in sorted(self.people.ratings.items())},
            "titles": dict(sorted(titles.items())),
            "revoked": revoked,
            "awards": awards,
            "pending_matters": [
                {"kind": p.kind, "opened_on": p.opened_on}
                | ({"closed_on": p.closed_on} if p.closed_on else {})
                for p in self.people.pending_matters
            ],
        }
        return {k: v for k, v in data.items() if v not in ([], {}, None)}


def collective_record(unit: Unit) -> CollectiveRecord:
    """A collective's ratings, titles, awards, achievements and pending matters."""
    base = collective_people_records([unit.pk])[unit.pk]
    record = CollectiveRecord(unit, base)
    record.awards = list(
        AwardRecord.objects.filter(collective=unit)
        .select_related("achievement", "movement")
        .order_by("period_to_id", "decided_on", "id")
    )
    record.achievements = list(
        Achievement.objects.filter(collective=unit).select_related("movement", "criterion")
    )
    record.evidence = evidence_for([*record.awards, *record.achievements])
    return record


def awards_of_people(person_ids: Iterable[int]) -> dict[int, list[AwardRecord]]:
    """Every title and award form (revoked included) of many people, in one query per chunk."""
    ids = sorted(set(person_ids))
    found: dict[int, list[AwardRecord]] = defaultdict(list)
    for chunk in _chunks(ids):
        for a in AwardRecord.objects.filter(person_id__in=chunk).order_by("period_to_id", "id"):
            found[a.person_id].append(a)
    return found


def titles_held_by(person: Person, school_year: str) -> set[str]:
    """The titles and award forms a person holds (not revoked) for a school year."""
    return set(
        AwardRecord.objects.filter(
            person=person, period_to_id=school_year, revoked_on__isnull=True
        ).values_list("award", flat=True)
    )


@dataclass
class RecordListRow:
    """One member of staff in the list of records: where, last year's rating, recent titles."""

    person: Person
    workplace: str
    rating: str
    titles: list[str]


def record_list_rows(people: Iterable[Person], *, previous_year: str) -> list[RecordListRow]:
    """The rows of the record list for a page of people, in three queries.

    `rating` is the person's rating in `previous_year`; `titles` are the titles and award
    forms (not revoked) of that year and the two before it, newest first ("LĐTT 23-24").
    """
    people = list(people)
    ids = [p.pk for p in people]
    ratings = dict(
        AnnualRating.objects.filter(person_id__in=ids, school_year_id=previous_year).values_list(
            "person_id", "rating"
        )
    )
    last = int(previous_year[:4])
    titles: dict[int, list[str]] = defaultdict(list)
    for person_id, award, year in (
        AwardRecord.objects.filter(
            person_id__in=ids,
            period_to_id__in=_year_range(f"{last - 2}-{last - 1}", previous_year),
            revoked_on__isnull=True,
        )
        .order_by("-period_to_id", "award")
        .values_list("person_id", "award", "period_to_id")
    ):
        titles[person_id].append(f"{short_label(award)} {year[2:4]}-{year[7:9]}")
    workplaces = workplace_names(ids)
    labels = dict(Rating.choices)
    return [
        RecordListRow(
            person=p,
            workplace=workplaces.get(p.pk, ""),
            rating=labels.get(ratings.get(p.pk, ""), ""),
            titles=titles.get(p.pk, []),
        )
        for p in people
    ]
