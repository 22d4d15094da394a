"""Find the list on the sheets of a workbook and read its rows by field name.

Headings are matched without accents, punctuation or case against the Vietnamese headings
each import knows; the heading row may sit under title rows and span two rows.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from ..vietnamese import nfc, strip_accents
from .workbook import SpreadsheetError

MAX_HEADER_SCAN_ROWS = 25
_PUNCT = re.compile(r"[^a-z0-9 ]+")
_COLUMN_NUMBER = re.compile(r"^\(?\s*\d{1,2}\s*\)?$")
_HINT = re.compile(r"\([^)]*\)|\[[^\]]*\]")


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
    # The texts above the headings ("DANH SÁCH … NĂM HỌC 2022-2023"), top to bottom.
    title_lines: list[str] = field(default_factory=list)


def heading_key(text: Any) -> str:
    """Normalise a heading for matching: no accents, no punctuation, single spaces."""
    if text is None:
        return ""
    return " ".join(_PUNCT.sub(" ", strip_accents(str(text))).split())


def heading_keys(synonyms: dict[str, Iterable[str]]) -> dict[str, set[str]]:
    """The headings of each field as `heading_key` writes them."""
    return {name: {heading_key(w) for w in words} for name, words in synonyms.items()}


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


def _filled(value: Any) -> bool:
    return value not in (None, "")


def tidy_headings(
    ws: Any,
    *,
    synonyms: dict[str, Iterable[str]],
    prefixes: dict[str, tuple[str, ...]] | None = None,
    split: dict[str, tuple[str, str]] | None = None,
) -> None:
    """Make the headings of `ws` readable by `read_table` (changes the cells in memory).

    "Ngày sinh (dd/mm/yyyy)" and "Giới tính (Nam/Nữ)" lose their hint. With `split`
    {"full_name": ("Họ đệm", "Tên")}, "Họ và tên" merged over two columns holding the
    family and middle names and the given name, with nothing written under it, gets the
    sub-headings "Họ đệm" | "Tên" that it implies.
    """
    keys = heading_keys(synonyms)
    starts = {name: tuple(heading_key(p) for p in ps) for name, ps in (prefixes or {}).items()}
    known = set().union(*keys.values()) if keys else set()
    for cells in ws.iter_rows(max_row=MAX_HEADER_SCAN_ROWS):
        for cell in cells:
            text = cell.value
            hinted = isinstance(text, str) and ("(" in text or "[" in text)
            if hinted and heading_key(text) not in known:
                bare = _HINT.sub(" ", text)
                if heading_key(bare) in known:
                    cell.value = bare
    for merged in list(ws.merged_cells.ranges) if split else []:
        if merged.min_row > MAX_HEADER_SCAN_ROWS or merged.max_col - merged.min_col != 1:
            continue
        title = ws.cell(merged.min_row, merged.min_col).value
        key = heading_key(title)
        name = next(
            (
                n
                for n in split
                if key and (key in keys.get(n, ()) or key.startswith(starts.get(n, ())))
            ),
            None,
        )
        if name is None:
            continue
        first, second, below = merged.min_col, merged.max_col, merged.max_row + 1
        if any(heading_key(ws.cell(below, c).value) in known for c in (first, second)):
            continue  # sub-headings are there: read_table reads them
        whole = {
            r
            for m in ws.merged_cells.ranges
            if m.min_col <= first and m.max_col >= second
            for r in range(m.min_row, m.max_row + 1)
        }
        rows = range(below, min(ws.max_row, below + 40) + 1)
        named = [r for r in rows if _filled(ws.cell(r, first).value) and r not in whole]
        both = [r for r in named if _filled(ws.cell(r, second).value)]
        if not named or len(both) * 2 < len(named):
            continue  # the whole value is in the first column
        ws.unmerge_cells(merged.coord)
        left, right = split[name]
        ws.cell(merged.max_row, first).value = left
        ws.cell(merged.max_row, second).value = right
        if merged.max_row > merged.min_row:
            ws.cell(merged.min_row, first).value = title


def _is_blank(sheets: list[Any]) -> bool:
    return not any(
        _filled(value) and str(value).strip()
        for ws in sheets
        for row in ws.iter_rows(values_only=True)
        for value in row
    )


def read_table(
    workbook: Any,
    *,
    synonyms: dict[str, Iterable[str]],
    prefixes: dict[str, tuple[str, ...]] | None = None,
    required: list[list[tuple[str, ...]]],
    labels: dict[str, str],
    split: dict[str, tuple[str, str]] | None = None,
) -> Table:
    """Find the list in the workbook (on its best sheet) and return its rows keyed by field.

    Each entry of `required` lists alternatives, each a tuple of fields that must all be
    present: [("full_name",), ("family_middle_name", "given_name")] accepts either shape of name.
    """
    for ws in workbook.worksheets:
        tidy_headings(ws, synonyms=synonyms, prefixes=prefixes, split=split)
    return _read(list(workbook.worksheets), synonyms, prefixes, required, labels)


def read_tables(
    workbook: Any,
    *,
    synonyms: dict[str, Iterable[str]],
    prefixes: dict[str, tuple[str, ...]] | None = None,
    required: list[list[tuple[str, ...]]],
    labels: dict[str, str],
    missing: list[list[tuple[str, ...]]] | None = None,
    split: dict[str, tuple[str, str]] | None = None,
) -> list[Table]:
    """The list on every visible sheet that has one: schools keep one sheet per class,
    group or school year; sheets without the `required` columns (a summary, notes) are
    left out.

    With no list anywhere, the SpreadsheetError names the columns of `missing` (default
    `required`) that the best sheet lacks.
    """
    options: dict[str, Any] = {"synonyms": synonyms, "prefixes": prefixes, "split": split}
    visible = [ws for ws in workbook.worksheets if ws.sheet_state == "visible"]
    tables = []
    for ws in visible or workbook.worksheets:
        tidy_headings(ws, **options)
        try:
            tables.append(_read([ws], synonyms, prefixes, required, labels))
        except SpreadsheetError:
            continue
    if not tables:
        # the error of the best sheet (or the list on a hidden sheet)
        tables = [read_table(workbook, required=missing or required, labels=labels, **options)]
    return tables


def sheet_rows(tables: list[Table]) -> list[tuple[str, SheetRow]]:
    """Every row of the tables with its sheet name, which is "" for a single list."""
    label = len(tables) > 1
    return [(t.sheet_name if label else "", row) for t in tables for row in t.rows]


def _read(
    sheets: list[Any],
    synonyms: dict[str, Iterable[str]],
    prefixes: dict[str, tuple[str, ...]] | None,
    required: list[list[tuple[str, ...]]],
    labels: dict[str, str],
) -> Table:
    syn = heading_keys(synonyms)
    pre = {name: tuple(heading_key(p) for p in ps) for name, ps in (prefixes or {}).items()}
    best: tuple[int, Any, list[list[Any]], int, dict[int, str]] | None = None
    for ws in sheets:
        grid = _grid(ws)
        for index, row in enumerate(grid[:MAX_HEADER_SCAN_ROWS]):
            found = _row_matches(row, syn, pre)
            score = len(set(found.values()))
            if score >= 2 and (best is None or score > best[0]):
                best = (score, ws, grid, index, found)
    if best is None:
        if _is_blank(sheets):
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
    table = Table(
        sheet_name=ws.title,
        columns=columns,
        header_row=last_header + 1,
        title_lines=_title_lines(grid[:header_index]),
    )
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


def _title_lines(rows: list[list[Any]]) -> list[str]:
    lines: list[str] = []
    for row in rows:
        for value in row:
            text = nfc(value) if isinstance(value, str) else ""
            if text and text not in lines:  # a merged title fills every cell it covers
                lines.append(text)
    return lines


def _clean(value: Any) -> Any:
    if isinstance(value, str):
        value = nfc(value)
        return value or None
    return value
