import datetime as dt
import io

import openpyxl
import pytest

from thidua.core.xlsx import (
    XLS_SIGNATURE,
    DateValueError,
    RowError,
    SpreadsheetError,
    code_text,
    heading_key,
    heading_keys,
    is_data_row,
    load_workbook_safely,
    parse_date,
    read_table,
    read_tables,
    sheet_rows,
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


@pytest.mark.parametrize(
    ("_case", "value", "expected"),
    [
        ("text with the time another program added", "05/09/2014 00:00:00", dt.date(2014, 9, 5)),
        ("text with a 12-hour time", "05/09/2014 12:00 AM", dt.date(2014, 9, 5)),
        ("excel serial as a float", 41157.0, dt.date(2012, 9, 5)),
    ],
)
def test_parse_date_reads_dates_copied_from_other_programs(_case, value, expected):
    assert parse_date(value) == expected


@pytest.mark.parametrize("value", [2022, 2022.0, "2022", " 2022 "])
def test_a_year_alone_is_not_a_date_of_1905(value):
    with pytest.raises(DateValueError) as exc:
        parse_date(value)
    assert exc.value.message == "«2022» chỉ có năm; hãy ghi đủ ngày/tháng/năm (dd/mm/yyyy)."


@pytest.mark.parametrize(
    ("value", "expected"), [(7901234567, "7901234567"), (12345.0, "12345"), (" GV 015 ", "GV015")]
)
def test_codes_typed_as_numbers_or_with_spaces(value, expected):
    assert code_text(value) == expected


def test_a_password_protected_workbook_gets_its_own_message():
    data = XLS_SIGNATURE + b"\0" * 504 + "EncryptionInfo".encode("utf-16-le")
    with pytest.raises(SpreadsheetError) as exc:
        load_workbook_safely(data, max_bytes=10**6, filename="ds.xlsx")
    assert "được đặt mật khẩu" in exc.value.message


def _book(*sheets: tuple[str, list[list[object]]], hidden: tuple[str, ...] = ()) -> object:
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
        if title in hidden:
            ws.sheet_state = "hidden"
    buffer = io.BytesIO()
    wb.save(buffer)
    return load_workbook_safely(buffer.getvalue(), max_bytes=10**6)


def test_read_tables_reads_every_list_sheet_and_leaves_out_the_others():
    # given two class sheets, a summary without the required columns and a hidden copy
    workbook = _book(
        ("6A1", [["DANH SÁCH LỚP 6A1 NĂM HỌC 2024-2025"], ["STT", "Họ và tên", "Ngày sinh"]]),
        ("6A2", [["STT", "Họ và tên", "Ngày sinh"], [1, "Lê Văn An", "05/09/2012"]]),
        ("Tổng hợp", [["STT", "Lớp", "Sĩ số"], [1, "6A1", 40]]),
        ("Cũ", [["STT", "Họ và tên", "Ngày sinh"], [1, "Võ Văn Cũ", "01/01/2012"]]),
        hidden=("Cũ",),
    )
    # when
    tables = read_tables(workbook, synonyms=SYN, required=REQ, labels=LABELS)
    # then
    assert [(t.sheet_name, t.header_row, len(t.rows)) for t in tables] == [
        ("6A1", 2, 0),
        ("6A2", 1, 1),
    ]
    assert tables[0].title_lines == ["DANH SÁCH LỚP 6A1 NĂM HỌC 2024-2025"]
    assert [(sheet, row.number) for sheet, row in sheet_rows(tables)] == [("6A2", 2)]


def test_read_tables_without_any_list_names_the_missing_columns_of_the_best_sheet():
    workbook = _book(("DS", [["STT", "Họ và tên", "Lớp"]]), ("Ghi chú", [["Nộp trước 15/9"]]))
    with pytest.raises(SpreadsheetError) as exc:
        read_tables(workbook, synonyms=SYN, required=REQ, labels=LABELS)
    assert exc.value.message == "Thiếu cột bắt buộc: “Ngày sinh”."


def test_headings_with_hints_and_a_name_merged_over_two_columns_are_tidied():
    # given "Họ và tên" over two columns with nothing under it and hints in brackets
    def build(ws):  # noqa: ANN001, ANN202
        ws.append(["STT", "Họ và tên (*)", None, "Ngày sinh\n(dd/mm/yyyy)", "Lớp [ghi 6A1]"])
        ws.merge_cells("B1:C1")
        ws.append([1, "Nguyễn Thị", "Ánh", "05/09/2012", "6A1"])
        ws.append([2, "Lê Văn", "An", "03/01/2012", "6A1"])

    # when
    tables = read_tables(
        load_workbook_safely(_xlsx(build), max_bytes=10**6),
        synonyms=SYN,
        required=REQ,
        labels=LABELS,
        split={"full_name": ("Họ đệm", "Tên")},
    )
    # then
    assert tables[0].columns == {
        "stt": 0,
        "family_middle_name": 1,
        "given_name": 2,
        "date_of_birth": 3,
        "class_name": 4,
    }
    assert tables[0].rows[0].values["given_name"] == "Ánh"


HEADINGS = heading_keys(SYN)


@pytest.mark.parametrize(
    ("_case", "values", "expected"),
    [
        ("numbered", {"stt": 1, "full_name": "Lê Văn An"}, True),
        ("numbered as text", {"stt": "12.", "full_name": "Lê Văn An"}, True),
        ("no number but a code", {"stt": None, "full_name": "Lê Văn An", "code": "HS01"}, True),
        (
            "no number but a date",
            {"stt": None, "full_name": "An", "date_of_birth": "5/9/2012"},
            True,
        ),
        ("numbered empty row", {"stt": 7, "full_name": None}, False),
        ("merged section row", {"stt": "LỚP 6A2", "full_name": "LỚP 6A2"}, False),
        ("merged totals row", {"stt": "Tổng cộng: 40", "full_name": "Tổng cộng: 40"}, False),
        ("repeated headings", {"stt": "STT", "full_name": "Họ và tên", "class_name": "Lớp"}, False),
        ("column letters", {"stt": "A", "full_name": "B", "date_of_birth": "C"}, False),
        ("totals with a count", {"stt": "Cộng", "full_name": None, "code": 12}, False),
        ("totals in the name column", {"stt": None, "full_name": "TỔNG SỐ:", "code": 40}, False),
        ("a given name Công", {"stt": None, "full_name": "Công", "code": "HS01"}, True),
        ("signature", {"stt": None, "full_name": "Người lập biểu", "code": "HIỆU TRƯỞNG"}, False),
        ("signed names", {"stt": None, "full_name": "Lê Văn Tâm", "code": "Phạm Văn Hòa"}, False),
    ],
)
def test_which_rows_are_entries_of_the_list(_case, values, expected):
    assert is_data_row(values, headings=HEADINGS, codes=("code",), dates=("date_of_birth",)) is (
        expected
    )


def test_row_errors_name_the_sheet_only_when_there_are_several():
    assert str(RowError(5, "Thiếu họ và tên.")) == "Dòng 5: Thiếu họ và tên."
    assert (
        str(RowError(5, "Thiếu họ và tên.", "6A2")) == "Trang tính “6A2”, dòng 5: Thiếu họ và tên."
    )
    assert str(RowError(None, "Thiếu cột.", "6A2")) == "Trang tính “6A2”: Thiếu cột."
