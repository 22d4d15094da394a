"""Demo yearly records: five years of ratings for the staff and collectives of three
schools, and the discipline, pending matters, leave, training and transfer of the cast
(see demo_cast.py). Written in bulk; loading twice changes nothing."""

from __future__ import annotations

import datetime as dt
import random

from thidua.org.models import SchoolYear, Unit, UnitType

from .demo_cast import PILOT, Cast, build_cast
from .models import Membership
from .record_selectors import WORKPLACE_TYPES
from .records import (
    AnnualRating,
    DisciplineRecord,
    LeaveRecord,
    PendingMatter,
    RecordSource,
    TrainingRecord,
    TransferComment,
)

# Ratings the cast must have, by year offset from the year under review (0 = under review).
CAST_RATINGS: dict[str, dict[int, str]] = {
    "star": {0: "htxsnv", -1: "htxsnv", -2: "htxsnv", -3: "httnv", -4: "httnv"},
    "veteran": {0: "htxsnv", -1: "htxsnv", -2: "httnv", -3: "htxsnv", -4: "htxsnv"},
    "revoked": {0: "httnv", -1: "httnv", -2: "htxsnv", -3: "httnv", -4: "httnv"},
    "weak": {0: "htnv", -1: "httnv", -2: "httnv"},
    "disciplined": {0: "httnv", -1: "htxsnv"},
    "complaint": {0: "htxsnv", -1: "htxsnv", -2: "httnv"},
    "unregistered": {0: "httnv"},
    "mother": {0: "httnv", -1: "httnv"},
    "scholar": {0: "htxsnv", -1: "httnv", -2: "httnv"},
    "newcomer": {0: "httnv"},
    "mover": {0: "htxsnv", -1: "httnv", -2: "httnv", -3: "htxsnv", -4: "httnv"},
}


def generic_rating(code: str, year: str) -> str:
    """A stable, plausible rating for anyone not in the cast."""
    draw = random.Random(f"{code}|{year}").random()
    if draw < 0.28:
        return "htxsnv"
    if draw < 0.92:
        return "httnv"
    return "htnv"


def rating_of(cast: Cast, person_code: str, role: str | None, year: str) -> str | None:
    offset = cast.history.index(year) - (len(cast.history) - 1)
    if role in CAST_RATINGS:
        return CAST_RATINGS[role].get(offset) or generic_rating(person_code, year)
    return generic_rating(person_code, year)


def _workplace(memberships: list, year: SchoolYear) -> Unit | None:
    for m in memberships:
        if (
            m.unit.type in WORKPLACE_TYPES
            and m.start_on <= year.end_on
            and (m.end_on is None or m.end_on >= year.end_on)
        ):
            return m.unit
    return None


def _ratings(cast: Cast, years: dict[str, SchoolYear]) -> None:
    people = {p.pk: p for staff in cast.staff.values() for p in staff}
    for role in ("newcomer", "mover"):
        people[cast.roles[role].pk] = cast.roles[role]
    by_person: dict[int, list[Membership]] = {pid: [] for pid in people}
    for m in Membership.objects.filter(person_id__in=list(people)).select_related("unit"):
        by_person[m.person_id].append(m)
    rows = []
    for person in people.values():
        memberships = sorted(by_person[person.pk], key=lambda m: m.start_on, reverse=True)
        role = cast.role_of(person)
        for code, year in years.items():
            unit = _workplace(memberships, year)
            if unit is None:
                continue
            rows.append(
                AnnualRating(
                    person=person,
                    school_year=year,
                    rating=rating_of(
                        cast, person.staff_profile.staff_code or str(person.pk), role, code
                    ),
                    unit=unit,
                    source=RecordSource.IMPORTED if code != cast.review else RecordSource.ENTERED,
                )
            )
    AnnualRating.objects.bulk_create(rows)
    collectives = Unit.objects.filter(
        parent__in=cast.schools.values(),
        type__in=[UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM],
    ).select_related("parent")
    crows = []
    for unit in collectives:
        for code, year in years.items():
            draw = random.Random(f"{unit.code}|{code}").random()
            crows.append(
                AnnualRating(
                    collective=unit,
                    school_year=year,
                    rating="htxsnv" if draw < 0.35 or unit.code == f"{PILOT}-TOAN" else "httnv",
                    unit=unit.parent,
                    source=RecordSource.IMPORTED,
                )
            )
    for school in cast.schools.values():
        for year in years.values():
            crows.append(
                AnnualRating(
                    collective=school,
                    school_year=year,
                    rating="htxsnv",
                    unit=school.parent,
                    source=RecordSource.IMPORTED,
                )
            )
    AnnualRating.objects.bulk_create(crows)


def _events(cast: Cast) -> None:
    school = cast.schools[PILOT]
    review_end = int(cast.review[:4]) + 1
    roles = cast.roles
    if "disciplined" in roles:
        DisciplineRecord.objects.create(
            person=roles["disciplined"],
            level="khien_trach",
            decided_on=dt.date(review_end, 3, 10),
            decision_number=f"18/QĐ-THCSTBC/{review_end}",
            issued_by="Hiệu trưởng Trường THCS Trần Bội Cơ",
            reason="Vi phạm quy định về dạy thêm, học thêm",
            unit=school,
        )
    if "complaint" in roles:
        PendingMatter.objects.create(
            person=roles["complaint"],
            kind="complaint",
            opened_on=dt.date(review_end, 4, 20),
            reference=f"Đơn thư ngày 18/4/{review_end} của phụ huynh lớp 8A2",
            note="Phản ánh về việc chấm điểm kiểm tra cuối học kỳ II; đang xác minh.",
            unit=school,
        )
    if "weak" in roles:
        PendingMatter.objects.create(
            person=roles["weak"],
            kind="inspection",
            opened_on=dt.date(review_end - 2, 10, 2),
            closed_on=dt.date(review_end - 2, 12, 15),
            reference="Kế hoạch thanh tra chuyên môn của Phòng GD&ĐT Quận 5",
            note="Thanh tra hoạt động sư phạm",
            outcome="Không phát hiện vi phạm",
            unit=school,
        )
    if "mother" in roles:
        LeaveRecord.objects.create(
            person=roles["mother"],
            kind="maternity",
            start_on=dt.date(review_end, 1, 5),
            end_on=dt.date(review_end, 7, 4),
            note="Nghỉ thai sản theo chế độ",
        )
    if "scholar" in roles:
        TrainingRecord.objects.create(
            person=roles["scholar"],
            program="Thạc sĩ Lý luận và phương pháp dạy học bộ môn Toán",
            institution="Trường Đại học Sư phạm Thành phố Hồ Chí Minh",
            start_on=dt.date(review_end - 3, 9, 1),
            end_on=dt.date(review_end - 1, 8, 31),
            complied=True,
            result="gioi",
        )
    mover = roles.get("mover")
    if mover is not None:
        moved = dt.date(int(cast.review[:4]), 8, 15)
        TransferComment.objects.get_or_create(
            person=mover,
            from_unit=Unit.objects.get(code="TH-BAUSEN"),
            transferred_on=moved,
            defaults={
                "to_unit": school,
                "commented_on": moved + dt.timedelta(days=5),
                "comment": (
                    "Trong thời gian công tác tại trường (2011 – "
                    f"{moved.year}), đồng chí luôn hoàn thành tốt nhiệm vụ, nhiệt tình, có tinh "
                    "thần trách nhiệm, đạt Lao động tiên tiến nhiều năm liền."
                ),
            },
        )


def load(today: dt.date) -> list:
    """Load five years of ratings and the cast's events; returns no new logins."""
    cast = build_cast(today)
    if cast is None:
        return []
    years = {y.code: y for y in SchoolYear.objects.filter(code__in=cast.history)}
    if len(years) != len(cast.history):
        return []
    if AnnualRating.objects.filter(
        person=cast.roles.get("star"), school_year_id=cast.history[0]
    ).exists():
        return []
    _ratings(cast, dict(sorted(years.items())))
    _events(cast)
    return []
