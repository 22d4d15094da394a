"""Past titles, awards and ratings on the sheets schools and district offices really keep:
title rows, merged cells, a totals line and signatures under the list, one sheet per
school year, dates typed as text. All or nothing, every bad row named."""

from __future__ import annotations

import datetime as dt
import unicodedata
from typing import Any

import openpyxl
import pytest

from conftest import make_teacher
from thidua.achievements.imports import apply_record_plan, plan_award_import, plan_rating_import
from thidua.achievements.models import AwardRecord
from thidua.org.models import SchoolYear
from thidua.people.imports import ImportRejected
from thidua.people.records import AnnualRating
from thidua.people.tests.sheets import workbook_bytes

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(tree):  # noqa: ANN001, ANN201
    return {
        "an": make_teacher(tree["tbc"], "Nguyễn Thị Thanh An", dept=tree["tbc_math"]),
        "binh": make_teacher(tree["tbc"], "Trần Quốc Bình", dept=tree["tbc_math"]),
        "mai": make_teacher(tree["tbc"], "Lê Thị Mai", dept=tree["tbc_office"]),
    }


def _merged(ws: Any, row: int, text: str, first: int, last: int) -> None:
    ws.cell(row, first, text)
    ws.merge_cells(start_row=row, start_column=first, end_row=row, end_column=last)


def _letterhead(ws: Any, title: str, width: int) -> None:
    """The two-sided letterhead, the title of the list and the line under it."""
    _merged(ws, 1, "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 5", 1, 3)
    _merged(ws, 1, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", 5, width)
    _merged(ws, 2, "TRƯỜNG THCS TRẦN BỘI CƠ", 1, 3)
    _merged(ws, 2, "Độc lập - Tự do - Hạnh phúc", 5, width)
    _merged(ws, 4, title, 1, width)


def _signatures(ws: Any, left: int, right: int) -> None:
    row = ws.max_row + 2
    ws.cell(row, right, "Quận 5, ngày 25 tháng 6 năm 2023")
    ws.cell(row + 1, left, "Người lập biểu")
    ws.cell(row + 1, right, "KT. HIỆU TRƯỞNG")
    ws.cell(row + 2, right, "PHÓ HIỆU TRƯỞNG")
    ws.cell(row + 5, left, "Lê Văn Tâm")
    ws.cell(row + 5, right, "Phạm Văn Hòa")


def _nfd(text: str) -> str:
    return unicodedata.normalize("NFD", text)


def test_a_school_list_of_one_year_with_its_letterhead_footer_and_text_dates(tree, staff):
    # given the list a school sends up: letterhead and title naming the school year (no
    # "Năm học" column), "Họ và tên" merged over the family names | the given name,
    # headings with hints, a row of column numbers, names typed in NFD with extra
    # spaces, dates typed as text (one copied with its time), a merged totals line and
    # the signatures
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "LĐTT-CSTĐ"
    _letterhead(ws, "DANH SÁCH CÁN BỘ, GIÁO VIÊN ĐẠT DANH HIỆU THI ĐUA NĂM HỌC 2022-2023", 9)
    _merged(ws, 5, "(Kèm theo Quyết định số 52/QĐ-THCSTBC ngày 20/6/2023 của Hiệu trưởng)", 1, 9)
    headings = [
        "STT",
        "Họ và tên",
        None,
        "Ngày sinh\n(dd/mm/yyyy)",
        "Chức vụ",
        "Danh hiệu thi đua",
        "Số quyết định",
        "Ngày quyết định",
        "Ghi chú",
    ]
    for col, text in enumerate(headings, start=1):
        ws.cell(7, col, text)
    ws.merge_cells("B7:C7")
    ws.append([f"({n})" for n in range(1, 10)])
    ws.append(
        [
            1,
            _nfd("Nguyễn Thị  Thanh"),
            _nfd("An "),
            "12/04/1985",
            "Giáo viên",
            "Lao động tiên tiến",
            "52/QĐ-THCSTBC",
            "20/06/2023",
            None,
        ]
    )
    ws.append(
        [
            2,
            "Trần Quốc",
            "Bình",
            dt.datetime(1985, 4, 12),
            "Tổ trưởng",
            "Chiến sĩ thi đua cơ sở",
            "98/QĐ-PGDĐT",
            "15/07/2023 00:00:00",
            "Cấp Phòng công nhận",
        ]
    )
    ws.append(
        [3, "Lê Thị", "Mai", "12/04/1985", "Kế toán", "LĐTT", "52/QĐ-THCSTBC", "20/06/2023", None]
    )
    _merged(ws, ws.max_row + 1, "Tổng cộng: 03 người (02 LĐTT, 01 CSTĐCS)", 1, 9)
    _signatures(ws, 2, 7)
    # when
    plan = plan_award_import(data=workbook_bytes(wb), filename="dh.xlsx", unit=tree["tbc"])
    assert plan.errors == []
    apply_record_plan(actor=None, plan=plan)
    # then the three rows, and nothing from the footer, are in the history of 2022-2023
    records = {
        r.person.full_name: (r.award, r.period_to_id, r.decision_number, r.decided_on)
        for r in AwardRecord.objects.select_related("person")
    }
    assert records == {
        "Nguyễn Thị Thanh An": (
            "lao_dong_tien_tien",
            "2022-2023",
            "52/QĐ-THCSTBC",
            dt.date(2023, 6, 20),
        ),
        "Trần Quốc Bình": (
            "chien_si_thi_dua_co_so",
            "2022-2023",
            "98/QĐ-PGDĐT",
            dt.date(2023, 7, 15),
        ),
        "Lê Thị Mai": ("lao_dong_tien_tien", "2022-2023", "52/QĐ-THCSTBC", dt.date(2023, 6, 20)),
    }
    assert [(r.sheet, r.row) for r in plan.rows] == [("", 9), ("", 10), ("", 11)]


def _year_sheet(wb: openpyxl.Workbook, name: str, title: str, rows: list[list[Any]]) -> None:
    ws = wb.create_sheet(name)
    _letterhead(ws, title, 6)
    ws.append([])
    ws.append(["TT", "Họ và tên", "Ngày sinh", "Danh hiệu/Hình thức", "Số QĐ", "Ngày QĐ"])
    for number, row in enumerate(rows, start=1):
        ws.append([f"{number}.", *row])
    _merged(ws, ws.max_row + 1, f"Cộng: {len(rows)} lượt", 1, 2)
    _signatures(ws, 2, 5)


def _history_workbook(extra: list[list[Any]] | None = None) -> bytes:
    """The history a school keeps: one sheet per school year, the year in the sheet name or
    in the title only, and a summary sheet that is not a list of people."""
    wb = openpyxl.Workbook()
    summary = wb.active
    summary.title = "Tổng hợp"
    summary.append(["STT", "Danh hiệu", "Số lượng"])
    summary.append([1, "Lao động tiên tiến", 2])
    _year_sheet(
        wb,
        "2021-2022",
        "DANH SÁCH KHEN THƯỞNG",
        [
            ["Nguyễn Thị Thanh An", "12/04/1985", "LĐTT", "120/QĐ-THCS", "15/06/2022"],
            ["Trần Quốc Bình", "12/04/1985", "LĐTT", "120/QĐ-THCS", "15/06/2022"],
        ],
    )
    _year_sheet(
        wb,
        "Năm 2023",
        "DANH SÁCH KHEN THƯỞNG NĂM HỌC 2022 - 2023",
        [
            ["Nguyễn Thị Thanh An", "12/04/1985", "CSTĐCS", "98/QĐ-PGDĐT", dt.date(2023, 7, 20)],
            ["Trần Quốc Bình", "12/04/1985", "Giấy khen của Trưởng phòng", "99/QĐ-PGDĐT", None],
            *(extra or []),
        ],
    )
    return workbook_bytes(wb)


def test_a_history_kept_on_one_sheet_per_school_year(tree, staff):
    # when
    plan = plan_award_import(data=_history_workbook(), filename="ls.xlsx", unit=tree["tbc"])
    assert plan.errors == []
    apply_record_plan(actor=None, plan=plan)
    # then every sheet is read, each row in the year of its sheet; the summary is left out
    assert [(r.sheet, r.row, r.full_name) for r in plan.rows] == [
        ("2021-2022", 7, "Nguyễn Thị Thanh An"),
        ("2021-2022", 8, "Trần Quốc Bình"),
        ("Năm 2023", 7, "Nguyễn Thị Thanh An"),
        ("Năm 2023", 8, "Trần Quốc Bình"),
    ]
    held = sorted(
        AwardRecord.objects.values_list("person__full_name", "award", "period_to_id", "decided_on")
    )
    assert held == [
        ("Nguyễn Thị Thanh An", "chien_si_thi_dua_co_so", "2022-2023", dt.date(2023, 7, 20)),
        ("Nguyễn Thị Thanh An", "lao_dong_tien_tien", "2021-2022", dt.date(2022, 6, 15)),
        ("Trần Quốc Bình", "giay_khen", "2022-2023", None),
        ("Trần Quốc Bình", "lao_dong_tien_tien", "2021-2022", dt.date(2022, 6, 15)),
    ]


def test_bad_rows_on_a_year_sheet_import_nothing_and_name_sheet_and_row(tree, staff):
    # given a second "Năm 2023" row for An's title of the year, a decision dated 31/02
    # and a form nobody knows
    extra = [
        ["Nguyễn Thị Thanh An", "12/04/1985", "Chiến sĩ thi đua cơ sở", "101/QĐ-PGDĐT", None],
        ["Lê Thị Mai", "12/04/1985", "Giấy khen", "99/QĐ-PGDĐT", "31/02/2023"],
        ["Lê Thị Mai", "12/04/1985", "Khen ngợi", "", ""],
    ]
    # when
    plan = plan_award_import(data=_history_workbook(extra), filename="ls.xlsx", unit=tree["tbc"])
    # then
    assert [str(e) for e in plan.errors] == [
        "Trang tính “Năm 2023”, dòng 9: Trùng với dòng 7.",
        "Trang tính “Năm 2023”, dòng 10: Ngày quyết định «31/02/2023» không phải là một ngày "
        "có thật.",
        "Trang tính “Năm 2023”, dòng 11: Không nhận ra danh hiệu, hình thức «Khen ngợi».",
    ]
    with pytest.raises(ImportRejected):
        apply_record_plan(actor=None, plan=plan)
    assert AwardRecord.objects.count() == 0


def test_a_title_twice_on_two_sheets_names_the_other_sheet(tree, staff):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    row = ["Nguyễn Thị Thanh An", "12/04/1985", "LĐTT", "120/QĐ-THCS", "15/06/2022"]
    _year_sheet(wb, "2021-2022", "DANH SÁCH KHEN THƯỞNG", [row])
    _year_sheet(wb, "Bổ sung", "DANH SÁCH BỔ SUNG NĂM HỌC 2021-2022", [row])
    plan = plan_award_import(data=workbook_bytes(wb), filename="ls.xlsx", unit=tree["tbc"])
    assert [str(e) for e in plan.errors] == [
        "Trang tính “Bổ sung”, dòng 7: Trùng với dòng 7 của trang tính “2021-2022”."
    ]


def test_a_year_sheet_whose_year_is_nowhere_is_named(tree, staff):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    row = ["Nguyễn Thị Thanh An", "12/04/1985", "LĐTT", "120/QĐ-THCS", None]
    _year_sheet(wb, "2021-2022", "DANH SÁCH KHEN THƯỞNG", [row])
    ws = wb.create_sheet("Bổ sung")
    ws.append(["STT", "Họ và tên", "Danh hiệu"])
    ws.append([1, "Trần Quốc Bình", "LĐTT"])
    plan = plan_award_import(data=workbook_bytes(wb), filename="ls.xlsx", unit=tree["tbc"])
    assert [str(e) for e in plan.errors] == ["Trang tính “Bổ sung”: Thiếu cột bắt buộc: “Năm học”."]


# ---------------------------------------------------------------- ratings


def _rating_sheet(wb: openpyxl.Workbook, name: str, title: str, rows: list[list[str]]) -> None:
    """A rating list without row numbers or birth dates, as the ratings meeting minutes have."""
    ws = wb.create_sheet(name)
    _letterhead(ws, title, 5)
    ws.append([])
    ws.append(["Họ và tên", "Chức vụ", "Kết quả đánh giá, xếp loại", "Ghi chú"])
    for row in rows:
        ws.append(row)
    _signatures(ws, 1, 3)


def test_ratings_kept_on_one_sheet_per_year_without_a_year_column(tree, staff):
    # given
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _rating_sheet(
        wb,
        "NH 2022-2023",
        "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI VIÊN CHỨC",
        [
            ["Nguyễn Thị Thanh An", "Giáo viên", "HTXSNV", ""],
            ["Lê Thị Mai", "Kế toán", "HTTNV", ""],
        ],
    )
    _rating_sheet(
        wb,
        "Sheet2",
        "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI VIÊN CHỨC NĂM HỌC 2023-2024",
        [["Nguyễn Thị Thanh An", "Giáo viên", "Hoàn thành tốt nhiệm vụ", ""]],
    )
    # when
    plan = plan_rating_import(data=workbook_bytes(wb), filename="xl.xlsx", unit=tree["tbc"])
    assert plan.errors == []
    apply_record_plan(actor=None, plan=plan)
    # then
    ratings = sorted(
        AnnualRating.objects.values_list("person__full_name", "school_year_id", "rating")
    )
    assert ratings == [
        ("Lê Thị Mai", "2022-2023", "httnv"),
        ("Nguyễn Thị Thanh An", "2022-2023", "htxsnv"),
        ("Nguyễn Thị Thanh An", "2023-2024", "httnv"),
    ]


def test_ratings_of_another_year_than_the_one_chosen_are_refused(tree, staff):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _rating_sheet(
        wb,
        "Xếp loại",
        "KẾT QUẢ ĐÁNH GIÁ, XẾP LOẠI VIÊN CHỨC NĂM HỌC 2023-2024",
        [["Nguyễn Thị Thanh An", "Giáo viên", "HTXSNV", ""]],
    )
    plan = plan_rating_import(
        data=workbook_bytes(wb),
        filename="xl.xlsx",
        unit=tree["tbc"],
        school_year=SchoolYear.objects.get(code="2024-2025"),
    )
    assert [str(e) for e in plan.errors] == [
        "Danh sách ghi năm học 2023-2024 nhưng năm học đã chọn là 2024-2025."
    ]
    assert not plan.rows
