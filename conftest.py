"""Shared fixtures: a tiny fixed hierarchy and named personas (Zulip's hamlet/iago idea).

Sở GD&ĐT TP.HCM
└── Phòng GD&ĐT Quận 5
    ├── THCS Trần Bội Cơ  (Tổ Toán – Tin, Tổ Văn phòng, lớp 6A1, 6A2)
    └── TH Bàu Sen        (Tổ khối 1, lớp 1/1)
"""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.org.models import SchoolLevel, SchoolYear, Unit, UnitType
from thidua.org.services import default_school_year_dates, unit_create
from thidua.people.models import Gender, Position
from thidua.people.services import staff_create, student_create

YEAR = "2024-2025"


@pytest.fixture(autouse=True)
def _media_in_memory(settings):  # noqa: ANN001, ANN202
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    }


@pytest.fixture
def school_year(db) -> SchoolYear:  # noqa: ANN001
    return SchoolYear.objects.create(code=YEAR, **default_school_year_dates(YEAR))


@pytest.fixture
def tree(db, school_year) -> dict[str, Unit]:  # noqa: ANN001
    units: dict[str, Unit] = {}
    units["doe"] = unit_create(
        actor=None,
        type=UnitType.DEPARTMENT_OF_EDUCATION,
        code="SGDDT-HCM",
        name="Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
    )
    units["district"] = unit_create(
        actor=None,
        type=UnitType.DISTRICT_OFFICE,
        code="PGDDT-Q5",
        name="Phòng Giáo dục và Đào tạo Quận 5",
        parent=units["doe"],
        place_name="Quận 5",
    )
    units["tbc"] = unit_create(
        actor=None,
        type=UnitType.SCHOOL,
        code="THCS-TBC",
        name="Trường THCS Trần Bội Cơ",
        parent=units["district"],
        school_level=SchoolLevel.LOWER_SECONDARY,
        place_name="Quận 5",
    )
    units["bausen"] = unit_create(
        actor=None,
        type=UnitType.SCHOOL,
        code="TH-BAUSEN",
        name="Trường Tiểu học Bàu Sen",
        parent=units["district"],
        school_level=SchoolLevel.PRIMARY,
        place_name="Quận 5",
    )
    units["tbc_math"] = unit_create(
        actor=None,
        type=UnitType.SUBJECT_DEPARTMENT,
        code="THCS-TBC-TOAN",
        name="Tổ Toán – Tin",
        parent=units["tbc"],
    )
    units["tbc_office"] = unit_create(
        actor=None,
        type=UnitType.OFFICE_TEAM,
        code="THCS-TBC-VP",
        name="Tổ Văn phòng",
        parent=units["tbc"],
    )
    units["6a1"] = unit_create(
        actor=None,
        type=UnitType.CLASS,
        code="THCS-TBC-2024-6A1",
        name="6A1",
        parent=units["tbc"],
        school_year=school_year,
        grade=6,
    )
    units["6a2"] = unit_create(
        actor=None,
        type=UnitType.CLASS,
        code="THCS-TBC-2024-6A2",
        name="6A2",
        parent=units["tbc"],
        school_year=school_year,
        grade=6,
    )
    units["bausen_g1"] = unit_create(
        actor=None,
        type=UnitType.SUBJECT_DEPARTMENT,
        code="TH-BAUSEN-TO1",
        name="Tổ khối 1",
        parent=units["bausen"],
    )
    units["1-1"] = unit_create(
        actor=None,
        type=UnitType.CLASS,
        code="TH-BAUSEN-2024-1-1",
        name="1/1",
        parent=units["bausen"],
        school_year=school_year,
        grade=1,
    )
    return units


def make_user(username: str, grants: list[tuple[str, Unit]], person=None) -> User:  # noqa: ANN001
    user = User.objects.create_user(username=username, password="Matkhau@123", person=person)
    for role, unit in grants:
        RoleAssignment.objects.create(user=user, role=role, unit=unit)
    return user


def make_teacher(
    unit: Unit,
    name: str,
    *,
    dept: Unit | None = None,
    title: str = "Giáo viên",
    position: str = Position.TEACHER,
):  # noqa: ANN201
    return staff_create(
        actor=None,
        unit=unit,
        full_name=name,
        position=position,
        start_on=dt.date(2020, 9, 1),
        gender=Gender.FEMALE,
        date_of_birth=dt.date(1985, 4, 12),
        job_title=title,
        department=dept,
    )


@pytest.fixture
def system_admin(tree) -> User:  # noqa: ANN001
    return make_user("quantri", [(Role.SYSTEM_ADMIN, tree["doe"])])


@pytest.fixture
def doe_officer(tree) -> User:  # noqa: ANN001
    return make_user("so.chuyenvien", [(Role.DOE_OFFICER, tree["doe"])])


@pytest.fixture
def district_officer(tree) -> User:  # noqa: ANN001
    return make_user("pgd.quan5", [(Role.DISTRICT_OFFICER, tree["district"])])


@pytest.fixture
def principal(tree) -> User:  # noqa: ANN001
    person = make_teacher(
        tree["tbc"], "Phạm Văn Hòa", title="Hiệu trưởng", position=Position.MANAGER
    )
    return make_user("ht.tbc", [(Role.PRINCIPAL, tree["tbc"]), (Role.STAFF, tree["tbc"])], person)


@pytest.fixture
def other_principal(tree) -> User:  # noqa: ANN001
    person = make_teacher(
        tree["bausen"], "Trần Thị Thu Hà", title="Hiệu trưởng", position=Position.MANAGER
    )
    return make_user(
        "ht.bausen", [(Role.PRINCIPAL, tree["bausen"]), (Role.STAFF, tree["bausen"])], person
    )


@pytest.fixture
def homeroom_teacher(tree) -> User:  # noqa: ANN001
    person = make_teacher(tree["tbc"], "Nguyễn Thùy Trang", dept=tree["tbc_math"])
    return make_user(
        "gvcn.6a1", [(Role.HOMEROOM_TEACHER, tree["6a1"]), (Role.STAFF, tree["tbc"])], person
    )


@pytest.fixture
def other_homeroom_teacher(tree) -> User:  # noqa: ANN001
    person = make_teacher(tree["bausen"], "Lê Thị Mai", dept=tree["bausen_g1"])
    return make_user(
        "gvcn.1-1", [(Role.HOMEROOM_TEACHER, tree["1-1"]), (Role.STAFF, tree["bausen"])], person
    )


@pytest.fixture
def teacher(tree) -> User:  # noqa: ANN001
    person = make_teacher(tree["tbc"], "Huỳnh Thu My", dept=tree["tbc_math"])
    return make_user("gv.tbc", [(Role.STAFF, tree["tbc"])], person)


@pytest.fixture
def student(tree) -> User:  # noqa: ANN001
    person = student_create(
        actor=None,
        class_unit=tree["6a1"],
        full_name="Huỳnh Gia Anh",
        student_code="0123456789",
        gender=Gender.FEMALE,
        date_of_birth=dt.date(2013, 5, 17),
    )
    return make_user("hs.6a1", [(Role.STUDENT, tree["6a1"])], person)
