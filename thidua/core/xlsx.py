"""Read the Excel lists schools really have.

Real sheets carry title rows above the heading row, headings merged over two rows
("Họ và tên" above "Họ đệm" | "Tên"), a row of column numbers under the headings, merged
cells, dates typed as text or stored as Excel dates, stray spaces and decomposed (NFD)
Vietnamese. `read_table` finds the heading row by matching known Vietnamese headings
and returns every data row with its Excel row number, so errors can name it.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import IO, Any

from django.utils.translation import gettext as _

from .vietnamese import nfc, strip_accents

XLS_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
MAX_HEADER_SCAN_ROWS = 25
_PUNCT = re.compile(r"[^a-z0-9 ]+")
_COLUMN_NUMBER = re.compile(r"^\(?\s*\d{1,2}\s*\)?$")


class SpreadsheetError(Exception):
    """The file cannot be read as a list; `message` is shown to the user as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


@dataclass
class SheetRow:
    number: int
    values: dict[str, Any]


@dataclass
class Table:
    sheet_name: str
    columns: dict[str, int]
    header_row: int
    rows: list[SheetRow] = field(default_factory=list)


def heading_key(text: Any) -> str:
    """Normalise a heading for matching: no accents, no punctuation, single spaces."""
    if text is None:
        return ""
    return " ".join(_PUNCT.sub(" ", strip_accents(str(text))).split())


def load_workbook_safely(data: bytes, *, max_bytes: int, filename: str = "") -> Any:
    """Open an .xlsx file or raise SpreadsheetError with a Vietnamese explanation."""
    import openpyxl

    if len(data) == 0:
        raise SpreadsheetError(_("Tệp tải lên trống."))
    if len(data) > max_bytes:
        raise SpreadsheetError(
            _("Tệp quá lớn (%(size)s MB). Dung lượng tối đa là %(max)s MB.")
            % {"size": f"{len(data) / 1024 / 1024:.1f}", "max": f"{max_bytes / 1024 / 1024:.0f}"}
        )
    if data.startswith(XLS_SIGNATURE):
        raise SpreadsheetError(
            _(
                "Tệp có định dạng Excel 97–2003 (.xls). Vui lòng mở tệp trong Excel và lưu lại "
                "dưới dạng Excel Workbook (.xlsx) rồi tải lên lại."
            )
        )
    if not data.startswith(ZIP_SIGNATURE):
        raise SpreadsheetError(
            _("Tệp “%(name)s” không phải là bảng tính Excel (.xlsx).") % {"name": filename or "?"}
        )
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            names = set(archive.namelist())
        if "xl/workbook.xml" not in names:
            raise SpreadsheetError(
                _("Tệp “%(name)s” không phải là bảng tính Excel (.xlsx).")
                % {"name": filename or "?"}
            )
        return openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    except SpreadsheetError:
        raise
    except Exception as exc:  # a damaged or foreign zip: never a traceback for the user
        raise SpreadsheetError(
            _("Không đọc được tệp “%(name)s”: tệp bị hỏng hoặc không phải bảng tính Excel.")
            % {"name": filename or "?"}
        ) from exc


def read_bytes(upload: IO[bytes] | bytes, *, max_bytes: int) -> bytes:
    """Read at most max_bytes+1 bytes so that a huge upload is refused without loading it all."""
    if isinstance(upload, bytes):
        return upload
    if hasattr(upload, "seek"):
        upload.seek(0)
    return upload.read(max_bytes + 1)


def _grid(ws: Any) -> list[list[Any]]:
    """Cell values with merged ranges filled from their top-left cell."""
    rows = [list(r) for r in ws.iter_rows(values_only=True)]
    for merged in ws.merged_cells.ranges:
        top_value = ws.cell(merged.min_row, merged.min_col).value
        for r in range(merged.min_row, merged.max_row + 1):
            for c in range(merged.min_col, merged.max_col + 1):
                if r - 1 < len(rows) and c - 1 < len(rows[r - 1]):
                    rows[r - 1][c - 1] = top_value
    return rows


def _match(cell: Any, synonyms: dict[str, set[str]], prefixes: dict[str, tuple[str, ...]]) -> str:
    key = heading_key(cell)
    if not key:
        return ""
    for name, words in synonyms.items():
        if key in words:
            return name
    for name, starts in prefixes.items():
        if any(key.startswith(p) for p in starts):
            return name
    return ""


def _row_matches(
    row: list[Any], synonyms: dict[str, set[str]], prefixes: dict[str, tuple[str, ...]]
) -> dict[int, str]:
    found: dict[int, str] = {}
    for index, cell in enumerate(row):
        name = _match(cell, synonyms, prefixes)
        if name:
            found[index] = name
    return found


def _is_column_number_row(row: list[Any]) -> bool:
    values = [v for v in row if v not in (None, "")]
    return (
        bool(values)
        and all(isinstance(v, int | float) or _COLUMN_NUMBER.match(str(v).strip()) for v in values)
        and len(values) >= 2
    )


def read_table(
    workbook: Any,
    *,
    synonyms: dict[str, Iterable[str]],
    prefixes: dict[str, tuple[str, ...]] | None = None,
    required: list[list[tuple[str, ...]]],
    labels: dict[str, str],
) -> Table:
    """Find the list in the workbook and return its rows keyed by field name.

    Each entry of `required` lists alternatives, each a tuple of fields that must all be
    present: [("full_name",), ("family_middle_name", "given_name")] accepts either shape of name.
    """
    syn = {name: {heading_key(w) for w in words} for name, words in synonyms.items()}
    pre = {name: tuple(heading_key(p) for p in ps) for name, ps in (prefixes or {}).items()}
    best: tuple[int, Any, list[list[Any]], int, dict[int, str]] | None = None
    for ws in workbook.worksheets:
        grid = _grid(ws)
        for index, row in enumerate(grid[:MAX_HEADER_SCAN_ROWS]):
            found = _row_matches(row, syn, pre)
            score = len(set(found.values()))
            if score >= 2 and (best is None or score > best[0]):
                best = (score, ws, grid, index, found)
    if best is None:
        if all(
            ws.max_row <= 1 and ws.max_column <= 1 and ws.cell(1, 1).value is None
            for ws in workbook.worksheets
        ):
            raise SpreadsheetError(_("Bảng tính trống, không có dữ liệu."))
        raise SpreadsheetError(
            _(
                "Không tìm thấy dòng tiêu đề của danh sách (ví dụ: “STT”, “Họ và tên”, "
                "“Ngày sinh”) trong 25 dòng đầu của bảng tính."
            )
        )
    _score, ws, grid, header_index, columns_by_index = best
    last_header = header_index
    # A second heading row under merged headings ("Họ và tên" over "Họ đệm" | "Tên").
    if header_index + 1 < len(grid):
        row_below, row_above = grid[header_index + 1], grid[header_index]
        below = _row_matches(row_below, syn, pre)
        # Every filled cell must be a heading or the merged heading from above: a data row
        # that happens to hold "Nữ" or "Tên" is not a heading row.
        only_headings = all(
            value in (None, "") or i in below or (i < len(row_above) and value == row_above[i])
            for i, value in enumerate(row_below)
        )
        if below and only_headings and any(columns_by_index.get(i) != n for i, n in below.items()):
            columns_by_index.update(below)
            last_header = header_index + 1
    columns: dict[str, int] = {}
    for index, name in sorted(columns_by_index.items()):
        # A merged heading fills several cells; keep the first column for each field.
        columns.setdefault(name, index)
    # A field split into two sub-columns replaces the merged one.
    if "family_middle_name" in columns and "given_name" in columns:
        columns.pop("full_name", None)
    missing = [req for req in required if not any(all(f in columns for f in alt) for alt in req)]
    if missing:
        names = ", ".join(f"“{labels[req[0][0]]}”" for req in missing)
        raise SpreadsheetError(_("Thiếu cột bắt buộc: %(names)s.") % {"names": names})
    table = Table(sheet_name=ws.title, columns=columns, header_row=last_header + 1)
    start = last_header + 1
    if start < len(grid) and _is_column_number_row(grid[start]):
        start += 1
    for index in range(start, len(grid)):
        row = grid[index]
        values = {
            name: _clean(row[col]) if col < len(row) else None for name, col in columns.items()
        }
        if all(v in (None, "") for v in values.values()):
            continue
        table.rows.append(SheetRow(number=index + 1, values=values))
    return table


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = nfc(value)
        return value or None
    return value


_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})$")
_ISO_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")


class DateValueError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_date(value: Any) -> dt.date | None:
    """A date from an Excel date cell, an Excel serial number or dd/mm/yyyy text."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        if 1 <= value < 2958466:
            converted = from_excel(value)
            return converted.date() if isinstance(converted, dt.datetime) else converted
        raise DateValueError(_("«%(value)s» không phải là ngày.") % {"value": value})
    text = nfc(str(value))
    match = _DATE_TEXT.match(text)
    if match:
        day, month, year = (int(g) for g in match.groups())
        if year < 100:
            raise DateValueError(
                _("«%(value)s» ghi năm bằng hai chữ số; hãy ghi đủ bốn chữ số (dd/mm/yyyy).")
                % {"value": text}
            )
    else:
        match = _ISO_TEXT.match(text)
        if not match:
            raise DateValueError(
                _("«%(value)s» không đúng dạng ngày/tháng/năm (dd/mm/yyyy).") % {"value": text}
            )
        year, month, day = (int(g) for g in match.groups())
    try:
        return dt.date(year, month, day)
    except ValueError as exc:
        raise DateValueError(
            _("«%(value)s» không phải là một ngày có thật.") % {"value": text}
        ) from exc
