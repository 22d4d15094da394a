"""Excel imports of staff and student lists: plan first (preview), then apply all or nothing.

The same functions serve the command line (`thidua import …`) and the browser
(upload → preview → confirm). Nothing is written while any row has an error, and every
bad row is reported with its Excel row number and a Vietnamese reason. Re-importing the
same file changes nothing; an updated file updates people by their code.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit
from thidua.core.vietnamese import nfc, strip_accents
from thidua.core.xlsx import (
    TIME_SUFFIX,
    DateValueError,
    RowError,
    SpreadsheetError,
    Table,
    code_text,
    has_data_marker,
    heading_key,
    heading_keys,
    is_layout_row,
    looks_like_date,
    number_text,
    open_upload,
    parse_date,
    read_tables,
    sheet_rows,
)
from thidua.org.models import SchoolYear, Unit, UnitType

from .models import (
    Enrollment,
    Gender,
    ImportJob,
    ImportKind,
    ImportStatus,
    Membership,
    Person,
    Position,
    StaffProfile,
    StudentProfile,
)
from .services import (
    enrollment_set,
    membership_end,
    membership_start,
    person_name_fields,
    staff_create,
    staff_transfer,
    staff_update,
    student_create,
    student_update,
)

COMMON_SYNONYMS: dict[str, list[str]] = {
    "stt": ["STT", "Số TT", "TT", "Số thứ tự", "Thứ tự"],
    "full_name": [
        "Họ và tên",
        "Họ tên",
        "Họ và tên học sinh",
        "Họ tên học sinh",
        "Họ và tên giáo viên",
        "Họ và tên cán bộ",
    ],
    "family_middle_name": ["Họ đệm", "Họ và tên đệm", "Họ lót", "Họ và chữ lót", "Họ và đệm", "Họ"],
    "given_name": ["Tên"],
    "date_of_birth": [
        "Ngày sinh",
        "Ngày tháng năm sinh",
        "Ngày, tháng, năm sinh",
        "Sinh ngày",
        "NS",
        "Ngày/tháng/năm sinh",
    ],
    "gender": ["Giới tính", "GT", "Phái", "Nam/Nữ", "Nam, nữ", "Giới"],
    "female_mark": ["Nữ"],
}
# Shapes of the staff and student lists only (other imports reuse COMMON_SYNONYMS).
PERSON_SYNONYMS: dict[str, list[str]] = {
    **COMMON_SYNONYMS,
    "date_of_birth": [*COMMON_SYNONYMS["date_of_birth"], "Năm sinh"],
    # "Họ" | "Tên đệm" | "Tên" in three columns
    "middle_name": ["Tên đệm", "Đệm", "Chữ lót", "Tên lót", "Lót"],
    # "Ngày sinh" merged over "Ngày" | "Tháng" | "Năm"; "Giới tính" over "Nam" | "Nữ" marked
    # with x, or the old form "Ngày sinh" over "Nam" | "Nữ" where the birth date is written
    # in the column of the person's sex. Headings are matched without accents, so "Năm"
    # (year) and "Nam" (male) look alike: `_resolve_nam` tells them apart after reading.
    "birth_day": ["Ngày"],
    "birth_month": ["Tháng"],
    "nam": ["Nam"],
}
NAME_PREFIXES = {"full_name": ("ho va ten", "ho ten")}
# "Họ và tên" merged over the family and middle names | the given name.
NAME_SPLIT = {"full_name": ("Họ đệm", "Tên")}
STAFF_SYNONYMS = {
    **PERSON_SYNONYMS,
    "staff_code": [
        "Mã cán bộ",
        "Mã CB",
        "Mã GV",
        "Mã giáo viên",
        "Mã nhân viên",
        "Mã CBGVNV",
        "Mã định danh",
        "Mã số cán bộ",
        "Mã số",
        "Mã",
    ],
    "job_title": ["Chức vụ", "Chức danh", "Chức vụ/Chức danh", "Chức vụ, chức danh"],
    "position": ["Vị trí", "Vị trí việc làm", "Phân loại", "Đối tượng"],
    "department": ["Tổ", "Tổ chuyên môn", "Tổ CM", "Bộ phận", "Tổ/Bộ phận", "Tổ, bộ phận"],
    "subject": ["Môn dạy", "Môn", "Bộ môn", "Môn giảng dạy"],
    "hired_on": ["Ngày tuyển dụng", "Ngày vào ngành", "Ngày vào nghề"],
}
STUDENT_SYNONYMS = {
    **PERSON_SYNONYMS,
    "student_code": [
        "Mã học sinh",
        "Mã HS",
        "Mã định danh",
        "Mã định danh học sinh",
        "Mã số học sinh",
        "MSHS",
        "Mã số HS",
        "Mã số",
        "Mã",
    ],
    "class_name": ["Lớp", "Lớp học", "Tên lớp"],
}
LABELS = {
    "full_name": "Họ và tên",
    "date_of_birth": "Ngày sinh",
    "job_title": "Chức vụ",
    "student_code": "Mã học sinh",
    "class_name": "Lớp",
    "gender": "Giới tính",
}
NAME_REQUIREMENT = [("full_name",), ("family_middle_name", "given_name")]
BIRTH_REQUIREMENT = [
    ("date_of_birth",),
    ("birth_day", "birth_month", "nam"),
    ("nam", "female_mark"),
]
MARKS = ("male_mark", "female_mark")

_MALE = {"nam", "m", "male", "trai", "0"}
_FEMALE = {"nu", "f", "female", "gai", "1", "x"}
_MANAGER_WORDS = (
    "hieu truong",
    "giam doc",
    "truong phong",
    "quan ly",
    "cbql",
    "hieu pho",
    "ht",
    "pht",
)
_TEACHER_WORDS = (
    "giao vien",
    "gv",
    "to truong",
    "to pho",
    "ttcm",
    "tpcm",
    "tong phu trach",
    "tpt",
    "bi thu doan",
)
_STAFF_WORDS = (
    "nhan vien",
    "nv",
    "ke toan",
    "van thu",
    "thu quy",
    "bao ve",
    "y te",
    "thu vien",
    "thiet bi",
    "phuc vu",
    "tap vu",
    "cap duong",
    "cong nghe thong tin",
    "cntt",
    "giao vu",
    "lao cong",
    "thi nghiem",
)


class ImportRejected(Exception):
    """The file has errors: nothing was imported. `plan.errors` lists them."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(f"{len(plan.errors)} errors")
        self.plan = plan


@dataclass
class PlannedRow:
    row: int
    action: str  # create | update | unchanged
    full_name: str
    summary: str
    changes: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)
    sheet: str = ""


@dataclass
class ImportPlan:
    kind: str
    unit: Unit
    school_year: SchoolYear | None = None
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counter = Counter(r.action for r in self.rows)
        return {k: counter.get(k, 0) for k in ("create", "update", "unchanged")}

    @property
    def ok(self) -> bool:
        return not self.errors


def _filled(value: Any) -> bool:
    return value not in (None, "")


def _parse_gender(values: dict[str, Any]) -> tuple[str, str | None]:
    raw = values.get("gender")
    if _filled(raw):
        key = strip_accents(str(raw)).strip(". ")
        if key in _MALE:
            return Gender.MALE, None
        if key in _FEMALE:
            return Gender.FEMALE, None
        return "", _("Giới tính «%(value)s» không hợp lệ (ghi “Nam” hoặc “Nữ”).") % {"value": raw}
    female = values.get("female_mark")
    # A "Nữ" column filled with "Nam" for the boys is still a gender column.
    female = _filled(female) and strip_accents(str(female)) not in {"nam", "0"}
    male = _filled(values.get("male_mark"))
    if female and male:
        return "", _("Đánh dấu cả cột “Nam” và cột “Nữ”.")
    if female:
        return Gender.FEMALE, None
    if male or ("female_mark" in values and "male_mark" not in values):
        return Gender.MALE, None
    return "", None


def _parse_name(values: dict[str, Any]) -> tuple[dict[str, str] | None, str | None]:
    try:
        # A "Tên" column beside "Họ và tên" only helps sorting: the full name is in "Họ và tên".
        split = "family_middle_name" in values or "full_name" not in values
        if split and (values.get("family_middle_name") or values.get("given_name")):
            if not values.get("given_name"):
                return None, _("Thiếu tên (cột “Tên”).")
            family = " ".join(
                str(values[k]) for k in ("family_middle_name", "middle_name") if values.get(k)
            )
            return person_name_fields(
                family_middle_name=family, given_name=str(values.get("given_name") or "")
            ), None
        full = str(values.get("full_name") or "")
        if not full.strip():
            return None, _("Thiếu họ và tên.")
        if any(ch.isdigit() for ch in full):
            return None, _("Họ và tên «%(value)s» có chữ số.") % {"value": full}
        return person_name_fields(full_name=full), None
    except ValidationError:
        return None, _("Thiếu họ và tên.")


_YEAR_ONLY = re.compile(r"^\d{4}$")


def _raw_birth_date(values: dict[str, Any]) -> Any:
    """The birth date cell, or the text made of split "Ngày" | "Tháng" | "Năm" cells."""
    if "date_of_birth" in values:
        return values.get("date_of_birth")
    parts = [values.get(k) for k in ("birth_day", "birth_month", "birth_year")]
    if "birth_year" in values:
        if not any(_filled(p) for p in parts[:2]):
            return parts[2]
        return "/".join(number_text(p) if _filled(p) else "?" for p in parts)
    if "male_mark" in values and "female_mark" in values:
        # "Ngày sinh" over "Nam" | "Nữ": the date sits in one of the two columns.
        male, female = values.get("male_mark"), values.get("female_mark")
        return male if _filled(male) else female
    return None


def _parse_birth_date(
    values: dict[str, Any], *, required: bool
) -> tuple[dt.date | None, str | None]:
    raw = _raw_birth_date(values)
    if raw in (None, ""):
        return None, (_("Thiếu ngày sinh.") if required else None)
    today = timezone.localdate()
    if isinstance(raw, str):
        raw = TIME_SUFFIX.sub("", nfc(raw))  # "05/09/2012 00:00:00" copied from another program
    is_year = isinstance(raw, str) and _YEAR_ONLY.match(raw)
    if isinstance(raw, int | float) and not isinstance(raw, bool):
        # Excel serials 1900–2026 are days of 1905: such a number is a year typed alone.
        is_year = float(raw).is_integer() and 1900 <= raw <= today.year
    if is_year:
        return None, _(
            "Ngày sinh «%(value)s» chỉ có năm; hãy ghi đủ ngày/tháng/năm (dd/mm/yyyy)."
        ) % {"value": number_text(raw)}
    try:
        day = parse_date(raw)
    except DateValueError as exc:
        return None, _("Ngày sinh %(reason)s") % {"reason": exc.message}
    if day and day > today:
        return None, _("Ngày sinh %(day)s ở tương lai.") % {"day": day.strftime("%d/%m/%Y")}
    if day and day.year < 1930:
        return None, _("Ngày sinh %(day)s không hợp lý.") % {"day": day.strftime("%d/%m/%Y")}
    return day, None


def _is_data_row(values: dict[str, Any], code_field: str, headings: dict[str, set[str]]) -> bool:
    """Tell a person's row from the other lines under the heading row (`is_layout_row`):
    a person's row has a row number, a code, or a birth date."""
    if is_layout_row(values, headings=headings, mark_fields=MARKS):
        return False
    return has_data_marker(values, codes=(code_field,)) or looks_like_date(_raw_birth_date(values))


def _infer_position(job_title: str, explicit: Any) -> str | None:
    if explicit not in (None, ""):
        key = strip_accents(str(explicit))
        if key in {"quan ly", "can bo quan ly", "cbql", "manager"}:
            return Position.MANAGER
        if key in {"giao vien", "gv", "teacher"}:
            return Position.TEACHER
        if key in {"nhan vien", "nv", "staff"}:
            return Position.STAFF
    key = f" {strip_accents(job_title)} "
    for words, position in (
        (_MANAGER_WORDS, Position.MANAGER),
        (_TEACHER_WORDS, Position.TEACHER),
        (_STAFF_WORDS, Position.STAFF),
    ):
        if any(f" {w} " in key or key.strip().startswith(w) for w in words):
            return position
    return None


def _job_title(value: Any) -> str:
    """A title typed in capitals reads as a title: "PHÓ HIỆU TRƯỞNG" → "Phó hiệu trưởng".

    Words without a vowel are abbreviations and stay as typed: "GV", "TPT", "GVCN".
    """
    text = nfc(str(value or ""))
    if " " in text and (text.isupper() or text.islower()):
        text = " ".join(
            w.lower() if set(strip_accents(w)) & set("aeiouy") else w for w in text.split(" ")
        )
    return text[:1].upper() + text[1:]


def _department_key(text: Any) -> str:
    """ "Tổ Toán - Tin", "TOÁN–TIN", "Tổ chuyên môn Toán – Tin" → "toan tin"."""
    key = heading_key(text)
    for prefix in ("to chuyen mon ", "to cm ", "to "):
        if key.startswith(prefix):
            return key[len(prefix) :]
    return key


def _department_lookup(school: Unit) -> dict[str, Unit]:
    lookup: dict[str, Unit] = {}
    initials: dict[str, list[Unit]] = {}
    departments = Unit.objects.filter(
        parent=school, type__in=[UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM]
    )
    for dept in departments:
        for label in (dept.name, dept.short_name, dept.code):
            if not label:
                continue
            key = _department_key(label)
            lookup[key] = dept
            lookup[key.replace(" ", "")] = dept
            if " " in key:  # "Khoa học tự nhiên" is written "KHTN"
                initials.setdefault("".join(w[0] for w in key.split(" ")), []).append(dept)
    for key, found in initials.items():
        if len({d.pk for d in found}) == 1:
            lookup.setdefault(key, found[0])
    return lookup


def _find_department(lookup: dict[str, Unit], value: Any) -> Unit | None:
    key = _department_key(value)
    return lookup.get(key) or lookup.get(key.replace(" ", ""))


def _class_key(name: Any) -> str:
    key = strip_accents(number_text(name)).replace(" ", "").upper()
    return key[3:].lstrip(":.-") if key.startswith("LOP") else key


def _class_loose_key(key: str) -> str:
    """ "1.1", "1-1" and "1/1" name the same class."""
    return re.sub(r"[/.\-_\\]", "", key)


def _class_lookup(school: Unit, school_year: SchoolYear) -> dict[str, Unit]:
    classes = Unit.objects.filter(parent=school, type=UnitType.CLASS, school_year=school_year)
    lookup = {_class_key(c.name): c for c in classes}
    loose = Counter(_class_loose_key(k) for k in lookup)
    for key, unit in list(lookup.items()):
        if loose[_class_loose_key(key)] == 1:
            lookup.setdefault(_class_loose_key(key), unit)
    return lookup


def _find_class(lookup: dict[str, Unit], value: Any) -> Unit | None:
    key = _class_key(value)
    return lookup.get(key) or lookup.get(_class_loose_key(key))


def class_by_name(school: Unit, school_year: SchoolYear, name: str) -> Unit | None:
    """The class of `school` in `school_year` written as "6A1", "6a1", "Lớp 6A1" or "1.1"."""
    return _find_class(_class_lookup(school, school_year), name)


def _class_from_title(ws: Any, header_row: int, lookup: dict[str, Unit]) -> Unit | None:
    """ "DANH SÁCH HỌC SINH LỚP 6A1 NĂM HỌC 2024-2025" above the headings, or a sheet named 6A1.

    A title that names several classes ("LỚP 6A1 ĐẾN 6A5") names none.
    """
    found: set[Unit] = set()
    titles = ws.iter_rows(max_row=header_row - 1, values_only=True) if header_row > 1 else []
    for row in titles:
        for value in row:
            text = strip_accents(value) if isinstance(value, str) else ""
            if re.search(r"\blop\b", text):
                for word in re.split(r"[\s,;:()]+", text):
                    unit = _find_class(lookup, word.rstrip("."))
                    if unit is not None:
                        found.add(unit)
    if not found:
        unit = _find_class(lookup, ws.title)
        found = {unit} if unit else set()
    return found.pop() if len(found) == 1 else None


def _read_lists(
    workbook: Any,
    synonyms: dict[str, list[str]],
    required: list[list[tuple[str, ...]]],
    missing: list[list[tuple[str, ...]]] | None = None,
) -> list[Table]:
    """The list on every sheet that has one: schools keep one sheet per class or group."""
    tables = read_tables(
        workbook,
        synonyms=synonyms,
        prefixes=NAME_PREFIXES,
        split=NAME_SPLIT,
        required=required,
        labels=LABELS,
        missing=missing,
    )
    for table in tables:
        _resolve_nam(workbook[table.sheet_name], table)
    return tables


def _resolve_nam(ws: Any, table: Table) -> None:
    """Rename the column headed "Năm" to birth_year and the one headed "Nam" to male_mark."""
    if "nam" not in table.columns:
        return
    col = table.columns.pop("nam") + 1
    texts = [ws.cell(r, col).value for r in range(table.header_row, 0, -1)]
    heading = next((t for t in texts if heading_key(t) == "nam"), "")
    name = "birth_year" if "ă" in nfc(str(heading)).lower() else "male_mark"
    table.columns[name] = col - 1
    for row in table.rows:
        row.values[name] = row.values.pop("nam")


def _written_date(value: Any) -> bool:
    if isinstance(value, dt.date):
        return True
    if isinstance(value, int | float) and not isinstance(value, bool):
        return value > 31
    return isinstance(value, str) and bool(re.match(r"^\d{1,4}\s*[/.\-]|^\d{4}$", value.strip()))


def _birth_column_error(tables: list[Table]) -> str | None:
    """ "Giới tính" over "Nam" | "Nữ" with no birth date column is a missing column."""
    for table in tables:
        if (
            "date_of_birth" not in table.columns
            and "birth_year" not in table.columns
            and not any(_written_date(row.values.get(m)) for row in table.rows for m in MARKS)
        ):
            return _("Thiếu cột bắt buộc: %(names)s.") % {"names": "“Ngày sinh”"}
    return None


# ---------------------------------------------------------------- staff


def plan_staff_import(*, data: bytes, filename: str, unit: Unit) -> ImportPlan:
    """Read a staff list for `unit` and say, row by row, what importing it would do."""
    plan = ImportPlan(kind=ImportKind.STAFF, unit=unit, school_year=None)
    try:
        tables = _read_lists(
            open_upload(data, filename=filename),
            STAFF_SYNONYMS,
            [NAME_REQUIREMENT, BIRTH_REQUIREMENT, [("job_title",), ("position",)]],
        )
    except SpreadsheetError as exc:
        plan.errors.append(RowError(None, exc.message))
        return plan
    error = _birth_column_error(tables)
    if error:
        plan.errors.append(RowError(None, error))
        return plan
    headings = heading_keys(STAFF_SYNONYMS)
    rows = [
        (sheet, r)
        for sheet, r in sheet_rows(tables)
        if _is_data_row(r.values, "staff_code", headings)
    ]
    departments = _department_lookup(unit) if unit.type == UnitType.SCHOOL else {}
    codes = Counter(
        code_text(r.values.get("staff_code"))
        for _s, r in rows
        if code_text(r.values.get("staff_code"))
    )
    seen_people: dict[tuple[str, dt.date | None], tuple[str, int]] = {}
    existing_by_code = {
        p.staff_code: p
        for p in StaffProfile.objects.filter(staff_code__in=list(codes)).select_related("person")
    }
    local_people = (
        Person.objects.filter(
            memberships__unit__path__startswith=unit.path, staff_profile__isnull=False
        )
        .select_related("staff_profile")
        .distinct()
    )
    local_by_identity = {(p.full_name.casefold(), p.date_of_birth): p for p in local_people}
    today = timezone.localdate()
    for sheet, sheet_row in rows:
        values = sheet_row.values
        row_errors: list[str] = []
        name, error = _parse_name(values)
        if error:
            row_errors.append(error)
        birth, error = _parse_birth_date(values, required=True)
        if error:
            row_errors.append(error)
        gender, error = _parse_gender(values)
        if error:
            row_errors.append(error)
        job_title = _job_title(values.get("job_title"))
        department = None
        if _filled(values.get("department")):
            department = _find_department(departments, values["department"])
            if department is None:
                row_errors.append(
                    _("Không có tổ «%(name)s» trong %(unit)s.")
                    % {"name": values["department"], "unit": unit.name}
                )
        position = _infer_position(job_title, values.get("position"))
        if position is None and (
            _filled(values.get("subject"))
            or (department and department.type == UnitType.SUBJECT_DEPARTMENT)
        ):
            position = Position.TEACHER  # a blank or unusual title in a subject group
        elif position is None and department and department.type == UnitType.OFFICE_TEAM:
            position = Position.STAFF
        if position is None:
            row_errors.append(
                _(
                    "Không xác định được vị trí việc làm (quản lý, giáo viên hay nhân viên) từ "
                    "chức vụ «%(title)s»."
                )
                % {"title": job_title or values.get("position") or ""}
            )
        code = code_text(values.get("staff_code")) or None
        if code and codes[code] > 1:
            row_errors.append(_("Mã cán bộ %(code)s bị trùng trong tệp.") % {"code": code})
        hired_on = None
        if values.get("hired_on") not in (None, ""):
            try:
                hired_on = parse_date(values["hired_on"])
            except DateValueError as exc:
                row_errors.append(_("Ngày tuyển dụng %(reason)s") % {"reason": exc.message})
            if hired_on and hired_on > today:
                row_errors.append(_("Ngày tuyển dụng ở tương lai."))
        if name and not code:
            identity = (name["full_name"].casefold(), birth)
            if identity in seen_people:
                other_sheet, other = seen_people[identity]
                if other_sheet == sheet:
                    row_errors.append(
                        _("Trùng với dòng %(other)s (cùng họ tên và ngày sinh).") % {"other": other}
                    )
                else:
                    row_errors.append(
                        _(
                            "Trùng với dòng %(other)s của trang tính “%(sheet)s” (cùng họ tên "
                            "và ngày sinh)."
                        )
                        % {"other": other, "sheet": other_sheet}
                    )
            seen_people[identity] = (sheet, sheet_row.number)
        if row_errors:
            plan.errors.extend(RowError(sheet_row.number, e, sheet) for e in row_errors)
            continue
        assert name is not None
        person = None
        if code and code in existing_by_code:
            person = existing_by_code[code].person
        if person is None:
            person = local_by_identity.get((name["full_name"].casefold(), birth))
        data = {
            **name,
            "gender": gender,
            "date_of_birth": birth,
            "job_title": job_title,
            "position": position,
            "staff_code": code,
            "hired_on": hired_on,
            "department_id": department.pk if department else None,
            "person_id": person.pk if person else None,
        }
        planned = _plan_staff_row(sheet_row.number, data, person, unit, department, today)
        planned.sheet = sheet
        plan.rows.append(planned)
    if not plan.rows and not plan.errors:
        plan.errors.append(RowError(None, _("Danh sách không có dòng dữ liệu nào.")))
    return plan


def _plan_staff_row(
    number: int,
    data: dict[str, Any],
    person: Person | None,
    unit: Unit,
    department: Unit | None,
    today: dt.date,
) -> PlannedRow:
    if person is None:
        return PlannedRow(
            number,
            "create",
            data["full_name"],
            _("Thêm mới: %(title)s") % {"title": data["job_title"]},
            data=data,
        )
    changes: list[str] = []
    profile = person.staff_profile
    for key, label in (
        ("full_name", _("họ tên")),
        ("gender", _("giới tính")),
        ("date_of_birth", _("ngày sinh")),
    ):
        if getattr(person, key) != data[key] and not (key == "gender" and not data[key]):
            changes.append(label)
    for key, label in (
        ("job_title", _("chức vụ")),
        ("position", _("vị trí")),
        ("hired_on", _("ngày tuyển dụng")),
    ):
        if data[key] and getattr(profile, key) != data[key]:
            changes.append(label)
    if data["staff_code"] and profile.staff_code != data["staff_code"]:
        changes.append(_("mã cán bộ"))
    current = Membership.objects.filter(person=person).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=today)
    )
    if not current.filter(unit=unit).exists():
        changes.append(_("chuyển về %(unit)s") % {"unit": unit.name})
    if department is not None and not current.filter(unit=department).exists():
        changes.append(_("vào %(dept)s") % {"dept": department.name})
    if not changes:
        return PlannedRow(number, "unchanged", data["full_name"], _("Không thay đổi"), data=data)
    return PlannedRow(
        number,
        "update",
        data["full_name"],
        _("Cập nhật: %(what)s") % {"what": ", ".join(str(c) for c in changes)},
        changes=[str(c) for c in changes],
        data=data,
    )


def _apply_staff_row(actor: Any, row: PlannedRow, unit: Unit, today: dt.date) -> None:
    data = row.data
    department = Unit.objects.get(pk=data["department_id"]) if data["department_id"] else None
    if row.action == "create":
        staff_create(
            actor=actor,
            unit=unit,
            full_name=data["full_name"],
            position=data["position"],
            start_on=today,
            gender=data["gender"],
            date_of_birth=data["date_of_birth"],
            job_title=data["job_title"],
            staff_code=data["staff_code"],
            hired_on=data["hired_on"],
            department=department,
        )
        return
    person = Person.objects.get(pk=data["person_id"])
    fields: dict[str, Any] = {
        "full_name": data["full_name"],
        "date_of_birth": data["date_of_birth"],
    }
    for key in ("gender", "job_title", "position", "hired_on", "staff_code"):
        if data[key]:
            fields[key] = data[key]
    staff_update(actor=actor, person=person, **fields)
    current = (
        Membership.objects.filter(person=person)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=today))
        .select_related("unit")
    )
    if not any(m.unit_id == unit.pk for m in current):
        outside = [m for m in current if not m.unit.path.startswith(unit.path)]
        if outside:
            staff_transfer(
                actor=actor,
                person=person,
                to_unit=unit,
                on=today,
                department=department,
                job_title=data["job_title"],
            )
            return
        membership_start(
            actor=actor,
            person=person,
            unit=unit,
            start_on=today,
            position=data["position"],
            job_title=data["job_title"],
        )
    if department is not None and not any(m.unit_id == department.pk for m in current):
        for m in current:
            if m.unit.parent_id == unit.pk and m.unit.type in (
                UnitType.SUBJECT_DEPARTMENT,
                UnitType.OFFICE_TEAM,
            ):
                membership_end(
                    actor=actor, membership=m, end_on=max(m.start_on, today - dt.timedelta(days=1))
                )
        membership_start(
            actor=actor,
            person=person,
            unit=department,
            start_on=today,
            position=data["position"],
            job_title=data["job_title"],
        )


# ---------------------------------------------------------------- students


def plan_student_import(
    *,
    data: bytes,
    filename: str,
    school: Unit,
    school_year: SchoolYear,
    class_unit: Unit | None = None,
) -> ImportPlan:
    """Read a student list for a school (or one class) and year; say what importing would do."""
    plan = ImportPlan(kind=ImportKind.STUDENTS, unit=class_unit or school, school_year=school_year)
    required = [NAME_REQUIREMENT, [("student_code",)], BIRTH_REQUIREMENT]
    try:
        workbook = open_upload(data, filename=filename)
        # The "Lớp" column may be left out when the title names the class (checked below).
        missing = required if class_unit else [*required, [("class_name",)]]
        tables = _read_lists(workbook, STUDENT_SYNONYMS, required, missing)
    except SpreadsheetError as exc:
        plan.errors.append(RowError(None, exc.message))
        return plan
    error = _birth_column_error(tables)
    if error:
        plan.errors.append(RowError(None, error))
        return plan
    classes = _class_lookup(school, school_year)
    # A list of one class often has no "Lớp" column: its title or sheet names the class.
    sheet_class: dict[str, Unit | None] = {}
    for table in tables:
        if class_unit is None and "class_name" not in table.columns:
            found = _class_from_title(workbook[table.sheet_name], table.header_row, classes)
            if found is None:
                plan.errors.append(
                    RowError(
                        None,
                        _("Thiếu cột bắt buộc: %(names)s.") % {"names": "“Lớp”"},
                        table.sheet_name if len(tables) > 1 else "",
                    )
                )
            sheet_class[table.sheet_name] = found
    if plan.errors:
        return plan
    headings = heading_keys(STUDENT_SYNONYMS)
    rows = [
        (sheet, r)
        for sheet, r in sheet_rows(tables)
        if _is_data_row(r.values, "student_code", headings)
    ]
    codes = Counter(
        code_text(r.values.get("student_code"))
        for _s, r in rows
        if code_text(r.values.get("student_code"))
    )
    existing = {
        p.student_code: p
        for p in StudentProfile.objects.filter(student_code__in=list(codes)).select_related(
            "person"
        )
    }
    enrolled = {
        e_person: e_class
        for e_person, e_class in Enrollment.objects.filter(
            person__student_profile__student_code__in=list(codes),
            school_year=school_year,
        ).values_list("person_id", "class_unit_id")
    }
    class_names = {c.pk: c.name for c in Unit.objects.filter(pk__in=set(enrolled.values()))}
    for sheet, sheet_row in rows:
        values = sheet_row.values
        row_errors: list[str] = []
        name, error = _parse_name(values)
        if error:
            row_errors.append(error)
        birth, error = _parse_birth_date(values, required=True)
        if error:
            row_errors.append(error)
        gender, error = _parse_gender(values)
        if error:
            row_errors.append(error)
        code = code_text(values.get("student_code"))
        if not code:
            row_errors.append(_("Thiếu mã học sinh."))
        elif codes[code] > 1:
            row_errors.append(_("Mã học sinh %(code)s bị trùng trong tệp.") % {"code": code})
        target = class_unit or sheet_class.get(sheet or tables[0].sheet_name)
        if values.get("class_name") not in (None, ""):
            found = _find_class(classes, values["class_name"])
            if found is None:
                row_errors.append(
                    _("Không có lớp «%(name)s» trong %(school)s năm học %(year)s.")
                    % {
                        "name": values["class_name"],
                        "school": school.name,
                        "year": school_year.code,
                    }
                )
            elif class_unit is not None and found.pk != class_unit.pk:
                row_errors.append(
                    _("Học sinh thuộc lớp %(found)s, không phải lớp %(target)s đang nhập.")
                    % {"found": found.name, "target": class_unit.name}
                )
            else:
                target = found
        elif target is None:
            row_errors.append(_("Thiếu tên lớp."))
        if row_errors:
            plan.errors.extend(RowError(sheet_row.number, e, sheet) for e in row_errors)
            continue
        assert name is not None and target is not None
        profile = existing.get(code)
        data = {
            **name,
            "gender": gender,
            "date_of_birth": birth,
            "student_code": code,
            "class_id": target.pk,
            "class_name": target.name,
            "person_id": profile.person_id if profile else None,
        }
        if profile is None:
            plan.rows.append(
                PlannedRow(
                    sheet_row.number,
                    "create",
                    name["full_name"],
                    _("Thêm mới vào lớp %(c)s") % {"c": target.name},
                    data=data,
                    sheet=sheet,
                )
            )
            continue
        person = profile.person
        changes = []
        for key, label in (
            ("full_name", _("họ tên")),
            ("gender", _("giới tính")),
            ("date_of_birth", _("ngày sinh")),
        ):
            if getattr(person, key) != data[key] and not (key == "gender" and not data[key]):
                changes.append(str(label))
        current_class = enrolled.get(person.pk)
        if current_class != target.pk:
            if current_class is None:
                changes.append(_("xếp vào lớp %(c)s") % {"c": target.name})
            else:
                changes.append(
                    _("chuyển từ lớp %(old)s sang lớp %(new)s")
                    % {"old": class_names.get(current_class, "?"), "new": target.name}
                )
        if changes:
            plan.rows.append(
                PlannedRow(
                    sheet_row.number,
                    "update",
                    name["full_name"],
                    _("Cập nhật: %(what)s") % {"what": ", ".join(changes)},
                    changes=changes,
                    data=data,
                    sheet=sheet,
                )
            )
        else:
            plan.rows.append(
                PlannedRow(
                    sheet_row.number,
                    "unchanged",
                    name["full_name"],
                    _("Không thay đổi"),
                    data=data,
                    sheet=sheet,
                )
            )
    if not plan.rows and not plan.errors:
        plan.errors.append(RowError(None, _("Danh sách không có dòng dữ liệu nào.")))
    return plan


def _apply_student_row(actor: Any, row: PlannedRow) -> None:
    data = row.data
    class_unit = Unit.objects.get(pk=data["class_id"])
    if row.action == "create":
        student_create(
            actor=actor,
            class_unit=class_unit,
            full_name=data["full_name"],
            student_code=data["student_code"],
            gender=data["gender"],
            date_of_birth=data["date_of_birth"],
        )
        return
    person = Person.objects.get(pk=data["person_id"])
    fields: dict[str, Any] = {
        "full_name": data["full_name"],
        "date_of_birth": data["date_of_birth"],
    }
    if data["gender"]:
        fields["gender"] = data["gender"]
    student_update(actor=actor, person=person, **fields)
    enrollment_set(actor=actor, person=person, class_unit=class_unit)


# ---------------------------------------------------------------- apply


@transaction.atomic
def apply_plan(*, actor: Any, plan: ImportPlan, job: ImportJob | None = None) -> ImportPlan:
    """Write a plan that has no errors; raises ImportRejected (writing nothing) otherwise."""
    if plan.errors:
        raise ImportRejected(plan)
    today = timezone.localdate()
    for row in plan.rows:
        if row.action == "unchanged":
            continue
        if plan.kind == ImportKind.STAFF:
            _apply_staff_row(actor, row, plan.unit, today)
        else:
            _apply_student_row(actor, row)
    action = "people.import.staff" if plan.kind == ImportKind.STAFF else "people.import.students"
    target = job or plan.unit
    audit(actor, action, target, unit_path=plan.unit.path, counts=plan.counts)
    if job is not None:
        job.status = ImportStatus.APPLIED
        job.applied_at = timezone.now()
        job.summary = {"counts": plan.counts}
        job.save(update_fields=["status", "applied_at", "summary", "updated_at"])
    return plan


def import_staff(*, actor: Any, data: bytes, filename: str, unit: Unit) -> ImportPlan:
    """Plan and apply a staff list in one go (the command-line path)."""
    with transaction.atomic():
        plan = plan_staff_import(data=data, filename=filename, unit=unit)
        return apply_plan(actor=actor, plan=plan)


def import_students(
    *,
    actor: Any,
    data: bytes,
    filename: str,
    school: Unit,
    school_year: SchoolYear,
    class_unit: Unit | None = None,
) -> ImportPlan:
    """Plan and apply a student list in one go (the command-line path)."""
    with transaction.atomic():
        plan = plan_student_import(
            data=data,
            filename=filename,
            school=school,
            school_year=school_year,
            class_unit=class_unit,
        )
        return apply_plan(actor=actor, plan=plan)
