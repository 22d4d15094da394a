"""Excel imports on the sheet shapes schools really have; all or nothing."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata

import openpyxl
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from thidua.core.models import AuditEntry
from thidua.people.imports import (
    ImportRejected,
    import_staff,
    import_students,
    plan_staff_import,
    plan_student_import,
)
from thidua.people.models import Enrollment, Membership, Person, Position, StudentProfile

from .sheets import staff_sheet, student_sheet, workbook_bytes

ROWS = [
    ["7901234567", "Trần Văn Bình", "05/09/2013", "Nam", "6A1"],
    ["7901234568", "Nguyễn Thị Ánh", dt.datetime(2013, 1, 3), "Nữ", "6A1"],
    ["7901234569", "Lê Văn Anh", 41338, "Nam", "6A1"],  # an Excel serial: 05/03/2013
    ["7901234570", "Đỗ Minh Đức", "14/11/2013", "nam", "6A2"],
]


def _students(tree, data, **kw):  # noqa: ANN001, ANN202
    return import_students(
        actor=None,
        data=data,
        filename="ds.xlsx",
        school=tree["tbc"],
        school_year=tree["6a1"].school_year,
        **kw,
    )


def test_student_sheet_with_title_rows_merged_cells_and_footer(tree):
    plan = _students(tree, student_sheet(ROWS))
    assert plan.counts == {"create": 4, "update": 0, "unchanged": 0}
    people = {
        p.student_profile.student_code: p
        for p in Person.objects.filter(student_profile__isnull=False).select_related(
            "student_profile"
        )
    }
    assert people["7901234569"].date_of_birth == dt.date(2013, 3, 5)
    assert people["7901234568"].date_of_birth == dt.date(2013, 1, 3)
    assert people["7901234570"].full_name == "Đỗ Minh Đức"
    assert Enrollment.objects.get(person=people["7901234570"]).class_unit == tree["6a2"]
    # the signature lines under the table are not students
    assert not Person.objects.filter(full_name="Nguyễn Văn Bình").exists()


def test_split_name_columns_under_a_merged_heading(tree):
    _students(tree, student_sheet(ROWS, split_name=True))
    person = Person.objects.get(student_profile__student_code="7901234568")
    assert (person.family_middle_name, person.given_name) == ("Nguyễn Thị", "Ánh")


def test_decomposed_diacritics_are_stored_composed(tree):
    _students(tree, student_sheet(ROWS, nfd=True))
    person = Person.objects.get(student_profile__student_code="7901234570")
    assert person.full_name == "Đỗ Minh Đức"
    assert person.full_name == unicodedata.normalize("NFC", person.full_name)
    assert Person.objects.filter(full_name="Nguyễn Thị Ánh").count() == 1


def test_one_impossible_date_imports_nothing_and_names_the_row(tree):
    # given a sheet whose third student has 31/02/2013 (sheet row 9)
    rows = [*ROWS[:2], ["7901234569", "Lê Văn Anh", "31/02/2013", "Nam", "6A1"], ROWS[3]]
    before = (Person.objects.count(), AuditEntry.objects.count())
    # when it is imported
    with pytest.raises(ImportRejected) as exc:
        _students(tree, student_sheet(rows))
    # then the error names the row in Vietnamese and nothing changed
    assert [str(e) for e in exc.value.plan.errors] == [
        "Dòng 9: Ngày sinh «31/02/2013» không phải là một ngày có thật."
    ]
    assert (Person.objects.count(), AuditEntry.objects.count()) == before


def test_every_bad_row_is_reported(tree):
    rows = [
        ["A1", "Trần Văn Bình", "05/09/2013", "Nam", "6A9"],  # unknown class
        ["A2", "Nguyễn Thị Ánh", "05/09/2099", "Nữ", "6A1"],  # future date
        ["A3", "Lê Văn Anh", "05/09/2013", "Không rõ", "6A1"],  # bad gender
        ["A3", "Đỗ Minh Đức", "05/09/2013", "Nam", "6A1"],  # duplicated code
        ["", "Phạm Thu Hà", "05/09/2013", "Nữ", "6A1"],  # missing code
    ]
    with pytest.raises(ImportRejected) as exc:
        _students(tree, student_sheet(rows))
    messages = [str(e) for e in exc.value.plan.errors]
    assert messages == [
        "Dòng 7: Không có lớp «6A9» trong Trường THCS Trần Bội Cơ năm học 2024-2025.",
        "Dòng 8: Ngày sinh 05/09/2099 ở tương lai.",
        "Dòng 9: Giới tính «Không rõ» không hợp lệ (ghi “Nam” hoặc “Nữ”).",
        "Dòng 9: Mã học sinh A3 bị trùng trong tệp.",
        "Dòng 10: Mã học sinh A3 bị trùng trong tệp.",
        "Dòng 11: Thiếu mã học sinh.",
    ]
    assert StudentProfile.objects.count() == 0


def test_reimporting_the_same_file_changes_nothing(tree):
    data = student_sheet(ROWS)
    _students(tree, data)
    audit_count = AuditEntry.objects.exclude(action="people.import.students").count()
    plan = _students(tree, data)
    assert plan.counts == {"create": 0, "update": 0, "unchanged": 4}
    assert AuditEntry.objects.exclude(action="people.import.students").count() == audit_count
    assert Person.objects.count() == 4


def test_updated_file_updates_by_code(tree):
    _students(tree, student_sheet(ROWS))
    changed = [list(r) for r in ROWS]
    changed[0][1] = "Trần Văn Bính"
    changed[1][4] = "6A2"
    plan = _students(tree, student_sheet(changed))
    assert plan.counts == {"create": 0, "update": 2, "unchanged": 2}
    assert (
        Person.objects.get(student_profile__student_code="7901234567").full_name == "Trần Văn Bính"
    )
    moved = Enrollment.objects.get(person__student_profile__student_code="7901234568")
    assert moved.class_unit == tree["6a2"]
    assert Person.objects.count() == 4


def test_import_from_a_class_page_needs_no_class_column(tree):
    plan = _students(
        tree,
        student_sheet([r[:4] + [None] for r in ROWS[:3]], with_class=False),
        class_unit=tree["6a1"],
    )
    assert plan.counts["create"] == 3
    assert Enrollment.objects.filter(class_unit=tree["6a1"]).count() == 3


def test_class_column_that_contradicts_the_class_page_is_an_error(tree):
    plan = plan_student_import(
        data=student_sheet(ROWS),
        filename="ds.xlsx",
        school=tree["tbc"],
        school_year=tree["6a1"].school_year,
        class_unit=tree["6a1"],
    )
    assert [str(e) for e in plan.errors] == [
        "Dòng 10: Học sinh thuộc lớp 6A2, không phải lớp 6A1 đang nhập."
    ]


@pytest.mark.parametrize(
    ("_case", "data", "message"),
    [
        (
            "not a spreadsheet",
            "Họ và tên;Ngày sinh\nAn;1/1/2013".encode(),
            "Tệp “ds.xlsx” không phải là bảng tính Excel (.xlsx).",
        ),
        ("a PDF", b"%PDF-1.7\n%\xe2\xe3", "Tệp “ds.xlsx” không phải là bảng tính Excel (.xlsx)."),
        (
            "empty workbook",
            workbook_bytes(openpyxl.Workbook()),
            "Bảng tính trống, không có dữ liệu.",
        ),
    ],
)
def test_bad_files_get_one_clear_message(tree, _case, data, message):
    plan = plan_student_import(
        data=data, filename="ds.xlsx", school=tree["tbc"], school_year=tree["6a1"].school_year
    )
    assert [str(e) for e in plan.errors] == [message]


def test_missing_required_columns_are_named(tree):
    wb = openpyxl.Workbook()
    wb.active.append(["STT", "Họ và tên", "Lớp"])
    wb.active.append([1, "Lê Văn An", "6A1"])
    plan = plan_student_import(
        data=workbook_bytes(wb),
        filename="ds.xlsx",
        school=tree["tbc"],
        school_year=tree["6a1"].school_year,
    )
    assert [str(e) for e in plan.errors] == ["Thiếu cột bắt buộc: “Mã học sinh”, “Ngày sinh”."]


def test_twenty_megabyte_upload_is_refused(tree):
    data = b"PK\x03\x04" + b"\0" * (20 * 1024 * 1024)
    plan = plan_student_import(
        data=data, filename="ds.xlsx", school=tree["tbc"], school_year=tree["6a1"].school_year
    )
    assert [str(e) for e in plan.errors] == ["Tệp quá lớn (20.0 MB). Dung lượng tối đa là 5 MB."]


# ---------------------------------------------------------------- staff

STAFF = [
    ["Phạm Văn Hòa", "12/04/1975", "Nam", "Hiệu trưởng", None],
    ["Nguyễn Thùy Trang", "03/02/1988", "Nữ", "Tổ trưởng", "Toán – Tin"],
    ["Lê Thị Mai", dt.datetime(1990, 7, 1), "Nữ", "Giáo viên", "Tổ Toán – Tin"],
    ["Võ Thị Hồng", "22/10/1985", "Nữ", "Kế toán", "Văn phòng"],
]


def test_staff_sheet_without_codes_imports_and_reimports_unchanged(tree):
    plan = import_staff(actor=None, data=staff_sheet(STAFF), filename="cb.xlsx", unit=tree["tbc"])
    assert plan.counts == {"create": 4, "update": 0, "unchanged": 0}
    positions = dict(
        Person.objects.filter(staff_profile__isnull=False).values_list(
            "full_name", "staff_profile__position"
        )
    )
    assert positions == {
        "Phạm Văn Hòa": Position.MANAGER,
        "Nguyễn Thùy Trang": Position.TEACHER,
        "Lê Thị Mai": Position.TEACHER,
        "Võ Thị Hồng": Position.STAFF,
    }
    mai = Person.objects.get(full_name="Lê Thị Mai")
    assert sorted(Membership.objects.filter(person=mai).values_list("unit__code", flat=True)) == [
        "THCS-TBC",
        "THCS-TBC-TOAN",
    ]
    again = import_staff(actor=None, data=staff_sheet(STAFF), filename="cb.xlsx", unit=tree["tbc"])
    assert again.counts == {"create": 0, "update": 0, "unchanged": 4}
    assert Person.objects.count() == 4


def test_staff_with_unknown_department_and_unknown_title_import_nothing(tree):
    rows = [
        *STAFF,
        ["Bùi Văn Tú", "01/01/1990", "Nam", "Giáo viên", "Tổ Hóa"],
        ["Đặng Thu Hà", "01/01/1991", "Nữ", "Cộng tác viên", None],
    ]
    with pytest.raises(ImportRejected) as exc:
        import_staff(actor=None, data=staff_sheet(rows), filename="cb.xlsx", unit=tree["tbc"])
    assert [str(e) for e in exc.value.plan.errors] == [
        "Dòng 9: Không có tổ «Tổ Hóa» trong Trường THCS Trần Bội Cơ.",
        "Dòng 10: Không xác định được vị trí việc làm (quản lý, giáo viên hay nhân viên) từ chức vụ "
        "«Cộng tác viên».",
    ]
    assert Person.objects.count() == 0


def test_staff_code_matches_a_teacher_from_another_school_and_transfers_her(tree):
    # given a teacher of Bàu Sen with a code
    import_staff(
        actor=None,
        data=staff_sheet(
            [["GV001", "Lê Thị Mai", "01/07/1990", "Nữ", "Giáo viên", None]], with_code=True
        ),
        filename="cb.xlsx",
        unit=tree["bausen"],
    )
    # when Trần Bội Cơ imports its list holding the same code
    plan = import_staff(
        actor=None,
        data=staff_sheet(
            [["GV001", "Lê Thị Mai", "01/07/1990", "Nữ", "Giáo viên", "Toán – Tin"]], with_code=True
        ),
        filename="cb.xlsx",
        unit=tree["tbc"],
    )
    # then she keeps one record and her Bàu Sen membership is closed
    assert plan.counts == {"create": 0, "update": 1, "unchanged": 0}
    mai = Person.objects.get(full_name="Lê Thị Mai")
    memberships = {m.unit.code: m.end_on for m in Membership.objects.filter(person=mai)}
    assert set(memberships) == {"TH-BAUSEN", "THCS-TBC", "THCS-TBC-TOAN"}
    assert memberships["TH-BAUSEN"] is not None and memberships["THCS-TBC"] is None


def test_plan_reports_what_would_change_without_writing(tree):
    plan = plan_staff_import(data=staff_sheet(STAFF), filename="cb.xlsx", unit=tree["tbc"])
    assert [r.action for r in plan.rows] == ["create"] * 4
    assert Person.objects.count() == 0


# ---------------------------------------------------------------- command line


def _write(tmp_path, data, name="ds.xlsx"):  # noqa: ANN001, ANN202
    path = tmp_path / name
    path.write_bytes(data)
    return str(path)


def test_command_imports_students(tree, tmp_path):
    out = io.StringIO()
    call_command(
        "import",
        "students",
        _write(tmp_path, student_sheet(ROWS)),
        "--school",
        "THCS-TBC",
        "--year",
        "2024-2025",
        stdout=out,
    )
    assert "4 thêm mới, 0 cập nhật, 0 không thay đổi" in out.getvalue()


def test_command_fails_with_row_errors_and_writes_nothing(tree, tmp_path):
    rows = [*ROWS[:3], ["7901234570", "Đỗ Minh Đức", "14/13/2013", "Nam", "6A1"]]
    err = io.StringIO()
    with pytest.raises(CommandError) as exc:
        call_command(
            "import",
            "students",
            _write(tmp_path, student_sheet(rows)),
            "--school",
            "THCS-TBC",
            "--year",
            "2024-2025",
            stderr=err,
        )
    assert "1 lỗi" in str(exc.value)
    assert "Dòng 10: Ngày sinh «14/13/2013» không phải là một ngày có thật." in err.getvalue()
    assert Person.objects.count() == 0


def test_command_refuses_unknown_unit(tree, tmp_path):
    with pytest.raises(CommandError) as exc:
        call_command("import", "staff", _write(tmp_path, staff_sheet(STAFF)), "--unit", "KHONG-CO")
    assert str(exc.value) == "Không có đơn vị mã KHONG-CO."


def test_cli_entry_point_exits_non_zero_on_errors(tree, tmp_path):
    from thidua.cli import main

    rows = [["X1", "Lê Văn An", "31/02/2013", "Nam", "6A1"]]
    with pytest.raises(SystemExit) as exc:
        main(
            [
                "import",
                "students",
                _write(tmp_path, student_sheet(rows)),
                "--school",
                "THCS-TBC",
                "--year",
                "2024-2025",
            ]
        )
    assert exc.value.code != 0


def test_female_column_marked_with_x(tree):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["STT", "Mã học sinh", "Họ và tên", "Ngày sinh", "Nữ", "Lớp"])
    ws.append([1, "B1", "Trần Văn Bình", "05/09/2013", None, "6A1"])
    ws.append([2, "B2", "Nguyễn Thị Ánh", "05/09/2013", "x", "6A1"])
    _students(tree, workbook_bytes(wb))
    genders = dict(Person.objects.values_list("full_name", "gender"))
    assert genders == {"Trần Văn Bình": "male", "Nguyễn Thị Ánh": "female"}
