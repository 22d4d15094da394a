"""Excel import of a unit's registration list: preview, then all or nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

import openpyxl
import pytest
import time_machine
from django.core.files.uploadedfile import SimpleUploadedFile

from conftest import make_teacher
from thidua.people.imports import ImportRejected
from thidua.people.tests.sheets import workbook_bytes
from thidua.registrations.imports import (
    apply_registration_plan,
    parse_titles,
    plan_registration_import,
)
from thidua.registrations.models import Registration, RegistrationStatus
from thidua.registrations.selectors import registered_titles
from thidua.registrations.services import registration_list_open

pytestmark = pytest.mark.django_db
SEPTEMBER = dt.datetime(2024, 9, 25, 9, 0)
HEADINGS = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Chức vụ",
    "Đơn vị/Tổ",
    "Danh hiệu đăng ký",
    "Tên sáng kiến",
]


def sheet(rows: list[list[Any]]) -> bytes:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "TRƯỜNG THCS TRẦN BỘI CƠ"
    ws["A2"] = "DANH SÁCH ĐĂNG KÝ DANH HIỆU THI ĐUA NĂM HỌC 2024 - 2025"
    for col, text in enumerate(HEADINGS, start=1):
        ws.cell(4, col, text)
    for index, row in enumerate(rows, start=1):
        for col, value in enumerate([index, *row], start=1):
            ws.cell(4 + index, col, value)
    return workbook_bytes(wb)


@pytest.fixture
def reg_list(principal, tree, school_year):  # noqa: ANN001, ANN201
    return registration_list_open(
        actor=principal, unit=tree["tbc"], school_year=school_year, deadline=dt.date(2024, 10, 15)
    )


@pytest.fixture
def staff(tree):  # noqa: ANN001, ANN201
    return [
        make_teacher(tree["tbc"], "Nguyễn Thị Ngọc Hân", dept=tree["tbc_math"]),
        make_teacher(tree["tbc"], "Trần Minh Khôi", dept=tree["tbc_math"]),
    ]


GOOD = [
    [
        "Nguyễn Thị Ngọc Hân",
        "12/04/1985",
        "Giáo viên",
        "Tổ Toán – Tin",
        "LĐTT, CSTĐCS",
        "Dạy học STEM lớp 7",
    ],
    ["Trần Minh Khôi", "12/04/1985", "Giáo viên", "Tổ Toán – Tin", "Lao động tiên tiến", ""],
    ["Tổ Toán – Tin", "", "", "", "Tập thể lao động xuất sắc", ""],
]


def test_titles_as_written_in_registration_lists():
    assert parse_titles("LĐTT, CSTĐCS") == (["lao_dong_tien_tien", "chien_si_thi_dua_co_so"], [])
    assert parse_titles("Lao động tiên tiến và Giấy khen") == (
        ["lao_dong_tien_tien", "giay_khen"],
        [],
    )
    assert parse_titles("LĐTT; Khen ngợi") == (["lao_dong_tien_tien"], ["Khen ngợi"])


@time_machine.travel(SEPTEMBER, tick=False)
def test_a_good_list_is_imported_as_accepted(principal, reg_list, staff, tree):
    plan = plan_registration_import(data=sheet(GOOD), filename="dk.xlsx", reg_list=reg_list)
    assert plan.ok, plan.errors
    assert plan.counts["create"] == 3
    apply_registration_plan(actor=principal, plan=plan, reg_list=reg_list)
    assert set(Registration.objects.values_list("status", flat=True)) == {
        RegistrationStatus.ACCEPTED
    }
    assert registered_titles(staff[0], "2024-2025") == {
        "lao_dong_tien_tien",
        "chien_si_thi_dua_co_so",
    }
    assert Registration.objects.get(person=staff[0]).initiative_topic == "Dạy học STEM lớp 7"
    assert (
        Registration.objects.get(collective=tree["tbc_math"]).titles.get().title
        == "tap_the_lao_dong_xuat_sac"
    )


@time_machine.travel(SEPTEMBER, tick=False)
def test_one_bad_row_imports_nothing(principal, reg_list, staff, other_homeroom_teacher):
    rows = [
        *GOOD,
        ["Trần Minh Khôi", "12/04/1985", "Giáo viên", "Tổ Toán – Tin", "Khen ngợi", ""],
        ["Lê Thị Mai", "12/04/1985", "Giáo viên", "", "LĐTT", ""],
        ["Tổ Văn phòng", "", "", "", "Chiến sĩ thi đua cơ sở", ""],
    ]
    plan = plan_registration_import(data=sheet(rows), filename="dk.xlsx", reg_list=reg_list)
    assert [str(e) for e in plan.errors] == [
        "Dòng 8: Không nhận ra danh hiệu, hình thức «Khen ngợi».",
        "Dòng 8: Trùng với dòng 6.",
        "Dòng 9: Không tìm thấy Lê Thị Mai (12/04/1985) trong danh sách cán bộ của Trường THCS Trần Bội Cơ.",
        "Dòng 10: “Chiến sĩ thi đua cơ sở” không dùng cho tập thể.",
    ]
    with pytest.raises(ImportRejected):
        apply_registration_plan(actor=principal, plan=plan, reg_list=reg_list)
    assert not Registration.objects.exists()


def test_after_the_deadline_nothing_is_imported(principal, reg_list, staff):
    with time_machine.travel(dt.datetime(2024, 10, 20, 9, 0), tick=False):
        plan = plan_registration_import(data=sheet(GOOD), filename="dk.xlsx", reg_list=reg_list)
    assert "Đã hết hạn đăng ký thi đua" in str(plan.errors[0])
    assert not plan.rows


@time_machine.travel(SEPTEMBER, tick=False)
def test_import_through_the_pages(client, principal, teacher, reg_list, staff):
    client.force_login(teacher)
    assert client.get(f"/registrations/lists/{reg_list.pk}/import/").status_code == 403
    client.force_login(principal)
    preview = client.post(
        f"/registrations/lists/{reg_list.pk}/import/",
        {"file": SimpleUploadedFile("dk.xlsx", sheet(GOOD))},
    )
    page = preview.content.decode()
    assert "3 đăng ký sẽ được nhập" in page
    job_pk = int(page.split(f"/registrations/lists/{reg_list.pk}/import/")[1].split("/")[0])
    done = client.post(f"/registrations/lists/{reg_list.pk}/import/{job_pk}/confirm/", follow=True)
    assert "Đã nhập 3 đăng ký" in done.content.decode()
    assert Registration.objects.count() == 3
    again = client.post(f"/registrations/lists/{reg_list.pk}/import/{job_pk}/confirm/", follow=True)
    assert "đã được xử lý" in again.content.decode()
    assert Registration.objects.count() == 3
