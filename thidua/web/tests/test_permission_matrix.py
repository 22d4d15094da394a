"""For each role: which pages and actions are allowed, and which are refused.

A role held at a unit reaches that unit and everything below it — and nothing else: a
homeroom teacher of one school sees nothing of another school.
"""

from __future__ import annotations

import pytest

ALLOWED, REFUSED = 200, 403

PERSONAS = [
    "system_admin",
    "doe_officer",
    "district_officer",
    "principal",
    "homeroom_teacher",
    "teacher",
    "student",
    "other_principal",
    "other_homeroom_teacher",
]

# (url, {persona: expected status}) — every persona is listed for every page.
MATRIX = {
    "/org/units/THCS-TBC/": dict(
        system_admin=ALLOWED,
        doe_officer=ALLOWED,
        district_officer=ALLOWED,
        principal=ALLOWED,
        homeroom_teacher=ALLOWED,
        teacher=ALLOWED,
        student=REFUSED,
        other_principal=REFUSED,
        other_homeroom_teacher=REFUSED,
    ),
    "/org/units/THCS-TBC/edit/": dict(
        system_admin=ALLOWED,
        doe_officer=ALLOWED,
        district_officer=ALLOWED,
        principal=ALLOWED,
        homeroom_teacher=REFUSED,
        teacher=REFUSED,
        student=REFUSED,
        other_principal=REFUSED,
        other_homeroom_teacher=REFUSED,
    ),
    "/org/units/THCS-TBC/add/": dict(
        system_admin=ALLOWED,
        doe_officer=ALLOWED,
        district_officer=ALLOWED,
        principal=ALLOWED,
        homeroom_teacher=REFUSED,
        teacher=REFUSED,
        student=REFUSED,
        other_principal=REFUSED,
        other_homeroom_teacher=REFUSED,
    ),
    "/org/units/THCS-TBC-2024-6A1/": dict(
        system_admin=ALLOWED,
        doe_officer=ALLOWED,
        district_officer=ALLOWED,
        principal=ALLOWED,
        homeroom_teacher=ALLOWED,
        teacher=ALLOWED,
        student=REFUSED,
        other_principal=REFUSED,
        other_homeroom_teacher=REFUSED,
    ),
    "/people/units/THCS-TBC-2024-6A1/students/import/": dict(
        system_admin=ALLOWED,
        doe_officer=REFUSED,
        district_officer=REFUSED,
        principal=ALLOWED,
        homeroom_teacher=ALLOWED,
        teacher=REFUSED,
        student=REFUSED,
        other_principal=REFUSED,
        other_homeroom_teacher=REFUSED,
    ),
    "/people/units/THCS-TBC-2024-6A2/students/import/": dict(
        system_admin=ALLOWED,
        doe_officer=REFUSED,
        district_officer=REFUSED,
        principal=ALLOWED,
        homeroom_teacher=REFUSED,
        teacher=REFUSED,
        student=REFUSED,
        other_principal=REFUSED,
        other_homeroom_teacher=REFUSED,
    ),
    "/people/units/THCS-TBC-2024-6A1/students/add/": dict(
        system_admin=ALLOWED,
        doe_officer=REFUSED,
        district_officer=REFUSED,
        principal=ALLOWED,
        homeroom_teacher=ALLOWED,
        teacher=REFUSED,
        student=REFUSED,
        other_principal=REFUSED,
        other_homeroom_teacher=REFUSED,
    ),
    "/people/units/THCS-TBC/students/": dict(
        system_admin=ALLOWED,
        doe_officer=REFUSED,
        district_officer=REFUSED,
        principal=ALLOWED,
        homeroom_teacher=REFUSED,
        teacher=REFUSED,
        student=REFUSED,
        other_principal=REFUSED,
        other_homeroom_teacher=REFUSED,
    ),
    "/people/units/THCS-TBC/staff/import/": dict(
        system_admin=ALLOWED,
        doe_officer=ALLOWED,
        district_officer=ALLOWED,
        principal=ALLOWED,
        homeroom_teacher=REFUSED,
        teacher=REFUSED,
        student=REFUSED,
        other_principal=REFUSED,
        other_homeroom_teacher=REFUSED,
    ),
    "/people/units/THCS-TBC/staff/add/": dict(
        system_admin=ALLOWED,
        doe_officer=ALLOWED,
        district_officer=ALLOWED,
        principal=ALLOWED,
        homeroom_teacher=REFUSED,
        teacher=REFUSED,
        student=REFUSED,
        other_principal=REFUSED,
        other_homeroom_teacher=REFUSED,
    ),
    "/audit/": dict(
        system_admin=ALLOWED,
        doe_officer=REFUSED,
        district_officer=REFUSED,
        principal=ALLOWED,
        homeroom_teacher=REFUSED,
        teacher=REFUSED,
        student=REFUSED,
        other_principal=ALLOWED,
        other_homeroom_teacher=REFUSED,
    ),
    "/org/school-years/": dict(
        system_admin=ALLOWED,
        doe_officer=ALLOWED,
        district_officer=ALLOWED,
        principal=ALLOWED,
        homeroom_teacher=ALLOWED,
        teacher=ALLOWED,
        student=REFUSED,
        other_principal=ALLOWED,
        other_homeroom_teacher=ALLOWED,
    ),
}

CASES = [
    (url, persona, expected[persona]) for url, expected in MATRIX.items() for persona in PERSONAS
]


@pytest.mark.parametrize(
    ("url", "persona", "expected"), CASES, ids=[f"{p}:{u}" for u, p, _ in CASES]
)
def test_page_access(client, request, url, persona, expected):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == expected
    if expected == REFUSED:
        assert "Không có quyền truy cập" in response.content.decode()


@pytest.fixture
def people(tree, principal, homeroom_teacher, teacher, student, other_homeroom_teacher):  # noqa: ANN001
    return {
        "staff": teacher.person,
        "student": student.person,
        "other_staff": other_homeroom_teacher.person,
    }


STAFF_PAGE = dict(
    system_admin=ALLOWED,
    doe_officer=ALLOWED,
    district_officer=ALLOWED,
    principal=ALLOWED,
    homeroom_teacher=ALLOWED,
    teacher=ALLOWED,
    student=REFUSED,
    other_principal=REFUSED,
    other_homeroom_teacher=REFUSED,
)
STUDENT_PAGE = dict(
    system_admin=ALLOWED,
    doe_officer=REFUSED,
    district_officer=REFUSED,
    principal=ALLOWED,
    homeroom_teacher=ALLOWED,
    teacher=REFUSED,
    student=REFUSED,
    other_principal=REFUSED,
    other_homeroom_teacher=REFUSED,
)
STUDENT_EDIT = dict(
    system_admin=ALLOWED,
    doe_officer=REFUSED,
    district_officer=REFUSED,
    principal=ALLOWED,
    homeroom_teacher=ALLOWED,
    teacher=REFUSED,
    student=REFUSED,
    other_principal=REFUSED,
    other_homeroom_teacher=REFUSED,
)
STAFF_EDIT = dict(
    system_admin=ALLOWED,
    doe_officer=ALLOWED,
    district_officer=ALLOWED,
    principal=ALLOWED,
    homeroom_teacher=REFUSED,
    teacher=REFUSED,
    student=REFUSED,
    other_principal=REFUSED,
    other_homeroom_teacher=REFUSED,
)


@pytest.mark.parametrize("persona", PERSONAS)
def test_person_pages(client, request, people, persona):
    user = request.getfixturevalue(persona)
    client.force_login(user)
    staff_status = client.get(f"/people/staff/{people['staff'].pk}/").status_code
    student_status = client.get(f"/people/students/{people['student'].pk}/").status_code
    student_edit = client.get(f"/people/students/{people['student'].pk}/edit/").status_code
    staff_edit = client.get(f"/people/staff/{people['staff'].pk}/edit/").status_code
    assert (staff_status, student_status, student_edit, staff_edit) == (
        STAFF_PAGE[persona],
        STUDENT_PAGE[persona],
        STUDENT_EDIT[persona],
        STAFF_EDIT[persona],
    )


def test_refused_post_changes_nothing(client, tree, teacher, student):
    # given a teacher who is not the homeroom teacher
    client.force_login(teacher)
    # when she tries to rename a student of 6A1
    response = client.post(
        f"/people/students/{student.person.pk}/edit/",
        {"full_name": "Tên Khác", "student_code": "0123456789", "date_of_birth": "2013-05-17"},
    )
    # then she is refused and the student keeps the name
    assert response.status_code == 403
    student.person.refresh_from_db()
    assert student.person.full_name == "Huỳnh Gia Anh"


def test_admin_site_is_for_system_administrators_only(client, system_admin, principal):
    system_admin.is_staff = True
    system_admin.save()
    principal.is_staff = True
    principal.save()
    client.force_login(principal)
    assert client.get("/admin/").status_code == 302
    client.force_login(system_admin)
    assert client.get("/admin/").status_code == 200


def test_anonymous_is_sent_to_login(client, tree):
    response = client.get("/org/units/THCS-TBC/")
    assert response.status_code == 302
    assert response["Location"].startswith("/accounts/login/")
