"""eligibility_check_run and the unit variant: stored verdicts with their facts and law."""

from __future__ import annotations

import datetime as dt
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.exceptions import ValidationError

from conftest import make_teacher
from thidua.achievements.services import achievement_create, award_record_create
from thidua.core.errors import error_codes
from thidua.core.models import AuditEntry
from thidua.eligibility import params
from thidua.eligibility.engine import evaluate_case
from thidua.eligibility.errors import EligibilityError
from thidua.eligibility.facts import Case
from thidua.eligibility.models import AppendOnlyError, EligibilityCheck
from thidua.eligibility.services import (
    eligibility_check_run,
    eligibility_checks_run_for_person,
    eligibility_checks_run_for_unit,
)
from thidua.people.services import staff_create

from .factories import good_year, year

pytestmark = pytest.mark.django_db


def test_a_check_stores_the_verdict_with_its_facts_and_law(tree, principal, teacher):
    # given
    good_year(principal, teacher.person, "2023-2024", tree["tbc"], initiative=True)
    # when
    check = eligibility_check_run(
        actor=principal,
        title="chien_si_thi_dua_co_so",
        school_year="2023-2024",
        person=teacher.person,
    )
    # then
    stored = EligibilityCheck.objects.get()
    assert stored.pk == check.pk
    assert (stored.outcome, stored.title, stored.school_year_id) == (
        "eligible",
        "chien_si_thi_dua_co_so",
        "2023-2024",
    )
    assert stored.evaluated_on == dt.date(2024, 5, 31)
    assert stored.parameters_hash == params.parameter_set_hash()
    assert stored.rules_version
    assert stored.unit == tree["tbc"]
    assert stored.run_by == principal and stored.run_by_name == "Phạm Văn Hòa"
    assert {f["rule_id"] for f in stored.findings} >= {"R-GEN-6", "R-LDTT-1", "R-CSTDCS-1"}
    assert all(f["message_vi"] and isinstance(f["citations"], list) for f in stored.findings)
    # the snapshot is a scenario: evaluating it again gives the same verdict
    again = evaluate_case(Case.from_dict(stored.facts))
    assert again.outcome == stored.outcome
    assert [f.to_dict() for f in again.findings] == stored.findings
    assert stored.facts["person"]["name"] == "Huỳnh Thu My"
    entry = AuditEntry.objects.get(action="eligibility.check.run")
    assert entry.target_id == str(stored.pk) and entry.unit_path == tree["tbc"].path


def test_stored_checks_are_append_only(tree, principal, teacher):
    # given
    good_year(principal, teacher.person, "2023-2024", tree["tbc"], rating="htnv")
    first = eligibility_check_run(
        actor=principal, title="lao_dong_tien_tien", school_year="2023-2024", person=teacher.person
    )
    # when: the record changes and the check is run again
    from thidua.people.record_services import annual_rating_set

    annual_rating_set(
        actor=principal, person=teacher.person, school_year=year("2023-2024"), rating="httnv"
    )
    second = eligibility_check_run(
        actor=principal, title="lao_dong_tien_tien", school_year="2023-2024", person=teacher.person
    )
    # then: a new row; the first keeps what was computed then
    assert EligibilityCheck.objects.count() == 2
    first.refresh_from_db()
    assert (first.outcome, second.outcome) == ("ineligible", "eligible")
    assert first.facts["person"]["ratings"]["2023-2024"] == "htnv"
    # and nothing can change or remove a stored check
    first.outcome = "eligible"
    with pytest.raises(AppendOnlyError):
        first.save()
    with pytest.raises(AppendOnlyError):
        EligibilityCheck.objects.filter(pk=first.pk).update(outcome="eligible")
    with pytest.raises(AppendOnlyError):
        EligibilityCheck.objects.filter(pk=first.pk).delete()
    with pytest.raises(AppendOnlyError):
        second.delete()
    assert EligibilityCheck.objects.get(pk=first.pk).outcome == "ineligible"
    assert EligibilityCheck.objects.count() == 2


@pytest.mark.parametrize(
    ("_case", "kwargs", "code"),
    [
        ("no subject", {"title": "lao_dong_tien_tien"}, EligibilityError.SUBJECT_REQUIRED),
        ("unknown title", {"title": "bang_khen_bo"}, EligibilityError.UNKNOWN_TITLE),
        (
            "a collective title for a person",
            {"title": "tap_the_lao_dong_tien_tien"},
            EligibilityError.WRONG_SUBJECT_KIND,
        ),
        (
            "an unknown school year",
            {"title": "lao_dong_tien_tien", "school_year": "2030-2031"},
            EligibilityError.UNKNOWN_SCHOOL_YEAR,
        ),
        (
            "a malformed council vote",
            {"title": "lao_dong_tien_tien", "council_vote": {"members": 5, "yes": 9}},
            EligibilityError.INVALID_COUNCIL_VOTE,
        ),
        (
            "a malformed proposal",
            {"title": "lao_dong_tien_tien", "proposal": {"period": ["2024"]}},
            EligibilityError.INVALID_PROPOSAL,
        ),
    ],
)
def test_bad_input_stores_nothing(principal, teacher, school_year, _case, kwargs, code):
    person = None if _case == "no subject" else teacher.person
    arguments = {"school_year": school_year, **kwargs}
    with pytest.raises(ValidationError) as exc:
        eligibility_check_run(actor=principal, person=person, **arguments)
    assert error_codes(exc.value) == [code]
    assert not EligibilityCheck.objects.exists()
    assert not AuditEntry.objects.filter(action="eligibility.check.run").exists()


def test_proposal_and_council_vote_as_the_nominations_pass_them(tree, principal, teacher):
    # given: an achievement already rewarded with a Giấy khen
    person = teacher.person
    good_year(principal, person, "2024-2025", tree["tbc"], initiative=True)
    achievement = achievement_create(
        actor=principal,
        person=person,
        title="Giải nhất giáo viên dạy giỏi cấp quận",
        school_year=year("2024-2025"),
    )
    award_record_create(
        actor=principal,
        person=person,
        award="giay_khen",
        period_to=year("2024-2025"),
        decided_on=dt.date(2025, 6, 10),
        achievement=achievement,
    )
    # when: the same achievement is proposed again, and the council voted 7 of 10
    check = eligibility_check_run(
        actor=principal,
        title="bang_khen_cap_tinh",
        school_year="2024-2025",
        person=person,
        proposal={"achievement": achievement.pk, "period": ["2024-2025"]},
        council_vote={"members": 10, "yes": 7},
    )
    vote_check = eligibility_check_run(
        actor=principal,
        title="chien_si_thi_dua_co_so",
        school_year="2024-2025",
        person=person,
        council_vote={"members": 10, "yes": 7},
    )
    # then
    reasons = {f["rule_id"] for f in check.reasons}
    assert check.outcome == "ineligible" and "R-GEN-1" in reasons
    assert check.facts["proposal"] == {"achievement": f"A{achievement.pk}", "period": ["2024-2025"]}
    assert vote_check.outcome == "ineligible"
    assert {"R-CSTDCS-3", "R-VOTE-3"} <= {f["rule_id"] for f in vote_check.reasons}
    assert vote_check.facts["council_vote"] == {"members": 10, "yes": 7}


def test_a_unit_run_stores_every_candidate_with_the_cap(tree, principal):
    # given: 2022-2023 (the 15 % cap of NĐ 91/2017 applies): 8 LĐTT, 2 of them CSTĐCS-ready
    people = [make_teacher(tree["tbc"], f"Giáo viên {i:02d}") for i in range(8)]
    for i, person in enumerate(people):
        good_year(
            principal,
            person,
            "2022-2023",
            tree["tbc"],
            rating="htxsnv" if i < 2 else "httnv",
            titles=("lao_dong_tien_tien",),
            initiative=i < 2,
        )
    # when
    checks = eligibility_checks_run_for_unit(
        actor=principal, unit=tree["tbc"], title="chien_si_thi_dua_co_so", school_year="2022-2023"
    )
    # then: one check per member of staff (the principal too), the cap 15 % × 8 = 1
    assert len(checks) == 9 == EligibilityCheck.objects.filter(unit=tree["tbc"]).count()
    by_person = {c.person_id: c for c in EligibilityCheck.objects.all()}
    first, second = by_person[people[0].pk], by_person[people[1].pk]
    assert {first.outcome, second.outcome} == {"eligible", "ineligible"}
    assert first.cap == second.cap == 1
    loser = second if second.outcome == "ineligible" else first
    assert [f["rule_id"] for f in loser.reasons] == ["R-CSTDCS-2"]
    # the stored cohort numbers reproduce the candidate's place under the cap
    assert loser.facts["cohort"] == {"lao_dong_tien_tien": 8, "chien_si_thi_dua_co_so": 1}
    assert evaluate_case(Case.from_dict(loser.facts)).outcome == "ineligible"
    assert AuditEntry.objects.get(action="eligibility.check.run_unit").extra["candidates"] == 9


# ---------------------------------------------------------------------------- dated law


@pytest.fixture
def law_change(tmp_path, monkeypatch):  # noqa: ANN001, ANN201
    """A copy of the parameter files in which LĐTT needs 12 months of service for new hires
    from 2025-09-01 (a hypothetical amendment, with its own citation)."""
    copy = tmp_path / "parameters"
    shutil.copytree(Path(params.PARAMETERS_DIR), copy)
    path = copy / "titles" / "lao_dong_tien_tien.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["parameters"]["new_hire_min_months"]["values"][dt.date(2025, 9, 1)] = {
        "value": 12,
        "reference": {
            "doc": "Thông tư giả định số 99/2025/TT-BNV",
            "article": "Điều 3",
            "confidence": "?",
        },
    }
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    original = params.parameter_set_hash()
    monkeypatch.setattr(params, "PARAMETERS_DIR", copy)
    params.reload()
    yield original
    monkeypatch.undo()
    params.reload()


def _newcomer(tree, principal, name, hired_on, code):  # noqa: ANN001, ANN202
    person = staff_create(
        actor=None,
        unit=tree["tbc"],
        full_name=name,
        position="teacher",
        start_on=hired_on,
        hired_on=hired_on,
    )
    good_year(principal, person, code, tree["tbc"], rating="httnv")
    return person


def test_a_dated_change_of_the_law_changes_verdicts_after_that_date_only(
    tree, principal, law_change
):
    # given: two teachers recruited on 1 September, each judged in their first year
    earlier = _newcomer(tree, principal, "Mai Thị Hoa", dt.date(2024, 9, 1), "2024-2025")
    later = _newcomer(tree, principal, "Tạ Văn Long", dt.date(2025, 9, 1), "2025-2026")
    # when
    before_change = eligibility_check_run(
        actor=principal, title="lao_dong_tien_tien", school_year="2024-2025", person=earlier
    )
    after_change = eligibility_check_run(
        actor=principal, title="lao_dong_tien_tien", school_year="2025-2026", person=later
    )
    # then: the year evaluated before 2025-09-01 keeps the 6 months of TT 01/2024/TT-BNV;
    # the year after needs the 12 months of the new value
    assert before_change.outcome == "eligible"
    assert after_change.outcome == "ineligible"
    [new_hire] = [f for f in after_change.reasons if f["rule_id"] == "R-LDTT-3"]
    assert "12" in new_hire["message_vi"]
    assert any("99/2025/TT-BNV" in c for c in new_hire["citations"])
    assert before_change.parameters_hash == after_change.parameters_hash != law_change


def test_without_the_change_both_newcomers_are_eligible(tree, principal):
    earlier = _newcomer(tree, principal, "Mai Thị Hoa", dt.date(2024, 9, 1), "2024-2025")
    later = _newcomer(tree, principal, "Tạ Văn Long", dt.date(2025, 9, 1), "2025-2026")
    outcomes = [
        eligibility_check_run(
            actor=principal, title="lao_dong_tien_tien", school_year=code, person=person
        ).outcome
        for person, code in ((earlier, "2024-2025"), (later, "2025-2026"))
    ]
    assert outcomes == ["eligible", "eligible"]


def test_several_titles_for_a_person_match_the_single_checks(tree, principal, teacher):
    # given
    good_year(principal, teacher.person, "2023-2024", tree["tbc"], initiative=True)
    titles = ["lao_dong_tien_tien", "chien_si_thi_dua_co_so", "giay_khen"]
    # when
    together = eligibility_checks_run_for_person(
        actor=principal, person=teacher.person, titles=titles, school_year="2023-2024"
    )
    alone = [
        eligibility_check_run(
            actor=principal, title=t, school_year="2023-2024", person=teacher.person
        )
        for t in titles
    ]
    # then: the same verdicts, findings and facts as one check at a time
    assert [c.title for c in together] == titles
    assert [(c.outcome, c.findings, c.facts, c.unit_id) for c in together] == [
        (c.outcome, c.findings, c.facts, c.unit_id) for c in alone
    ]


def test_several_titles_refuse_a_collective_title_before_storing_any(tree, principal, teacher):
    with pytest.raises(ValidationError) as exc:
        eligibility_checks_run_for_person(
            actor=principal,
            person=teacher.person,
            titles=["lao_dong_tien_tien", "tap_the_lao_dong_tien_tien"],
            school_year="2023-2024",
        )
    assert error_codes(exc.value) == [EligibilityError.WRONG_SUBJECT_KIND]
    assert not EligibilityCheck.objects.exists()
    assert not AuditEntry.objects.filter(action="eligibility.check.run").exists()
