"""Yearly records: ratings, discipline, pending matters, leave, training, transfers."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from conftest import make_teacher
from thidua.core.errors import error_codes
from thidua.core.models import AuditEntry
from thidua.org.models import SchoolYear
from thidua.org.services import default_school_year_dates
from thidua.people.errors import RecordError
from thidua.people.record_selectors import people_record
from thidua.people.record_services import (
    annual_rating_set,
    discipline_record_create,
    leave_record_create,
    pending_matter_close,
    pending_matter_open,
    school_year_for,
    training_record_create,
    transfer_comment_create,
)
from thidua.people.records import AnnualRating, DisciplineRecord, PendingMatter, Rating
from thidua.people.services import staff_transfer

pytestmark = pytest.mark.django_db


def _year(code: str) -> SchoolYear:
    return SchoolYear.objects.get_or_create(code=code, defaults=default_school_year_dates(code))[0]


def test_rating_is_recorded_with_the_school_of_that_year_and_audited(tree, principal, teacher):
    # given
    person = teacher.person
    # when
    rating = annual_rating_set(
        actor=principal, person=person, school_year=_year("2023-2024"), rating=Rating.HTXSNV
    )
    # then
    assert rating.unit == tree["tbc"]
    entry = AuditEntry.objects.get(action="people.rating.set")
    assert entry.changes["rating"] == [None, "htxsnv"]
    assert entry.unit_path == tree["tbc"].path


def test_changing_a_rating_updates_it_and_records_the_difference(principal, teacher):
    year = _year("2023-2024")
    annual_rating_set(actor=principal, person=teacher.person, school_year=year, rating=Rating.HTNV)
    annual_rating_set(actor=principal, person=teacher.person, school_year=year, rating=Rating.HTTNV)
    assert AnnualRating.objects.get(person=teacher.person).rating == Rating.HTTNV
    last = AuditEntry.objects.filter(action="people.rating.set").order_by("-id").first()
    assert last.changes == {"rating": ["htnv", "httnv"]}


def test_rating_for_a_year_the_person_did_not_work_is_refused(principal, teacher):
    # given: the teacher started on 1 September 2020
    before = _year("2018-2019")
    # when
    with pytest.raises(ValidationError) as exc:
        annual_rating_set(
            actor=principal, person=teacher.person, school_year=before, rating=Rating.HTXSNV
        )
    # then
    assert error_codes(exc.value) == [RecordError.NOT_WORKING_THAT_YEAR]
    assert "không công tác tại đơn vị nào trong năm học 2018-2019" in str(exc.value)
    assert not AnnualRating.objects.exists()
    assert not AuditEntry.objects.filter(action="people.rating.set").exists()


def test_collective_rating_needs_a_collective(principal, tree):
    with pytest.raises(ValidationError) as exc:
        annual_rating_set(
            actor=principal, collective=tree["6a1"], school_year=_year("2024-2025"), rating="htxsnv"
        )
    assert error_codes(exc.value) == [RecordError.NOT_A_COLLECTIVE]
    rating = annual_rating_set(
        actor=principal,
        collective=tree["tbc_math"],
        school_year=_year("2024-2025"),
        rating="htxsnv",
    )
    assert rating.unit == tree["tbc"]


@time_machine.travel(dt.datetime(2025, 3, 1, 9, 0), tick=False)
def test_discipline_decision_in_the_future_is_refused(principal, teacher):
    with pytest.raises(ValidationError) as exc:
        discipline_record_create(
            actor=principal,
            person=teacher.person,
            level="khien_trach",
            decided_on=dt.date(2025, 3, 2),
            decision_number="12/QĐ-THCS",
        )
    assert error_codes(exc.value) == [RecordError.DATE_IN_FUTURE]
    assert "Ngày quyết định kỷ luật 02/03/2025 ở tương lai" in str(exc.value)
    assert not DisciplineRecord.objects.exists()
    assert not AuditEntry.objects.filter(action="people.discipline.create").exists()


def test_discipline_decision_is_recorded_with_its_unit(principal, teacher, tree):
    record = discipline_record_create(
        actor=principal,
        person=teacher.person,
        level="khien_trach",
        decided_on=dt.date(2024, 11, 5),
        decision_number="45/QĐ-THCSTBC",
        issued_by="Hiệu trưởng Trường THCS Trần Bội Cơ",
    )
    assert record.unit == tree["tbc"]
    assert AuditEntry.objects.get(action="people.discipline.create").target_id == str(record.pk)


def test_pending_matter_opens_and_closes_once(principal, teacher):
    matter = pending_matter_open(
        actor=principal, person=teacher.person, kind="complaint", opened_on=dt.date(2024, 4, 2)
    )
    assert matter.is_open
    with pytest.raises(ValidationError) as exc:
        pending_matter_close(actor=principal, matter=matter, closed_on=dt.date(2024, 3, 1))
    assert error_codes(exc.value) == [RecordError.PERIOD_ORDER]
    matter.refresh_from_db()
    assert matter.closed_on is None
    pending_matter_close(
        actor=principal,
        matter=matter,
        closed_on=dt.date(2024, 6, 1),
        outcome="Đơn không đúng sự thật",
    )
    with pytest.raises(ValidationError) as exc:
        pending_matter_close(actor=principal, matter=matter, closed_on=dt.date(2024, 6, 2))
    assert error_codes(exc.value) == [RecordError.ALREADY_CLOSED]
    assert PendingMatter.objects.get().closed_on == dt.date(2024, 6, 1)


def test_leave_and_training_periods_must_be_in_order(principal, teacher):
    with pytest.raises(ValidationError) as exc:
        leave_record_create(
            actor=principal,
            person=teacher.person,
            kind="maternity",
            start_on=dt.date(2024, 6, 1),
            end_on=dt.date(2024, 1, 1),
        )
    assert error_codes(exc.value) == [RecordError.PERIOD_ORDER]
    leave_record_create(
        actor=principal,
        person=teacher.person,
        kind="maternity",
        start_on=dt.date(2024, 1, 2),
        end_on=dt.date(2024, 6, 30),
    )
    training_record_create(
        actor=principal,
        person=teacher.person,
        program="Thạc sĩ Lý luận và phương pháp dạy học bộ môn Toán",
        start_on=dt.date(2022, 9, 1),
        end_on=dt.date(2024, 8, 31),
        complied=True,
        result="kha",
    )
    record = people_record(teacher.person)
    assert [leave.kind for leave in record.leave] == ["maternity"]
    assert record.training[0].result == "kha"


def test_school_year_for_creates_a_past_year_with_the_usual_calendar(principal):
    year = school_year_for("2012-2013", actor=principal)
    assert (year.start_on, year.end_on) == (dt.date(2012, 9, 5), dt.date(2013, 5, 31))
    assert school_year_for("2012-2013") == year


def test_a_transfer_between_schools_keeps_one_record_with_its_history(
    tree, principal, other_principal
):
    # given: a teacher rated two years at Trần Bội Cơ
    person = make_teacher(tree["tbc"], "Võ Thị Ngọc Hân", dept=tree["tbc_math"])
    annual_rating_set(
        actor=principal, person=person, school_year=_year("2022-2023"), rating=Rating.HTTNV
    )
    annual_rating_set(
        actor=principal, person=person, school_year=_year("2023-2024"), rating=Rating.HTXSNV
    )
    # when: she moves to Bàu Sen and is rated there
    staff_transfer(actor=principal, person=person, to_unit=tree["bausen"], on=dt.date(2024, 8, 15))
    annual_rating_set(
        actor=other_principal, person=person, school_year=_year("2024-2025"), rating=Rating.HTXSNV
    )
    # then: one record, every year, each with the school that rated it
    record = people_record(person)
    units = {code: r.unit.code for code, r in record.ratings.items()}
    assert units == {"2022-2023": "THCS-TBC", "2023-2024": "THCS-TBC", "2024-2025": "TH-BAUSEN"}
    [transfer] = record.transfers
    assert (transfer.from_unit.code, transfer.to_unit.code, transfer.on) == (
        "THCS-TBC",
        "TH-BAUSEN",
        dt.date(2024, 8, 15),
    )
    assert transfer.comment is None
    transfer_comment_create(
        actor=other_principal,
        person=person,
        from_unit=tree["tbc"],
        to_unit=tree["bausen"],
        transferred_on=dt.date(2024, 8, 15),
        commented_on=dt.date(2024, 8, 20),
        comment="Hoàn thành tốt nhiệm vụ trong thời gian công tác tại trường.",
    )
    assert people_record(person).transfers[0].comment is not None
