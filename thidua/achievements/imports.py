"""Excel imports of past records: the titles and awards history, and annual ratings.

Same pattern as the staff and student lists: read and check every row first (preview),
then write all rows or none. A row is matched to a person by staff code anywhere (the
record follows the person between schools), or by name and birth date among the people
who work or worked in the importing unit. Every bad row is reported with its Excel row
number (and its sheet, when the workbook has several lists) and a Vietnamese reason; one
bad row means nothing is imported.

Sheets are read as `thidua.core.xlsx` reads them: title rows above the headings, merged
cells, footers, totals and section lines under or between the rows, one list per sheet
(often one sheet per school year, the year written in the title or the sheet name). The
registration and decision imports use the helpers here (`read_record_lists`,
`record_rows`, `sheet_year`) to read their lists the same way.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit
from thidua.core.vietnamese import nfc, strip_accents
from thidua.core.xlsx import (
    DateValueError,
    RowError,
    SheetRow,
    SpreadsheetError,
    Table,
    code_text,
    has_data_marker,
    heading_keys,
    is_layout_row,
    number_text,
    open_upload,
    parse_date,
    read_tables,
)
from thidua.org.models import SchoolYear, Unit
from thidua.org.services import default_school_year_dates
from thidua.people.imports import (
    COMMON_SYNONYMS,
    NAME_PREFIXES,
    NAME_REQUIREMENT,
    NAME_SPLIT,
    ImportPlan,
    ImportRejected,
    PlannedRow,
    _parse_birth_date,
    _parse_name,
)
from thidua.people.models import Membership, Person, StaffProfile
from thidua.people.record_services import annual_rating_set, school_year_for
from thidua.people.records import AnnualRating, Rating, RecordSource

from .catalog import ANNUAL_TITLES, FOR_PERSON, label
from .models import (
    AuthorityLevel,
    AwardRecord,
    AwardSource,
    RecordImport,
    RecordImportKind,
    RecordImportStatus,
)
from .services import award_record_create

IDENTITY_SYNONYMS = {
    **COMMON_SYNONYMS,
    "staff_code": [
        "Mã cán bộ",
        "Mã CB",
        "Mã GV",
        "Mã giáo viên",
        "Mã CBGVNV",
        "Mã định danh",
        "Mã số",
    ],
    "job_title": ["Chức vụ", "Chức danh", "Chức vụ, đơn vị", "Chức vụ/Đơn vị"],
    "school_year": [
        "Năm học",
        "Năm",
        "Năm học đạt",
        "Năm học được khen",
        "Thời gian lập thành tích",
        "Năm học lập thành tích",
    ],
    "note": ["Ghi chú"],
}
AWARD_SYNONYMS = {
    **IDENTITY_SYNONYMS,
    "award": [
        "Danh hiệu/Hình thức",
        "Danh hiệu / Hình thức",
        "Danh hiệu, hình thức",
        "Danh hiệu, hình thức khen thưởng",
        "Danh hiệu",
        "Danh hiệu thi đua",
        "Hình thức",
        "Hình thức khen thưởng",
        "Danh hiệu thi đua, hình thức khen thưởng",
        "Khen thưởng",
    ],
    "decision_number": ["Số quyết định", "Số QĐ", "Quyết định số", "Số quyết định khen thưởng"],
    "decided_on": ["Ngày quyết định", "Ngày QĐ", "Ngày ký", "Ngày ký quyết định", "Ngày ban hành"],
    "issued_by": [
        "Cấp quyết định",
        "Cơ quan quyết định",
        "Cấp khen",
        "Cấp khen thưởng",
        "Người ký",
        "Cơ quan ban hành",
        "Cấp ra quyết định",
    ],
}
RATING_SYNONYMS = {
    **IDENTITY_SYNONYMS,
    "rating": [
        "Xếp loại",
        "Kết quả xếp loại",
        "Mức xếp loại",
        "Đánh giá, xếp loại",
        "Kết quả đánh giá",
        "Kết quả đánh giá, xếp loại",
        "Xếp loại viên chức",
        "Mức độ hoàn thành nhiệm vụ",
    ],
}
LABELS = {
    "full_name": "Họ và tên",
    "award": "Danh hiệu/Hình thức",
    "school_year": "Năm học",
    "rating": "Xếp loại",
    "decided_on": "Ngày quyết định",
}

_YEAR_PAIR = re.compile(r"(\d{4})\s*[-–—/]\s*(\d{2,4})")


@dataclass
class RecordImportPlan(ImportPlan):
    """The plan of a record import: the staff import's plan, read the same way."""


# ---------------------------------------------------------------- parsing helpers


def _key(text: Any) -> str:
    return " ".join(re.sub(r"[^a-z0-9 ]+", " ", strip_accents(str(text))).split())


def _text(value: Any) -> str:
    """A cell as text; a number typed for a decision number (45.0) stays "45"."""
    return number_text(value) if value not in (None, "") else ""


def parse_award(text: Any) -> str | None:
    """A catalog id from the way schools write titles and awards ("LĐTT", "Bằng khen UBND TP")."""
    k = f" {_key(text)} "
    if not k.strip():
        return None
    if "huan chuong lao dong" in k:
        return "huan_chuong_lao_dong_hang_ba" if "hang ba" in k or " hang 3 " in k else None
    if "bang khen" in k:
        if any(w in k for w in (" thu tuong ", " chinh phu ", " ttg ", " ttcp ")):
            return "bang_khen_thu_tuong"
        return "bang_khen_cap_tinh"
    if "giay khen" in k:
        return "giay_khen"
    if "co thi dua" in k:
        return "co_thi_dua_chinh_phu" if "chinh phu" in k else "co_thi_dua_cap_tinh"
    if "tap the lao dong xuat sac" in k or " ttldxs " in k:
        return "tap_the_lao_dong_xuat_sac"
    if "tap the lao dong tien tien" in k or " ttldtt " in k:
        return "tap_the_lao_dong_tien_tien"
    if " cstdtq " in k or ("chien si thi dua" in k and "toan quoc" in k):
        return "chien_si_thi_dua_toan_quoc"
    if " cstdcs " in k or ("chien si thi dua" in k and "co so" in k):
        return "chien_si_thi_dua_co_so"
    provincial = (" tinh ", " thanh pho ", " tp ", " bo ", " nganh ", " cap tinh ", " cstdt ")
    if " cstdt " in k or ("chien si thi dua" in k and any(w in k for w in provincial)):
        return "chien_si_thi_dua_cap_tinh"
    if "chien si thi dua" in k or k.strip() == "cstd":
        return "chien_si_thi_dua_co_so"
    if "lao dong tien tien" in k or " ldtt " in k:
        return "lao_dong_tien_tien"
    return None


def parse_authority(text: Any) -> str:
    """The level of the authority that decided, from how it is written (or "" if unclear)."""
    k = f" {_key(text)} "
    if "chu tich nuoc" in k:
        return AuthorityLevel.STATE
    if "thu tuong" in k or "chinh phu" in k:
        return AuthorityLevel.GOVERNMENT
    if "bo truong" in k or " bo giao duc " in k or " bo gd" in k:
        return AuthorityLevel.MINISTRY
    if any(w in k for w in (" ubnd tp ", "thanh pho", " tinh ", " so ", "giam doc so", " sgd")):
        return AuthorityLevel.PROVINCE
    if any(w in k for w in (" quan ", " huyen ", "phong giao duc", " pgd", " thi xa ")):
        return AuthorityLevel.DISTRICT
    if any(w in k for w in ("hieu truong", " truong ", "thu truong", " co so ")):
        return AuthorityLevel.SCHOOL
    return ""


def parse_rating(text: Any) -> str | None:
    k = f" {_key(text)} "
    if "khong hoan thanh" in k or " khtnv " in k:
        return Rating.KHTNV
    if "xuat sac" in k or " htxsnv " in k:
        return Rating.HTXSNV
    if "hoan thanh tot" in k or " httnv " in k or k.strip() == "tot":
        return Rating.HTTNV
    if "hoan thanh" in k or " htnv " in k:
        return Rating.HTNV
    return None


def parse_years(value: Any) -> tuple[list[str], str | None]:
    """School years written in a cell ("2021-2022", "2021 - 2022 và 2022 - 2023"), or an error."""
    if value in (None, ""):
        return [], None
    text = nfc(str(value))
    codes: list[str] = []
    for first, second in _YEAR_PAIR.findall(text):
        start = int(first)
        end = int(second) if len(second) == 4 else int(str(start + 1)[:2] + second)
        if end != start + 1:
            return [], _("Năm học «%(v)s» không hợp lệ (hai năm phải liên tiếp).") % {"v": text}
        codes.append(f"{start}-{end}")
    if not codes:
        return [], _("Năm học «%(v)s» không đúng dạng 2021-2022.") % {"v": text}
    codes = sorted(set(codes))
    firsts = [int(c[:4]) for c in codes]
    if firsts != list(range(firsts[0], firsts[-1] + 1)) and len(codes) > 1:
        # "2020-2021 đến 2022-2023" names only the ends of a continuous period.
        if re.search(r"\b(den|toi)\b", _key(text)) and len(codes) == 2:
            codes = [f"{y}-{y + 1}" for y in range(firsts[0], firsts[-1] + 1)]
        else:
            return [], _("Năm học «%(v)s» không liên tục.") % {"v": text}
    return codes, None


def _dates_of(code: str, known: dict[str, SchoolYear]) -> tuple[dt.date, dt.date]:
    year = known.get(code)
    if year is not None:
        return year.start_on, year.end_on
    dates = default_school_year_dates(code)
    return dates["start_on"], dates["end_on"]


class _People:
    """Find the person a row is about: by staff code anywhere, else by name (and birth
    date) among the people who work or worked in the importing unit."""

    def __init__(self, unit: Unit, codes: list[str]) -> None:
        self.by_code = {
            p.staff_code: p.person
            for p in StaffProfile.objects.filter(staff_code__in=codes).select_related("person")
        }
        local = (
            Person.objects.filter(
                staff_profile__isnull=False, memberships__unit__path__startswith=unit.path
            )
            .select_related("staff_profile")
            .distinct()
        )
        self.by_name: dict[str, list[Person]] = {}
        for person in local:
            self.by_name.setdefault(person.full_name.casefold(), []).append(person)
        self.unit = unit

    def find(
        self, code: str, name: dict[str, str] | None, birth: dt.date | None
    ) -> tuple[Person | None, str | None]:
        if code:
            person = self.by_code.get(code)
            if person is None:
                return None, _("Không có cán bộ mã %(code)s.") % {"code": code}
            if name and person.full_name.casefold() != name["full_name"].casefold():
                return None, _("Mã cán bộ %(code)s là của %(other)s, không phải %(name)s.") % {
                    "code": code,
                    "other": person.full_name,
                    "name": name["full_name"],
                }
            return person, None
        if name is None:
            return None, _("Thiếu họ và tên.")
        candidates = self.by_name.get(name["full_name"].casefold(), [])
        if birth is not None:
            candidates = [p for p in candidates if p.date_of_birth == birth]
        if not candidates:
            return None, _(
                "Không tìm thấy %(name)s%(birth)s trong danh sách cán bộ của %(unit)s."
            ) % {
                "name": name["full_name"],
                "birth": f" ({birth:%d/%m/%Y})" if birth else "",
                "unit": self.unit.name,
            }
        if len(candidates) > 1:
            return None, _(
                "Có %(n)s người tên %(name)s: cần thêm cột Ngày sinh hoặc Mã cán bộ để phân biệt."
            ) % {"n": len(candidates), "name": name["full_name"]}
        return candidates[0], None


# ---------------------------------------------------------------- reading the lists


def read_record_lists(
    data: bytes,
    filename: str,
    *,
    synonyms: dict[str, list[str]],
    required: list[list[tuple[str, ...]]],
    labels: dict[str, str],
    missing: list[list[tuple[str, ...]]] | None = None,
) -> list[Table]:
    """The list on every sheet of an uploaded workbook that has one (names read as in the
    staff lists: "Họ và tên", or "Họ đệm" | "Tên"). Raises SpreadsheetError."""
    return read_tables(
        open_upload(data, filename=filename),
        synonyms=synonyms,
        prefixes=NAME_PREFIXES,
        split=NAME_SPLIT,
        required=required,
        labels=labels,
        missing=missing,
    )


def record_rows(
    tables: list[Table],
    *,
    synonyms: dict[str, list[str]],
    codes: Iterable[str] = ("staff_code",),
    dates: Iterable[str] = ("date_of_birth",),
    recognised: Callable[[dict[str, Any]], bool] | None = None,
) -> list[tuple[str, Table, SheetRow]]:
    """The entries of the lists, each with its sheet name ("" for a single list).

    Title, section, totals and repeated heading lines are left out (`is_layout_row`); so
    are the signature lines, which have no row number, no code in `codes`, no date in
    `dates`, and nothing that `recognised` knows (a title, a rating).
    """
    headings = heading_keys(synonyms)
    several = len(tables) > 1
    found = []
    for table in tables:
        for row in table.rows:
            if is_layout_row(row.values, headings=headings):
                continue
            if has_data_marker(row.values, codes=codes, dates=dates) or (
                recognised is not None and recognised(row.values)
            ):
                found.append((table.sheet_name if several else "", table, row))
    return found


def sheet_year(table: Table) -> str | None:
    """The one school year a list is about, from its title ("… NĂM HỌC 2022-2023") or,
    failing that, from its sheet name ("2022-2023", "NH 2022 - 2023")."""
    found: set[str] = set()
    for line in table.title_lines:
        if _YEAR_PAIR.search(line):
            years, error = parse_years(line)
            if not error:
                found.update(years)
    if not found:
        years, error = parse_years(table.sheet_name)
        found = set(years) if not error else set()
    return found.pop() if len(found) == 1 else None


def duplicate_of(seen: tuple[str, int], sheet: str) -> str:
    """ "Trùng với dòng 5." — naming the other sheet when the first row is on another one."""
    other_sheet, other = seen
    if other_sheet == sheet:
        return _("Trùng với dòng %(other)s.") % {"other": other}
    return _("Trùng với dòng %(other)s của trang tính “%(sheet)s”.") % {
        "other": other,
        "sheet": other_sheet,
    }


def _codes(rows: list[tuple[str, Table, SheetRow]]) -> list[str]:
    return [c for _s, _t, r in rows if (c := code_text(r.values.get("staff_code")))]


def _identity(values: dict[str, Any], people: _People) -> tuple[Person | None, list[str]]:
    errors: list[str] = []
    name, error = (
        _parse_name(values)
        if (values.get("full_name") or values.get("given_name"))
        else (None, None)
    )
    if error:
        errors.append(error)
    birth, error = _parse_birth_date(values, required=False)
    if error:
        errors.append(error)
    code = code_text(values.get("staff_code"))
    if errors:
        return None, errors
    person, error = people.find(code, name, birth)
    if error:
        errors.append(error)
    return person, errors


# ---------------------------------------------------------------- award history


def plan_award_import(*, data: bytes, filename: str, unit: Unit) -> RecordImportPlan:
    """Read a history of titles and awards and say, row by row, what importing would do."""
    plan = RecordImportPlan(kind=RecordImportKind.AWARD_HISTORY, unit=unit)
    try:
        tables = read_record_lists(
            data,
            filename,
            synonyms=AWARD_SYNONYMS,
            required=[NAME_REQUIREMENT, [("award",)]],
            missing=[NAME_REQUIREMENT, [("award",)], [("school_year",), ("decided_on",)]],
            labels=LABELS,
        )
    except SpreadsheetError as exc:
        plan.errors.append(RowError(None, exc.message))
        return plan
    years_of = {t.sheet_name: sheet_year(t) for t in tables}
    for table in tables:
        # A list of one year may name it in its title or sheet name instead of a column.
        if not ({"school_year", "decided_on"} & set(table.columns) or years_of[table.sheet_name]):
            plan.errors.append(
                RowError(
                    None,
                    _("Thiếu cột bắt buộc: %(names)s.") % {"names": f"“{LABELS['school_year']}”"},
                    table.sheet_name if len(tables) > 1 else "",
                )
            )
    if plan.errors:
        return plan
    rows = record_rows(
        tables,
        synonyms=AWARD_SYNONYMS,
        codes=("staff_code", "decision_number"),
        dates=("date_of_birth", "school_year", "decided_on"),
        recognised=lambda values: parse_award(values.get("award")) is not None,
    )
    people = _People(unit, _codes(rows))
    today = timezone.localdate()
    seen: dict[tuple[Any, ...], tuple[str, int]] = {}
    planned: list[tuple[str, int, dict[str, Any], Person]] = []
    for sheet, table, sheet_row in rows:
        values = sheet_row.values
        person, errors = _identity(values, people)
        award = parse_award(values.get("award"))
        if values.get("award") in (None, ""):
            errors.append(_("Thiếu danh hiệu hoặc hình thức khen thưởng."))
        elif award is None:
            errors.append(
                _("Không nhận ra danh hiệu, hình thức «%(v)s».") % {"v": nfc(str(values["award"]))}
            )
        elif award not in FOR_PERSON:
            errors.append(
                _("“%(a)s” là danh hiệu của tập thể, không phải cá nhân.") % {"a": label(award)}
            )
        years, error = parse_years(values.get("school_year"))
        if error:
            errors.append(error)
        elif not years and years_of[table.sheet_name]:
            years = [years_of[table.sheet_name]]
        decided_on = None
        if values.get("decided_on") not in (None, ""):
            try:
                decided_on = parse_date(values["decided_on"])
            except DateValueError as exc:
                errors.append(_("Ngày quyết định %(reason)s") % {"reason": exc.message})
            if decided_on and decided_on > today:
                errors.append(
                    _("Ngày quyết định %(d)s ở tương lai.") % {"d": decided_on.strftime("%d/%m/%Y")}
                )
        if award in ANNUAL_TITLES:
            if not years:
                errors.append(_("Danh hiệu thi đua phải ghi năm học được công nhận."))
            elif len(years) > 1:
                errors.append(
                    _("Danh hiệu thi đua được xét cho từng năm học: mỗi dòng một năm học.")
                )
        elif award and not years and decided_on is None:
            errors.append(_("Cần ghi năm học lập thành tích hoặc ngày quyết định."))
        decision_number = _text(values.get("decision_number"))
        if person is not None and award:
            identity = (person.pk, award, years[-1] if years else None, decision_number, decided_on)
            if award in ANNUAL_TITLES:
                identity = (person.pk, award, years[-1] if years else None)
            if identity in seen:
                errors.append(duplicate_of(seen[identity], sheet))
            seen.setdefault(identity, (sheet, sheet_row.number))
        if errors:
            plan.errors.extend(RowError(sheet_row.number, e, sheet) for e in errors)
            continue
        assert person is not None and award is not None
        issued_by = _text(values.get("issued_by"))
        planned.append(
            (
                sheet,
                sheet_row.number,
                {
                    "person_id": person.pk,
                    "award": award,
                    "period_from": years[0] if years else None,
                    "period_to": years[-1] if years else None,
                    "decision_number": decision_number,
                    "decided_on": decided_on,
                    "issued_by": issued_by,
                    "authority_level": parse_authority(issued_by),
                    "note": _text(values.get("note")),
                },
                person,
            )
        )
    existing = _existing_awards([p.pk for _s, _n, _d, p in planned])
    for sheet, number, data_row, person in planned:
        if _already_held(existing.get(person.pk, []), data_row):
            summary = _("Đã có trong hồ sơ: %(a)s %(y)s") % {
                "a": label(data_row["award"]),
                "y": data_row["period_to"] or "",
            }
            plan.rows.append(
                PlannedRow(
                    number, "unchanged", person.full_name, summary, data=data_row, sheet=sheet
                )
            )
        else:
            period = data_row["period_to"] or ""
            if data_row["period_from"] and data_row["period_from"] != data_row["period_to"]:
                period = f"{data_row['period_from']} – {data_row['period_to']}"
            summary = _("Thêm: %(a)s %(y)s") % {"a": label(data_row["award"]), "y": period}
            plan.rows.append(
                PlannedRow(
                    number, "create", person.full_name, summary.strip(), data=data_row, sheet=sheet
                )
            )
    if not plan.rows and not plan.errors:
        plan.errors.append(RowError(None, _("Danh sách không có dòng dữ liệu nào.")))
    return plan


def _existing_awards(person_ids: list[int]) -> dict[int, list[AwardRecord]]:
    found: dict[int, list[AwardRecord]] = {}
    for record in AwardRecord.objects.filter(person_id__in=person_ids, revoked_on__isnull=True):
        found.setdefault(record.person_id, []).append(record)
    return found


def _already_held(records: list[AwardRecord], row: dict[str, Any]) -> bool:
    for record in records:
        if record.award != row["award"]:
            continue
        if row["award"] in ANNUAL_TITLES and record.period_to_id == row["period_to"]:
            return True
        if (
            record.period_to_id == row["period_to"]
            and record.decided_on == row["decided_on"]
            and (record.decision_number or "") == row["decision_number"]
        ):
            return True
    return False


def _apply_award_row(actor: Any, row: PlannedRow) -> None:
    data = row.data
    person = Person.objects.get(pk=data["person_id"])
    award_record_create(
        actor=actor,
        person=person,
        award=data["award"],
        period_from=school_year_for(data["period_from"], actor=actor)
        if data["period_from"]
        else None,
        period_to=school_year_for(data["period_to"], actor=actor) if data["period_to"] else None,
        decision_number=data["decision_number"],
        decided_on=data["decided_on"],
        issued_by=data["issued_by"],
        authority_level=data["authority_level"],
        source=AwardSource.IMPORTED,
        note=data["note"],
    )


# ---------------------------------------------------------------- ratings


def plan_rating_import(
    *, data: bytes, filename: str, unit: Unit, school_year: SchoolYear | None = None
) -> RecordImportPlan:
    """Read a list of annual ratings (one year chosen, or a Năm học column)."""
    plan = RecordImportPlan(kind=RecordImportKind.RATINGS, unit=unit, school_year=school_year)
    required = [NAME_REQUIREMENT, [("rating",)]]
    try:
        tables = read_record_lists(
            data, filename, synonyms=RATING_SYNONYMS, required=required, labels=LABELS
        )
    except SpreadsheetError as exc:
        plan.errors.append(RowError(None, exc.message))
        return plan
    years_of = {t.sheet_name: sheet_year(t) for t in tables}
    for table in tables:
        sheet = table.sheet_name if len(tables) > 1 else ""
        found = years_of[table.sheet_name]
        if school_year is not None and found and found != school_year.code:
            plan.errors.append(
                RowError(
                    None,
                    _("Danh sách ghi năm học %(found)s nhưng năm học đã chọn là %(chosen)s.")
                    % {"found": found, "chosen": school_year.code},
                    sheet,
                )
            )
        elif "school_year" not in table.columns and school_year is None and not found:
            plan.errors.append(
                RowError(
                    None, _("Tệp không có cột “Năm học”: hãy chọn năm học của danh sách."), sheet
                )
            )
    if plan.errors:
        return plan
    rows = record_rows(
        tables,
        synonyms=RATING_SYNONYMS,
        dates=("date_of_birth", "school_year"),
        recognised=lambda values: parse_rating(values.get("rating")) is not None,
    )
    people = _People(unit, _codes(rows))
    known = {y.code: y for y in SchoolYear.objects.all()}
    seen: dict[tuple[int, str], tuple[str, int]] = {}
    planned: list[tuple[str, int, Person, str, str]] = []
    for sheet, table, sheet_row in rows:
        values = sheet_row.values
        person, errors = _identity(values, people)
        rating = parse_rating(values.get("rating"))
        if values.get("rating") in (None, ""):
            errors.append(_("Thiếu xếp loại."))
        elif rating is None:
            errors.append(_("Không nhận ra xếp loại «%(v)s».") % {"v": nfc(str(values["rating"]))})
        code = school_year.code if school_year else (years_of[table.sheet_name] or "")
        if values.get("school_year") not in (None, ""):
            years, error = parse_years(values["school_year"])
            if error:
                errors.append(error)
            elif len(years) > 1:
                errors.append(_("Mỗi dòng xếp loại chỉ ghi một năm học."))
            else:
                code = years[0]
        if not code and not errors:
            errors.append(_("Thiếu năm học."))
        if person is not None and code:
            start, end = _dates_of(code, known)
            worked = (
                Membership.objects.filter(person=person, start_on__lte=end)
                .filter(Q(end_on__isnull=True) | Q(end_on__gte=start))
                .exists()
            )
            if not worked:
                errors.append(
                    _("%(name)s không công tác tại đơn vị nào trong năm học %(year)s.")
                    % {"name": person.full_name, "year": code}
                )
            if (person.pk, code) in seen:
                errors.append(duplicate_of(seen[(person.pk, code)], sheet))
            seen.setdefault((person.pk, code), (sheet, sheet_row.number))
        if errors:
            plan.errors.extend(RowError(sheet_row.number, e, sheet) for e in errors)
            continue
        assert person is not None and rating is not None
        planned.append((sheet, sheet_row.number, person, code, rating))
    current = {
        (r.person_id, r.school_year_id): r.rating
        for r in AnnualRating.objects.filter(person_id__in=[p.pk for _s, _n, p, _c, _r in planned])
    }
    labels = dict(Rating.choices)
    for sheet, number, person, code, rating in planned:
        data_row = {"person_id": person.pk, "school_year": code, "rating": rating}
        old = current.get((person.pk, code))
        if old == rating:
            plan.rows.append(
                PlannedRow(
                    number,
                    "unchanged",
                    person.full_name,
                    _("Không thay đổi"),
                    data=data_row,
                    sheet=sheet,
                )
            )
        elif old is None:
            plan.rows.append(
                PlannedRow(
                    number,
                    "create",
                    person.full_name,
                    f"{code}: {labels[rating]}",
                    data=data_row,
                    sheet=sheet,
                )
            )
        else:
            plan.rows.append(
                PlannedRow(
                    number,
                    "update",
                    person.full_name,
                    _("%(y)s: %(old)s → %(new)s")
                    % {"y": code, "old": labels[old], "new": labels[rating]},
                    data=data_row,
                    sheet=sheet,
                )
            )
    if not plan.rows and not plan.errors:
        plan.errors.append(RowError(None, _("Danh sách không có dòng dữ liệu nào.")))
    return plan


def _apply_rating_row(actor: Any, row: PlannedRow) -> None:
    data = row.data
    annual_rating_set(
        actor=actor,
        person=Person.objects.get(pk=data["person_id"]),
        school_year=school_year_for(data["school_year"], actor=actor),
        rating=data["rating"],
        source=RecordSource.IMPORTED,
    )


# ---------------------------------------------------------------- apply


@transaction.atomic
def apply_record_plan(
    *, actor: Any, plan: RecordImportPlan, job: RecordImport | None = None
) -> RecordImportPlan:
    """Write a plan without errors, all rows or none; raises ImportRejected otherwise."""
    if plan.errors:
        raise ImportRejected(plan)  # type: ignore[arg-type]
    apply_row = (
        _apply_award_row if plan.kind == RecordImportKind.AWARD_HISTORY else _apply_rating_row
    )
    try:
        with transaction.atomic():
            for row in plan.rows:
                if row.action != "unchanged":
                    apply_row(actor, row)
    except ValidationError as exc:
        # The data changed between preview and confirmation: report, write nothing.
        plan.errors.extend(RowError(None, m) for m in exc.messages)
        raise ImportRejected(plan) from exc  # type: ignore[arg-type]
    action = (
        "achievements.award.import"
        if plan.kind == RecordImportKind.AWARD_HISTORY
        else "achievements.rating.import"
    )
    audit(actor, action, job or plan.unit, unit_path=plan.unit.path, counts=plan.counts)
    if job is not None:
        job.status = RecordImportStatus.APPLIED
        job.applied_at = timezone.now()
        job.summary = {"counts": plan.counts}
        job.save(update_fields=["status", "applied_at", "summary", "updated_at"])
    return plan


def plan_for_job(job: RecordImport, data: bytes) -> RecordImportPlan:
    if job.kind == RecordImportKind.AWARD_HISTORY:
        return plan_award_import(data=data, filename=job.original_name, unit=job.unit)
    return plan_rating_import(
        data=data, filename=job.original_name, unit=job.unit, school_year=job.school_year
    )
