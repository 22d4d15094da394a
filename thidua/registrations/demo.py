"""Demo registrations: locked lists for the five past years (everyone registered except
one member of the cast in the year under review) and, for the current school year, open
lists with accepted registrations, one returned with its reason and one still a draft."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from thidua.org.models import SchoolYear, Unit, UnitType
from thidua.people.demo import rating_of
from thidua.people.demo_cast import MOVER_CODE, NEWCOMER_CODE, PILOT, Cast, build_cast
from thidua.people.models import Person

from .models import ListStatus, RegisteredTitle, Registration, RegistrationList, RegistrationStatus

REGISTRATION_SCHOOLS = ("THCS-TBC", "THCS-THC", "THPT-NK", "TH-BAUSEN")
GOALS = {
    "lao_dong_tien_tien": "Hoàn thành tốt nhiệm vụ được giao; tích cực tham gia các phong trào thi đua.",
    "chien_si_thi_dua_co_so": (
        "Hoàn thành xuất sắc nhiệm vụ; có sáng kiến được Hội đồng sáng kiến cấp cơ sở công nhận; "
        "100% học sinh lớp chủ nhiệm xếp loại rèn luyện Khá trở lên."
    ),
}
CSTDCS_CAST = {"star", "veteran", "complaint", "scholar", "revoked"}


def _at(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime(day.year, day.month, day.day, hour, 0))


def _titles_for(cast: Cast, person: Person, year: str) -> list[str]:
    role = cast.role_of(person)
    code = person.staff_profile.staff_code or str(person.pk)
    titles = ["lao_dong_tien_tien"]
    if role in CSTDCS_CAST or (
        role is None
        and rating_of(cast, code, None, year) == "htxsnv"
        and random.Random(code).random() < 0.5
    ):
        titles.append("chien_si_thi_dua_co_so")
    if role == "star" and year == cast.review:
        titles.append("bang_khen_cap_tinh")
    return titles


def _people_of(cast: Cast, school: Unit) -> list[Person]:
    """The school's long-standing staff (the newcomer and the mover are added by year)."""
    if school.code in cast.staff:
        return cast.staff[school.code]
    return list(
        Person.objects.filter(staff_profile__isnull=False, memberships__unit=school)
        .exclude(staff_profile__staff_code__in=[MOVER_CODE, NEWCOMER_CODE])
        .select_related("staff_profile")
        .distinct()
        .order_by("staff_profile__staff_code")
    )


def _past_lists(cast: Cast, years: dict[str, SchoolYear]) -> None:
    mover = cast.roles.get("mover")
    newcomer = cast.roles.get("newcomer")
    moved_year = cast.review  # the mover joined the pilot school for the year under review
    for code in REGISTRATION_SCHOOLS:
        school = Unit.objects.get(code=code)
        people = _people_of(cast, school)
        departments = list(
            Unit.objects.filter(
                parent=school, type__in=[UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM]
            )
        )
        for year_code, year in years.items():
            deadline = dt.date(year.start_on.year, 10, 15)
            reg_list = RegistrationList.objects.create(
                unit=school,
                school_year=year,
                deadline=deadline,
                status=ListStatus.LOCKED,
                consolidated_at=_at(deadline + dt.timedelta(days=10)),
                locked_at=_at(deadline + dt.timedelta(days=12)),
            )
            members = list(people)
            if code == PILOT and year_code == moved_year:
                members += [p for p in (mover, newcomer) if p is not None]
            if code == "TH-BAUSEN" and mover is not None and year_code != moved_year:
                members.append(mover)
            rows: list[tuple[Registration, list[str]]] = []
            for person in members:
                if person == cast.roles.get("unregistered") and year_code == cast.review:
                    continue
                titles = _titles_for(cast, person, year_code)
                rows.append(
                    (
                        Registration(
                            registration_list=reg_list,
                            school_year=year,
                            person=person,
                            goals=GOALS[titles[min(1, len(titles) - 1)]],
                            status=RegistrationStatus.ACCEPTED,
                            submitted_at=_at(deadline - dt.timedelta(days=12)),
                            accepted_at=_at(deadline - dt.timedelta(days=5)),
                        ),
                        titles,
                    )
                )
            for department in departments:
                titles = ["tap_the_lao_dong_tien_tien"]
                if department.code == f"{PILOT}-TOAN":
                    titles = ["tap_the_lao_dong_xuat_sac"]
                rows.append(
                    (
                        Registration(
                            registration_list=reg_list,
                            school_year=year,
                            collective=department,
                            goals="Tập thể hoàn thành tốt nhiệm vụ; 100% thành viên đạt Lao động tiên tiến.",
                            status=RegistrationStatus.ACCEPTED,
                            submitted_at=_at(deadline - dt.timedelta(days=12)),
                            accepted_at=_at(deadline - dt.timedelta(days=5)),
                        ),
                        titles,
                    )
                )
            _save(rows)


def _save(rows: list[tuple[Registration, list[str]]]) -> None:
    created = Registration.objects.bulk_create([r for r, _t in rows])
    RegisteredTitle.objects.bulk_create(
        [
            RegisteredTitle(registration=r, title=t)
            for r, (_row, titles) in zip(created, rows, strict=True)
            for t in titles
        ]
    )


def _current_lists(cast: Cast, year: SchoolYear) -> None:
    deadline = dt.date(year.start_on.year, 10, 15)
    for code in ("THCS-TBC", "THCS-THC", "THPT-NK"):
        school = Unit.objects.get(code=code)
        reg_list = RegistrationList.objects.create(
            unit=school,
            school_year=year,
            deadline=deadline,
            note="Cá nhân, tập thể đăng ký danh hiệu thi đua và mục tiêu phấn đấu đầu năm học.",
        )
        people = _people_of(cast, school)
        if code == PILOT:
            people = people + [cast.roles["newcomer"], cast.roles["mover"]]
        rows: list[tuple[Registration, list[str]]] = []
        rng = random.Random(f"{code}|{year.code}")
        for index, person in enumerate(people):
            role = cast.role_of(person)
            if role is None and rng.random() < 0.2:
                continue  # not everyone has registered yet
            titles = _titles_for(cast, person, cast.review)
            fields: dict[str, Any] = {
                "registration_list": reg_list,
                "school_year": year,
                "person": person,
                "goals": GOALS[titles[min(1, len(titles) - 1)]],
                "status": RegistrationStatus.ACCEPTED,
                "submitted_at": _at(deadline - dt.timedelta(days=15)),
                "accepted_at": _at(deadline - dt.timedelta(days=3)),
            }
            if role == "star":
                fields["initiative_topic"] = (
                    "Ứng dụng trí tuệ nhân tạo tạo câu hỏi ôn tập Toán 6 theo năng lực"
                )
            if role == "weak":
                fields.update(
                    status=RegistrationStatus.RETURNED,
                    accepted_at=None,
                    returned_at=_at(deadline - dt.timedelta(days=2)),
                    return_reason=(
                        "Đăng ký Chiến sĩ thi đua cơ sở cần ghi tên sáng kiến và mục tiêu cụ thể; đề nghị "
                        "bổ sung và gửi lại."
                    ),
                )
                titles = ["lao_dong_tien_tien", "chien_si_thi_dua_co_so"]
            if role == "disciplined":
                fields.update(status=RegistrationStatus.DRAFT, submitted_at=None, accepted_at=None)
            if role is None and index % 9 == 4:
                fields.update(status=RegistrationStatus.SUBMITTED, accepted_at=None)
            rows.append((Registration(**fields), titles))
        office = Unit.objects.filter(parent=school, type=UnitType.OFFICE_TEAM).first()
        if office is not None:
            rows.append(
                (
                    Registration(
                        registration_list=reg_list,
                        school_year=year,
                        collective=office,
                        goals="Phục vụ tốt công tác dạy và học; không để xảy ra sai sót về hồ sơ, sổ sách.",
                        status=RegistrationStatus.SUBMITTED,
                        submitted_at=_at(deadline - dt.timedelta(days=6)),
                    ),
                    ["tap_the_lao_dong_tien_tien"],
                )
            )
        _save(rows)


def load(today: dt.date) -> list:
    """Load the demo registrations; returns no new logins."""
    cast = build_cast(today)
    if (
        cast is None
        or RegistrationList.objects.filter(
            unit__code=PILOT, school_year_id=cast.history[0]
        ).exists()
    ):
        return []
    years = {y.code: y for y in SchoolYear.objects.filter(code__in=cast.history).order_by("code")}
    current = SchoolYear.objects.filter(code=cast.current).first()
    if len(years) != len(cast.history) or current is None:
        return []
    _past_lists(cast, years)
    _current_lists(cast, current)
    return []
