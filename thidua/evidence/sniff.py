"""Check an uploaded evidence file by its content, not only by its name.

A file is accepted when its extension is one we take (PDF, JPEG, PNG, Word, Excel) AND
its first bytes (or, for Office files, its zip or OLE structure) say it really is that
kind of file. A program renamed to .pdf, or a zip renamed to .docx, is refused with a
Vietnamese message naming the file.
"""

from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

DEFAULT_MAX_BYTES = 10 * 1024 * 1024
OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"


class EvidenceFileError:
    EMPTY = "file_empty"
    TOO_LARGE = "file_too_large"
    FORBIDDEN_TYPE = "file_type_forbidden"
    CONTENT_MISMATCH = "file_content_mismatch"


@dataclass(frozen=True)
class FileType:
    kind: str
    content_type: str
    extensions: frozenset[str]
    label: Any


FILE_TYPES: dict[str, FileType] = {
    t.kind: t
    for t in (
        FileType("pdf", "application/pdf", frozenset({".pdf"}), _lazy("PDF")),
        FileType("jpeg", "image/jpeg", frozenset({".jpg", ".jpeg"}), _lazy("ảnh JPEG")),
        FileType("png", "image/png", frozenset({".png"}), _lazy("ảnh PNG")),
        FileType(
            "docx",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            frozenset({".docx"}),
            _lazy("văn bản Word (.docx)"),
        ),
        FileType(
            "xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            frozenset({".xlsx"}),
            _lazy("bảng tính Excel (.xlsx)"),
        ),
        FileType(
            "doc", "application/msword", frozenset({".doc"}), _lazy("văn bản Word 97–2003 (.doc)")
        ),
        FileType(
            "xls",
            "application/vnd.ms-excel",
            frozenset({".xls"}),
            _lazy("bảng tính Excel 97–2003 (.xls)"),
        ),
    )
}
BY_EXTENSION = {ext: t for t in FILE_TYPES.values() for ext in t.extensions}
ACCEPT_ATTRIBUTE = ",".join(sorted(BY_EXTENSION))

# What some refused contents really are, to tell the user something useful.
_KNOWN_OTHERS: list[tuple[bytes, Any]] = [
    (b"MZ", _lazy("chương trình máy tính (.exe)")),
    (b"\x7fELF", _lazy("chương trình máy tính")),
    (b"Rar!", _lazy("tệp nén RAR")),
    (b"7z\xbc\xaf", _lazy("tệp nén 7z")),
    (b"GIF8", _lazy("ảnh GIF")),
    (b"<!DOCTYPE", _lazy("trang web HTML")),
    (b"<html", _lazy("trang web HTML")),
]


def max_bytes() -> int:
    return int(getattr(settings, "THIDUA_EVIDENCE_MAX_BYTES", DEFAULT_MAX_BYTES))


def _utf16(name: str) -> bytes:
    return name.encode("utf-16-le")


def detect(data: bytes) -> str | None:
    """The kind of file the bytes really are (a key of FILE_TYPES), or None."""
    if b"%PDF-" in data[:1024]:
        return "pdf"
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return "png"
    if data.startswith(b"\xff\xd8\xff"):
        return "jpeg"
    if data.startswith(ZIP_SIGNATURE):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                names = set(archive.namelist())
        except (zipfile.BadZipFile, ValueError, OSError):
            return None
        if "[Content_Types].xml" not in names:
            return None
        if "word/document.xml" in names:
            return "docx"
        if "xl/workbook.xml" in names:
            return "xlsx"
        return None
    if data.startswith(OLE_SIGNATURE):
        # Compound files name their streams in UTF-16 in the directory sectors.
        if _utf16("WordDocument") in data:
            return "doc"
        if _utf16("Workbook") in data or _utf16("Book") in data:
            return "xls"
        return None
    return None


def _what_it_is(data: bytes) -> str:
    kind = detect(data)
    if kind:
        return FILE_TYPES[kind].label
    head = data[:16].lstrip()
    for signature, label in _KNOWN_OTHERS:
        if head[: len(signature)].lower() == signature.lower():
            return label
    if data.startswith(ZIP_SIGNATURE):
        return _("tệp nén ZIP")
    return _("một loại tệp không xác định")


def _size_mb(size: int) -> str:
    return f"{size / 1024 / 1024:.1f}"


def check_size(name: str, size: int) -> None:
    """Refuse an empty or too large file before reading it."""
    if size == 0:
        raise ValidationError(
            _("Tệp “%(name)s” trống.") % {"name": name}, code=EvidenceFileError.EMPTY
        )
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            _("Tệp “%(name)s” quá lớn (%(size)s MB). Dung lượng tối đa là %(max)s MB.")
            % {"name": name, "size": _size_mb(size), "max": f"{limit / 1024 / 1024:.0f}"},
            code=EvidenceFileError.TOO_LARGE,
        )


def check_file(name: str, data: bytes) -> FileType:
    """The file's type when its name and content agree; ValidationError otherwise."""
    check_size(name, len(data))
    extension = PurePosixPath(name.lower()).suffix
    expected = BY_EXTENSION.get(extension)
    if expected is None:
        raise ValidationError(
            _(
                "Tệp “%(name)s” có định dạng không được nhận. Chỉ nhận PDF, ảnh JPEG hoặc PNG, "
                "văn bản Word (.docx, .doc) và bảng tính Excel (.xlsx, .xls)."
            )
            % {"name": name},
            code=EvidenceFileError.FORBIDDEN_TYPE,
        )
    actual = detect(data)
    if actual != expected.kind:
        raise ValidationError(
            _(
                "Tệp “%(name)s” mang đuôi %(ext)s nhưng nội dung không phải là %(expected)s "
                "(nội dung là %(actual)s). Tệp không được nhận."
            )
            % {
                "name": name,
                "ext": extension,
                "expected": expected.label,
                "actual": _what_it_is(data),
            },
            code=EvidenceFileError.CONTENT_MISMATCH,
        )
    return expected
