"""More sheet shapes that school software (SMAS, vnEdu, CSDL ngành) and teachers really make."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from typing import Any

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command

from thidua.people.imports import (
    ImportRejected,
    import_staff,
    import_students,
    plan_staff_import,
    plan_student_import,
)
from thidua.people.models import Enrollment, Membership, Person, Position, StaffProfile

from .sheets import workbook_bytes


def _students(tree, data, **kw):  # noqa: ANN001, ANN202
    return import_students(
        actor=None,
        data=data,
        filename="ds.xlsx",
        school=tree["tbc"],
        school_year=tree["6a1"].school_year,
        **kw,
    )


def _plan_students(tree, data, school="tbc"):  # noqa: ANN001, ANN202
    return plan_student_import(
        data=data, filename="ds.xlsx", school=tree[school], school_year=tree["6a1"].school_year
    )


def _titles(ws: Any, width: int, lines: list[str]) -> None:
    for row, text in enumerate(lines, start=1):
        ws.cell(row, 1, text)
        ws.merge_cells(start_row=row, start_column=1, end_row=row, end_column=width)


def _by_code() -> dict[str, Person]:
    return {
        p.student_profile.student_code: p
        for p in Person.objects.filter(student_profile__isnull=False).select_related(
            "student_profile"
        )
    }


# ---------------------------------------------------------------- students


def test_smas_export_with_name_merged_over_two_columns_and_a_merged_totals_footer(tree):
    # given an export whose "Họ và tên" spans two columns (family names | given name) with
    # nothing written under it, a totals line merged across the first columns and
    # signature lines that fall in the code column
    wb = openpyxl.Workbook()
    ws = wb.active
    _titles(
        ws,
        7,
        [
            "SỞ GIÁO DỤC VÀ ĐÀO TẠO TP. HỒ CHÍ MINH",
            "TRƯỜNG THCS TRẦN BỘI CƠ",
            "DANH SÁCH HỌC SINH NĂM HỌC 2024-2025",
        ],
    )
    ws.append([])
    ws.append(["STT", "Mã học sinh", "Họ và tên", None, "Ngày sinh", "Giới tính", "Lớp"])
    ws.append([None] * 7)
    for col in (1, 2, 5, 6, 7):
        ws.merge_cells(start_row=5, start_column=col, end_row=6, end_column=col)
    ws.merge_cells("C5:D6")
    ws.append([1, 7901234567, "NGUYỄN VĂN", "AN", "05/09/2013 00:00:00", "Nam", "6A1"])
    ws.append([2, "0790123456", "Trần Thị Bích", "Ngọc", dt.datetime(2013, 3, 1), "Nữ", "6A2"])
    ws.append([])
    ws.append(["Tổng cộng: 2 học sinh"])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=4)
    ws.append([None, "Người lập biểu", None, None, "HIỆU TRƯỞNG"])
    ws.append([None, "Nguyễn Văn Bình", None, None, "Phạm Văn Hòa"])
    # when it is imported
    plan = _students(tree, workbook_bytes(wb))
    # then both students have their whole names, codes as typed and their dates
    assert plan.counts == {"create": 2, "update": 0, "unchanged": 0}
    people = _by_code()
    assert set(people) == {"7901234567", "0790123456"}
    an = people["7901234567"]
    assert (an.family_middle_name, an.given_name, an.full_name) == (
        "Nguyễn Văn",
        "An",
        "Nguyễn Văn An",
    )
    assert an.date_of_birth == dt.date(2013, 9, 5)
    assert people["0790123456"].full_name == "Trần Thị Bích Ngọc"
    assert Enrollment.objects.get(person=people["0790123456"]).class_unit == tree["6a2"]


def test_name_merged_over_two_columns_whose_rows_are_merged_too_keeps_the_full_name(tree):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã học sinh", "Họ và tên", None, "Ngày sinh", "Lớp"])
    ws.merge_cells("C1:D1")
    ws.append([1, "HS01", "Lê Hoàng Phúc", None, "05/09/2013", "6A1"])
    ws.merge_cells("C2:D2")
    _students(tree, workbook_bytes(wb))
    assert Person.objects.get().full_name == "Lê Hoàng Phúc"


def test_birth_date_split_into_day_month_year_columns(tree):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã học sinh", "Họ và tên", "Ngày sinh", None, None, "Giới tính", "Lớp"])
    ws.append([None, None, None, "Ngày", "Tháng", "Năm", None, None])
    ws.merge_cells("D1:F1")
    for col in (1, 2, 3, 7, 8):
        ws.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
    ws.append([1, "HS01", "Nguyễn Văn An", 5, 9, 2013, "Nam", "6A1"])
    ws.append([2, "HS02", "Trần Thị Bích Ngọc", "07", "01", "2013", "Nữ", "6A1"])
    _students(tree, workbook_bytes(wb))
    births = dict(Person.objects.values_list("full_name", "date_of_birth"))
    assert births == {
        "Nguyễn Văn An": dt.date(2013, 9, 5),
        "Trần Thị Bích Ngọc": dt.date(2013, 1, 7),
    }


def test_gender_merged_over_male_and_female_columns_marked_with_x(tree):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã học sinh", "Họ và tên", "Ngày sinh", "Giới tính", None, "Lớp"])
    ws.append([None, None, None, None, "Nam", "Nữ", None])
    ws.merge_cells("E1:F1")
    for col in (1, 2, 3, 4, 7):
        ws.merge_cells(start_row=1, start_column=col, end_row=2, end_column=col)
    ws.append([1, "HS01", "Nguyễn Văn An", "05/09/2013", "x", None, "6A1"])
    ws.append([2, "HS02", "Trần Thị Bích Ngọc", "05/09/2013", None, "x", "6A1"])
    _students(tree, workbook_bytes(wb))
    genders = dict(Person.objects.values_list("full_name", "gender"))
    assert genders == {"Nguyễn Văn An": "male", "Trần Thị Bích Ngọc": "female"}


def test_both_male_and_female_marked_is_an_error(tree):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã học sinh", "Họ và tên", "Ngày sinh", "Nam", "Nữ", "Lớp"])
    ws.append([1, "HS01", "Nguyễn Văn An", "05/09/2013", "x", "x", "6A1"])
    plan = _plan_students(tree, workbook_bytes(wb))
    assert [str(e) for e in plan.errors] == ["Dòng 2: Đánh dấu cả cột “Nam” và cột “Nữ”."]


def test_gender_marks_without_a_birth_date_column_name_the_missing_column(tree):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã học sinh", "Họ và tên", "Giới tính", None, "Lớp"])
    ws.append([None, None, None, "Nam", "Nữ", None])
    ws.merge_cells("D1:E1")
    ws.append([1, "HS01", "Nguyễn Văn An", "x", None, "6A1"])
    plan = _plan_students(tree, workbook_bytes(wb))
    assert [str(e) for e in plan.errors] == ["Thiếu cột bắt buộc: “Ngày sinh”."]


def test_headings_with_hints_in_brackets_are_read(tree):
    # "Giới tính (Nam/Nữ)" used to be ignored silently and the girls stored without gender
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(
        [
            "STT",
            "Mã học sinh (*)",
            "Họ và tên\nhọc sinh (*)",
            "Ngày sinh\n(dd/mm/yyyy)",
            "Giới tính (Nam/Nữ)",
            "Lớp (*)",
        ]
    )
    ws.append([1, "HS01", "Phạm Thị Thu Hà", "12/10/2013", "Nữ", "6A1"])
    _students(tree, workbook_bytes(wb))
    ha = Person.objects.get()
    assert (ha.full_name, ha.gender, ha.date_of_birth) == (
        "Phạm Thị Thu Hà",
        "female",
        dt.date(2013, 10, 12),
    )


def test_family_middle_and_given_names_in_three_columns(tree):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã học sinh", "Họ", "Tên đệm", "Tên", "Ngày sinh", "Lớp", "Họ tên cha"])
    ws.append([1, "HS01", "Huỳnh", "Ngọc", "Ánh", "01/02/2013", "6A1", "Huỳnh Văn Lộc"])
    _students(tree, workbook_bytes(wb))
    anh = Person.objects.get()
    assert (anh.family_middle_name, anh.given_name) == ("Huỳnh Ngọc", "Ánh")


def test_section_rows_repeated_headings_letters_and_unused_numbers_are_not_students(tree):
    wb = openpyxl.Workbook()
    ws = wb.active
    headings = ["STT", "Mã học sinh", "Họ và tên", "Ngày sinh", "Giới tính", "Lớp"]
    ws.append(headings)
    ws.append(["A", "B", "C", "D", "E", "F"])
    ws.append(["LỚP 6A1"])
    ws.merge_cells("A3:F3")
    ws.append([1, "HS01", "Nguyễn Văn An", "05/09/2013", "Nam", "6A1"])
    ws.append(headings)  # repeated on the next printed page
    ws.append(["LỚP 6A2"])
    ws.merge_cells("A6:F6")
    ws.append(["1.", "HS02", "Đỗ Minh Đức", "14/11/2013", "Nam", "6A2"])
    for number in (2, 3, 4):  # numbered rows left empty in the template
        ws.append([number])
    ws.append(["Tổng cộng", None, "2 học sinh"])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=2)
    plan = _students(tree, workbook_bytes(wb))
    assert plan.counts == {"create": 2, "update": 0, "unchanged": 0}
    assert sorted(Person.objects.values_list("full_name", flat=True)) == [
        "Nguyễn Văn An",
        "Đỗ Minh Đức",
    ]


@pytest.mark.parametrize("year", [2013, "2013"])
def test_a_birth_year_alone_is_refused_with_a_clear_reason(tree, year):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã học sinh", "Họ và tên", "Ngày sinh", "Lớp"])
    ws.append([1, "HS01", "Nguyễn Văn An", year, "6A1"])
    with pytest.raises(ImportRejected) as exc:
        _students(tree, workbook_bytes(wb))
    assert [str(e) for e in exc.value.plan.errors] == [
        "Dòng 2: Ngày sinh «2013» chỉ có năm; hãy ghi đủ ngày/tháng/năm (dd/mm/yyyy)."
    ]
    assert Person.objects.count() == 0


def test_class_names_written_the_ways_teachers_write_them(tree):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã học sinh", "Họ và tên", "Ngày sinh", "Lớp"])
    ws.append([1, "HS01", "Nguyễn Văn An", "05/09/2013", "Lớp: 6A1"])
    ws.append([2, "HS02", "Lê Văn Anh", "05/09/2013", "6 a 2"])
    _students(tree, workbook_bytes(wb))
    classes = dict(Enrollment.objects.values_list("person__full_name", "class_unit__name"))
    assert classes == {"Nguyễn Văn An": "6A1", "Lê Văn Anh": "6A2"}


@pytest.mark.parametrize("written", ["1.1", "1-1", "Lớp 1/1"])
def test_primary_class_with_dot_or_dash_for_the_slash(tree, written):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã học sinh", "Họ và tên", "Ngày sinh", "Lớp"])
    ws.append([1, "HS01", "Võ Thị Hồng Nhung", "05/09/2018", written])
    plan = _plan_students(tree, workbook_bytes(wb), school="bausen")
    assert plan.errors == []
    assert plan.rows[0].data["class_id"] == tree["1-1"].pk


def _class_sheet(wb: openpyxl.Workbook, name: str, rows: list[list[Any]]) -> None:
    ws = wb.create_sheet(name)
    _titles(
        ws,
        5,
        ["TRƯỜNG THCS TRẦN BỘI CƠ", f"DANH SÁCH HỌC SINH LỚP {name} NĂM HỌC 2024-2025"],
    )
    ws.append([])
    ws.append(["STT", "Mã học sinh", "Họ và tên", "Ngày sinh", "Giới tính"])
    for number, row in enumerate(rows, start=1):
        ws.append([number, *row])


def test_one_sheet_per_class_without_a_class_column(tree):
    # given a workbook with one sheet per class, the class named only in each title,
    # and a summary sheet that is not a list of students
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _class_sheet(wb, "6A1", [["HS01", "Nguyễn Văn An", "05/09/2013", "Nam"]])
    _class_sheet(
        wb,
        "6A2",
        [
            ["HS02", "Trần Thị Bích Ngọc", "01/03/2013", "Nữ"],
            ["HS03", "Đỗ Minh Đức", "14/11/2013", "Nam"],
        ],
    )
    summary = wb.create_sheet("Tổng hợp")
    summary.append(["STT", "Lớp", "Sĩ số", "Nữ"])
    summary.append([1, "6A1", 1, 0])
    # when it is imported for the whole school
    plan = _students(tree, workbook_bytes(wb))
    # then every sheet is imported into its class
    assert plan.counts["create"] == 3
    classes = dict(Enrollment.objects.values_list("person__full_name", "class_unit__name"))
    assert classes == {"Nguyễn Văn An": "6A1", "Trần Thị Bích Ngọc": "6A2", "Đỗ Minh Đức": "6A2"}


def test_errors_on_several_sheets_name_the_sheet_and_import_nothing(tree):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _class_sheet(wb, "6A1", [["HS01", "Nguyễn Văn An", "05/09/2013", "Nam"]])
    _class_sheet(wb, "6A2", [["HS01", "Lê Văn Anh", "31/02/2013", "Nam"]])
    with pytest.raises(ImportRejected) as exc:
        _students(tree, workbook_bytes(wb))
    assert [str(e) for e in exc.value.plan.errors] == [
        "Trang tính “6A1”, dòng 5: Mã học sinh HS01 bị trùng trong tệp.",
        "Trang tính “6A2”, dòng 5: Ngày sinh «31/02/2013» không phải là một ngày có thật.",
        "Trang tính “6A2”, dòng 5: Mã học sinh HS01 bị trùng trong tệp.",
    ]
    assert Person.objects.count() == 0


@pytest.mark.parametrize(
    "title", ["DANH SÁCH HỌC SINH KHỐI 6", "DANH SÁCH HỌC SINH CÁC LỚP 6A1, 6A2 NĂM HỌC 2024-2025"]
)
def test_a_list_without_class_column_or_one_class_title_names_the_missing_column(tree, title):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = title
    ws.append(["STT", "Mã học sinh", "Họ và tên", "Ngày sinh"])
    ws.append([1, "HS01", "Nguyễn Văn An", "05/09/2013"])
    plan = _plan_students(tree, workbook_bytes(wb))
    assert [str(e) for e in plan.errors] == ["Thiếu cột bắt buộc: “Lớp”."]


def test_password_protected_file_gets_its_own_message(tree):
    # an encrypted .xlsx is an OLE container holding an "EncryptionInfo" stream
    data = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
    plan = _plan_students(tree, data)
    assert [str(e) for e in plan.errors] == [
        "Tệp “ds.xlsx” được đặt mật khẩu nên không đọc được. Vui lòng mở tệp trong Excel, "
        "gỡ mật khẩu, lưu lại rồi tải lên lại."
    ]


def test_sheet_with_formatting_but_no_values_is_empty(tree):
    wb = openpyxl.Workbook()
    wb.active["D20"] = " "
    wb.active.column_dimensions["B"].width = 30
    plan = _plan_students(tree, workbook_bytes(wb))
    assert [str(e) for e in plan.errors] == ["Bảng tính trống, không có dữ liệu."]


def test_command_accepts_class_and_year_as_people_type_them(tree, tmp_path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã học sinh", "Họ và tên", "Ngày sinh"])
    ws.append([1, "HS01", "Nguyễn Văn An", "05/09/2013"])
    path = tmp_path / "6a1.xlsx"
    path.write_bytes(workbook_bytes(wb))
    out = io.StringIO()
    call_command(
        "import", "students", str(path), "--school", "thcs-tbc", "--year", "2024 - 2025",
        "--class", "6a1", stdout=out,
    )  # fmt: skip
    assert "1 thêm mới" in out.getvalue()
    assert Enrollment.objects.get().class_unit == tree["6a1"]


# ---------------------------------------------------------------- staff


def test_staff_list_with_birth_date_under_male_or_female_and_group_rows(tree):
    # given the old form: "Năm sinh" over "Nam" | "Nữ", the date written in the column of
    # the person's sex, rows grouped under "I. CÁN BỘ QUẢN LÝ", "II. GIÁO VIÊN"
    wb = openpyxl.Workbook()
    ws = wb.active
    _titles(ws, 6, ["TRƯỜNG THCS TRẦN BỘI CƠ", "DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN"])
    ws.append(["TT", "Họ và tên", "Năm sinh", None, "Chức vụ", "Tổ chuyên môn"])
    ws.append([None, None, "Nam", "Nữ", None, None])
    for col in (1, 2, 5, 6):
        ws.merge_cells(start_row=3, start_column=col, end_row=4, end_column=col)
    ws.merge_cells("C3:D3")
    ws.append(["I", "CÁN BỘ QUẢN LÝ"])
    ws.merge_cells("B5:F5")
    ws.append(["1.", "Phạm Văn Hòa", "12/04/1975", None, "Hiệu trưởng", None])
    ws.append(["2.", "Nguyễn Thị Lan", None, dt.datetime(1980, 2, 3), "Phó Hiệu trưởng", None])
    ws.append(["II", "GIÁO VIÊN"])
    ws.merge_cells("B8:F8")
    ws.append(["3.", "Trần Văn Bảo", "03/02/1985", None, "Giáo viên", "Toán – Tin"])
    ws.append(["Cộng", "3 người"])
    plan = import_staff(actor=None, data=workbook_bytes(wb), filename="cb.xlsx", unit=tree["tbc"])
    assert plan.counts == {"create": 3, "update": 0, "unchanged": 0}
    people = {p.full_name: (p.gender, p.date_of_birth) for p in Person.objects.all()}
    assert people == {
        "Phạm Văn Hòa": ("male", dt.date(1975, 4, 12)),
        "Nguyễn Thị Lan": ("female", dt.date(1980, 2, 3)),
        "Trần Văn Bảo": ("male", dt.date(1985, 2, 3)),
    }


def test_staff_departments_and_titles_as_schools_write_them(tree):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Tổ"])
    rows = [
        ["PHẠM VĂN HÒA", "12/04/1975", "NAM", "PHÓ HIỆU TRƯỞNG", "Tổ Văn phòng"],
        ["Nguyễn Thùy Trang", "03/02/1988", "Nữ", "Tổ trưởng", "Tổ Toán - Tin"],
        ["Lê Thị Mai", "01/07/1990", "Nữ", "GVCN", "TOÁN-TIN"],
        ["Bùi Thị Ngọc", "22/10/1994", "Nữ", None, "Tổ chuyên môn Toán – Tin"],
        ["Võ Thị Hồng", "22/10/1985", "Nữ", None, "VP"],
    ]
    for number, row in enumerate(rows, start=1):
        ws.append([number, *row])
    import_staff(actor=None, data=workbook_bytes(wb), filename="cb.xlsx", unit=tree["tbc"])
    staff = {
        p.person.full_name: (p.job_title, p.position)
        for p in StaffProfile.objects.select_related("person")
    }
    assert staff == {
        "Phạm Văn Hòa": ("Phó hiệu trưởng", Position.MANAGER),
        "Nguyễn Thùy Trang": ("Tổ trưởng", Position.TEACHER),
        "Lê Thị Mai": ("GVCN", Position.TEACHER),
        # no title: a member of a subject group teaches, of the office works as staff
        "Bùi Thị Ngọc": ("", Position.TEACHER),
        "Võ Thị Hồng": ("", Position.STAFF),
    }
    in_math = Membership.objects.filter(unit=tree["tbc_math"]).values_list(
        "person__full_name", flat=True
    )
    assert sorted(in_math) == ["Bùi Thị Ngọc", "Lê Thị Mai", "Nguyễn Thùy Trang"]
    assert Membership.objects.filter(unit=tree["tbc_office"]).count() == 2


def test_staff_list_without_row_numbers(tree):
    # STT left empty (or computed by a formula whose value was never saved)
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ"])
    ws.append([None, "Phạm Văn Hòa", "12/04/1975", "Nam", "Hiệu trưởng"])
    ws.append(["=A2+1", "Nguyễn Thị Lan", "03/02/1980", "Nữ", "Giáo viên"])
    ws.append([])
    ws.append([None, "Người lập biểu", None, None, "HIỆU TRƯỞNG"])
    plan = import_staff(actor=None, data=workbook_bytes(wb), filename="cb.xlsx", unit=tree["tbc"])
    assert plan.counts["create"] == 2
    assert sorted(Person.objects.values_list("full_name", flat=True)) == [
        "Nguyễn Thị Lan",
        "Phạm Văn Hòa",
    ]


def test_staff_on_one_sheet_per_group(tree):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    groups = {
        "CBQL": [["Phạm Văn Hòa", "12/04/1975", "Hiệu trưởng"]],
        "Giáo viên": [["Lê Thị Mai", "01/07/1990", "Giáo viên"]],
        "Nhân viên": [["Võ Thị Hồng", "22/10/1985", "Kế toán"]],
    }
    for title, rows in groups.items():
        ws = wb.create_sheet(title)
        ws.append(["STT", "Họ và tên", "Ngày sinh", "Chức vụ"])
        for number, row in enumerate(rows, start=1):
            ws.append([number, *row])
    plan = plan_staff_import(data=workbook_bytes(wb), filename="cb.xlsx", unit=tree["tbc"])
    assert [(r.sheet, r.full_name, r.data["position"]) for r in plan.rows] == [
        ("CBQL", "Phạm Văn Hòa", Position.MANAGER),
        ("Giáo viên", "Lê Thị Mai", Position.TEACHER),
        ("Nhân viên", "Võ Thị Hồng", Position.STAFF),
    ]


def test_nfd_headings_and_names_in_a_staff_list(tree):
    def nfd(text: str) -> str:
        return unicodedata.normalize("NFD", text)

    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append([nfd(h) for h in ["STT", "Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Tổ"]])
    ws.append(
        [
            1,
            nfd("Nguyễn\u00a0Thùy  Trang"),
            "03/02/1988",
            nfd("Nữ"),
            nfd("Giáo viên"),
            nfd("Toán – Tin"),
        ]
    )
    import_staff(actor=None, data=workbook_bytes(wb), filename="cb.xlsx", unit=tree["tbc"])
    trang = Person.objects.get()
    assert trang.full_name == "Nguyễn Thùy Trang"
    assert Membership.objects.filter(person=trang, unit=tree["tbc_math"]).exists()


def test_a_sort_helper_name_column_beside_the_full_name_is_ignored(tree):
    # teachers add a "Tên" column to sort by given name; the full name stays in "Họ và tên"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã học sinh", "Họ và tên", "Tên", "Ngày sinh", "Lớp"])
    ws.append([1, "7901234567.0", "Nguyễn Thị Minh Anh", "Anh", "05/09/2013", "6A1"])
    _students(tree, workbook_bytes(wb))
    anh = Person.objects.get()
    assert (anh.full_name, anh.family_middle_name, anh.given_name) == (
        "Nguyễn Thị Minh Anh",
        "Nguyễn Thị Minh",
        "Anh",
    )
    # a code that went through a CSV as "7901234567.0" is the code 7901234567
    assert anh.student_profile.student_code == "7901234567"


def test_abbreviated_titles(tree):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Họ và tên", "Ngày sinh", "Chức vụ"])
    titles = {"Phạm Văn Hòa": "HT", "Nguyễn Thị Lan": "PHT", "Trần Văn Bảo": "TTCM"}
    titles |= {"Võ Thị Hồng": "Giáo vụ", "Ngô Văn Lâm": "Lao công"}
    for number, (name, title) in enumerate(titles.items(), start=1):
        ws.append([number, name, "01/01/1980", title])
    import_staff(actor=None, data=workbook_bytes(wb), filename="cb.xlsx", unit=tree["tbc"])
    positions = dict(StaffProfile.objects.values_list("person__full_name", "position"))
    assert positions == {
        "Phạm Văn Hòa": Position.MANAGER,
        "Nguyễn Thị Lan": Position.MANAGER,
        "Trần Văn Bảo": Position.TEACHER,
        "Võ Thị Hồng": Position.STAFF,
        "Ngô Văn Lâm": Position.STAFF,
    }


def test_browser_preview_names_the_sheet_of_each_row(client, principal):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _class_sheet(wb, "6A1", [["HS01", "Nguyễn Văn An", "05/09/2013", "Nam"]])
    _class_sheet(wb, "6A2", [["HS02", "Đỗ Minh Đức", "14/11/2013", "Nam"]])
    client.force_login(principal)
    response = client.post(
        "/people/units/THCS-TBC/students/import/",
        {"school_year": "2024-2025", "file": SimpleUploadedFile("ds.xlsx", workbook_bytes(wb))},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "2 thêm mới" in page
    assert "6A2 · 5" in page
