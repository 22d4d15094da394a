"""The evidence archive of a movement as a zip file, for inspectors (L4).

Folders follow how an inspector reads a dossier: unit / criterion / person, and a
manifest (CSV for any tool, XLSX for Excel) lists every item with who it is about, the
criterion, who uploaded it and when. Links are listed in the manifest only. The archive
is written to a spooled temporary file (memory first, disk when large) and streamed.
"""

from __future__ import annotations

import csv
import io
import re
import tempfile
import zipfile
from collections.abc import Iterable
from typing import IO

from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.vietnamese import strip_accents

from .models import Evidence
from .targets import TARGETS, slug_for

MANIFEST_NAME = "DANH_MUC_MINH_CHUNG"
_UNSAFE = re.compile(r'[\\/:*?"<>|\x00-\x1f]+')


def safe_name(text: str, limit: int = 80) -> str:
    """A folder or file name safe on Windows and Linux, keeping Vietnamese letters."""
    cleaned = _UNSAFE.sub(" ", text or "").strip(" .")
    cleaned = " ".join(cleaned.split())
    return cleaned[:limit].rstrip(" .") or "_"


def describe_target(item: Evidence) -> str:
    target = item.target
    if target is None:
        return ""
    slug = slug_for(target)
    if slug is None:
        return str(target)
    kind = TARGETS[slug]
    return f"{kind.label}: {kind.describe(target)}"


def _folder(item: Evidence) -> str:
    unit = safe_name(item.unit.name)
    if item.unit.parent_id and item.unit.type in ("subject_department", "office_team"):
        unit = f"{safe_name(item.unit.parent.name)}/{unit}"
    criterion = (
        safe_name(f"TC{item.criterion.pk:03d} {item.criterion.get_participant_display()}", 60)
        if item.criterion_id
        else safe_name(_("Thành tích, hồ sơ khác"))
    )
    person = safe_name(item.person.full_name) if item.person_id else safe_name(_("Tập thể"))
    return f"{unit}/{criterion}/{person}"


MANIFEST_COLUMNS = [
    "STT",
    "Tệp trong thư mục nén / Đường dẫn",
    "Tên minh chứng",
    "Cá nhân",
    "Đơn vị",
    "Tiêu chí",
    "Gắn với",
    "Năm học",
    "Người nộp",
    "Ngày nộp",
    "Dung lượng (byte)",
    "SHA-256",
]


def _manifest_rows(items: list[Evidence], paths: dict[int, str]) -> list[list[object]]:
    rows: list[list[object]] = []
    for index, item in enumerate(items, start=1):
        uploader = item.uploaded_by.get_full_name() if item.uploaded_by_id else ""
        rows.append(
            [
                index,
                paths.get(item.pk, item.url),
                item.title,
                item.person.full_name if item.person_id else "",
                item.unit.name,
                item.criterion.text if item.criterion_id else "",
                describe_target(item),
                item.school_year_id or "",
                uploader,
                timezone.localtime(item.created_at).strftime("%d/%m/%Y %H:%M"),
                item.size if item.is_file else "",
                item.sha256,
            ]
        )
    return rows


def _manifest_csv(rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(MANIFEST_COLUMNS)
    writer.writerows(rows)
    # A byte-order mark so that Excel opens the Vietnamese text as UTF-8.
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


def _manifest_xlsx(rows: list[list[object]], title: str) -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Danh mục"
    sheet.append([title])
    sheet.append([])
    sheet.append(MANIFEST_COLUMNS)
    for row in rows:
        sheet.append(row)
    for column, width in zip(
        "ABCDEFGHIJKL", (6, 60, 40, 24, 30, 50, 40, 11, 24, 17, 14, 20), strict=True
    ):
        sheet.column_dimensions[column].width = width
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def build_archive(items: Iterable[Evidence], *, title: str) -> IO[bytes]:
    """Write the zip of `items` (files in folders, links in the manifest); rewound."""
    items = list(items)
    # Returned open to the caller, which streams and then closes it.
    output = tempfile.SpooledTemporaryFile(max_size=32 * 1024 * 1024)  # noqa: SIM115
    paths: dict[int, str] = {}
    used: set[str] = set()
    with zipfile.ZipFile(output, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for item in items:
            if not item.is_file:
                continue
            folder = _folder(item)
            base = safe_name(item.original_name or item.file.name.rsplit("/", 1)[-1], 100)
            name = f"{folder}/{base}"
            counter = 2
            while name.casefold() in used:
                stem, dot, ext = base.rpartition(".")
                name = f"{folder}/{stem or base} ({counter}){dot}{ext if stem else ''}"
                counter += 1
            used.add(name.casefold())
            with (
                item.file.open("rb") as handle,
                archive.open(name, "w", force_zip64=True) as target,
            ):
                while chunk := handle.read(1024 * 1024):
                    target.write(chunk)
            paths[item.pk] = name
        rows = _manifest_rows(items, paths)
        archive.writestr(f"{MANIFEST_NAME}.csv", _manifest_csv(rows))
        archive.writestr(f"{MANIFEST_NAME}.xlsx", _manifest_xlsx(rows, title))
    output.seek(0)
    return output


def archive_filename(movement_name: str, school_year: str | None) -> str:
    """An ASCII-friendly download name: minh-chung_<movement>_<year>.zip."""
    slug = re.sub(r"[^a-z0-9]+", "-", strip_accents(movement_name))[:50].strip("-")
    return f"minh-chung_{slug or 'phong-trao'}_{school_year or 'tat-ca'}.zip"
