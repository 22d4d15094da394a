"""Build Excel files shaped like the lists schools really export (for tests)."""

from __future__ import annotations

import datetime as dt
import io
import unicodedata
from typing import Any

import openpyxl


def workbook_bytes(wb: openpyxl.Workbook) -> bytes:
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def student_sheet(
    rows: list[list[Any]],
    *,
    class_title: str = "6A1",
    split_name: bool = False,
    with_class: bool = True,
    nfd: bool = False,
) -> bytes:
    """A vnEdu-like export: school and title rows, merged headings, a row of column numbers.

    `rows` items: [code, full name, dob, gender, class].
    """
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "DSHS"
    ws["A1"] = "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO QUẬN 5"
    ws["A2"] = "TRƯỜNG THCS TRẦN BỘI CƠ"
    ws["A3"] = f"DANH SÁCH HỌC SINH LỚP {class_title} NĂM HỌC 2024 - 2025"
    ws.merge_cells("A3:G3")
    header_row = 5
    headings = ["STT", "Mã học sinh"]
    if split_name:
        headings += ["Họ và tên", None]
    else:
        headings += ["Họ và tên"]
    headings += ["Ngày sinh", "Giới tính"] + (["Lớp"] if with_class else [])
    for col, text in enumerate(headings, start=1):
        ws.cell(header_row, col, text)
    last_col = len(headings)
    if split_name:
        ws.cell(header_row + 1, 3, "Họ đệm")
        ws.cell(header_row + 1, 4, "Tên")
        ws.merge_cells(start_row=header_row, start_column=3, end_row=header_row, end_column=4)
        for col in (1, 2, 5, 6, 7)[: last_col - 2]:
            ws.merge_cells(
                start_row=header_row, start_column=col, end_row=header_row + 1, end_column=col
            )
        first_data = header_row + 2
    else:
        first_data = header_row + 1
    for col in range(1, last_col + 1):
        ws.cell(first_data, col, f"({col})")
    for index, (code, name, dob, gender, class_name) in enumerate(rows, start=1):
        if nfd:
            name = unicodedata.normalize("NFD", name)
        values: list[Any] = [index, code]
        if split_name:
            family, given = name.rsplit(" ", 1)
            values += [family, given]
        else:
            values += [f"  {name}  "]
        values += [dob, gender] + ([class_name] if with_class else [])
        ws.append(values)
    ws.append([])
    ws.append([None, None, "Người lập danh sách", None, "HIỆU TRƯỞNG"])
    ws.append([None, None, "Nguyễn Văn Bình", None, "Phạm Văn Hòa"])
    return workbook_bytes(wb)


def staff_sheet(rows: list[list[Any]], *, with_code: bool = False) -> bytes:
    """`rows` items: [full name, dob, gender, job title, department] (+ code first if with_code)."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"] = "TRƯỜNG THCS TRẦN BỘI CƠ"
    ws["A2"] = "DANH SÁCH CÁN BỘ, GIÁO VIÊN, NHÂN VIÊN NĂM HỌC 2024-2025"
    ws.merge_cells("A2:F2")
    headings = (
        ["STT"]
        + (["Mã CB"] if with_code else [])
        + ["Họ và tên", "Ngày sinh", "Giới tính", "Chức vụ", "Tổ"]
    )
    ws.append([])
    ws.append(headings)
    for index, row in enumerate(rows, start=1):
        ws.append([index, *row])
    return workbook_bytes(wb)


DOB = dt.datetime(2013, 3, 14)
