"""Movement pages: who sees and runs what; forms keep input on refusal; query counts."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.movements.models import Adoption, Movement, MovementStatus, ProgressEntry
from thidua.movements.services import movement_transition, target_add

from .factories import school_movement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("_case", "persona", "status"),
    [
        ("the launching school's principal", "principal", 200),
        ("a teacher of the school", "teacher", 200),
        ("the district officer above", "district_officer", 200),
        ("another school's principal", "other_principal", 403),
        ("another school's teacher", "other_homeroom_teacher", 403),
        ("a student", "student", 403),
    ],
)
def test_who_may_read_a_school_movement(client, request, principal, tree, _case, persona, status):
    movement = school_movement(principal, tree["tbc"])
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/movements/{movement.pk}/").status_code == status


def test_a_city_movement_is_read_by_the_schools_it_cascaded_to(
    client, doe_officer, other_homeroom_teacher, tree
):
    movement = school_movement(doe_officer, tree["doe"], name="Dạy tốt, học tốt")
    client.force_login(other_homeroom_teacher)
    response = client.get(f"/movements/{movement.pk}/")
    assert response.status_code == 200
    assert "Trường Tiểu học Bàu Sen" in response.content.decode()


def test_a_draft_is_only_seen_by_those_who_manage_it(client, principal, teacher, tree):
    movement = school_movement(principal, tree["tbc"], launch=False)
    client.force_login(teacher)
    assert client.get(f"/movements/{movement.pk}/").status_code == 403
    assert movement.name not in client.get("/movements/").content.decode()
    client.force_login(principal)
    page = client.get(f"/movements/{movement.pk}/").content.decode()
    assert "Phát động" in page


def test_teacher_cannot_launch_or_edit(client, principal, teacher, tree):
    movement = school_movement(principal, tree["tbc"], launch=False)
    client.force_login(teacher)
    assert client.post(f"/movements/{movement.pk}/launch/").status_code == 403
    assert client.get(f"/movements/{movement.pk}/edit/").status_code == 403
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT


def test_create_then_launch_from_the_pages(client, principal, tree):
    client.force_login(principal)
    response = client.post(
        "/movements/new/?unit=THCS-TBC",
        {
            "kind": "campaign",
            "name": "Thi đua chào mừng Ngày Nhà giáo Việt Nam 20/11",
            "start_on": "2024-10-01",
            "end_on": "2024-11-20",
            "participants": ["teacher", "student"],
            "scope": "unit",
            "method": "thematic",
            "award_timing": "at_end",
            "legal_bases": "Luật Thi đua, khen thưởng 2022\nKế hoạch năm học 2024-2025",
        },
    )
    movement = Movement.objects.get()
    assert response["Location"] == f"/movements/{movement.pk}/"
    assert movement.is_campaign is True
    assert movement.legal_basis_list == [
        "Luật Thi đua, khen thưởng 2022",
        "Kế hoạch năm học 2024-2025",
    ]
    # launching without criteria shows what is missing and changes nothing
    page = client.post(f"/movements/{movement.pk}/launch/", follow=True).content.decode()
    assert "Chưa có tiêu chí thi đua nào." in page
    client.post(
        f"/movements/{movement.pk}/criteria/add/?unit=THCS-TBC",
        {"participant": "teacher", "text": "Có tiết dạy tốt chào mừng 20/11", "is_mandatory": "on"},
    )
    client.post(f"/movements/{movement.pk}/launch/")
    movement.refresh_from_db()
    assert movement.status == MovementStatus.ACCEPTING
    assert Adoption.objects.filter(movement=movement).count() == 2


def test_bad_dates_keep_the_form(client, principal, tree):
    client.force_login(principal)
    response = client.post(
        "/movements/new/?unit=THCS-TBC",
        {
            "kind": "standing",
            "name": "Xây dựng trường học xanh – sạch – đẹp",
            "start_on": "2025-05-31",
            "end_on": "2024-09-05",
            "scope": "unit",
            "method": "regular_annual",
            "award_timing": "at_end",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Ngày kết thúc không thể trước ngày bắt đầu." in page
    assert 'value="Xây dựng trường học xanh – sạch – đẹp"' in page
    assert not Movement.objects.exists()


def test_reopen_without_reason_shows_the_message(client, principal, tree):
    movement = school_movement(principal, tree["tbc"])
    movement_transition(actor=principal, movement=movement, to="closed")
    client.force_login(principal)
    response = client.post(f"/movements/{movement.pk}/status/", {"to": "accepting", "reason": ""})
    assert response.status_code == 200
    assert "Phải ghi rõ lý do khi mở lại phong trào." in response.content.decode()
    movement.refresh_from_db()
    assert movement.status == MovementStatus.CLOSED


def test_department_head_adopts_for_the_department(client, principal, tree):
    from conftest import make_teacher, make_user
    from thidua.accounts.models import Role

    movement = school_movement(principal, tree["tbc"])
    head = make_user(
        "tt.toan",
        [(Role.DEPARTMENT_HEAD, tree["tbc_math"]), (Role.STAFF, tree["tbc"])],
        make_teacher(tree["tbc"], "Đặng Quốc Bảo", dept=tree["tbc_math"], title="Tổ trưởng"),
    )
    adoption = Adoption.objects.get(movement=movement, unit=tree["tbc_math"])
    office = Adoption.objects.get(movement=movement, unit=tree["tbc_office"])
    client.force_login(head)
    assert client.get(f"/movements/adoptions/{office.pk}/adopt/").status_code == 403
    response = client.post(
        f"/movements/adoptions/{adoption.pk}/adopt/",
        {"adopted_on": "2024-09-20", "plan_number": "03/KH-TOAN"},
    )
    assert response.status_code == 302
    adoption.refresh_from_db()
    assert adoption.plan_number == "03/KH-TOAN"


def test_progress_form_records_a_value(client, principal, tree):
    movement = school_movement(principal, tree["tbc"])
    target = target_add(
        actor=principal,
        movement=movement,
        unit=tree["tbc"],
        text="Tất cả phòng học có wifi",
        measure="boolean",
    )
    client.force_login(principal)
    response = client.post(
        f"/movements/targets/{target.pk}/",
        {"unit": "THCS-TBC", "recorded_on": "2025-01-10", "value": "1", "period_label": "Học kỳ I"},
    )
    assert response.status_code == 302
    assert ProgressEntry.objects.get().period_label == "Học kỳ I"
    page = client.get(f"/movements/{movement.pk}/").content.decode()
    assert 'value="100"' in page


def test_progress_in_the_future_is_refused_in_the_form(client, principal, tree):
    movement = school_movement(principal, tree["tbc"])
    target = target_add(
        actor=principal, movement=movement, unit=tree["tbc"], text="Wifi", measure="boolean"
    )
    client.force_login(principal)
    future = (dt.date.today() + dt.timedelta(days=3)).isoformat()
    response = client.post(
        f"/movements/targets/{target.pk}/",
        {"unit": "THCS-TBC", "recorded_on": future, "value": "1"},
    )
    assert "Ngày ghi nhận không thể ở tương lai." in response.content.decode()
    assert not ProgressEntry.objects.exists()


def test_movement_list_query_count_does_not_grow(
    client, principal, tree, django_assert_max_num_queries
):
    for i in range(12):
        school_movement(principal, tree["tbc"], name=f"Phong trào thi đua số {i}")
    client.force_login(principal)
    with django_assert_max_num_queries(14):
        response = client.get("/movements/")
    assert response.content.decode().count("/movements/") >= 12


def test_movement_page_query_count(client, principal, tree, django_assert_max_num_queries):
    movement = school_movement(principal, tree["tbc"])
    for i in range(6):
        target_add(
            actor=principal,
            movement=movement,
            unit=tree["tbc"],
            text=f"Chỉ tiêu {i}",
            measure="count",
            target_value=3,
        )
    client.force_login(principal)
    with django_assert_max_num_queries(30):
        response = client.get(f"/movements/{movement.pk}/")
    assert response.status_code == 200


def test_list_filters_with_htmx_return_the_table_only(client, principal, tree):
    school_movement(principal, tree["tbc"], name="Xây dựng trường học hạnh phúc")
    client.force_login(principal)
    response = client.get(
        "/movements/?q=h%E1%BA%A1nh+ph%C3%BAc&status=bogus", HTTP_HX_REQUEST="true"
    )
    page = response.content.decode()
    assert "Xây dựng trường học hạnh phúc" in page and "<html" not in page


def test_edit_plan_from_the_page(client, principal, tree):
    movement = school_movement(principal, tree["tbc"])
    client.force_login(principal)
    form = client.get(f"/movements/{movement.pk}/edit/").content.decode()
    assert 'value="Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập"' in form
    response = client.post(
        f"/movements/{movement.pk}/edit/",
        {
            "kind": "standing",
            "name": "Đổi mới, sáng tạo trong dạy và học",
            "slogan": "Mỗi thầy cô giáo là một tấm gương đạo đức, tự học và sáng tạo",
            "start_on": "2024-09-05",
            "end_on": "2026-05-31",
            "participants": ["teacher", "subject_department"],
            "scope": "unit",
            "method": "regular_annual",
            "award_timing": "in_stages",
        },
    )
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.name == "Đổi mới, sáng tạo trong dạy và học"
    assert movement.duration == "from_1_to_3"
    assert movement.participants == ["subject_department", "teacher"]


def test_movement_page_does_not_query_per_child_plan(client, principal, district_officer, tree):
    # given: a district movement carried out by schools' own plans
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    movement = school_movement(district_officer, tree["district"], name="Phong trào của Phòng")
    school_movement(principal, tree["tbc"], name="Kế hoạch 1 của trường", parent=movement)
    client.force_login(district_officer)

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            page = client.get(f"/movements/{movement.pk}/").content.decode()
        assert "Kế hoạch 1 của trường" in page
        return len(ctx.captured_queries)

    one_child = queries()
    for i in range(2, 6):
        school_movement(principal, tree["tbc"], name=f"Kế hoạch {i} của trường", parent=movement)
    # when / then: four more child plans cost no more queries
    assert queries() == one_child
