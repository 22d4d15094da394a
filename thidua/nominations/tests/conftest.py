"""Fixtures for the nomination path: staff with yearly records, a round, a council."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from conftest import make_teacher, make_user
from thidua.accounts.models import Role
from thidua.achievements.catalog import AwardId
from thidua.achievements.services import achievement_create
from thidua.councils.models import MemberRole
from thidua.councils.services import council_create
from thidua.evidence.services import EvidenceContext, evidence_add_link
from thidua.nominations.services import round_open
from thidua.people.records import AnnualRating
from thidua.registrations.models import (
    RegisteredTitle,
    Registration,
    RegistrationList,
    RegistrationStatus,
)

AWARDS = [
    AwardId.LAO_DONG_TIEN_TIEN,
    AwardId.CHIEN_SI_THI_DUA_CO_SO,
    AwardId.GIAY_KHEN,
    AwardId.BANG_KHEN_CAP_TINH,
]


def registered(person, school, year, titles):  # noqa: ANN001, ANN201
    reg_list, _ = RegistrationList.objects.get_or_create(
        unit=school, school_year=year, defaults={"deadline": year.start_on + dt.timedelta(days=30)}
    )
    registration = Registration.objects.create(
        registration_list=reg_list,
        school_year=year,
        person=person,
        status=RegistrationStatus.ACCEPTED,
    )
    RegisteredTitle.objects.bulk_create(
        RegisteredTitle(registration=registration, title=t) for t in titles
    )
    return registration


def rated(person, school, year, rating):  # noqa: ANN001, ANN201
    return AnnualRating.objects.create(person=person, school_year=year, rating=rating, unit=school)


def with_evidence(person, school, year, title="Giải Nhất hội thi giáo viên dạy giỏi cấp Quận"):  # noqa: ANN001, ANN201
    achievement = achievement_create(
        actor=None,
        title=title,
        school_year=year,
        person=person,
        description="Đạt giải Nhất hội thi giáo viên dạy giỏi.",
    )
    evidence_add_link(
        actor=None,
        target=achievement,
        context=EvidenceContext(unit=school, person=person, school_year=year),
        url="https://pgdquan5.hcm.edu.vn/tin-tuc/ket-qua-hoi-thi-gvdg",
        title="Thông báo kết quả hội thi",
    )
    return achievement


@pytest.fixture
def staff(tree, school_year):  # noqa: ANN001, ANN201
    """Four teachers of Trần Bội Cơ with 2024-2025 records."""
    school = tree["tbc"]
    names = ["Nguyễn Thị Lan", "Trần Văn Hùng", "Lê Thị Thu Hà", "Phạm Minh Đức"]
    people = [make_teacher(school, n, dept=tree["tbc_math"]) for n in names]
    ratings = ["htxsnv", "httnv", "htnv", "htxsnv"]
    for person, rating in zip(people, ratings, strict=True):
        registered(
            person,
            school,
            school_year,
            [AwardId.LAO_DONG_TIEN_TIEN, AwardId.CHIEN_SI_THI_DUA_CO_SO],
        )
        rated(person, school, school_year, rating)
    return people


@pytest.fixture
def nomination_round(tree, school_year, principal):  # noqa: ANN001, ANN201
    return round_open(
        actor=principal,
        unit=tree["tbc"],
        school_year=school_year,
        title="Xét danh hiệu thi đua năm học 2024-2025",
        kind="yearly_titles",
        awards=AWARDS,
        deadline=timezone.now() + dt.timedelta(days=10),
        requires_evidence=False,
        listing_days=3,
    )


@pytest.fixture
def council(tree, principal):  # noqa: ANN001, ANN201
    members = [(principal, MemberRole.CHAIR)]
    for i, name in enumerate(["Võ Thị Hồng", "Đặng Văn Minh", "Bùi Thị Ngọc", "Hồ Văn Tài"]):
        person = make_teacher(tree["tbc"], name, dept=tree["tbc_office"], title="Ủy viên")
        user = make_user(
            f"hd{i}", [(Role.COUNCIL_MEMBER, tree["tbc"]), (Role.STAFF, tree["tbc"])], person
        )
        members.append((user, MemberRole.SECRETARY if i == 0 else MemberRole.MEMBER))
    return council_create(
        actor=principal,
        unit=tree["tbc"],
        name="Hội đồng TĐKT Trường THCS Trần Bội Cơ",
        members=members,
    )


def propose(actor, nomination_round, person, award=AwardId.LAO_DONG_TIEN_TIEN, **kw):  # noqa: ANN001, ANN003, ANN201
    """A proposal for the round's school year, as the proposer would type it."""
    from thidua.nominations.services import proposal_create

    year = nomination_round.school_year
    return proposal_create(
        actor=actor,
        round=nomination_round,
        award=award,
        person=person,
        summary=kw.pop(
            "summary", "Hoàn thành tốt nhiệm vụ năm học, tích cực tham gia phong trào thi đua."
        ),
        period_from=year,
        period_to=year,
        **kw,
    )


def to_council(actor, nomination_round):  # noqa: ANN001, ANN201
    """Publish the list, let the listing days pass, and send the round to the council."""
    from thidua.nominations.services import listing_start, round_to_council

    listing_start(actor=actor, nomination_round=nomination_round)
    later = timezone.now() + dt.timedelta(days=nomination_round.listing_days + 1)
    return round_to_council(actor=actor, nomination_round=nomination_round, now=later)
