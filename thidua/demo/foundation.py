"""Demo units, people and logins (issue: foundation).

The HCMC Department of Education with the District 5 office and its two pilot schools of
seed 000, THPT Nguyễn Khuyến (seed 002) and THPT Bình Khánh (seed 003) under the department,
and THCS Tân Hộ Cơ (seed 001) in its own province tree. Loading is idempotent: every row is
looked up by its code first.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from django.utils import timezone

from thidua.accounts.models import Role, RoleAssignment, User
from thidua.core.vietnamese import person_sort_key, split_full_name
from thidua.org.models import SchoolLevel, SchoolYear, Unit, UnitType
from thidua.org.services import default_school_year_dates
from thidua.people.models import (
    Enrollment,
    Gender,
    Membership,
    Person,
    Position,
    StaffProfile,
    StudentProfile,
)

from .names import random_name

DEMO_PASSWORD = "Thidua@2024"
FIRST_YEAR = 2019


@dataclass
class Login:
    username: str
    role: str
    unit: str
    name: str


def school_year_code(day: dt.date) -> str:
    first = day.year if day.month >= 8 else day.year - 1
    return f"{first}-{first + 1}"


def ensure_school_years(until_code: str) -> list[SchoolYear]:
    last_first = int(until_code[:4])
    years = []
    for first in range(FIRST_YEAR, last_first + 1):
        code = f"{first}-{first + 1}"
        year, _ = SchoolYear.objects.get_or_create(
            code=code, defaults=default_school_year_dates(code)
        )
        years.append(year)
    return years


def ensure_unit(code: str, **fields) -> Unit:  # noqa: ANN003
    unit = Unit.objects.filter(code=code).first()
    if unit is not None:
        return unit
    unit = Unit(code=code, **fields)
    unit.save()
    parent_path = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = parent_path.count("/") - 1
    unit.save(update_fields=["path", "depth"])
    return unit


def _person(full_name: str, gender: str, dob: dt.date) -> Person:
    family_middle, given = split_full_name(full_name)
    return Person.objects.create(
        full_name=full_name,
        family_middle_name=family_middle,
        given_name=given,
        gender=gender,
        date_of_birth=dob,
        sort_key=person_sort_key(family_middle, given),
    )


SCHOOLS = [
    # code, name, short, level, parent, place, principal
    (
        "TH-BAUSEN",
        "Trường Tiểu học Bàu Sen",
        "TH Bàu Sen",
        SchoolLevel.PRIMARY,
        "PGDDT-Q5",
        "Quận 5",
        "Trần Thị Thu Hà",
    ),
    (
        "THCS-TBC",
        "Trường THCS Trần Bội Cơ",
        "THCS Trần Bội Cơ",
        SchoolLevel.LOWER_SECONDARY,
        "PGDDT-Q5",
        "Quận 5",
        "Phạm Văn Hòa",
    ),
    (
        "THPT-NK",
        "Trường THPT Nguyễn Khuyến",
        "THPT Nguyễn Khuyến",
        SchoolLevel.UPPER_SECONDARY,
        "SGDDT-HCM",
        "Thành phố Hồ Chí Minh",
        "Nguyễn Duy Tuyển",
    ),
    (
        "THPT-BK",
        "Trường THPT Bình Khánh",
        "THPT Bình Khánh",
        SchoolLevel.UPPER_SECONDARY,
        "SGDDT-HCM",
        "Thành phố Hồ Chí Minh",
        "Ngô Tấn Hưng",
    ),
    (
        "THCS-THC",
        "Trường THCS Tân Hộ Cơ",
        "THCS Tân Hộ Cơ",
        SchoolLevel.LOWER_SECONDARY,
        "PGDDT-TANHONG",
        "Tân Hồng",
        "Lê Văn Tâm",
    ),
]

DEPARTMENTS = {
    SchoolLevel.PRIMARY: [
        ("TO1", "Tổ khối 1", "Tiếng Việt"),
        ("TO2", "Tổ khối 2", "Toán"),
        ("TO3", "Tổ khối 3", "Tiếng Việt"),
        ("TO4", "Tổ khối 4", "Toán"),
        ("TO5", "Tổ khối 5", "Tiếng Việt"),
        ("TOCB", "Tổ Chuyên biệt", "Tiếng Anh"),
    ],
    SchoolLevel.LOWER_SECONDARY: [
        ("TOAN", "Tổ Toán – Tin", "Toán"),
        ("VAN", "Tổ Ngữ văn", "Ngữ văn"),
        ("ANH", "Tổ Tiếng Anh", "Tiếng Anh"),
        ("KHTN", "Tổ Khoa học tự nhiên", "Khoa học tự nhiên"),
        ("KHXH", "Tổ Khoa học xã hội", "Lịch sử và Địa lí"),
        ("NTTC", "Tổ Nghệ thuật – Thể chất", "Giáo dục thể chất"),
    ],
    SchoolLevel.UPPER_SECONDARY: [
        ("TOAN", "Tổ Toán", "Toán"),
        ("LY", "Tổ Vật lý – Công nghệ", "Vật lý"),
        ("HOASINH", "Tổ Hóa – Sinh", "Hóa học"),
        ("VAN", "Tổ Ngữ văn", "Ngữ văn"),
        ("SUDIA", "Tổ Lịch sử – Địa lý – GDKT&PL", "Lịch sử"),
        ("ANH", "Tổ Tiếng Anh", "Tiếng Anh"),
        ("TIN", "Tổ Tin học", "Tin học"),
        ("TDQP", "Tổ Thể dục – GDQP", "Giáo dục thể chất"),
    ],
}
OFFICE_JOBS = [
    "Kế toán",
    "Văn thư",
    "Nhân viên y tế",
    "Nhân viên thư viện",
    "Nhân viên thiết bị",
    "Bảo vệ",
]
CLASSES_PER_GRADE = {
    SchoolLevel.PRIMARY: 2,
    SchoolLevel.LOWER_SECONDARY: 2,
    SchoolLevel.UPPER_SECONDARY: 2,
}


def class_name(level: str, grade: int, index: int) -> str:
    # HCMC primary schools write classes as 1/1, 1/2; secondary schools as 6A1, 10A1.
    return f"{grade}/{index}" if level == SchoolLevel.PRIMARY else f"{grade}A{index}"


def build_units() -> dict[str, Unit]:
    units: dict[str, Unit] = {}
    units["SGDDT-HCM"] = ensure_unit(
        "SGDDT-HCM",
        type=UnitType.DEPARTMENT_OF_EDUCATION,
        name="Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
        short_name="Sở GD&ĐT TP.HCM",
        place_name="Thành phố Hồ Chí Minh",
        address="66 - 68 Lê Thánh Tôn, Quận 1",
    )
    units["PGDDT-Q5"] = ensure_unit(
        "PGDDT-Q5",
        type=UnitType.DISTRICT_OFFICE,
        name="Phòng Giáo dục và Đào tạo Quận 5",
        short_name="Phòng GD&ĐT Quận 5",
        parent=units["SGDDT-HCM"],
        place_name="Quận 5",
    )
    units["SGDDT-DT"] = ensure_unit(
        "SGDDT-DT",
        type=UnitType.DEPARTMENT_OF_EDUCATION,
        name="Sở Giáo dục và Đào tạo tỉnh Đồng Tháp",
        short_name="Sở GD&ĐT Đồng Tháp",
        place_name="Đồng Tháp",
    )
    units["PGDDT-TANHONG"] = ensure_unit(
        "PGDDT-TANHONG",
        type=UnitType.DISTRICT_OFFICE,
        name="Phòng Giáo dục và Đào tạo huyện Tân Hồng",
        short_name="Phòng GD&ĐT Tân Hồng",
        parent=units["SGDDT-DT"],
        place_name="Tân Hồng",
    )
    for code, name, short, level, parent, place, _principal in SCHOOLS:
        units[code] = ensure_unit(
            code,
            type=UnitType.SCHOOL,
            name=name,
            short_name=short,
            school_level=level,
            parent=units[parent],
            place_name=place,
        )
        for dept_code, dept_name, _subject in DEPARTMENTS[level]:
            ensure_unit(
                f"{code}-{dept_code}",
                type=UnitType.SUBJECT_DEPARTMENT,
                name=dept_name,
                parent=units[code],
            )
        ensure_unit(
            f"{code}-VP", type=UnitType.OFFICE_TEAM, name="Tổ Văn phòng", parent=units[code]
        )
    return units


def build_classes(school: Unit, year: SchoolYear) -> list[Unit]:
    grades = {
        SchoolLevel.PRIMARY: range(1, 6),
        SchoolLevel.LOWER_SECONDARY: range(6, 10),
        SchoolLevel.UPPER_SECONDARY: range(10, 13),
    }[SchoolLevel(school.school_level)]
    classes = []
    for grade in grades:
        for index in range(1, CLASSES_PER_GRADE[SchoolLevel(school.school_level)] + 1):
            name = class_name(school.school_level, grade, index)
            code = f"{school.code}-{year.code[:4]}-{name.replace('/', '-')}"
            classes.append(
                ensure_unit(
                    code,
                    type=UnitType.CLASS,
                    name=name,
                    parent=school,
                    school_year=year,
                    grade=grade,
                )
            )
    return classes


def _birth(rng: random.Random, age: int, year_first: int) -> dt.date:
    return dt.date(year_first - age, 1, 1) + dt.timedelta(days=rng.randrange(365))


def build_staff(
    school: Unit, rng: random.Random, principal_name: str, start: dt.date
) -> dict[str, Person]:
    """Leadership, department members and the office team of a school, with memberships."""
    if Membership.objects.filter(unit=school).exists():
        return {}  # already loaded; the logins that use these people exist too
    key_people: dict[str, Person] = {}
    counter = [0]

    def add(
        full_name: str, gender: str, position: str, title: str, dept: Unit | None, subject: str = ""
    ) -> Person:
        counter[0] += 1
        person = _person(full_name, gender, _birth(rng, rng.randint(26, 56), start.year))
        hired = dt.date(rng.randint(1995, 2018), 9, 1)
        StaffProfile.objects.create(
            person=person,
            staff_code=f"{school.code}-CB{counter[0]:03d}",
            position=position,
            job_title=title,
            subject=subject,
            hired_on=hired,
        )
        Membership.objects.create(
            person=person,
            unit=school,
            position=position,
            job_title=title,
            start_on=max(hired, dt.date(2015, 8, 1)),
        )
        if dept is not None:
            Membership.objects.create(
                person=person,
                unit=dept,
                position=position,
                job_title=title,
                start_on=max(hired, dt.date(2015, 8, 1)),
            )
        return person

    depts = list(
        Unit.objects.filter(parent=school, type=UnitType.SUBJECT_DEPARTMENT).order_by("id")
    )
    office = Unit.objects.get(parent=school, type=UnitType.OFFICE_TEAM)
    gender = Gender.FEMALE if principal_name.split()[-2] in ("Thị", "Thu") else Gender.MALE
    key_people["principal"] = add(principal_name, gender, Position.MANAGER, "Hiệu trưởng", None)
    key_people["vice_principal"] = add(
        random_name(rng, "female"), Gender.FEMALE, Position.MANAGER, "Phó Hiệu trưởng", None
    )
    key_people["vice_principal_2"] = add(
        random_name(rng, "male"), Gender.MALE, Position.MANAGER, "Phó Hiệu trưởng", None
    )
    level = SchoolLevel(school.school_level)
    subjects = {f"{school.code}-{c}": subj for c, _n, subj in DEPARTMENTS[level]}
    for dept_index, dept in enumerate(depts):
        size = rng.randint(4, 6)
        for member in range(size):
            g = Gender.FEMALE if rng.random() < 0.7 else Gender.MALE
            title = "Tổ trưởng" if member == 0 else ("Tổ phó" if member == 1 else "Giáo viên")
            person = add(
                random_name(rng, g), g, Position.TEACHER, title, dept, subjects.get(dept.code, "")
            )
            if dept_index == 0 and member == 0:
                key_people["department_head"] = person
            if dept_index == 0 and member == 2:
                key_people["homeroom_teacher"] = person
            if dept_index == 1 and member == 2:
                key_people["union_chair"] = person
            if dept_index == 1 and member == 3:
                key_people["council_member"] = person
            if dept_index == 2 and member == 2:
                key_people["teacher"] = person
    for job in OFFICE_JOBS:
        g = Gender.MALE if job == "Bảo vệ" else Gender.FEMALE
        add(random_name(rng, g), g, Position.STAFF, job, office)
    if level != SchoolLevel.UPPER_SECONDARY:
        key_people["young_pioneers_leader"] = add(
            random_name(rng, "female"),
            Gender.FEMALE,
            Position.TEACHER,
            "Tổng phụ trách Đội",
            office,
        )
    else:
        key_people["young_pioneers_leader"] = add(
            random_name(rng, "male"), Gender.MALE, Position.TEACHER, "Bí thư Đoàn trường", office
        )
    return key_people


def build_students(school: Unit, classes: list[Unit], year: SchoolYear, rng: random.Random) -> None:
    """35–45 students per class, bulk-created (a fixture, not a user action)."""
    existing = set(
        Enrollment.objects.filter(class_unit__in=classes).values_list("class_unit_id", flat=True)
    )
    # Ten digits like the national student database: province (79 HCMC, 87 Đồng Tháp),
    # school number, year, serial.
    province = "87" if school.code == "THCS-THC" else "79"
    number = [row[0] for row in SCHOOLS].index(school.code) + 1
    prefix = f"{province}{number:02d}{year.first_year % 100:02d}"
    serial = StudentProfile.objects.filter(student_code__startswith=prefix).count()
    for class_unit in classes:
        if class_unit.pk in existing:
            continue
        size = rng.randint(35, 45)
        people = []
        for _ in range(size):
            g = Gender.FEMALE if rng.random() < 0.5 else Gender.MALE
            full = random_name(rng, g)
            family_middle, given = split_full_name(full)
            age = class_unit.grade + 6
            people.append(
                Person(
                    full_name=full,
                    family_middle_name=family_middle,
                    given_name=given,
                    gender=g,
                    date_of_birth=dt.date(year.first_year - age, 1, 1)
                    + dt.timedelta(days=rng.randrange(365)),
                    sort_key=person_sort_key(family_middle, given),
                )
            )
        created = Person.objects.bulk_create(people)
        profiles = []
        for person in created:
            serial += 1
            profiles.append(StudentProfile(person=person, student_code=f"{prefix}{serial:04d}"))
        StudentProfile.objects.bulk_create(profiles)
        Enrollment.objects.bulk_create(
            [Enrollment(person=p, class_unit=class_unit, school_year=year) for p in created]
        )


def ensure_login(
    username: str,
    *,
    person: Person | None,
    grants: list[tuple[str, Unit]],
    is_admin: bool = False,
    name: str = "",
) -> User:
    user = User.objects.filter(username=username).first()
    if user is None:
        user = User(username=username, person=person, is_staff=is_admin, is_superuser=is_admin)
        if person is None and name:
            user.last_name = name
        user.set_password(DEMO_PASSWORD)
        user.save()
    for role, unit in grants:
        RoleAssignment.objects.get_or_create(user=user, role=role, unit=unit)
    return user


def load(today: dt.date | None = None) -> list[Login]:
    """Create (or find) the demo tree, people and one login per role; return the logins."""
    today = today or timezone.localdate()
    current = school_year_code(today)
    years = ensure_school_years(current)
    year = years[-1]
    units = build_units()
    logins: list[Login] = []

    def login(
        username: str,
        role: str,
        unit: Unit,
        person: Person | None = None,
        extra: list[tuple[str, Unit]] | None = None,
        **kw,
    ) -> None:  # noqa: ANN003
        user = ensure_login(username, person=person, grants=[(role, unit), *(extra or [])], **kw)
        logins.append(Login(username, str(Role(role).label), unit.name, user.get_full_name()))

    admin_user = ensure_login(
        "admin",
        person=None,
        is_admin=True,
        name="Quản trị hệ thống",
        grants=[(Role.SYSTEM_ADMIN, units["SGDDT-HCM"]), (Role.SYSTEM_ADMIN, units["SGDDT-DT"])],
    )
    logins.append(
        Login(
            "admin",
            str(Role.SYSTEM_ADMIN.label),
            "Sở GD&ĐT TP.HCM, Sở GD&ĐT Đồng Tháp",
            admin_user.get_full_name(),
        )
    )
    officer = Person.objects.filter(full_name="Lê Minh Khoa", staff_profile__isnull=False).first()
    if officer is None:
        officer = _person("Lê Minh Khoa", Gender.MALE, dt.date(1980, 3, 14))
        StaffProfile.objects.create(
            person=officer, position=Position.MANAGER, job_title="Chuyên viên Văn phòng Sở"
        )
        Membership.objects.create(
            person=officer,
            unit=units["SGDDT-HCM"],
            position=Position.MANAGER,
            job_title="Chuyên viên",
            start_on=dt.date(2012, 9, 1),
        )
    login("so.chuyenvien", Role.DOE_OFFICER, units["SGDDT-HCM"], officer)
    district = Person.objects.filter(full_name="Ngô Kim Phụng").first()
    if district is None:
        district = _person("Ngô Kim Phụng", Gender.FEMALE, dt.date(1982, 7, 2))
        StaffProfile.objects.create(
            person=district,
            position=Position.MANAGER,
            job_title="Chuyên viên Phòng Giáo dục và Đào tạo",
        )
        Membership.objects.create(
            person=district,
            unit=units["PGDDT-Q5"],
            position=Position.MANAGER,
            job_title="Chuyên viên",
            start_on=dt.date(2014, 9, 1),
        )
    login("pgd.quan5", Role.DISTRICT_OFFICER, units["PGDDT-Q5"], district)
    start = year.start_on
    short = {
        "TH-BAUSEN": "bausen",
        "THCS-TBC": "tranboico",
        "THPT-NK": "nguyenkhuyen",
        "THPT-BK": "binhkhanh",
        "THCS-THC": "tanhoco",
    }
    for code, _n, _s, _level, _p, _place, principal in SCHOOLS:
        school = units[code]
        rng = random.Random(code)
        key = build_staff(school, rng, principal, start)
        classes = build_classes(school, year)
        build_students(school, classes, year, random.Random(code + year.code))
        tag = short[code]
        staff_role = [(Role.STAFF, school)]
        login(f"ht.{tag}", Role.PRINCIPAL, school, key.get("principal"), staff_role)
        if code != "THCS-TBC":
            continue
        # The full set of roles at THCS Trần Bội Cơ, the demo school of the pilot.
        dept = Unit.objects.get(code=f"{code}-TOAN")
        first_class = classes[0]
        login(f"pht.{tag}", Role.VICE_PRINCIPAL, school, key.get("vice_principal"), staff_role)
        login(f"hd.{tag}", Role.COUNCIL_MEMBER, school, key.get("council_member"), staff_role)
        login(f"tt.{tag}", Role.DEPARTMENT_HEAD, dept, key.get("department_head"), staff_role)
        login(
            f"gvcn.{tag}",
            Role.HOMEROOM_TEACHER,
            first_class,
            key.get("homeroom_teacher"),
            staff_role,
        )
        login(f"cd.{tag}", Role.UNION_CHAIR, school, key.get("union_chair"), staff_role)
        login(
            f"tpt.{tag}",
            Role.YOUNG_PIONEERS_LEADER,
            school,
            key.get("young_pioneers_leader"),
            staff_role,
        )
        login(f"gv.{tag}", Role.STAFF, school, key.get("teacher"))
        student = (
            Person.objects.filter(enrollments__class_unit=first_class).order_by("sort_key").first()
        )
        login(f"hs.{tag}", Role.STUDENT, first_class, student)
    return logins
