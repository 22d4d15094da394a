"""Engine: outcome precedence, facts and verdict round trips, cohorts, earliest years."""

from __future__ import annotations

import json
import unicodedata
from datetime import date

import pytest

from thidua.eligibility import catalog
from thidua.eligibility.engine import (
    default_on,
    earliest_year,
    earliest_years,
    evaluate,
    evaluate_case,
    evaluate_cohort,
    evaluate_many,
)
from thidua.eligibility.facts import (
    Case,
    CollectiveFacts,
    FactsError,
    PersonFacts,
    StudentFacts,
    parse_collective,
    parse_person,
    parse_student,
)
from thidua.eligibility.registry import UnknownTitle, specs
from thidua.eligibility.results import Finding, Verdict, outcome_of

TEACHER = {
    "position": "teacher",
    "registered": ["2023-2024"],
    "ratings": {"2022-2023": "htxsnv", "2023-2024": "httnv"},
    "hired_on": "2023-08-01",
    "titles": {"2021-2022": ["chien_si_thi_dua_co_so"], "2022-2023": ["lao_dong_tien_tien"]},
    "revoked": [{"title": "chien_si_thi_dua_co_so", "school_year": "2021-2022"}],
    "initiatives": [{"school_year": "2023-2024", "scope": "co_so"}],
    "research_projects": [{"school_year": "2023-2024", "scope": "co_so", "accepted": True}],
    "discipline": [{"level": "khien_trach", "decided_on": "2024-03-10"}],
    "pending_matters": [{"kind": "complaint", "opened_on": "2024-05-02"}],
    "leave": [{"kind": "maternity", "from": "2024-01-02", "to": "2024-06-30"}],
    "training": [{"from": "2022-09-01", "to": "2024-08-31", "complied": True, "result": "kha"}],
    "transfers": [
        {"from_unit": "X", "to_unit": "Y", "on": "2024-02-01", "previous_unit_comment": True}
    ],
    "awards": [
        {
            "form": "giay_khen",
            "decided_on": "2023-12-15",
            "period": ["2022-2023"],
            "achievement": "A1",
        }
    ],
    "unit_head": True,
    "unit_result": {"ratings": {"2023-2024": "htxsnv"}},
}


def _f(outcome: str) -> Finding:
    return Finding("R-GEN-6", outcome, "x")


@pytest.mark.parametrize(
    ("_case", "outcomes", "expected"),
    [
        ("all pass", ["pass", "pass"], "eligible"),
        ("fail beats defer and missing", ["missing", "defer", "fail"], "ineligible"),
        ("defer beats missing", ["missing", "defer", "pass"], "deferred"),
        ("missing alone", ["pass", "missing"], "incomplete"),
        ("no findings", [], "eligible"),
    ],
)
def test_outcome_precedence(_case: str, outcomes: list[str], expected: str) -> None:
    assert outcome_of([_f(o) for o in outcomes]) == expected


def test_person_facts_round_trip_through_json() -> None:
    facts = parse_person(TEACHER)
    data = json.loads(json.dumps(facts.to_dict()))
    again = PersonFacts.from_dict(data)
    assert again == facts
    assert again.to_dict() == facts.to_dict()


def test_collective_and_student_round_trip() -> None:
    coll = parse_collective(
        {"kind": "school", "registered": ["2023-2024"], "has_effective_movement": True,
         "members": [TEACHER, {"ratings": {"2023-2024": "httnv"}}]}
    )  # fmt: skip
    assert CollectiveFacts.from_dict(json.loads(json.dumps(coll.to_dict()))) == coll
    student = parse_student({"grade": 8, "conduct": "tot", "subjects": {"toan": 9.5}})
    assert StudentFacts.from_dict(json.loads(json.dumps(student.to_dict()))) == student


def test_case_and_verdict_round_trip() -> None:
    case = Case.from_dict(
        {"title": "lao_dong_tien_tien", "school_year": "2023-2024", "on": "2024-05-31",
         "person": TEACHER, "proposal": {"achievement": "A1", "period": ["2023-2024"]},
         "cohort": {"lao_dong_tien_tien": 40}, "council_vote": {"members": 15, "yes": 14},
         "parameters": {"new_hire_min_months": 10}}
    )  # fmt: skip
    assert Case.from_dict(json.loads(json.dumps(case.to_dict()))) == case
    verdict = evaluate_case(case)
    assert verdict.outcome == "ineligible"
    assert {"R-LDTT-2", "R-GEN-1", "R-GEN-7"} <= set(verdict.reasons)
    assert Verdict.from_dict(json.loads(json.dumps(verdict.to_dict()))) == verdict


def test_facts_are_frozen_and_slotted() -> None:
    facts = PersonFacts(position="teacher")
    with pytest.raises(AttributeError):
        facts.position = "staff"  # type: ignore[misc]
    assert not hasattr(facts, "__dict__")


def test_from_dict_names_the_wrong_field() -> None:
    with pytest.raises(FactsError) as exc:
        parse_person({"ratings": {"2023-2024": "tot"}})
    assert exc.value.field == "person.ratings.2023-2024"


def test_default_evaluation_date() -> None:
    assert default_on("2023-2024") == date(2024, 5, 31)
    v = evaluate(
        "lao_dong_tien_tien", PersonFacts(registered=frozenset({"2023-2024"})), "2023-2024"
    )
    assert v.on == date(2024, 5, 31)
    assert v.outcome == "incomplete"
    assert v.by_rule("R-LDTT-1")[0].missing


def test_dated_change_affects_only_later_dates() -> None:
    facts = parse_person({"registered": ["2023-2024"], "ratings": {"2023-2024": "httnv"},
                          "hired_on": "2023-09-01"})  # fmt: skip
    outcomes = {
        d: evaluate("lao_dong_tien_tien", facts, "2023-2024", d).outcome
        for d in (date(2023, 10, 1), date(2023, 12, 31), date(2024, 1, 1), date(2024, 5, 31))
    }
    assert outcomes == {
        date(2023, 10, 1): "ineligible",
        date(2023, 12, 31): "ineligible",
        date(2024, 1, 1): "eligible",
        date(2024, 5, 31): "eligible",
    }


def test_unknown_title_and_wrong_subject() -> None:
    with pytest.raises(UnknownTitle):
        evaluate("anh_hung", PersonFacts(), "2023-2024")
    with pytest.raises(UnknownTitle):
        evaluate("tap_the_lao_dong_tien_tien", PersonFacts(), "2023-2024")
    with pytest.raises(ValueError):
        evaluate("lao_dong_tien_tien", PersonFacts(), "2023-2025")


def test_evaluate_many_matches_evaluate() -> None:
    facts = parse_person(TEACHER)
    many = evaluate_many(catalog.INDIVIDUAL_TITLES, facts, "2023-2024")
    for title, verdict in many.items():
        assert verdict == evaluate(title, facts, "2023-2024")


def test_cohort_cap_ranks_candidates() -> None:
    # given 8 LĐTT-level candidates with an initiative in 2022-2023 (cap 15 % under NĐ 91)
    people = [
        parse_person({"registered": ["2022-2023"], "ratings": {"2022-2023": "htxsnv"},
                      "initiatives": [{"school_year": "2022-2023"}], "id": f"p{i}"})
        for i in range(8)
    ]  # fmt: skip
    # when the unit has 20 LĐTT and candidate 5 is ranked first
    result = evaluate_cohort(
        "chien_si_thi_dua_co_so", people, "2022-2023", base_count=20, ranking=[5, 0, 1]
    )
    # then floor(0.15 × 20) = 3 places, in ranking order
    assert result.cap == 3
    assert result.selected == (5, 0, 1)
    assert [v.outcome for v in result.verdicts].count("eligible") == 3
    over = result.verdicts[2]
    assert over.outcome == "ineligible"
    assert over.by_rule("R-CSTDCS-2")[0].outcome == "fail"
    assert all(v.cap == 3 for v in result.verdicts)


def test_cohort_base_defaults_to_eligible_ldtt() -> None:
    people = [
        parse_person({"registered": ["2022-2023"], "ratings": {"2022-2023": r},
                      "initiatives": [{"school_year": "2022-2023"}]})
        for r in ["htxsnv"] * 7 + ["htnv"] * 3
    ]  # fmt: skip
    result = evaluate_cohort("chien_si_thi_dua_co_so", people, "2022-2023")
    assert result.base_count == 7
    assert result.cap == 1


def test_cohort_without_cap_after_2024() -> None:
    people = [parse_person({"registered": ["2023-2024"], "ratings": {"2023-2024": "htxsnv"}})] * 3
    result = evaluate_cohort("chien_si_thi_dua_co_so", people, "2023-2024", base_count=2)
    assert result.cap is None
    assert len(result.selected) == 3


def test_earliest_years_for_a_new_teacher() -> None:
    facts = parse_person({"registered": ["2023-2024"], "ratings": {"2023-2024": "httnv"}})
    years = earliest_years(facts, "2024-2025")
    assert years["chien_si_thi_dua_co_so"] == "2024-2025"
    assert years["chien_si_thi_dua_cap_tinh"] == "2026-2027"
    assert years["bang_khen_cap_tinh"] == "2025-2026"
    assert years["chien_si_thi_dua_toan_quoc"] == "2029-2030"
    assert years["bang_khen_thu_tuong"] == "2030-2031"
    assert earliest_year("huan_chuong_lao_dong_hang_ba", facts, "2024-2025") == "2035-2036"


def test_earliest_year_counts_past_titles_and_intervals() -> None:
    facts = parse_person(
        {
            "titles": {
                "2022-2023": ["chien_si_thi_dua_co_so"],
                "2023-2024": ["chien_si_thi_dua_co_so"],
            }
        }
    )
    assert earliest_year("chien_si_thi_dua_cap_tinh", facts, "2024-2025") == "2024-2025"
    recent = parse_person(
        {"titles": {"2023-2024": ["chien_si_thi_dua_co_so", "chien_si_thi_dua_cap_tinh"]}}
    )
    assert earliest_year("chien_si_thi_dua_cap_tinh", recent, "2024-2025") == "2026-2027"


@pytest.mark.parametrize(
    "on",
    [date(2018, 5, 31), date(2023, 12, 31), date(2024, 5, 31), date(2025, 7, 1), date(2026, 5, 31)],
)
def test_every_title_evaluates_at_every_regime(on: date) -> None:
    person = parse_person(TEACHER)
    collective = parse_collective({"kind": "school", "members": [TEACHER]})
    student = parse_student({"grade": 6, "conduct": "tot", "subjects": {"toan": 9}})
    sy = catalog.year_label(catalog.school_year_of(on))
    for title in catalog.ALL_IDS:
        for facts in (person, collective, student):
            kind = {PersonFacts: "person", CollectiveFacts: "collective", StudentFacts: "student"}[
                type(facts)
            ]
            if kind not in catalog.SUBJECTS[title]:
                continue
            v = evaluate(title, facts, sy, on)
            assert v.outcome in catalog.OUTCOMES
            for f in v.findings:
                assert f.rule_id in catalog.RULE_IDS
                assert unicodedata.is_normalized("NFC", f.message_vi)
                assert f.outcome != "missing" or f.missing


def test_every_rule_has_a_docstring_and_basis() -> None:
    from thidua.eligibility.params import load_parameters

    basis = load_parameters().basis
    for spec in specs():
        assert spec.func.__doc__ and spec.code in spec.func.__doc__, spec.func.__name__
        for rid in spec.emits:
            assert rid in basis, rid
