"""Writes of the eligibility app: store a verdict with the facts and law it used.

``eligibility_check_run`` is the API the nominations, councils and decisions apps call;
its signature is stable. Every run writes a new ``EligibilityCheck`` (never an update)
and an audit entry in the same transaction.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy

from thidua.core.audit import audit
from thidua.org.models import SchoolYear, Unit
from thidua.people.models import Person
from thidua.people.record_selectors import work_unit_during

from . import catalog, gather
from .engine import default_on, evaluate
from .errors import EligibilityError
from .facts import Case, CohortFacts, CouncilVote, FactsError, ProposalFacts
from .models import EligibilityCheck
from .results import Verdict
from .rules.common import CAPS
from .selectors import COLLECTIVE_TITLES, PERSON_TITLES, evaluate_unit

AUDIT_ACTIONS = {
    "eligibility.check.run": gettext_lazy("Xét và lưu kết quả điều kiện khen thưởng"),
    "eligibility.check.run_unit": gettext_lazy(
        "Xét và lưu kết quả điều kiện của các ứng viên trong đơn vị"
    ),
}


def _school_year(value: SchoolYear | str) -> SchoolYear:
    if isinstance(value, SchoolYear):
        return value
    found = SchoolYear.objects.filter(code=value).first()
    if found is None:
        raise ValidationError(
            f"Năm học {value} chưa có trên hệ thống.", code=EligibilityError.UNKNOWN_SCHOOL_YEAR
        )
    return found


def _parse(value: Any, kind: type, code: str, what: str) -> Any:
    if value is None or isinstance(value, kind):
        return value
    try:
        return kind.from_dict(value)  # type: ignore[attr-defined]
    except (FactsError, TypeError, ValueError) as exc:
        raise ValidationError(f"{what} không hợp lệ: {exc}", code=code) from None


def _proposal(value: Any) -> ProposalFacts | None:
    """``{"achievement": <id or str>, "period": [...]}``: an achievement's database id
    becomes its fact id ("A12"), as in the facts of the award history."""
    if isinstance(value, Mapping) and isinstance(value.get("achievement"), int):
        value = {**value, "achievement": f"A{value['achievement']}"}
    return _parse(value, ProposalFacts, EligibilityError.INVALID_PROPOSAL, "Đề nghị")


def _check_title(title: str, *, is_person: bool) -> None:
    if title not in catalog.ALL_IDS:
        raise ValidationError(
            f"Không có danh hiệu, hình thức khen thưởng mã {title!r}.",
            code=EligibilityError.UNKNOWN_TITLE,
        )
    allowed = PERSON_TITLES if is_person else COLLECTIVE_TITLES
    if title not in allowed:
        who = "cá nhân" if is_person else "tập thể"
        raise ValidationError(
            f"{catalog.TITLE_LABELS[title]} không xét cho {who}.",
            code=EligibilityError.WRONG_SUBJECT_KIND,
        )


def _new_check(
    *,
    actor: Any,
    verdict: Verdict,
    case: Case,
    year: SchoolYear,
    person: Person | None,
    collective: Unit | None,
    unit: Unit | None,
    at: dt.datetime,
) -> EligibilityCheck:
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return EligibilityCheck(
        person=person,
        collective=collective,
        title=verdict.title,
        school_year=year,
        evaluated_on=verdict.on,
        outcome=verdict.outcome,
        findings=[f.to_dict() for f in verdict.findings],
        facts=case.to_dict(),
        parameters_hash=verdict.parameters_hash,
        rules_version=verdict.rules_version,
        cap=verdict.cap,
        unit=unit,
        run_by=actor if is_user else None,
        run_by_name=(actor.get_full_name() or actor.get_username()) if is_user else "hệ thống",
        run_at=at,
    )


@transaction.atomic
def eligibility_check_run(
    *,
    actor: Any,
    title: str,
    school_year: SchoolYear | str,
    person: Person | None = None,
    collective: Unit | None = None,
    proposal: ProposalFacts | Mapping[str, Any] | None = None,
    cohort: CohortFacts | Mapping[str, Any] | None = None,
    council_vote: CouncilVote | Mapping[str, Any] | None = None,
    on: dt.date | None = None,
) -> EligibilityCheck:
    """Judge one title for a person or a collective from the records as they are now,
    and store the verdict with its facts, parameter-set hash and rules version.

    ``proposal`` ({"achievement": id or "A12", "period": ["2024-2025"]}) enables R-GEN-1,
    ``cohort`` (the unit's numbers, e.g. ``gather.cohort_numbers``) the caps,
    ``council_vote`` ({"members": n, "yes": k, …}) the vote rules; ``on`` defaults to
    31 May of the school year's end. Raises ValidationError with an EligibilityError code.
    """
    if (person is None) == (collective is None):
        raise ValidationError(
            "Cần đúng một đối tượng xét: một cá nhân hoặc một tập thể.",
            code=EligibilityError.SUBJECT_REQUIRED,
        )
    _check_title(title, is_person=person is not None)
    year = _school_year(school_year)
    proposal_facts = _proposal(proposal)
    cohort_facts = _parse(cohort, CohortFacts, EligibilityError.INVALID_COHORT, "Số liệu đơn vị")
    vote = _parse(
        council_vote, CouncilVote, EligibilityError.INVALID_COUNCIL_VOTE, "Kết quả bỏ phiếu"
    )
    on = on or default_on(year.code)
    if person is not None:
        facts: Any = gather.person_facts(person, year)
        unit = work_unit_during(person, on, on)
    else:
        assert collective is not None
        facts = gather.collective_facts(collective, year)
        unit = collective.parent or collective
    return _store_check(
        actor=actor,
        title=title,
        year=year,
        facts=facts,
        on=on,
        person=person,
        collective=collective,
        unit=unit,
        proposal=proposal_facts,
        cohort=cohort_facts,
        council_vote=vote,
    )


@transaction.atomic
def eligibility_checks_run_for_person(
    *, actor: Any, person: Person, titles: Sequence[str], school_year: SchoolYear | str
) -> list[EligibilityCheck]:
    """Judge several titles for one person from one reading of their records (the person
    panel's "every title"), and store one check and one audit entry per title."""
    for title in titles:
        _check_title(title, is_person=True)
    year = _school_year(school_year)
    on = default_on(year.code)
    facts = gather.person_facts(person, year)
    unit = work_unit_during(person, on, on)
    return [
        _store_check(
            actor=actor,
            title=title,
            year=year,
            facts=facts,
            on=on,
            person=person,
            collective=None,
            unit=unit,
        )
        for title in titles
    ]


def _store_check(
    *,
    actor: Any,
    title: str,
    year: SchoolYear,
    facts: Any,
    on: dt.date,
    person: Person | None,
    collective: Unit | None,
    unit: Unit | None,
    proposal: ProposalFacts | None = None,
    cohort: CohortFacts | None = None,
    council_vote: CouncilVote | None = None,
) -> EligibilityCheck:
    """Judge one title on gathered facts; store the verdict and audit it."""
    verdict = evaluate(
        title, facts, year.code, on, proposal=proposal, cohort=cohort, council_vote=council_vote
    )
    case = Case(
        title=title,
        school_year=year.code,
        subject=facts,
        on=on,
        proposal=proposal,
        cohort=cohort,
        council_vote=council_vote,
    )
    check = _new_check(
        actor=actor,
        verdict=verdict,
        case=case,
        year=year,
        person=person,
        collective=collective,
        unit=unit,
        at=timezone.now(),
    )
    check.save()
    audit(
        actor,
        "eligibility.check.run",
        check,
        unit_path=unit.path if unit is not None else "",
        title=title,
        school_year=year.code,
        outcome=verdict.outcome,
        parameters_hash=verdict.parameters_hash,
    )
    return check


@transaction.atomic
def eligibility_checks_run_for_unit(
    *,
    actor: Any,
    unit: Unit,
    title: str,
    school_year: SchoolYear | str,
    on: dt.date | None = None,
) -> list[EligibilityCheck]:
    """Judge every candidate of a unit for a title with the title's cap over them (the
    unit page's list), and store one check per candidate.

    Each stored snapshot carries the cohort numbers that reproduce the candidate's place
    under the cap (the base and how many were placed before them).
    """
    if title not in catalog.INDIVIDUAL_TITLES + catalog.COLLECTIVE_TITLES:
        raise ValidationError(
            f"Không có danh hiệu thi đua mã {title!r}.", code=EligibilityError.UNKNOWN_TITLE
        )
    year = _school_year(school_year)
    result = evaluate_unit(unit, title, year.code, on=on)
    at = timezone.now()
    checks = []
    capped = title in CAPS and result.cap is not None and result.base_title is not None
    for c in result.candidates:
        cohort = None
        if capped and c.rank is not None:
            cohort = CohortFacts(counts={result.base_title: result.base_count, title: c.rank - 1})
        case = Case(
            title=title, school_year=year.code, subject=c.facts, on=result.on, cohort=cohort
        )
        checks.append(
            _new_check(
                actor=actor,
                verdict=c.verdict,
                case=case,
                year=year,
                person=None if not c.is_person else Person(pk=c.subject_id),
                collective=c.subject if not c.is_person else None,
                unit=unit,
                at=at,
            )
        )
    created = EligibilityCheck.objects.bulk_create(checks)
    audit(
        actor,
        "eligibility.check.run_unit",
        unit,
        unit_path=unit.path,
        title=title,
        school_year=year.code,
        candidates=len(created),
        eligible=result.eligible_count,
        cap=result.cap,
        parameters_hash=result.parameters_hash,
    )
    return created
