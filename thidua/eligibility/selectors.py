"""Reads for the eligibility pages: verdicts with their reasons, scoped by the reader.

``person_eligibility`` judges every title and award form for one person (and the earliest
year each higher title is within reach); ``unit_title_candidates`` judges every candidate
of a unit for one title, applying the title's cap over them. Both gather the facts once
(gather.py), then everything is the pure engine.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.utils import timezone

from thidua.accounts.policy import may, require, scope_q
from thidua.org.models import SchoolYear, Unit
from thidua.people.models import Person
from thidua.people.record_selectors import WORKPLACE_TYPES

from . import catalog, gather
from .context import derive
from .engine import HIGHER_TITLES, default_on, earliest_years, evaluate_cohort, evaluate_many
from .facts import CollectiveFacts, PersonFacts
from .models import EligibilityCheck
from .params import ParamSet, params_at, percent
from .policies import can_view_person
from .results import ELIGIBLE, PASS, Finding, Verdict
from .rules.common import CAPS

#: What a member of staff may be judged for, and a collective.
PERSON_TITLES: tuple[str, ...] = catalog.INDIVIDUAL_TITLES + catalog.AWARD_FORMS
COLLECTIVE_TITLES: tuple[str, ...] = catalog.COLLECTIVE_TITLES + catalog.AWARD_FORMS

SYMBOLS = {"eligible": "✓", "ineligible": "✗", "deferred": "⏸", "incomplete": "?"}
OUTCOME_LABELS = {
    "eligible": "Đủ điều kiện",
    "ineligible": "Không đủ điều kiện",
    "deferred": "Tạm hoãn xét",
    "incomplete": "Thiếu dữ liệu",
}
OUTCOME_CSS = {
    "eligible": "success",
    "ineligible": "danger",
    "deferred": "warning",
    "incomplete": "secondary",
}
FINDING_LABELS = {"pass": "Đạt", "fail": "Không đạt", "defer": "Tạm hoãn", "missing": "Thiếu"}
FINDING_CSS = {"pass": "success", "fail": "danger", "defer": "warning", "missing": "secondary"}


def review_year(today: dt.date | None = None) -> str:
    """The school year under review: the last one whose evaluation date (31 May) has come."""
    day = today or timezone.localdate()
    end = day.year if (day.month, day.day) >= (5, 31) else day.year - 1
    return catalog.year_label(end - 1)


def school_year_choices(selected: str | None = None) -> list[str]:
    """School years known to the system, newest first (with ``selected`` always present)."""
    codes = list(SchoolYear.objects.order_by("-code").values_list("code", flat=True))
    if selected and selected not in codes:
        codes = sorted([*codes, selected], reverse=True)
    return codes


# ---------------------------------------------------------------------------- presentation


@dataclass(frozen=True)
class FindingRow:
    """One check as the pages show it."""

    rule_id: str
    outcome: str
    message: str
    citations: tuple[str, ...]
    missing: str | None

    @property
    def label(self) -> str:
        return FINDING_LABELS.get(self.outcome, self.outcome)

    @property
    def css(self) -> str:
        return FINDING_CSS.get(self.outcome, "secondary")


def finding_row(f: Finding | dict[str, Any]) -> FindingRow:
    """A finding of a verdict (or of a stored check's JSON) for the templates."""
    if isinstance(f, dict):
        return FindingRow(
            f["rule_id"],
            f["outcome"],
            f["message_vi"],
            tuple(f.get("citations") or ()),
            f.get("missing"),
        )
    return FindingRow(f.rule_id, f.outcome, f.message_vi, tuple(f.citations), f.missing)


@dataclass
class VerdictRow:
    """A verdict on one title as the pages show it: the mark, the reasons, the rest."""

    title: str
    outcome: str
    findings: list[FindingRow]
    cap: int | None = None

    @property
    def label(self) -> str:
        return catalog.TITLE_LABELS[self.title]

    @property
    def symbol(self) -> str:
        return SYMBOLS[self.outcome]

    @property
    def outcome_label(self) -> str:
        return OUTCOME_LABELS[self.outcome]

    @property
    def css(self) -> str:
        return OUTCOME_CSS[self.outcome]

    @property
    def is_award_form(self) -> bool:
        return self.title in catalog.AWARD_FORMS

    @property
    def reasons(self) -> list[FindingRow]:
        """The findings behind the outcome: the non-pass ones, or every one when eligible."""
        if self.outcome == ELIGIBLE:
            return self.findings
        return [f for f in self.findings if f.outcome != PASS]

    @property
    def passed(self) -> list[FindingRow]:
        """The conditions met (shown folded when the verdict is not eligible)."""
        if self.outcome == ELIGIBLE:
            return []
        return [f for f in self.findings if f.outcome == PASS]

    @property
    def missing(self) -> list[str]:
        """What data to add, without repeats."""
        return list(dict.fromkeys(f.missing for f in self.findings if f.missing))


def verdict_row(verdict: Verdict) -> VerdictRow:
    return VerdictRow(
        verdict.title, verdict.outcome, [finding_row(f) for f in verdict.findings], verdict.cap
    )


def check_row(check: EligibilityCheck) -> VerdictRow:
    """A stored check in the same shape as a fresh verdict."""
    return VerdictRow(
        check.title, check.outcome, [finding_row(f) for f in check.findings], check.cap
    )


# ---------------------------------------------------------------------------- a person


@dataclass
class EarliestYear:
    title: str
    year: str | None

    @property
    def label(self) -> str:
        return catalog.TITLE_LABELS[self.title]


@dataclass
class PersonEligibility:
    """Everything the person's eligibility panel shows for one school year."""

    person: Person
    school_year: str
    on: dt.date
    years: list[str]
    rows: list[VerdictRow]
    earliest: list[EarliestYear]
    checks: list[EligibilityCheck]
    can_run: bool
    parameters_hash: str
    rules_version: str
    facts: PersonFacts = field(repr=False)

    @property
    def titles(self) -> list[VerdictRow]:
        return [r for r in self.rows if not r.is_award_form]

    @property
    def award_forms(self) -> list[VerdictRow]:
        return [r for r in self.rows if r.is_award_form]

    @property
    def counts(self) -> dict[str, int]:
        return dict(Counter(r.outcome for r in self.rows))


def person_eligibility(
    person: Person,
    school_year: str,
    *,
    user: Any,
    record: Any = None,
    on: dt.date | None = None,
) -> PersonEligibility:
    """Verdicts on every title and award form for a person and school year, the earliest
    year of each higher title, and the checks stored for that year.

    ``record`` (the record page's already loaded PersonRecord) saves the history queries.
    Raises PermissionDenied unless the user may read the person's record.
    """
    if not can_view_person(user, person):
        raise PermissionDenied("eligibility.person.view")
    on = on or default_on(school_year)
    if record is not None:
        facts = gather.person_facts_from_record(record, school_year)
    else:
        facts = gather.person_facts(person, school_year)
    params = params_at(on)
    verdicts = evaluate_many(PERSON_TITLES, facts, school_year, on, params)
    found = earliest_years(facts, school_year)
    years = school_year_choices()
    return PersonEligibility(
        person=person,
        school_year=school_year,
        on=on,
        years=years if school_year in years else sorted([*years, school_year], reverse=True),
        rows=[verdict_row(verdicts[t]) for t in PERSON_TITLES],
        earliest=[EarliestYear(t, found[t]) for t in HIGHER_TITLES],
        checks=list(
            EligibilityCheck.objects.filter(person=person, school_year_id=school_year).order_by(
                "-run_at", "-id"
            )[:50]
        ),
        # a check is stored against a school year the system knows
        can_run=school_year in years and may(user, "eligibility.person.run", person),
        parameters_hash=params.hash,
        rules_version=next(iter(verdicts.values())).rules_version,
        facts=facts,
    )


# ---------------------------------------------------------------------------- a unit


@dataclass
class Candidate:
    """One candidate of a unit for a title, with its verdict and place under the cap."""

    subject: Person | Unit | None
    subject_id: int
    name: str
    is_person: bool
    facts: PersonFacts | CollectiveFacts = field(repr=False)
    verdict: Verdict = field(repr=False)
    row: VerdictRow = field(repr=False)
    rank: int | None = None  # place among the candidates eligible on the criteria
    within_cap: bool | None = None


@dataclass
class UnitCandidates:
    """A unit's candidates for a title in a school year, with the cap applied."""

    unit: Unit
    title: str
    school_year: str
    on: dt.date
    candidates: list[Candidate]
    cap: int | None
    base_title: str | None
    base_count: int | None
    base_recorded: bool
    share: Any
    share_citation: str
    parameters_hash: str

    @property
    def label(self) -> str:
        return catalog.TITLE_LABELS[self.title]

    @property
    def base_label(self) -> str:
        return catalog.TITLE_LABELS[self.base_title] if self.base_title else ""

    @property
    def share_text(self) -> str:
        return percent(self.share) if self.share is not None else ""

    @property
    def is_collective(self) -> bool:
        return self.title in catalog.COLLECTIVE_TITLES

    @property
    def counts(self) -> list[tuple[str, str, str, int]]:
        """(outcome, symbol, label, how many) in the order of the legend."""
        found = Counter(c.verdict.outcome for c in self.candidates)
        return [(o, SYMBOLS[o], OUTCOME_LABELS[o], found.get(o, 0)) for o in catalog.OUTCOMES]

    @property
    def eligible_count(self) -> int:
        return sum(1 for c in self.candidates if c.verdict.outcome == ELIGIBLE)


def _ranking(candidates: Sequence[PersonFacts | CollectiveFacts], year: str) -> list[int]:
    """The order in which candidates take the places under a cap: best rating of the year
    first, then more initiatives recognised that year, then the list order (name order)."""

    def key(i: int) -> tuple[int, int, int]:
        f = candidates[i]
        rating = catalog.RATING_RANK.get(f.ratings.get(year, ""), -1)
        initiatives = (
            sum(1 for x in f.initiatives if x.school_year == year)
            if isinstance(f, PersonFacts)
            else 0
        )
        return (-rating, -initiatives, i)

    return sorted(range(len(candidates)), key=key)


def _recorded_base(facts: Iterable[PersonFacts | CollectiveFacts], base: str, year: str) -> int:
    """How many candidates already hold the base title for the year (not revoked)."""
    y = catalog.year_start(year)
    return sum(1 for f in facts if y in derive(f).held.get(base, ()))


def evaluate_unit(
    unit: Unit, title: str, school_year: str, *, on: dt.date | None = None
) -> UnitCandidates:
    """Every candidate of ``unit`` for ``title`` judged, with the cap over them (no
    permission check: callers check ``eligibility.unit.view`` or run a service).

    Candidates: the unit's own staff on the evaluation date for individual titles and award
    forms, the collectives directly under it for collective titles. The cap's base is the
    number of candidates who already hold the base title for the year when it was decided,
    otherwise the number eligible for it on the criteria.
    """
    on = on or default_on(school_year)
    params = params_at(on)
    subjects: list[Any]
    facts: list[PersonFacts | CollectiveFacts]
    if title in catalog.COLLECTIVE_TITLES:
        units = gather.collective_units_of(unit, on)
        by_id = gather.collectives_facts([u.pk for u in units], school_year)
        subjects = units
        ids = [u.pk for u in units]
        facts = [by_id[u.pk] for u in units]
    else:
        ids = gather.staff_ids_of_unit(unit, on)
        by_person = gather.people_facts(ids, school_year)
        subjects = [None] * len(ids)
        facts = [by_person[pid] for pid in ids]
    base_title = CAPS[title][2] if title in CAPS else None
    base_count: int | None = None
    recorded = False
    if base_title is not None:
        n = _recorded_base(facts, base_title, school_year)
        if n:
            base_count, recorded = n, True
    ranking = _ranking(facts, school_year)
    with gather.gc_paused():
        result = evaluate_cohort(
            title, facts, school_year, on, params, base_count=base_count, ranking=ranking
        )
    selected = set(result.selected)
    ranks: dict[int, int] = {}
    if title in CAPS:
        # places are taken in ranking order by those who meet every other condition
        on_criteria = [
            i
            for i in ranking
            if result.verdicts[i].outcome == ELIGIBLE or _cap_failed(result.verdicts[i], title)
        ]
        ranks = {i: n + 1 for n, i in enumerate(on_criteria)}
    share = params.raw_values.get(CAPS[title][1]) if title in CAPS else None
    candidates = []
    for i, f in enumerate(facts):
        v = result.verdicts[i]
        capped = title in CAPS and share is not None and result.cap is not None
        candidates.append(
            Candidate(
                subject=subjects[i],
                subject_id=ids[i],
                name=f.name or "",
                is_person=isinstance(f, PersonFacts),
                facts=f,
                verdict=v,
                row=verdict_row(v),
                rank=ranks.get(i),
                within_cap=(i in selected) if capped and i in ranks else None,
            )
        )
    return UnitCandidates(
        unit=unit,
        title=title,
        school_year=school_year,
        on=on,
        candidates=candidates,
        cap=result.cap,
        base_title=base_title,
        base_count=result.base_count,
        base_recorded=recorded,
        share=share,
        share_citation=params.cite(CAPS[title][1]) if title in CAPS else "",
        parameters_hash=params.hash,
    )


def _cap_failed(v: Verdict, title: str) -> bool:
    rule_id = CAPS[title][0]
    return any(f.rule_id == rule_id and f.outcome != PASS for f in v.findings) and all(
        f.outcome == PASS for f in v.findings if f.rule_id != rule_id
    )


def unit_title_candidates(
    unit: Unit, title: str, school_year: str, *, user: Any, on: dt.date | None = None
) -> UnitCandidates:
    """Every candidate of a unit for a title with verdicts, reasons and the cap, for a
    reader of the unit (PermissionDenied otherwise)."""
    require(user, "eligibility.unit.view", unit)
    return evaluate_unit(unit, title, school_year, on=on)


def units_for(user: Any, *, limit: int = 400) -> QuerySet[Unit]:
    """The schools and offices whose candidates the user may read, in tree order."""
    return (
        Unit.objects.filter(scope_q(user, "eligibility.unit.view"), type__in=WORKPLACE_TYPES)
        .filter(active_to__isnull=True)
        .order_by("path")[:limit]
    )


def checks_of_unit(unit: Unit, title: str, school_year: str) -> QuerySet[EligibilityCheck]:
    """Checks stored for the unit's candidates (newest first)."""
    return (
        EligibilityCheck.objects.filter(unit=unit, title=title, school_year_id=school_year)
        .select_related("person", "collective")
        .order_by("-run_at", "-id")
    )


def iter_people_verdicts(
    person_ids: Sequence[int],
    school_year: str,
    titles: Sequence[str] = catalog.INDIVIDUAL_TITLES,
    *,
    on: dt.date | None = None,
    params: ParamSet | None = None,
) -> Iterator[tuple[int, dict[str, Verdict]]]:
    """(person id, {title: verdict}) for many people, gathered a CHUNK at a time (the bulk
    path of the pages: gather.people_facts then engine.evaluate_many)."""
    on = on or default_on(school_year)
    params = params or params_at(on)
    for i in range(0, len(person_ids), gather.CHUNK):
        chunk = person_ids[i : i + gather.CHUNK]
        facts = gather.people_facts(chunk, school_year)
        with gather.gc_paused():
            verdicts = [
                (pid, evaluate_many(titles, facts[pid], school_year, on, params))
                for pid in chunk
                if pid in facts
            ]
        yield from verdicts


# ---------------------------------------------------------------------------- the law


GROUP_LABELS = {
    "general": "Nguyên tắc chung",
    "discipline": "Kỷ luật",
    "council": "Hội đồng Thi đua – Khen thưởng",
    "dossier": "Hồ sơ đề nghị khen thưởng",
    "students": "Học sinh",
}
CONFIDENCE_LABELS = {
    "V": "đã đối chiếu văn bản gốc",
    "S": "đối chiếu qua nguồn trích dẫn",
    "M": "chưa đối chiếu văn bản",
    "B": "theo hướng dẫn 6311/HD-SGDĐT",
    "?": "chưa rõ, cần đơn vị xác nhận",
}


@dataclass(frozen=True)
class DatedValue:
    since: dt.date
    text: str
    citation: str
    confidence: str
    url: str
    note: str
    in_force: bool

    @property
    def confidence_label(self) -> str:
        return CONFIDENCE_LABELS.get(self.confidence, self.confidence)

    @property
    def link(self) -> str:
        """The source as a link target when it is one address."""
        url = self.url.strip()
        if not url or " " in url or ";" in url:
            return ""
        return url if url.startswith("http") else f"https://{url}"


@dataclass(frozen=True)
class LawItem:
    """A parameter (or the legal basis of a rule id) with the value in force and its history."""

    key: str
    label: str
    description: str
    current: DatedValue | None
    history: tuple[DatedValue, ...]

    @property
    def is_rule(self) -> bool:
        """A rule id's legal basis (R-…) rather than a parameter."""
        return self.key.startswith("R-")


@dataclass(frozen=True)
class LawGroup:
    key: str
    label: str
    parameters: tuple[LawItem, ...]
    rules: tuple[LawItem, ...]


def format_value(unit: str, value: Any) -> str:
    """A parameter value in Vietnamese for the law page."""
    if value is None:
        return "Không áp dụng (không có quy định tại ngày này)"
    if unit == "ratio":
        return percent(value)
    if unit == "bool":
        return "Có" if value else "Không"
    if unit == "rating":
        return catalog.RATING_LABELS.get(value, str(value))
    if unit == "scope":
        return catalog.SCOPE_LABELS.get(value, str(value))
    if unit == "titles":
        return ", ".join(catalog.TITLE_LABELS.get(t, t) for t in value) or "—"
    if unit == "rating_map":
        return "; ".join(
            f"{catalog.TITLE_LABELS.get(k, k)}: {catalog.RATING_LABELS.get(v, v)}"
            for k, v in dict(value).items()
        )
    if unit == "levels":
        labels = {**catalog.DISCIPLINE_LABELS, **catalog.STUDENT_DISCIPLINE_LABELS}
        return " < ".join(labels.get(str(v), str(v)) for v in value)
    if unit in ("months", "days", "years"):
        word = {"months": "tháng", "days": "ngày", "years": "năm"}[unit]
        return f"{value} {word}"
    if isinstance(value, Mapping):
        return "; ".join(f"{k}: {v}" for k, v in value.items())
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def _law_item(p: Any, on: dt.date, *, basis: bool) -> LawItem:
    history = []
    current_index = None
    for i, (since, value, ref) in enumerate(zip(p.dates, p.values, p.references, strict=True)):
        if since <= on:
            current_index = i
        history.append((since, value, ref))
    rows = tuple(
        DatedValue(
            since=since,
            text=str(value) if basis else format_value(p.unit, value),
            citation=ref.cite(),
            confidence=ref.confidence,
            url=ref.url,
            note=ref.note,
            in_force=i == current_index,
        )
        for i, (since, value, ref) in enumerate(history)
    )
    return LawItem(
        key=p.path.removeprefix("basis."),
        label=p.label,
        description=p.description,
        current=rows[current_index] if current_index is not None else None,
        history=rows,
    )


def parameters_in_force(on: dt.date) -> list[LawGroup]:
    """Every dated parameter and rule basis with the value in force on ``on`` (read-only)."""
    from .params import loaded

    data = loaded()
    groups: dict[str, tuple[list[LawItem], list[LawItem]]] = {}
    order: list[str] = []
    for p in data.params.values():
        key = p.file.removesuffix(".yaml").replace("/", ".")
        if key not in groups:
            groups[key] = ([], [])
            order.append(key)
        groups[key][0].append(_law_item(p, on, basis=False))
    for p in data.basis.values():
        key = p.file.removesuffix(".yaml").replace("/", ".")
        if key not in groups:
            groups[key] = ([], [])
            order.append(key)
        groups[key][1].append(_law_item(p, on, basis=True))

    def label(key: str) -> str:
        if key.startswith("titles."):
            return catalog.TITLE_LABELS.get(key.split(".", 1)[1], key)
        return GROUP_LABELS.get(key, key)

    return [
        LawGroup(
            key=key,
            label=label(key),
            parameters=tuple(groups[key][0]),
            rules=tuple(sorted(groups[key][1], key=lambda i: _rule_sort(i.key))),
        )
        for key in order
    ]


def _rule_sort(rule_id: str) -> tuple[str, int]:
    head, _, tail = rule_id.rpartition("-")
    return (head, int(tail) if tail.isdigit() else 0)
