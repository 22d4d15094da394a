"""Excel imports of staff and student lists: plan first (preview), then apply all or nothing.

The same functions serve the command line (`thidua import …`) and the browser
(upload → preview → confirm). Nothing is written while any row has an error, and every
bad row is reported with its Excel row number and a Vietnamese reason. Re-importing the
same file changes nothing; an updated file updates people by their code.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit
from thidua.core.vietnamese import name_case, nfc, strip_accents
from thidua.core.xlsx import (
    DateValueError,
    SpreadsheetError,
    load_workbook_safely,
    parse_date,
    read_table,
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
NAME_PREFIXES = {"full_name": ("ho va ten", "ho ten")}
STAFF_SYNONYMS = {
    **COMMON_SYNONYMS,
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
    **COMMON_SYNONYMS,
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

_MALE = {"nam", "m", "male", "trai", "0"}
_FEMALE = {"nu", "f", "female", "gai", "1", "x"}
_MANAGER_WORDS = ("hieu truong", "giam doc", "truong phong", "quan ly", "cbql", "hieu pho")
_TEACHER_WORDS = ("giao vien", "gv", "to truong", "to pho", "tong phu trach", "tpt", "bi thu doan")
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
)


class ImportRejected(Exception):
    """The file has errors: nothing was imported. `plan.errors` lists them."""

    def __init__(self, plan: ImportPlan) -> None:
        super().__init__(f"{len(plan.errors)} errors")
        self.plan = plan


@dataclass
class RowError:
    row: int | None
    message: str

    def __str__(self) -> str:
        if self.row is None:
            return self.message
        return _("Dòng %(row)s: %(message)s") % {"row": self.row, "message": self.message}


@dataclass
class PlannedRow:
    row: int
    action: str  # create | update | unchanged
    full_name: str
    summary: str
    changes: list[str] = field(default_factory=list)
    data: dict[str, Any] = field(default_factory=dict)


@dataclass
class ImportPlan:
    kind: str
    unit: Unit
    school_year: SchoolYear | None
    rows: list[PlannedRow] = field(default_factory=list)
    errors: list[RowError] = field(default_factory=list)

    @property
    def counts(self) -> dict[str, int]:
        counter = Counter(r.action for r in self.rows)
        return {k: counter.get(k, 0) for k in ("create", "update", "unchanged")}

    @property
    def ok(self) -> bool:
        return not self.errors


def _parse_gender(values: dict[str, Any]) -> tuple[str, str | None]:
    raw = values.get("gender")
    if raw not in (None, ""):
        key = strip_accents(str(raw)).strip(". ")
        if key in _MALE:
            return Gender.MALE, None
        if key in _FEMALE:
            return Gender.FEMALE, None
        return "", _("Giới tính «%(value)s» không hợp lệ (ghi “Nam” hoặc “Nữ”).") % {"value": raw}
    if "female_mark" in values:
        mark = values.get("female_mark")
        return (Gender.FEMALE if mark not in (None, "") else Gender.MALE), None
    return "", None


def _parse_name(values: dict[str, Any]) -> tuple[dict[str, str] | None, str | None]:
    try:
        if values.get("family_middle_name") or values.get("given_name"):
            if not values.get("given_name"):
                return None, _("Thiếu tên (cột “Tên”).")
            return person_name_fields(
                family_middle_name=str(values.get("family_middle_name") or ""),
                given_name=str(values.get("given_name") or ""),
            ), None
        full = str(values.get("full_name") or "")
        if not full.strip():
            return None, _("Thiếu họ và tên.")
        if any(ch.isdigit() for ch in full):
            return None, _("Họ và tên «%(value)s» có chữ số.") % {"value": full}
        return person_name_fields(full_name=full), None
    except ValidationError:
        return None, _("Thiếu họ và tên.")


def _parse_birth_date(
    values: dict[str, Any], *, required: bool
) -> tuple[dt.date | None, str | None]:
    raw = values.get("date_of_birth")
    if raw in (None, ""):
        return None, (_("Thiếu ngày sinh.") if required else None)
    try:
        day = parse_date(raw)
    except DateValueError as exc:
        return None, _("Ngày sinh %(reason)s") % {"reason": exc.message}
    today = timezone.localdate()
    if day and day > today:
        return None, _("Ngày sinh %(day)s ở tương lai.") % {"day": day.strftime("%d/%m/%Y")}
    if day and day.year < 1930:
        return None, _("Ngày sinh %(day)s không hợp lý.") % {"day": day.strftime("%d/%m/%Y")}
    return day, None


def _has_data_marker(values: dict[str, Any], code_field: str) -> bool:
    """Footer lines under the table (signatures, totals) have no row number and no code.

    Lists without an STT column count a birth date as a sign of data instead.
    """
    stt = values.get("stt")
    if isinstance(stt, int | float) or (isinstance(stt, str) and stt.strip().isdigit()):
        return True
    if values.get(code_field) not in (None, ""):
        return True
    return "stt" not in values and values.get("date_of_birth") not in (None, "")


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


def _code(value: Any) -> str:
    """A code cell as text: 12345.0 typed as a number becomes "12345"; spaces removed."""
    if value in (None, ""):
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return nfc(str(value)).replace(" ", "")


def _department_lookup(school: Unit) -> dict[str, Unit]:
    lookup: dict[str, Unit] = {}
    departments = Unit.objects.filter(
        parent=school, type__in=[UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM]
    )
    for dept in departments:
        for label in (dept.name, dept.short_name, dept.code):
            if not label:
                continue
            key = strip_accents(label)
            lookup[key] = dept
            if key.startswith("to "):
                lookup[key[3:]] = dept
    return lookup


def _class_key(name: Any) -> str:
    key = strip_accents(str(name)).replace(" ", "").upper()
    return key[3:] if key.startswith("LOP") else key


def _open(data: bytes, filename: str) -> Any:
    return load_workbook_safely(data, max_bytes=settings.THIDUA_IMPORT_MAX_BYTES, filename=filename)


# ---------------------------------------------------------------- staff


def plan_staff_import(*, data: bytes, filename: str, unit: Unit) -> ImportPlan:
    """Read a staff list for `unit` and say, row by row, what importing it would do."""
    plan = ImportPlan(kind=ImportKind.STAFF, unit=unit, school_year=None)
    try:
        table = read_table(
            _open(data, filename),
            synonyms=STAFF_SYNONYMS,
            prefixes=NAME_PREFIXES,
            required=[NAME_REQUIREMENT, [("date_of_birth",)], [("job_title",), ("position",)]],
            labels=LABELS,
        )
    except SpreadsheetError as exc:
        plan.errors.append(RowError(None, exc.message))
        return plan
    departments = _department_lookup(unit) if unit.type == UnitType.SCHOOL else {}
    codes = Counter(
        _code(r.values.get("staff_code")) for r in table.rows if _code(r.values.get("staff_code"))
    )
    seen_people: dict[tuple[str, dt.date | None], int] = {}
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
    for sheet_row in table.rows:
        values = sheet_row.values
        if not _has_data_marker(values, "staff_code"):
            continue
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
        job_title = name_case(str(values.get("job_title") or "")) if values.get("job_title") else ""
        job_title = job_title[:1].upper() + job_title[1:] if job_title else ""
        position = _infer_position(job_title, values.get("position"))
        if position is None:
            row_errors.append(
                _(
                    "Không xác định được vị trí việc làm (quản lý, giáo viên hay nhân viên) từ "
                    "chức vụ «%(title)s»."
                )
                % {"title": job_title or values.get("position") or ""}
            )
        code = _code(values.get("staff_code")) or None
        if code and codes[code] > 1:
            row_errors.append(_("Mã cán bộ %(code)s bị trùng trong tệp.") % {"code": code})
        department = None
        if values.get("department") not in (None, ""):
            department = departments.get(strip_accents(str(values["department"])))
            if department is None:
                row_errors.append(
                    _("Không có tổ «%(name)s» trong %(unit)s.")
                    % {"name": values["department"], "unit": unit.name}
                )
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
                row_errors.append(
                    _("Trùng với dòng %(other)s (cùng họ tên và ngày sinh).")
                    % {"other": seen_people[identity]}
                )
            seen_people[identity] = sheet_row.number
        if row_errors:
            plan.errors.extend(RowError(sheet_row.number, e) for e in row_errors)
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
        plan.rows.append(_plan_staff_row(sheet_row.number, data, person, unit, department, today))
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
    required = [NAME_REQUIREMENT, [("student_code",)], [("date_of_birth",)]]
    if class_unit is None:
        required.append([("class_name",)])
    try:
        table = read_table(
            _open(data, filename),
            synonyms=STUDENT_SYNONYMS,
            prefixes=NAME_PREFIXES,
            required=required,
            labels=LABELS,
        )
    except SpreadsheetError as exc:
        plan.errors.append(RowError(None, exc.message))
        return plan
    classes = {
        _class_key(c.name): c
        for c in Unit.objects.filter(parent=school, type=UnitType.CLASS, school_year=school_year)
    }
    codes = Counter(
        _code(r.values.get("student_code"))
        for r in table.rows
        if _code(r.values.get("student_code"))
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
    for sheet_row in table.rows:
        values = sheet_row.values
        if not _has_data_marker(values, "student_code"):
            continue
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
        code = _code(values.get("student_code"))
        if not code:
            row_errors.append(_("Thiếu mã học sinh."))
        elif codes[code] > 1:
            row_errors.append(_("Mã học sinh %(code)s bị trùng trong tệp.") % {"code": code})
        target = class_unit
        if values.get("class_name") not in (None, ""):
            found = classes.get(_class_key(values["class_name"]))
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
        elif class_unit is None:
            row_errors.append(_("Thiếu tên lớp."))
        if row_errors:
            plan.errors.extend(RowError(sheet_row.number, e) for e in row_errors)
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
                )
            )
        else:
            plan.rows.append(
                PlannedRow(
                    sheet_row.number, "unchanged", name["full_name"], _("Không thay đổi"), data=data
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
