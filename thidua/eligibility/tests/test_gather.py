"""gather.py: the facts read from the database equal the scenario format of rules.md."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace

import pytest

from conftest import make_teacher
from thidua.achievements.models import AwardRecord
from thidua.achievements.selectors import person_record
from thidua.achievements.services import award_record_create, award_record_revoke
from thidua.eligibility import gather
from thidua.eligibility.engine import evaluate
from thidua.people.record_services import (
    annual_rating_set,
    discipline_record_create,
    leave_record_create,
    pending_matter_close,
    pending_matter_open,
    training_record_create,
    transfer_comment_create,
)
from thidua.people.services import staff_transfer

from .factories import good_year, register, year

pytestmark = pytest.mark.django_db


def test_gather_builds_the_scenario_person_block(tree, principal, other_principal):
    # given: a teacher of TH Bàu Sen with three years of records, moved to THCS Trần Bội Cơ
    person = make_teacher(tree["bausen"], "Đỗ Thị Hạnh", dept=tree["bausen_g1"])
    good_year(other_principal, person, "2021-2022", tree["bausen"], titles=("lao_dong_tien_tien",))
    good_year(
        other_principal,
        person,
        "2022-2023",
        tree["bausen"],
        titles=("lao_dong_tien_tien", "chien_si_thi_dua_co_so"),
        initiative=True,
    )
    discipline_record_create(
        actor=other_principal, person=person, level="khien_trach", decided_on=dt.date(2021, 3, 2)
    )
    leave_record_create(
        actor=other_principal,
        person=person,
        kind="maternity",
        start_on=dt.date(2023, 1, 3),
        end_on=dt.date(2023, 6, 30),
    )
    training_record_create(
        actor=other_principal,
        person=person,
        program="Thạc sĩ Quản lý giáo dục",
        start_on=dt.date(2021, 9, 1),
        end_on=dt.date(2023, 6, 30),
        complied=True,
        result="gioi",
    )
    staff_transfer(actor=principal, person=person, to_unit=tree["tbc"], on=dt.date(2024, 1, 15))
    good_year(principal, person, "2023-2024", tree["tbc"], rating="httnv")
    # when
    facts = gather.person_facts(person, "2023-2024")
    # then
    assert facts.to_dict() == {
        "position": "teacher",
        "registered": ["2021-2022", "2022-2023", "2023-2024"],
        "ratings": {"2021-2022": "htxsnv", "2022-2023": "htxsnv", "2023-2024": "httnv"},
        "titles": {
            "2021-2022": ["lao_dong_tien_tien"],
            "2022-2023": ["lao_dong_tien_tien", "chien_si_thi_dua_co_so"],
        },
        "initiatives": [
            {"school_year": "2022-2023", "scope": "co_so", "id": f"I{_initiative_id(person)}"}
        ],
        "discipline": [{"level": "khien_trach", "decided_on": "2021-03-02"}],
        "leave": [{"kind": "maternity", "from": "2023-01-03", "to": "2023-06-30"}],
        "training": [
            {"from": "2021-09-01", "to": "2023-06-30", "complied": True, "result": "gioi"}
        ],
        "transfers": [
            {
                "on": "2024-01-15",
                "from_unit": "TH-BAUSEN",
                "to_unit": "THCS-TBC",
            }
        ],
        "id": f"P{person.pk}",
        "name": "Đỗ Thị Hạnh",
    }


def _initiative_id(person):  # noqa: ANN001, ANN202
    return person.initiatives.get().pk


def test_a_transfer_keeps_the_history_and_the_old_units_comment_counts(
    tree, principal, other_principal
):
    # given: rated at Bàu Sen for two years, moved to Trần Bội Cơ in the middle of 2023-2024
    person = make_teacher(tree["bausen"], "Phan Minh Khoa")
    good_year(other_principal, person, "2022-2023", tree["bausen"], titles=("lao_dong_tien_tien",))
    register(person, "2023-2024", tree["tbc"])
    staff_transfer(actor=principal, person=person, to_unit=tree["tbc"], on=dt.date(2024, 3, 1))
    annual_rating_set(actor=principal, person=person, school_year=year("2023-2024"), rating="httnv")
    before = evaluate("lao_dong_tien_tien", gather.person_facts(person, "2023-2024"), "2023-2024")
    # when: the old school sends its comment
    transfer_comment_create(
        actor=other_principal,
        person=person,
        from_unit=tree["bausen"],
        to_unit=tree["tbc"],
        transferred_on=dt.date(2024, 3, 1),
        commented_on=dt.date(2024, 3, 10),
        comment="Hoàn thành tốt nhiệm vụ tại trường.",
    )
    facts = gather.person_facts(person, "2023-2024")
    after = evaluate("lao_dong_tien_tien", facts, "2023-2024")
    # then: the earlier year at the old school is still there, and the comment is counted
    assert facts.ratings == {"2022-2023": "htxsnv", "2023-2024": "httnv"}
    assert facts.titles == {"2022-2023": ("lao_dong_tien_tien",)}
    [move] = facts.transfers
    assert (move.from_unit, move.to_unit, move.previous_unit_comment) == (
        "TH-BAUSEN",
        "THCS-TBC",
        True,
    )
    assert before.outcome == "incomplete" and "R-LDTT-7" in before.reasons
    assert after.outcome == "eligible"


def test_a_revoked_title_is_not_counted(tree, principal):
    # given: three consecutive CSTĐCS and a city-wide initiative → CSTĐ cấp tỉnh in 2023-2024
    person = make_teacher(tree["tbc"], "Vũ Ngọc Lan")
    for code in ("2021-2022", "2022-2023", "2023-2024"):
        good_year(
            principal,
            person,
            code,
            tree["tbc"],
            titles=("lao_dong_tien_tien", "chien_si_thi_dua_co_so"),
        )
    from thidua.achievements.services import initiative_create

    initiative_create(
        actor=principal,
        person=person,
        title="Phần mềm quản lý thư viện số",
        school_year=year("2023-2024"),
        scope="cap_tinh",
    )
    before = evaluate(
        "chien_si_thi_dua_cap_tinh", gather.person_facts(person, "2023-2024"), "2023-2024"
    )
    # when: the 2022-2023 CSTĐCS is revoked for a false declaration
    record = AwardRecord.objects.get(
        person=person, award="chien_si_thi_dua_co_so", period_to_id="2022-2023"
    )
    award_record_revoke(
        actor=principal,
        record=record,
        reason="a",
        revoked_on=dt.date(2024, 4, 1),
        decision="QĐ 12/QĐ-THCSTBC",
    )
    facts = gather.person_facts(person, "2023-2024")
    after = evaluate("chien_si_thi_dua_cap_tinh", facts, "2023-2024")
    # then
    assert before.outcome == "eligible"
    assert after.outcome == "ineligible"
    assert {"R-CSTDT-1", "R-GEN-4"} <= set(after.reasons)
    assert facts.revoked[0].title == "chien_si_thi_dua_co_so"
    assert facts.revoked[0].school_year == "2022-2023"
    assert facts.revoked[0].reason == "a"


def test_a_title_granted_again_after_a_revocation_counts(tree, principal):
    # given: a LĐTT revoked, then granted again for the same year by a new decision
    person = make_teacher(tree["tbc"], "Lý Thanh Tâm")
    [ldtt] = good_year(principal, person, "2022-2023", tree["tbc"], titles=("lao_dong_tien_tien",))
    award_record_revoke(actor=principal, record=ldtt, reason="c", revoked_on=dt.date(2023, 9, 5))
    award_record_create(
        actor=principal, person=person, award="lao_dong_tien_tien", period_to=year("2022-2023")
    )
    # when
    facts = gather.person_facts(person, "2023-2024")
    # then: the valid title stands, the revoked row cannot cancel it
    assert facts.titles == {"2022-2023": ("lao_dong_tien_tien",)}
    assert facts.revoked == ()


def test_a_closed_pending_matter_no_longer_defers(tree, principal):
    # given
    person = make_teacher(tree["tbc"], "Trịnh Quốc Bảo")
    good_year(principal, person, "2023-2024", tree["tbc"], rating="httnv")
    matter = pending_matter_open(
        actor=principal, person=person, kind="complaint", opened_on=dt.date(2024, 4, 2)
    )
    deferred = evaluate("lao_dong_tien_tien", gather.person_facts(person, "2023-2024"), "2023-2024")
    # when
    pending_matter_close(actor=principal, matter=matter, closed_on=dt.date(2024, 5, 10))
    after = evaluate("lao_dong_tien_tien", gather.person_facts(person, "2023-2024"), "2023-2024")
    # then
    assert deferred.outcome == "deferred" and "R-GEN-7" in deferred.reasons
    assert after.outcome == "eligible"


def test_the_head_of_a_school_is_judged_with_the_schools_result(tree, principal):
    # given: the principal, and the school rated by the district
    from thidua.people.record_services import annual_rating_set as rate

    person = principal.person
    good_year(principal, person, "2023-2024", tree["tbc"], rating="htxsnv")
    # when
    without = gather.person_facts(person, "2023-2024")
    rate(actor=None, collective=tree["tbc"], school_year=year("2023-2024"), rating="htnv")
    facts = gather.person_facts(person, "2023-2024")
    # then
    assert without.unit_head is True and without.unit_result.ratings == {}
    assert facts.unit_result.ratings == {"2023-2024": "htnv"}
    verdict = evaluate("lao_dong_tien_tien", facts, "2023-2024")
    assert verdict.outcome == "ineligible" and "R-GEN-5" in verdict.reasons
    assert gather.person_facts(principal.person, "2019-2020").unit_head is True  # no end date


def test_bulk_facts_equal_the_registrations_blocks_in_few_queries(
    tree, principal, django_assert_max_num_queries
):
    # given
    people = [make_teacher(tree["tbc"], f"Giáo viên {i}") for i in range(6)]
    for i, person in enumerate(people):
        good_year(
            principal,
            person,
            "2023-2024",
            tree["tbc"],
            rating="htxsnv" if i % 2 else "httnv",
            titles=("lao_dong_tien_tien",) if i % 3 else (),
            initiative=bool(i % 2),
        )
    ids = [p.pk for p in people]
    # when
    with django_assert_max_num_queries(16):
        facts = gather.people_facts(ids, "2023-2024")
    # then
    for pid in ids:
        record = person_record(people[ids.index(pid)])
        assert gather.person_facts_from_record(record, "2023-2024") == facts[pid]


def test_collective_facts_include_the_members_during_the_year(
    tree, principal, homeroom_teacher, teacher
):
    # given: the Toán – Tin department with two teachers, one with LĐTT
    good_year(principal, teacher.person, "2024-2025", tree["tbc"], titles=("lao_dong_tien_tien",))
    register(tree["tbc_math"], "2024-2025", tree["tbc"])
    annual_rating_set(
        actor=principal, collective=tree["tbc_math"], school_year=year("2024-2025"), rating="htxsnv"
    )
    # when
    facts = gather.collective_facts(tree["tbc_math"], "2024-2025")
    # then
    assert facts.kind == "subject_department"
    assert facts.registered == frozenset({"2024-2025"})
    assert facts.ratings == {"2024-2025": "htxsnv"}
    assert {m.name for m in facts.members} == {"Huỳnh Thu My", "Nguyễn Thùy Trang"}
    member = next(m for m in facts.members if m.name == "Huỳnh Thu My")
    assert member == gather.person_facts(teacher.person, "2024-2025")
    assert facts.has_effective_movement is None


def test_cohort_numbers_count_the_titles_held_in_the_unit(tree, principal):
    # given
    people = [make_teacher(tree["tbc"], f"Giáo viên {i}") for i in range(3)]
    for person in people:
        good_year(principal, person, "2022-2023", tree["tbc"], titles=("lao_dong_tien_tien",))
    record = AwardRecord.objects.filter(person=people[0]).get()
    award_record_revoke(actor=principal, record=record, reason="a", revoked_on=dt.date(2023, 9, 1))
    # when
    cohort = gather.cohort_numbers(tree["tbc"], "2022-2023", dt.date(2023, 5, 31))
    # then
    assert cohort.counts == {"lao_dong_tien_tien": 2}


def test_facts_without_changes_are_stable(tree, principal):
    person = make_teacher(tree["tbc"], "Hồ Thị Nga")
    good_year(principal, person, "2023-2024", tree["tbc"])
    first = gather.person_facts(person, "2023-2024")
    assert replace(first) == gather.person_facts(person, "2023-2024")


def test_after_a_transfer_only_the_new_unit_lists_the_person_as_candidate(
    tree, principal, other_principal
):
    # given: a teacher who moved from Bàu Sen to Trần Bội Cơ on 01/03/2024, and one who stayed
    moved = make_teacher(tree["bausen"], "Lý Thị Ngọc Ánh")
    stayed = make_teacher(tree["bausen"], "Trịnh Văn Đức")
    staff_transfer(actor=principal, person=moved, to_unit=tree["tbc"], on=dt.date(2024, 3, 1))
    on = dt.date(2024, 5, 31)
    # when
    at_bausen = gather.staff_ids_of_unit(tree["bausen"], on)
    at_tbc = gather.staff_ids_of_unit(tree["tbc"], on)
    before_move = gather.staff_ids_of_unit(tree["bausen"], dt.date(2024, 2, 1))
    # then: the ended membership at the old school does not make them its candidate
    assert moved.pk not in at_bausen
    assert stayed.pk in at_bausen
    assert moved.pk in at_tbc
    assert moved.pk in before_move
