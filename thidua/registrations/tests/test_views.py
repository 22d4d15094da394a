"""Registration pages: register, decide, consolidate; the upper unit's summary."""

from __future__ import annotations

import datetime as dt
import re

import pytest
import time_machine

from conftest import make_teacher
from thidua.registrations.models import Registration, RegistrationStatus
from thidua.registrations.services import (
    registration_accept,
    registration_create,
    registration_list_open,
    registration_submit,
)

pytestmark = pytest.mark.django_db
SEPTEMBER = dt.datetime(2024, 9, 20, 9, 0)


@pytest.fixture
def reg_list(principal, tree, school_year):  # noqa: ANN001, ANN201
    return registration_list_open(
        actor=principal, unit=tree["tbc"], school_year=school_year, deadline=dt.date(2024, 10, 15)
    )


@time_machine.travel(SEPTEMBER, tick=False)
def test_a_teacher_registers_from_her_page(client, teacher, reg_list):
    client.force_login(teacher)
    home = client.get("/registrations/").content.decode()
    assert "đang nhận đăng ký thi đua năm học 2024-2025" in home
    response = client.post(
        f"/registrations/lists/{reg_list.pk}/new/",
        {
            "titles": ["lao_dong_tien_tien"],
            "goals": "Hoàn thành tốt nhiệm vụ",
            "initiative_topic": "",
        },
    )
    registration = Registration.objects.get()
    assert response["Location"] == f"/registrations/{registration.pk}/"
    client.post(f"/registrations/{registration.pk}/submit/")
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


@time_machine.travel(dt.datetime(2024, 10, 16, 9, 0), tick=False)
def test_registering_after_the_deadline_shows_the_message_and_keeps_the_form(
    client, teacher, reg_list
):
    client.force_login(teacher)
    response = client.post(
        f"/registrations/lists/{reg_list.pk}/new/",
        {"titles": ["lao_dong_tien_tien"], "goals": "Phấn đấu đạt Lao động tiên tiến"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Đã hết hạn đăng ký thi đua năm học 2024-2025" in page
    assert "Phấn đấu đạt Lao động tiên tiến" in page
    assert not Registration.objects.exists()


@time_machine.travel(SEPTEMBER, tick=False)
def test_a_teacher_cannot_register_a_colleague(client, teacher, homeroom_teacher, reg_list):
    client.force_login(teacher)
    response = client.post(
        f"/registrations/lists/{reg_list.pk}/new/?person={homeroom_teacher.person.pk}",
        {"titles": ["lao_dong_tien_tien"]},
    )
    assert response.status_code == 403
    assert not Registration.objects.exists()


@time_machine.travel(SEPTEMBER, tick=False)
def test_the_principal_returns_with_a_reason_from_the_list(client, principal, teacher, reg_list):
    registration = registration_create(
        actor=teacher, reg_list=reg_list, person=teacher.person, titles=["chien_si_thi_dua_co_so"]
    )
    registration_submit(actor=teacher, registration=registration)
    client.force_login(principal)
    page = client.get(f"/registrations/lists/{reg_list.pk}/").content.decode()
    assert "Huỳnh Thu My" in page and "Trả lại" in page
    response = client.post(f"/registrations/{registration.pk}/return/", {"reason": ""})
    assert response.status_code == 200
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED
    client.post(
        f"/registrations/{registration.pk}/return/",
        {"reason": "Chưa ghi tên sáng kiến đăng ký cho danh hiệu CSTĐCS."},
    )
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.RETURNED
    client.force_login(teacher)
    detail = client.get(f"/registrations/{registration.pk}/").content.decode()
    assert "Chưa ghi tên sáng kiến đăng ký" in detail
    assert "Gửi lại" in detail


@pytest.mark.parametrize(
    ("_case", "persona", "status"),
    [
        ("the principal", "principal", 200),
        ("a teacher of the school", "teacher", 200),
        ("the district officer", "district_officer", 200),
        ("another school's principal", "other_principal", 403),
        ("another school's teacher", "other_homeroom_teacher", 403),
        ("a student", "student", 403),
    ],
)
def test_who_reads_a_unit_list(client, request, reg_list, _case, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/registrations/lists/{reg_list.pk}/").status_code == status


def test_teacher_cannot_accept(client, teacher, homeroom_teacher, reg_list):
    with time_machine.travel(SEPTEMBER, tick=False):
        registration = registration_create(
            actor=homeroom_teacher,
            reg_list=reg_list,
            person=homeroom_teacher.person,
            titles=["lao_dong_tien_tien"],
        )
        registration_submit(actor=homeroom_teacher, registration=registration)
    client.force_login(teacher)
    assert client.post(f"/registrations/{registration.pk}/accept/").status_code == 403
    registration.refresh_from_db()
    assert registration.status == RegistrationStatus.SUBMITTED


@time_machine.travel(SEPTEMBER, tick=False)
def test_the_district_sees_the_consolidated_counts_of_its_schools(
    client, district_officer, principal, other_principal, teacher, tree, school_year, reg_list
):
    # given: Trần Bội Cơ has one accepted and one waiting; Bàu Sen has not opened
    accepted = registration_create(
        actor=teacher,
        reg_list=reg_list,
        person=teacher.person,
        titles=["lao_dong_tien_tien", "chien_si_thi_dua_co_so"],
    )
    registration_submit(actor=teacher, registration=accepted)
    registration_accept(actor=principal, registration=accepted)
    registration_create(
        actor=principal, reg_list=reg_list, person=principal.person, titles=["lao_dong_tien_tien"]
    )
    # when
    client.force_login(district_officer)
    page = client.get("/registrations/summary/?unit=PGDDT-Q5&year=2024-2025").content.decode()
    # then
    assert "Trường THCS Trần Bội Cơ" in page and "Trường Tiểu học Bàu Sen" in page
    assert "Chưa mở đăng ký" in page
    assert "CSTĐCS" in page
    client.force_login(teacher)
    assert client.get("/registrations/summary/?unit=PGDDT-Q5").status_code == 403


def test_list_page_query_count(client, principal, tree, reg_list, django_assert_max_num_queries):
    with time_machine.travel(SEPTEMBER, tick=False):
        for i in range(15):
            person = make_teacher(tree["tbc"], f"Lê Thị Hồng {i}", dept=tree["tbc_math"])
            registration_create(
                actor=principal, reg_list=reg_list, person=person, titles=["lao_dong_tien_tien"]
            )
            make_teacher(tree["tbc"], f"Trương Văn Nam {i}", dept=tree["tbc_math"])
    client.force_login(principal)
    with time_machine.travel(SEPTEMBER, tick=False), django_assert_max_num_queries(16):
        response = client.get(f"/registrations/lists/{reg_list.pk}/")
    page = response.content.decode()
    assert page.count("Lê Thị Hồng") >= 15 and page.count("Trương Văn Nam") >= 15


def test_record_page_shows_the_registered_years(client, principal, teacher, reg_list):
    with time_machine.travel(SEPTEMBER, tick=False):
        registration = registration_create(
            actor=teacher, reg_list=reg_list, person=teacher.person, titles=["lao_dong_tien_tien"]
        )
        registration_submit(actor=teacher, registration=registration)
        registration_accept(actor=principal, registration=registration)
    client.force_login(principal)
    page = client.get(f"/achievements/people/{teacher.person.pk}/").content.decode()
    assert "Đăng ký thi đua" in page
    assert "Đã đăng ký và được duyệt" in page


def test_list_page_checks_every_unregistered_person_in_one_query(
    client, principal, tree, reg_list, django_assert_max_num_queries
):
    # given: more staff who have not registered than the page used to prime (300)
    with time_machine.travel(SEPTEMBER, tick=False):
        for i in range(310):
            make_teacher(tree["tbc"], f"Trương Văn Nam {i:03d}")
    client.force_login(principal)
    # when
    with time_machine.travel(SEPTEMBER, tick=False), django_assert_max_num_queries(14):
        response = client.get(f"/registrations/lists/{reg_list.pk}/")
    # then: the page lists the first 200 whom the principal may register
    page = response.content.decode()
    assert page.count("?person=") == 200


def test_a_registered_collective_is_not_offered_again_under_a_status_filter(
    client, principal, tree, reg_list
):
    # given: the maths department has a draft registration
    with time_machine.travel(SEPTEMBER, tick=False):
        registration_create(
            actor=principal,
            reg_list=reg_list,
            collective=tree["tbc_math"],
            titles=["tap_the_lao_dong_xuat_sac"],
        )
    client.force_login(principal)
    # when: the list is filtered on accepted registrations
    with time_machine.travel(SEPTEMBER, tick=False):
        page = client.get(f"/registrations/lists/{reg_list.pk}/?status=accepted").content.decode()
    # then: the department is not offered a second registration; its siblings still are
    offered = set(re.findall(r"\?collective=([\w-]+)", page))
    assert tree["tbc_math"].code not in offered
    assert offered
