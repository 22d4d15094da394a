import datetime as dt
import io

import openpyxl
import pytest

from thidua.core.xlsx import (
    DateValueError,
    SpreadsheetError,
    heading_key,
    load_workbook_safely,
    parse_date,
    read_table,
)

SYN = {
    "stt": ["STT"],
    "full_name": ["Họ và tên"],
    "family_middle_name": ["Họ đệm"],
    "given_name": ["Tên"],
    "date_of_birth": ["Ngày sinh"],
    "class_name": ["Lớp"],
}
REQ = [[("full_name",), ("family_middle_name", "given_name")], [("date_of_birth",)]]
LABELS = {"full_name": "Họ và tên", "date_of_birth": "Ngày sinh"}


def _xlsx(build) -> bytes:  # noqa: ANN001
    wb = openpyxl.Workbook()
    build(wb.active)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_heading_key_ignores_accents_case_punctuation():
    assert heading_key(" Ngày,  tháng, năm SINH ") == "ngay thang nam sinh"


@pytest.mark.parametrize(
    ("_case", "value", "expected"),
    [
        ("text dd/mm/yyyy", "05/09/2012", dt.date(2012, 9, 5)),
        ("text d-m-yyyy", "5-9-2012", dt.date(2012, 9, 5)),
        ("text with dots", "05.09.2012", dt.date(2012, 9, 5)),
        ("iso", "2012-09-05", dt.date(2012, 9, 5)),
        ("excel datetime", dt.datetime(2012, 9, 5), dt.date(2012, 9, 5)),
        ("excel serial", 41157, dt.date(2012, 9, 5)),
        ("empty", None, None),
    ],
)
def test_parse_date_accepts_the_shapes_schools_type(_case, value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", ["31/02/2012", "12/2012", "abc", "05/09/12"])
def test_parse_date_refuses_impossible_or_ambiguous_dates(value):
    with pytest.raises(DateValueError) as exc:
        parse_date(value)
    assert value in exc.value.message


def test_title_rows_merged_headers_and_column_numbers_are_skipped():
    def build(ws):  # noqa: ANN001, ANN202
        ws["A1"] = "SỞ GIÁO DỤC VÀ ĐÀO TẠO"
        ws.merge_cells("A1:E1")
        ws["A2"] = "DANH SÁCH HỌC SINH LỚP 6A1"
        ws.merge_cells("A2:E2")
        ws["A4"], ws["B4"], ws["D4"] = "STT", "Họ và tên", "Ngày sinh"
        ws.merge_cells("B4:C4")
        ws.merge_cells("A4:A5")
        ws.merge_cells("D4:D5")
        ws["B5"], ws["C5"] = "Họ đệm", "Tên"
        for col, n in zip("ABCD", range(1, 5), strict=True):
            ws[f"{col}6"] = n
        ws.append([1, "Nguyễn Thị", "Ánh", "05/09/2012"])
        ws.append([2, "Lê Văn", "An", dt.datetime(2012, 1, 3)])

    table = read_table(
        load_workbook_safely(_xlsx(build), max_bytes=10**6),
        synonyms=SYN,
        required=REQ,
        labels=LABELS,
    )
    assert table.columns == {"stt": 0, "family_middle_name": 1, "given_name": 2, "date_of_birth": 3}
    assert [r.number for r in table.rows] == [7, 8]
    assert table.rows[0].values["given_name"] == "Ánh"


def test_missing_required_column_is_named():
    data = _xlsx(lambda ws: ws.append(["STT", "Họ và tên", "Lớp"]))
    with pytest.raises(SpreadsheetError) as exc:
        read_table(
            load_workbook_safely(data, max_bytes=10**6), synonyms=SYN, required=REQ, labels=LABELS
        )
    assert exc.value.message == "Thiếu cột bắt buộc: “Ngày sinh”."


def test_empty_workbook_is_refused_clearly():
    with pytest.raises(SpreadsheetError) as exc:
        read_table(
            load_workbook_safely(_xlsx(lambda ws: None), max_bytes=10**6),
            synonyms=SYN,
            required=REQ,
            labels=LABELS,
        )
    assert exc.value.message == "Bảng tính trống, không có dữ liệu."


@pytest.mark.parametrize(
    ("_case", "data", "fragment"),
    [
        ("plain text", "STT,Họ và tên\n1,An".encode(), "không phải là bảng tính Excel"),
        ("old xls", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "Excel 97–2003"),
        ("zip without workbook", b"PK\x03\x04" + b"\0" * 100, "không"),
        ("empty", b"", "Tệp tải lên trống"),
    ],
)
def test_files_that_are_not_spreadsheets_get_a_vietnamese_message(_case, data, fragment):
    with pytest.raises(SpreadsheetError) as exc:
        load_workbook_safely(data, max_bytes=10**6, filename="ds.xlsx")
    assert fragment in exc.value.message


def test_too_large_file_is_refused_before_parsing():
    with pytest.raises(SpreadsheetError) as exc:
        load_workbook_safely(b"PK\x03\x04" + b"\0" * 2_000_000, max_bytes=1_000_000)
    assert "quá lớn" in exc.value.message
