from __future__ import annotations

import datetime as dt

import pytest

from thidua.ballots.services import CandidateSpec, VoterSpec, codes_issue, election_create
from thidua.people.models import Gender, Person
from thidua.people.services import student_create

NAMES = [
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


@pytest.fixture
def classmates(tree) -> list[Person]:  # noqa: ANN001
    return [
        student_create(
            actor=None,
            class_unit=tree["6a1"],
            full_name=name,
            student_code=f"79012{i:05d}",
            gender=Gender.FEMALE if i % 2 else Gender.MALE,
            date_of_birth=dt.date(2013, 1 + i % 12, 1 + i),
        )
        for i, name in enumerate(NAMES)
    ]


def make_election(tree, classmates, *, candidates=3, **kwargs):  # noqa: ANN001, ANN003, ANN201
    return election_create(
        actor=None,
        unit=tree["6a1"],
        title="Bầu học sinh tiêu biểu tháng 10 – lớp 6A1",
        candidates=[CandidateSpec(p.full_name, p) for p in classmates[:candidates]],
        voters=[VoterSpec(p.full_name, p) for p in classmates],
        **kwargs,
    )


@pytest.fixture
def election(tree, classmates):  # noqa: ANN001, ANN201
    return make_election(tree, classmates)


@pytest.fixture
def issued(election):  # noqa: ANN001, ANN201
    return [code for _voter, code in codes_issue(actor=None, election=election)]
