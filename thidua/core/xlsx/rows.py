"""Which rows under the headings are entries of the list, and how errors name a row."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext as _

from ..vietnamese import nfc
from .tables import heading_key

_ROW_NUMBER = re.compile(r"^\d{1,4}\s*[.)]?$")
# "Tổng cộng: 40", "Tổng số", "Cộng" (with accents: "Công" is a given name).
_TOTALS = re.compile(r"^(tổng cộng|tổng số|cộng)(?=[\s:.,]|$)")


@dataclass
class RowError:
    """An error in the file, at a row (Excel number) of a sheet, or about the whole file."""

    row: int | None
    message: str
    sheet: str = ""  # named only when the workbook holds the list on several sheets

    def __str__(self) -> str:
        if self.row is None:
            if self.sheet:
                return _("Trang tính “%(sheet)s”: %(message)s") % {
                    "sheet": self.sheet,
                    "message": self.message,
                }
            return self.message
        if self.sheet:
            return _("Trang tính “%(sheet)s”, dòng %(row)s: %(message)s") % {
                "sheet": self.sheet,
                "row": self.row,
                "message": self.message,
            }
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}


def _filled(value: Any) -> bool:
    return value not in (None, "")


def is_layout_row(
    values: dict[str, Any], *, headings: dict[str, set[str]], mark_fields: Iterable[str] = ()
) -> bool:
    """A line under the heading row that is not an entry of the list.

    Pre-numbered empty rows, a text merged across the row ("LỚP 6A2", "Tổng cộng: 40 học
    sinh", "I. CÁN BỘ QUẢN LÝ"), a totals line ("Cộng" | … | 12), headings repeated on
    every printed page and a row of column letters. `headings` are the `heading_keys` of
    the list (`values` in column order); cells of `mark_fields` hold marks such as "x" or
    "Nữ" that may equal a heading.
    """
    filled = {k: v for k, v in values.items() if _filled(v)}
    if not filled.keys() - {"stt"}:
        return True
    first = next(iter(filled.values()))
    if isinstance(first, str) and _TOTALS.match(nfc(first).casefold()):
        return True
    if len(filled) > 1 and len({str(v) for v in filled.values()}) == 1:
        return True
    marks = set(mark_fields)
    repeated = [
        k for k, v in filled.items() if k not in marks and heading_key(v) in headings.get(k, ())
    ]
    if len(repeated) >= 2:
        return True
    return len(filled) >= 3 and all(
        isinstance(v, str) and len(v.strip()) == 1 and v.strip().isalpha() for v in filled.values()
    )


def looks_like_code(value: Any) -> bool:
    """A number, or one word holding a digit: "7901234567", "GV015", "45/QĐ-UBND"."""
    if isinstance(value, int | float):
        return True
    return (
        isinstance(value, str)
        and not any(ch.isspace() for ch in value.strip())
        and any(ch.isdigit() for ch in value)
    )


def looks_like_date(value: Any) -> bool:
    """A date cell, a number or a text that starts with a digit ("05/09/2013", "2022-2023")."""
    if isinstance(value, dt.date | int | float) and not isinstance(value, bool):
        return True
    return isinstance(value, str) and value.strip()[:1].isdigit()


def has_row_number(values: dict[str, Any]) -> bool:
    """The "STT" cell holds a row number: 1, "1", "1." or "1)"."""
    stt = values.get("stt")
    if isinstance(stt, int | float) and not isinstance(stt, bool):
        return True
    return isinstance(stt, str) and bool(_ROW_NUMBER.match(stt.strip()))


def has_data_marker(
    values: dict[str, Any], *, codes: Iterable[str] = (), dates: Iterable[str] = ()
) -> bool:
    """Signs that a row is an entry: a row number, a code in one of `codes`, or a date in
    one of `dates`. Signature lines ("Người lập biểu", "HIỆU TRƯỞNG" and the names under
    them) and notes under the list have none of them."""
    return (
        has_row_number(values)
        or any(_filled(values.get(f)) and looks_like_code(values.get(f)) for f in codes)
        or any(_filled(values.get(f)) and looks_like_date(values.get(f)) for f in dates)
    )


def is_data_row(
    values: dict[str, Any],
    *,
    headings: dict[str, set[str]],
    codes: Iterable[str] = (),
    dates: Iterable[str] = (),
    mark_fields: Iterable[str] = (),
) -> bool:
    """An entry of the list: not a layout line (`is_layout_row`) and with a data marker."""
    return not is_layout_row(
        values, headings=headings, mark_fields=mark_fields
    ) and has_data_marker(values, codes=codes, dates=dates)
