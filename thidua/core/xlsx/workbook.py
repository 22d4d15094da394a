"""Open an uploaded workbook, or say in Vietnamese why it cannot be read."""

from __future__ import annotations

import io
import zipfile
from typing import IO, Any

from django.utils.translation import gettext as _

XLS_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"
# An .xlsx protected by a password is an OLE container (like .xls) with this stream.
_ENCRYPTED = "EncryptionInfo".encode("utf-16-le")


class SpreadsheetError(Exception):
    """The file cannot be read as a list; `message` is shown to the user as is."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


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
    if data.startswith(XLS_SIGNATURE) and _ENCRYPTED in data:
        raise SpreadsheetError(
            _(
                "Tệp “%(name)s” được đặt mật khẩu nên không đọc được. Vui lòng mở tệp trong "
                "Excel, gỡ mật khẩu, lưu lại rồi tải lên lại."
            )
            % {"name": filename or "?"}
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


def open_upload(data: bytes, *, filename: str = "") -> Any:
    """Open an uploaded list within the size allowed for imports (THIDUA_IMPORT_MAX_BYTES)."""
    from django.conf import settings

    return load_workbook_safely(data, max_bytes=settings.THIDUA_IMPORT_MAX_BYTES, filename=filename)


def read_bytes(upload: IO[bytes] | bytes, *, max_bytes: int) -> bytes:
    """Read at most max_bytes+1 bytes so that a huge upload is refused without loading it all."""
    if isinstance(upload, bytes):
        return upload
    if hasattr(upload, "seek"):
        upload.seek(0)
    return upload.read(max_bytes + 1)
