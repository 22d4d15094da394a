"""Registration lists as schools keep them: letterhead and title rows, section rows for
individuals and collectives, row numbers written "1.", a totals line and signatures, one
sheet per department. All or nothing, every bad row named with its sheet."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import openpyxl
import pytest
import time_machine

from conftest import make_teacher
from thidua.people.imports import ImportRejected
from thidua.people.tests.sheets import workbook_bytes
from thidua.registrations.imports import apply_registration_plan, plan_registration_import
from thidua.registrations.models import Registration
from thidua.registrations.selectors import registered_titles
from thidua.registrations.services import registration_list_open

pytestmark = pytest.mark.django_db
HEADINGS = [
    "STT",
    "Họ và tên",
    "Ngày sinh",
    "Chức vụ",
    "Tổ chuyên môn",
    "Danh hiệu thi đua đăng ký",
    "Hình thức khen thưởng đăng ký",
    "Tên sáng kiến (nếu có)",
]


@pytest.fixture(autouse=True)
def _september():  # noqa: ANN202
    with time_machine.travel(dt.datetime(2024, 9, 25, 9, 0), tick=False):
        yield


@pytest.fixture
def reg_list(principal, tree, school_year):  # noqa: ANN001, ANN201
    return registration_list_open(
        actor=principal, unit=tree["tbc"], school_year=school_year, deadline=dt.date(2024, 10, 15)
    )


@pytest.fixture
def staff(tree):  # noqa: ANN001, ANN201
    return {
        "han": make_teacher(tree["tbc"], "Nguyễn Thị Ngọc Hân", dept=tree["tbc_math"]),
        "khoi": make_teacher(tree["tbc"], "Trần Minh Khôi", dept=tree["tbc_math"]),
        "lan": make_teacher(tree["tbc"], "Võ Thị Lan", dept=tree["tbc_office"]),
    }


def _merged(ws: Any, text: str, width: int) -> None:
    ws.append([text])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=width)


def _list_sheet(ws: Any, title: str, sections: dict[str, list[list[Any]]]) -> None:
    """Letterhead, title, headings with a row of column numbers, then the rows of each
    section under a merged section row, a totals line and the signatures."""
    width = len(HEADINGS)
    _merged(ws, "TRƯỜNG THCS TRẦN BỘI CƠ", 3)
    _merged(ws, title, width)
    ws.append([])
    ws.append(HEADINGS)
    ws.append([f"({n})" for n in range(1, width + 1)])
    count = 0
    for section, rows in sections.items():
        _merged(ws, section, width)
        for row in rows:
            count += 1
            ws.append([f"{count}.", *row])
    _merged(ws, f"Tổng cộng: {count} đăng ký", width)
    ws.append([])
    ws.append([None, "Người lập biểu", None, None, None, "HIỆU TRƯỞNG"])
    ws.append([None, "(Ký, ghi rõ họ tên)", None, None, None, "(Ký tên, đóng dấu)"])
    ws.append([None, "Lê Văn Tâm", None, None, None, "Phạm Văn Hòa"])


def test_a_registration_list_as_signed_by_the_principal(principal, reg_list, staff, tree):
    # given the school's list: individuals and collectives in two sections, names typed in
    # NFD with extra spaces, birth dates stored as Excel dates, titles and forms in two
    # columns, "Tên sáng kiến (nếu có)" with its hint
    wb = openpyxl.Workbook()
    _list_sheet(
        wb.active,
        "DANH SÁCH ĐĂNG KÝ DANH HIỆU THI ĐUA, HÌNH THỨC KHEN THƯỞNG NĂM HỌC 2024 - 2025",
        {
            "I. CÁ NHÂN": [
                [
                    unicodedata.normalize("NFD", " Nguyễn Thị  Ngọc Hân"),
                    dt.datetime(1985, 4, 12),
                    "Giáo viên",
                    "Toán – Tin",
                    "CSTĐCS",
                    "Giấy khen",
                    "Dạy học STEM lớp 7",
                ],
                ["Trần Minh Khôi", dt.datetime(1985, 4, 12), "Tổ trưởng", "Toán – Tin", "LĐTT"],
            ],
            "II. TẬP THỂ": [["Tổ Toán – Tin", None, None, None, "Tập thể lao động xuất sắc"]],
        },
    )
    # when
    plan = plan_registration_import(data=workbook_bytes(wb), filename="dk.xlsx", reg_list=reg_list)
    assert plan.errors == []
    apply_registration_plan(actor=principal, plan=plan, reg_list=reg_list)
    # then the three registrations, nothing from the sections, totals or signatures
    assert [(r.row, r.full_name) for r in plan.rows] == [
        (7, "Nguyễn Thị Ngọc Hân"),
        (8, "Trần Minh Khôi"),
        (10, "Tổ Toán – Tin"),
    ]
    assert registered_titles(staff["han"], "2024-2025") == {"chien_si_thi_dua_co_so", "giay_khen"}
    assert registered_titles(staff["khoi"], "2024-2025") == {"lao_dong_tien_tien"}
    assert Registration.objects.get(person=staff["han"]).initiative_topic == "Dạy học STEM lớp 7"
    collective = Registration.objects.get(collective=tree["tbc_math"])
    assert [t.title for t in collective.titles.all()] == ["tap_the_lao_dong_xuat_sac"]
    assert Registration.objects.count() == 3


def _department_workbook(math: list[list[Any]], office: list[list[Any]]) -> bytes:
    """One sheet per department, and a sheet of instructions that is not a list."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Hướng dẫn"
    notes.append(["Mỗi tổ ghi danh sách đăng ký vào một trang tính."])
    notes.append(["Danh hiệu: LĐTT, CSTĐCS; hình thức: Giấy khen, Bằng khen."])
    title = "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM HỌC 2024-2025"
    _list_sheet(wb.create_sheet("Tổ Toán – Tin"), title, {"CÁ NHÂN": math})
    _list_sheet(wb.create_sheet("Tổ Văn phòng"), title, {"CÁ NHÂN": office})
    return workbook_bytes(wb)


def test_one_sheet_per_department(principal, reg_list, staff):
    data = _department_workbook(
        [
            ["Nguyễn Thị Ngọc Hân", "12/04/1985", "Giáo viên", "Toán – Tin", "LĐTT"],
            ["Trần Minh Khôi", "12/04/1985", "Giáo viên", "Toán – Tin", "LĐTT"],
        ],
        [["Võ Thị Lan", "12/04/1985", "Kế toán", "Văn phòng", "Lao động tiên tiến"]],
    )
    plan = plan_registration_import(data=data, filename="dk.xlsx", reg_list=reg_list)
    assert plan.errors == []
    assert [(r.sheet, r.row, r.full_name) for r in plan.rows] == [
        ("Tổ Toán – Tin", 7, "Nguyễn Thị Ngọc Hân"),
        ("Tổ Toán – Tin", 8, "Trần Minh Khôi"),
        ("Tổ Văn phòng", 7, "Võ Thị Lan"),
    ]
    apply_registration_plan(actor=principal, plan=plan, reg_list=reg_list)
    assert Registration.objects.count() == 3


def test_bad_rows_on_department_sheets_import_nothing_and_name_sheet_and_row(
    principal, reg_list, staff
):
    # given Khôi on both sheets, an unknown title and a person from another school
    data = _department_workbook(
        [
            ["Nguyễn Thị Ngọc Hân", "12/04/1985", "Giáo viên", "Toán – Tin", "LĐTT"],
            ["Trần Minh Khôi", "12/04/1985", "Giáo viên", "Toán – Tin", "LĐTT"],
        ],
        [
            ["Võ Thị Lan", "12/04/1985", "Kế toán", "Văn phòng", "Lao động giỏi"],
            ["Trần Minh Khôi", "12/04/1985", "Giáo viên", "Văn phòng", "LĐTT"],
            ["Phan Văn Trị", "01/01/1980", "Bảo vệ", "Văn phòng", "LĐTT"],
        ],
    )
    # when
    plan = plan_registration_import(data=data, filename="dk.xlsx", reg_list=reg_list)
    # then
    assert [str(e) for e in plan.errors] == [
        "Trang tính “Tổ Văn phòng”, dòng 7: Không nhận ra danh hiệu, hình thức «Lao động giỏi».",
        "Trang tính “Tổ Văn phòng”, dòng 8: Trùng với dòng 8 của trang tính “Tổ Toán – Tin”.",
        "Trang tính “Tổ Văn phòng”, dòng 9: Không tìm thấy Phan Văn Trị (01/01/1980) trong "
        "danh sách cán bộ của Trường THCS Trần Bội Cơ.",
    ]
    with pytest.raises(ImportRejected):
        apply_registration_plan(actor=principal, plan=plan, reg_list=reg_list)
    assert not Registration.objects.exists()


def test_last_years_list_is_refused(reg_list, staff):
    wb = openpyxl.Workbook()
    _list_sheet(
        wb.active,
        "DANH SÁCH ĐĂNG KÝ THI ĐUA NĂM HỌC 2023-2024",
        {"CÁ NHÂN": [["Trần Minh Khôi", "12/04/1985", "Giáo viên", "Toán – Tin", "LĐTT"]]},
    )
    plan = plan_registration_import(data=workbook_bytes(wb), filename="dk.xlsx", reg_list=reg_list)
    assert [str(e) for e in plan.errors] == [
        "Danh sách ghi năm học 2023-2024 nhưng đợt đăng ký này là của năm học 2024-2025."
    ]
    assert not plan.rows
