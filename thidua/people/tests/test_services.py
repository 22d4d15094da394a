import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from thidua.core.errors import error_codes
from thidua.core.models import AuditEntry
from thidua.people.errors import PeopleError
from thidua.people.models import Membership, Person, Position
from thidua.people.selectors import membership_history, staff_of_unit, students_of_class
from thidua.people.services import (
    enrollment_set,
    staff_create,
    staff_transfer,
    student_create,
    student_update,
)


def test_staff_create_stores_nfc_name_and_memberships(tree):
    person = staff_create(
        actor=None,
        unit=tree["tbc"],
        full_name="NGUYỄN  THỊ   ÁNH",
        position=Position.TEACHER,
        start_on=dt.date(2020, 9, 1),
        department=tree["tbc_math"],
    )
    assert (person.full_name, person.family_middle_name, person.given_name) == (
        "Nguyễn Thị Ánh",
        "Nguyễn Thị",
        "Ánh",
    )
    assert sorted(m.unit.code for m in person.memberships.all()) == ["THCS-TBC", "THCS-TBC-TOAN"]


def test_transfer_keeps_one_record_and_one_history(tree, homeroom_teacher):
    # given a teacher of Trần Bội Cơ, member of its math department
    person = homeroom_teacher.person
    # when she moves to Bàu Sen on 01/09/2025
    staff_transfer(actor=None, person=person, to_unit=tree["bausen"], on=dt.date(2025, 9, 1))
    # then the same person record holds the whole history
    history = [(m.unit.code, m.start_on, m.end_on) for m in membership_history(person)]
    assert history == [
        ("TH-BAUSEN", dt.date(2025, 9, 1), None),
        ("THCS-TBC", dt.date(2020, 9, 1), dt.date(2025, 8, 31)),
        ("THCS-TBC-TOAN", dt.date(2020, 9, 1), dt.date(2025, 8, 31)),
    ]
    assert Person.objects.filter(full_name="Nguyễn Thùy Trang").count() == 1
    assert person in staff_of_unit(tree["bausen"], on=dt.date(2025, 10, 1))
    assert person not in staff_of_unit(tree["tbc"], on=dt.date(2025, 10, 1))


def test_transfer_to_the_same_unit_is_refused(tree, teacher):
    with pytest.raises(ValidationError) as exc:
        staff_transfer(
            actor=None, person=teacher.person, to_unit=tree["tbc"], on=dt.date(2025, 1, 1)
        )
    assert exc.value.code == PeopleError.TRANSFER_SAME_UNIT
    assert Membership.objects.filter(person=teacher.person, end_on__isnull=False).count() == 0


def test_student_code_is_unique(tree, student):
    with pytest.raises(ValidationError) as exc:
        student_create(
            actor=None,
            class_unit=tree["6a2"],
            full_name="Lê Văn An",
            student_code="0123456789",
            date_of_birth=dt.date(2013, 1, 1),
        )
    assert error_codes(exc.value) == [PeopleError.STUDENT_CODE_TAKEN]
    assert Person.objects.filter(full_name="Lê Văn An").count() == 0


def test_future_birth_date_is_refused(tree):
    with pytest.raises(ValidationError):
        student_create(
            actor=None,
            class_unit=tree["6a1"],
            full_name="Lê Văn An",
            student_code="X1",
            date_of_birth=dt.date(2999, 1, 1),
        )
    assert not Person.objects.filter(full_name="Lê Văn An").exists()


def test_class_list_is_in_vietnamese_order(tree):
    for code, name in [
        ("1", "Trần Văn Bình"),
        ("2", "Nguyễn Thị Ánh"),
        ("3", "Lê Văn Anh"),
        ("4", "Đỗ Minh Đức"),
        ("5", "Phạm Dũng"),
    ]:
        student_create(
            actor=None,
            class_unit=tree["6a1"],
            full_name=name,
            student_code=code,
            date_of_birth=dt.date(2013, 1, 1),
        )
    names = [p.full_name for p in students_of_class(tree["6a1"])]
    assert names == ["Lê Văn Anh", "Nguyễn Thị Ánh", "Trần Văn Bình", "Phạm Dũng", "Đỗ Minh Đức"]


def test_student_update_and_move_are_audited(tree, student):
    person = student.person
    student_update(actor=None, person=person, full_name="Huỳnh Gia Ánh")
    enrollment_set(actor=None, person=person, class_unit=tree["6a2"])
    actions = list(
        AuditEntry.objects.filter(target_id__in=[str(person.pk)]).values_list("action", flat=True)
    )
    assert "people.student.update" in actions
    entry = AuditEntry.objects.filter(action="people.enrollment.set").latest("id")
    assert entry.changes == {"class_unit": ["6A1", "6A2"]}
