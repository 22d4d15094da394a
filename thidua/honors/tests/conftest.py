from __future__ import annotations

import datetime as dt

import pytest

from thidua.honors.services import program_create
from thidua.people.models import Gender
from thidua.people.services import student_create

NAMES_6A1 = [
    "Trần Văn Bình",
    "Nguyễn Thị Ánh",
    "Lê Văn Anh",
    "Đỗ Minh Đức",
    "Phạm Thu Hà",
    "Võ Hoàng Nam",
    "Bùi Ngọc Hân",
    "Đặng Quốc Khánh",
    "Huỳnh Bảo Châu",
    "Ngô Gia Huy",
    "Lý Thanh Tâm",
    "Phan Mỹ Linh",
]
NAMES_6A2 = [
    "Trương Minh Khôi",
    "Đinh Thảo Vy",
    "Lâm Gia Bảo",
    "Mai Anh Thư",
    "Tạ Quang Vinh",
    "Châu Ngọc Trâm",
]


def _students(class_unit, names, prefix):  # noqa: ANN001, ANN202
    return [
        student_create(
            actor=None,
            class_unit=class_unit,
            full_name=n,
            student_code=f"{prefix}{i:04d}",
            gender=Gender.FEMALE if i % 2 else Gender.MALE,
            date_of_birth=dt.date(2013, 1 + i % 12, 1 + i),
        )
        for i, n in enumerate(names)
    ]


@pytest.fixture
def class_6a1(tree):  # noqa: ANN001, ANN201
    return _students(tree["6a1"], NAMES_6A1, "7901")


@pytest.fixture
def class_6a2(tree):  # noqa: ANN001, ANN201
    return _students(tree["6a2"], NAMES_6A2, "7902")


@pytest.fixture
def program(tree, school_year, principal):  # noqa: ANN001, ANN201
    return program_create(actor=principal, school=tree["tbc"], school_year=school_year)


@pytest.fixture
def october(program):  # noqa: ANN001, ANN201
    return program.periods.get(name="Tháng 10/2024")
