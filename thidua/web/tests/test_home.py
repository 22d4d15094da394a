"""Each role's home page shows real data of its own units."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command

from thidua.accounts.models import User
from thidua.demo import load_demo
from thidua.org.models import Unit, UnitType
from thidua.people.models import Enrollment, Person
from thidua.people.services import student_create


@pytest.fixture
def classes_with_students(tree):  # noqa: ANN001, ANN201
    for i, name in enumerate(["Trần Văn Bình", "Nguyễn Thị Ánh", "Lê Văn Anh"]):
        student_create(
            actor=None,
            class_unit=tree["6a1"],
            full_name=name,
            student_code=f"S{i}",
            date_of_birth=dt.date(2013, 1, 1),
        )


def test_principal_sees_departments_classes_staff_and_students(
    client, principal, classes_with_students, teacher
):
    client.force_login(principal)
    page = client.get("/").content.decode()
    assert "Trường THCS Trần Bội Cơ" in page
    assert '<div class="display-6" id="count-students">3</div>' in page
    assert '<div class="display-6" id="count-staff">2</div>' in page
    assert '<div class="display-6" id="count-classes">2</div>' in page
    assert "Tổ Toán – Tin" in page and "6A1" in page and "6A2" in page


def test_district_officer_sees_the_schools_under_the_office(
    client, district_officer, classes_with_students
):
    client.force_login(district_officer)
    page = client.get("/").content.decode()
    assert "Trường THCS Trần Bội Cơ" in page and "Trường Tiểu học Bàu Sen" in page
    assert 'id="school-table"' in page


def test_homeroom_teacher_sees_the_class_in_vietnamese_order(
    client, homeroom_teacher, classes_with_students
):
    client.force_login(homeroom_teacher)
    page = client.get("/").content.decode()
    assert page.index("Lê Văn Anh") < page.index("Nguyễn Thị Ánh") < page.index("Trần Văn Bình")


def test_student_sees_the_class_and_homeroom_teacher(client, student, homeroom_teacher):
    client.force_login(student)
    page = client.get("/").content.decode()
    assert "Chào em Huỳnh Gia Anh!" in page and "Nguyễn Thùy Trang" in page


def test_pages_speak_english_when_asked(client, principal):
    client.force_login(principal)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    page = client.get("/").content.decode()
    assert '<html lang="en">' in page
    assert "Home" in page


def test_demo_loads_every_seed_school_and_is_idempotent(db):
    logins = load_demo(today=dt.date(2024, 10, 1))
    counts = (
        Unit.objects.count(),
        Person.objects.count(),
        User.objects.count(),
        Enrollment.objects.count(),
    )
    load_demo(today=dt.date(2024, 10, 1))
    assert (
        Unit.objects.count(),
        Person.objects.count(),
        User.objects.count(),
        Enrollment.objects.count(),
    ) == counts
    names = set(Unit.objects.filter(type=UnitType.SCHOOL).values_list("name", flat=True))
    assert names == {
        "Trường Tiểu học Bàu Sen",
        "Trường THCS Trần Bội Cơ",
        "Trường THPT Nguyễn Khuyến",
        "Trường THPT Bình Khánh",
        "Trường THCS Tân Hộ Cơ",
    }
    assert Unit.objects.get(code="THCS-THC").path.startswith(Unit.objects.get(code="SGDDT-DT").path)
    sizes = [c.enrollments.count() for c in Unit.objects.filter(type=UnitType.CLASS)]
    assert min(sizes) >= 35 and max(sizes) <= 45
    roles = {login.role for login in logins}
    assert len(roles) == 12  # one demo login per role


def test_demo_command_prints_the_logins(db, capsys):
    call_command("demo")
    out = capsys.readouterr().out
    assert "ht.tranboico" in out and "Thidua@2024" in out


def test_vietnamese_even_when_the_browser_asks_for_english(client, principal):
    client.force_login(principal)
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9").content.decode()
    assert '<html lang="vi">' in page
    assert "Trang chủ" in page
