"""Past decisions as schools and district offices keep them in Excel: a register with each
decision's number, date and authority merged down over its rows, title rows, totals and
signatures; a workbook with one sheet per school year. All or nothing, every bad row named."""

from __future__ import annotations

import datetime as dt
from typing import Any

import openpyxl
import pytest

from conftest import make_teacher
from thidua.achievements.models import AwardRecord
from thidua.achievements.selectors import person_record
from thidua.decisions.imports import apply_decision_plan, plan_decision_import
from thidua.decisions.models import Decision
from thidua.people.imports import ImportRejected
from thidua.people.tests.sheets import workbook_bytes

pytestmark = pytest.mark.django_db
HT = "Hiệu trưởng Trường THCS Trần Bội Cơ"
UBND = "Chủ tịch UBND Quận 5"


@pytest.fixture
def staff(tree):  # noqa: ANN001, ANN201
    return {
        "lan": make_teacher(tree["tbc"], "Nguyễn Thị Ngọc Lan", dept=tree["tbc_math"]),
        "dung": make_teacher(tree["tbc"], "Trần Quốc Dũng", dept=tree["tbc_math"]),
    }


def _merge_down(ws: Any, first: int, last: int, columns: range) -> None:
    for col in columns:
        ws.merge_cells(start_row=first, start_column=col, end_row=last, end_column=col)


def test_a_register_with_each_decision_merged_over_its_rows(principal, tree, staff):
    # given the school's register of decisions: title rows, a decision's number, date and
    # authority merged down over its awardees, one date stored as an Excel date and one
    # typed as text, a merged totals line and the signatures
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sổ khen thưởng"
    ws.append(["TRƯỜNG THCS TRẦN BỘI CƠ"])
    ws.append(["SỔ THEO DÕI QUYẾT ĐỊNH KHEN THƯỞNG CÁC NĂM HỌC 2021-2022 ĐẾN 2023-2024"])
    ws.merge_cells("A2:I2")
    ws.append([])
    ws.append(
        [
            "STT",
            "Số quyết định",
            "Ngày quyết định",
            "Cơ quan ban hành",
            "Họ và tên",
            "Ngày sinh",
            "Tập thể/Đơn vị",
            "Danh hiệu/Hình thức",
            "Năm học thành tích",
        ]
    )
    ws.append(["(1)", "(2)", "(3)", "(4)", "(5)", "(6)", "(7)", "(8)", "(9)"])
    ws.append(
        [
            1,
            "45/QĐ-THCSTBC",
            dt.datetime(2022, 6, 15),
            HT,
            "Nguyễn Thị Ngọc Lan",
            "12/04/1985",
            None,
            "LĐTT",
            "2021 - 2022",
        ]
    )
    ws.append([2, None, None, None, "Trần Quốc Dũng", None, None, "LĐTT", "2021-2022"])
    ws.append([3, None, None, None, None, None, "Tổ Toán – Tin", "TTLĐTT", "2021-2022"])
    _merge_down(ws, 6, 8, range(2, 5))
    ws.append(
        [
            4,
            "1234/QĐ-UBND",
            "10/12/2023",
            UBND,
            "Nguyễn Thị Ngọc Lan",
            None,
            "Trường THCS Trần Bội Cơ",
            "Giấy khen",
            "2022-2023",
        ]
    )
    ws.append(["Tổng cộng: 02 quyết định, 04 lượt khen thưởng"])
    ws.merge_cells(start_row=ws.max_row, start_column=1, end_row=ws.max_row, end_column=9)
    ws.append([])
    ws.append([None, "Người lập biểu", None, None, None, None, "HIỆU TRƯỞNG"])
    ws.append([None, "Lê Văn Tâm", None, None, None, None, "Phạm Văn Hòa"])
    # when
    plan = plan_decision_import(data=workbook_bytes(wb), filename="so.xlsx", unit=tree["tbc"])
    assert plan.errors == []
    apply_decision_plan(actor=principal, plan=plan)
    # then two historical decisions with their lines, and the titles in the history
    decisions = Decision.objects.order_by("issued_on")
    assert [(d.number_label, d.issued_on, d.authority, d.lines.count()) for d in decisions] == [
        ("45/QĐ-THCSTBC", dt.date(2022, 6, 15), HT, 3),
        ("1234/QĐ-UBND", dt.date(2023, 12, 10), UBND, 1),
    ]
    assert person_record(staff["dung"]).titles_held() == {"2021-2022": ["lao_dong_tien_tien"]}
    assert AwardRecord.objects.get(collective=tree["tbc_math"]).period_to_id == "2021-2022"
    assert AwardRecord.objects.count() == 4


def _year_sheet(wb: openpyxl.Workbook, name: str, title: str, rows: list[list[Any]]) -> None:
    ws = wb.create_sheet(name)
    ws.append(["PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 5"])
    ws.append([title])
    ws.merge_cells("A2:G2")
    ws.append(["TT", "Số QĐ", "Ngày QĐ", "Cơ quan ban hành", "Họ và tên", "Ngày sinh", "Danh hiệu"])
    for number, row in enumerate(rows, start=1):
        ws.append([number, *row])
    ws.append(["Cộng", len({row[0] for row in rows})])  # the number of decisions
    ws.append([None, None, None, None, "Người lập biểu", None, "TRƯỞNG PHÒNG"])


def _by_year_workbook(second: list[list[Any]]) -> bytes:
    """One sheet per school year, the year only in the sheet name or the title."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    _year_sheet(
        wb,
        "2021-2022",
        "DANH SÁCH KHEN THƯỞNG",
        [
            ["45/QĐ-THCSTBC", "15/06/2022", HT, "Nguyễn Thị Ngọc Lan", "12/04/1985", "LĐTT"],
            ["45/QĐ-THCSTBC", "15/06/2022", HT, "Trần Quốc Dũng", "12/04/1985", "LĐTT"],
        ],
    )
    _year_sheet(wb, "Sheet2", "DANH SÁCH KHEN THƯỞNG NĂM HỌC 2022-2023", second)
    return workbook_bytes(wb)


def test_one_sheet_per_school_year_without_a_year_column(principal, tree, staff):
    data = _by_year_workbook(
        [["52/QĐ-THCSTBC", "20/06/2023", HT, "Nguyễn Thị Ngọc Lan", "12/04/1985", "CSTĐCS"]]
    )
    plan = plan_decision_import(data=data, filename="ls.xlsx", unit=tree["tbc"])
    assert plan.errors == []
    assert [(r.sheet, r.row) for r in plan.rows] == [
        ("2021-2022", 4),
        ("2021-2022", 5),
        ("Sheet2", 4),
    ]
    apply_decision_plan(actor=principal, plan=plan)
    assert person_record(staff["lan"]).titles_held() == {
        "2021-2022": ["lao_dong_tien_tien"],
        "2022-2023": ["chien_si_thi_dua_co_so"],
    }
    assert Decision.objects.count() == 2


def test_bad_rows_on_a_year_sheet_import_nothing_and_name_sheet_and_row(principal, tree, staff):
    # given an award nobody knows and a decision date with a two-digit year on the
    # second sheet
    data = _by_year_workbook(
        [
            ["52/QĐ-THCSTBC", "20/06/2023", HT, "Nguyễn Thị Ngọc Lan", "12/04/1985", "CSTĐCS"],
            ["53/QĐ-THCSTBC", "20/06/2023", HT, "Trần Quốc Dũng", "12/04/1985", "Huy hiệu"],
            ["54/QĐ-THCSTBC", "20/06/23", HT, "Trần Quốc Dũng", "12/04/1985", "Giấy khen"],
        ]
    )
    # when
    plan = plan_decision_import(data=data, filename="ls.xlsx", unit=tree["tbc"])
    # then
    assert [str(e) for e in plan.errors] == [
        "Trang tính “Sheet2”, dòng 5: Không nhận ra danh hiệu, hình thức «Huy hiệu».",
        "Trang tính “Sheet2”, dòng 6: Ngày quyết định «20/06/23» ghi năm bằng hai chữ số; "
        "hãy ghi đủ bốn chữ số (dd/mm/yyyy).",
    ]
    with pytest.raises(ImportRejected):
        apply_decision_plan(actor=principal, plan=plan)
    assert Decision.objects.count() == 0
    assert AwardRecord.objects.count() == 0


def test_a_title_on_two_year_sheets_names_the_other_sheet(tree, staff):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    row = ["Nguyễn Thị Ngọc Lan", "12/04/1985", "LĐTT"]
    _year_sheet(wb, "2021-2022", "DANH SÁCH KHEN THƯỞNG", [["45/QĐ", "15/06/2022", HT, *row]])
    _year_sheet(wb, "Bổ sung", "BỔ SUNG NĂM HỌC 2021-2022", [["47/QĐ", "30/06/2022", HT, *row]])
    plan = plan_decision_import(data=workbook_bytes(wb), filename="ls.xlsx", unit=tree["tbc"])
    assert [str(e) for e in plan.errors] == [
        "Trang tính “Bổ sung”, dòng 4: “Lao động tiên tiến” năm học 2021-2022 đã có ở dòng 4 "
        "của trang tính “2021-2022”."
    ]
