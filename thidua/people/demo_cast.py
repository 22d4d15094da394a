"""Who is who in the demo's emulation history (shared by the demo loaders of people,
registrations, evidence and achievements, which run in that order).

Five past school years of history for the staff of three schools, and at THCS Trần Bội
Cơ a cast of people whose records make each title's eligibility come out differently for
the year under review (the last finished school year):

- ``star`` (gv.tranboico): CSTĐCS in the two years before the one under review, rated
  HTXSNV with an initiative recognised city-wide and a district teaching prize in it →
  eligible for CSTĐCS, a Bằng khen cấp tỉnh and a Giấy khen; a candidate for CSTĐ cấp tỉnh;
- ``veteran`` (the Toán – Tin department head): a Bằng khen cấp tỉnh already held;
- ``revoked`` (the council member): a CSTĐCS revoked for a false declaration;
- ``weak``: rated "hoàn thành nhiệm vụ" in the year under review → no LĐTT;
- ``disciplined``: a khiển trách decision in the year under review → no LĐTT;
- ``complaint``: a complaint still being verified → deferred;
- ``unregistered``: no emulation registration for the year under review;
- ``mother`` (gvcn.tranboico): maternity leave, which counts as working time;
- ``scholar``: a two-year master's course, complied, result "giỏi";
- ``newcomer``: recruited in February of the year under review (too recent for LĐTT);
- ``mover``: worked at TH Bàu Sen, transferred to THCS Trần Bội Cơ (history kept).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from thidua.accounts.models import User
from thidua.core.vietnamese import person_sort_key, split_full_name
from thidua.org.models import Unit, UnitType

from .models import Gender, Membership, Person, Position, StaffProfile

HISTORY_SCHOOLS = ("THCS-TBC", "THCS-THC", "THPT-NK")
PILOT = "THCS-TBC"
NEWCOMER_CODE = "THCS-TBC-MOI01"
MOVER_CODE = "TH-BAUSEN-CD01"
SCRIPTED = ("weak", "disciplined", "complaint", "unregistered", "scholar")


def school_year_code(day: dt.date) -> str:
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}-{first + 1}"


def shift(code: str, years: int) -> str:
    first = int(code[:4]) + years
    return f"{first}-{first + 1}"


@dataclass
class Cast:
    current: str
    history: list[str]  # five past school years, oldest first; the last is under review
    schools: dict[str, Unit] = field(default_factory=dict)
    staff: dict[str, list[Person]] = field(default_factory=dict)
    roles: dict[str, Person] = field(default_factory=dict)

    @property
    def review(self) -> str:
        """The school year under review: the last finished one (titles not decided yet)."""
        return self.history[-1]

    @property
    def decided(self) -> list[str]:
        """Past years whose titles were already decided."""
        return self.history[:-1]

    def role_of(self, person: Person) -> str | None:
        for name, who in self.roles.items():
            if who.pk == person.pk:
                return name
        return None


def _login_person(username: str) -> Person | None:
    user = User.objects.filter(username=username).select_related("person").first()
    return user.person if user else None


def _new_person(
    full_name: str,
    gender: str,
    born: dt.date,
    code: str,
    title: str,
    hired: dt.date,
) -> Person:
    family, given = split_full_name(full_name)
    person = Person.objects.create(
        full_name=full_name,
        family_middle_name=family,
        given_name=given,
        gender=gender,
        date_of_birth=born,
        sort_key=person_sort_key(family, given),
    )
    StaffProfile.objects.create(
        person=person,
        staff_code=code,
        position=Position.TEACHER,
        job_title=title,
        subject="Toán",
        hired_on=hired,
    )
    return person


def _ensure_newcomer(review: str) -> Person:
    profile = StaffProfile.objects.filter(staff_code=NEWCOMER_CODE).select_related("person").first()
    if profile is not None:
        return profile.person
    hired = dt.date(int(review[:4]) + 1, 2, 16)
    person = _new_person(
        "Lâm Ngọc Hân", Gender.FEMALE, dt.date(2001, 7, 9), NEWCOMER_CODE, "Giáo viên", hired
    )
    school = Unit.objects.get(code=PILOT)
    department = Unit.objects.get(code=f"{PILOT}-TOAN")
    for unit in (school, department):
        Membership.objects.create(
            person=person,
            unit=unit,
            position=Position.TEACHER,
            job_title="Giáo viên",
            start_on=hired,
        )
    return person


def _ensure_mover(review: str) -> Person:
    profile = StaffProfile.objects.filter(staff_code=MOVER_CODE).select_related("person").first()
    if profile is not None:
        return profile.person
    person = _new_person(
        "Quách Thị Diễm My",
        Gender.FEMALE,
        dt.date(1988, 11, 23),
        MOVER_CODE,
        "Giáo viên",
        dt.date(2011, 9, 1),
    )
    moved = dt.date(int(review[:4]), 8, 15)
    old_school = Unit.objects.get(code="TH-BAUSEN")
    old_department = Unit.objects.get(code="TH-BAUSEN-TO4")
    new_school = Unit.objects.get(code=PILOT)
    new_department = Unit.objects.get(code=f"{PILOT}-TOAN")
    for unit in (old_school, old_department):
        Membership.objects.create(
            person=person,
            unit=unit,
            position=Position.TEACHER,
            job_title="Giáo viên",
            start_on=dt.date(2011, 9, 1),
            end_on=moved - dt.timedelta(days=1),
        )
    for unit in (new_school, new_department):
        Membership.objects.create(
            person=person,
            unit=unit,
            position=Position.TEACHER,
            job_title="Giáo viên",
            start_on=moved,
        )
    return person


def build_cast(today: dt.date) -> Cast | None:
    """Find (or add) the people of the demo history; None when the foundation is missing."""
    current = school_year_code(today)
    cast = Cast(current=current, history=[shift(current, -n) for n in range(5, 0, -1)])
    for code in HISTORY_SCHOOLS:
        school = Unit.objects.filter(code=code, type=UnitType.SCHOOL).first()
        if school is None:
            return None
        cast.schools[code] = school
        cast.staff[code] = list(
            Person.objects.filter(
                staff_profile__isnull=False,
                memberships__unit=school,
                memberships__start_on__lte=dt.date(int(cast.history[0][:4]), 9, 5),
            )
            .exclude(staff_profile__staff_code__in=[NEWCOMER_CODE, MOVER_CODE])
            .select_related("staff_profile")
            .distinct()
            .order_by("staff_profile__staff_code")
        )
    for name, username in (
        ("star", "gv.tranboico"),
        ("veteran", "tt.tranboico"),
        ("revoked", "hd.tranboico"),
        ("mother", "gvcn.tranboico"),
    ):
        person = _login_person(username)
        if person is not None:
            cast.roles[name] = person
    taken = {p.pk for p in cast.roles.values()}
    logins = set(User.objects.filter(person__isnull=False).values_list("person_id", flat=True))
    teachers = [
        p
        for p in cast.staff[PILOT]
        if p.staff_profile.position == Position.TEACHER and p.pk not in taken and p.pk not in logins
    ]
    for name, person in zip(SCRIPTED, teachers[1::2], strict=False):
        cast.roles[name] = person
    cast.roles["newcomer"] = _ensure_newcomer(cast.review)
    cast.roles["mover"] = _ensure_mover(cast.review)
    return cast
