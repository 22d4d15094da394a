"""Cell values as schools type them: dates as text or Excel dates, codes typed as numbers."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.utils.translation import gettext as _

from ..vietnamese import nfc


def number_text(value: Any) -> str:
    """A cell as text, a whole number without ".0": 2013.0 → "2013"."""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value))


def code_text(value: Any) -> str:
    """A code cell as text: 12345.0 typed as a number becomes "12345"; spaces removed."""
    if value in (None, ""):
        return ""
    text = number_text(value).replace(" ", "")
    return text[:-2] if re.fullmatch(r"\d+\.0", text) else text  # "7901234567.0" from a CSV


_DATE_TEXT = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{2,4})$")
_ISO_TEXT = re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$")
# "05/09/2014 00:00:00": a date copied from another program keeps its time.
TIME_SUFFIX = re.compile(r"\s+\d{1,2}:\d{2}(:\d{2})?(\s*[AaPp][Mm])?$")
_YEAR_ONLY = re.compile(r"^\d{4}$")


class DateValueError(ValueError):
    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def parse_date(value: Any) -> dt.date | None:
    """A date from an Excel date cell, an Excel serial number or dd/mm/yyyy text.

    A year alone (2022 typed as a number or as text) is refused: as an Excel serial it
    would be a day of 1905.
    """
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        from openpyxl.utils.datetime import from_excel

        if float(value).is_integer() and 1900 <= value <= 2100:
            raise DateValueError(
                _("«%(value)s» chỉ có năm; hãy ghi đủ ngày/tháng/năm (dd/mm/yyyy).")
                % {"value": number_text(value)}
            )
        if 1 <= value < 2958466:
            converted = from_excel(value)
            return converted.date() if isinstance(converted, dt.datetime) else converted
        raise DateValueError(_("«%(value)s» không phải là ngày.") % {"value": value})
    text = TIME_SUFFIX.sub("", nfc(str(value)))
    if _YEAR_ONLY.match(text):
        raise DateValueError(
            _("«%(value)s» chỉ có năm; hãy ghi đủ ngày/tháng/năm (dd/mm/yyyy).") % {"value": text}
        )
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
