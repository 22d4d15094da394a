"""Excel import of a unit's registration list ("Danh sách đăng ký danh hiệu thi đua năm
học …": STT, Họ và tên, Chức vụ, Đơn vị/Tổ, Danh hiệu đăng ký, Hình thức khen thưởng, Tên
sáng kiến…). Rows are people of the unit, or its departments registering as collectives.

Checked first (preview), then written all or nothing through the same services as the
pages: a registration signed by the unit head on paper is created, submitted and accepted.
The list's deadline applies as everywhere: after it, nothing is imported.

The workbook is read like the other record lists (`achievements.imports.read_record_lists`):
title rows, merged cells, footers and totals, one sheet per department. A list whose title
or sheet name gives another school year than the registration round is refused.
"""

from __future__ import annotations

import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.achievements.catalog import FOR_COLLECTIVE, FOR_PERSON, label
from thidua.achievements.imports import (
    IDENTITY_SYNONYMS,
    RecordImportPlan,
    _identity,
    _People,
    duplicate_of,
    parse_award,
    read_record_lists,
    record_rows,
    sheet_year,
)
from thidua.achievements.models import RecordImport, RecordImportKind, RecordImportStatus
from thidua.core.audit import audit
from thidua.core.vietnamese import nfc, strip_accents
from thidua.core.xlsx import RowError, SpreadsheetError
from thidua.org.models import Unit, UnitType
from thidua.people.imports import NAME_REQUIREMENT, ImportRejected, PlannedRow
from thidua.people.models import Person

from .models import Registration, RegistrationList
from .selectors import membership_day, person_belongs_to
from .services import (
    _require_before_deadline,
    _require_open,
    registration_accept,
    registration_create,
    registration_submit,
)

SYNONYMS = {
    **IDENTITY_SYNONYMS,
    "department": ["Đơn vị/Tổ", "Đơn vị", "Tổ", "Tổ chuyên môn", "Tổ/Bộ phận", "Chức vụ, đơn vị"],
    "titles": [
        "Danh hiệu đăng ký",
        "Danh hiệu thi đua đăng ký",
        "Đăng ký danh hiệu",
        "Đăng ký danh hiệu thi đua",
        "Danh hiệu thi đua",
        "Danh hiệu",
    ],
    "forms": [
        "Hình thức khen thưởng đăng ký",
        "Hình thức khen thưởng",
        "Đăng ký hình thức khen thưởng",
    ],
    "initiative_topic": [
        "Tên sáng kiến",
        "Tên sáng kiến, đề tài",
        "Tên sáng kiến đăng ký",
        "Sáng kiến",
        "Tên đề tài",
        "Đề tài, sáng kiến",
    ],
    "goals": ["Mục tiêu", "Mục tiêu phấn đấu", "Chỉ tiêu", "Mục tiêu, chỉ tiêu"],
}
LABELS = {"full_name": "Họ và tên", "titles": "Danh hiệu đăng ký"}
_SPLIT = re.compile(r"\s*(?:[,;+\n]|\bvà\b)\s*", re.IGNORECASE)


def parse_titles(*cells: Any) -> tuple[list[str], list[str]]:
    """Catalog ids from "LĐTT, CSTĐCS" / "Lao động tiên tiến và Giấy khen"; unknown parts."""
    found: list[str] = []
    unknown: list[str] = []
    for cell in cells:
        if cell in (None, ""):
            continue
        for part in _SPLIT.split(nfc(str(cell))):
            if not part.strip():
                continue
            award = parse_award(part)
            if award is None:
                unknown.append(part.strip())
            elif award not in found:
                found.append(award)
    return found, unknown


def _collectives(unit: Unit) -> dict[str, Unit]:
    lookup: dict[str, Unit] = {}
    for child in Unit.objects.filter(
        parent=unit, type__in=[UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM]
    ):
        for text in (child.name, child.short_name, child.code):
            if text:
                lookup[strip_accents(text)] = child
    return lookup


def plan_registration_import(
    *, data: bytes, filename: str, reg_list: RegistrationList
) -> RecordImportPlan:
    """Read a registration list for `reg_list` and say what importing it would do."""
    plan = RecordImportPlan(
        kind=RecordImportKind.REGISTRATIONS, unit=reg_list.unit, school_year=reg_list.school_year
    )
    try:
        _require_open(reg_list)
        _require_before_deadline(reg_list)
    except ValidationError as exc:
        plan.errors.extend(RowError(None, m) for m in exc.messages)
        return plan
    try:
        tables = read_record_lists(
            data,
            filename,
            synonyms=SYNONYMS,
            required=[NAME_REQUIREMENT, [("titles",), ("forms",)]],
            labels=LABELS,
        )
    except SpreadsheetError as exc:
        plan.errors.append(RowError(None, exc.message))
        return plan
    for table in tables:
        found = sheet_year(table)
        if found and found != reg_list.school_year_id:
            plan.errors.append(
                RowError(
                    None,
                    _(
                        "Danh sách ghi năm học %(found)s nhưng đợt đăng ký này là của năm học "
                        "%(year)s."
                    )
                    % {"found": found, "year": reg_list.school_year_id},
                    table.sheet_name if len(tables) > 1 else "",
                )
            )
    if plan.errors:
        return plan
    rows = record_rows(
        tables,
        synonyms=SYNONYMS,
        recognised=lambda values: bool(parse_titles(values.get("titles"), values.get("forms"))[0]),
    )
    people = _People(reg_list.unit, [])
    collectives = _collectives(reg_list.unit)
    existing_people = set(
        Registration.objects.filter(
            school_year=reg_list.school_year, person__isnull=False
        ).values_list("person_id", flat=True)
    )
    existing_collectives = set(
        Registration.objects.filter(
            school_year=reg_list.school_year, collective__isnull=False
        ).values_list("collective_id", flat=True)
    )
    on = membership_day(reg_list)
    seen: dict[tuple[str, int], tuple[str, int]] = {}
    for sheet, _table, sheet_row in rows:
        values = sheet_row.values
        errors: list[str] = []
        titles, unknown = parse_titles(values.get("titles"), values.get("forms"))
        errors.extend(_("Không nhận ra danh hiệu, hình thức «%(v)s».") % {"v": u} for u in unknown)
        if not titles and not unknown:
            errors.append(_("Chưa ghi danh hiệu, hình thức đăng ký."))
        name_key = strip_accents(str(values.get("full_name") or ""))
        collective = collectives.get(name_key) or collectives.get(
            name_key.removeprefix("to ").strip()
        )
        person: Person | None = None
        if collective is None:
            person, identity_errors = _identity(values, people)
            errors.extend(identity_errors)
            if person is not None and not person_belongs_to(person, reg_list.unit, on):
                errors.append(
                    _("%(name)s hiện không công tác tại %(unit)s.")
                    % {"name": person.full_name, "unit": reg_list.unit.name}
                )
        allowed = FOR_COLLECTIVE if collective is not None else FOR_PERSON
        wrong = [t for t in titles if t not in allowed]
        if wrong:
            errors.append(
                _("“%(t)s” không dùng cho %(who)s.")
                % {"t": label(wrong[0]), "who": _("tập thể") if collective else _("cá nhân")}
            )
        subject = collective or person
        if subject is not None:
            key = ("unit" if collective else "person", subject.pk)
            if key in seen:
                errors.append(duplicate_of(seen[key], sheet))
            seen.setdefault(key, (sheet, sheet_row.number))
            already = subject.pk in (existing_collectives if collective else existing_people)
            if already:
                errors.append(
                    _("%(who)s đã có đăng ký năm học %(year)s trên hệ thống.")
                    % {"who": subject, "year": reg_list.school_year_id}
                )
        if errors:
            plan.errors.extend(RowError(sheet_row.number, e, sheet) for e in errors)
            continue
        assert subject is not None
        plan.rows.append(
            PlannedRow(
                sheet_row.number,
                "create",
                str(subject),
                ", ".join(label(t) for t in titles),
                data={
                    "person_id": person.pk if person else None,
                    "collective_id": collective.pk if collective else None,
                    "titles": titles,
                    "initiative_topic": nfc(str(values.get("initiative_topic") or ""))[:300],
                    "goals": str(values.get("goals") or "").strip(),
                },
                sheet=sheet,
            )
        )
    if not plan.rows and not plan.errors:
        plan.errors.append(RowError(None, _("Danh sách không có dòng dữ liệu nào.")))
    return plan


@transaction.atomic
def apply_registration_plan(
    *,
    actor: Any,
    plan: RecordImportPlan,
    reg_list: RegistrationList,
    job: RecordImport | None = None,
) -> RecordImportPlan:
    """Create, submit and accept every planned registration, or none."""
    if plan.errors:
        raise ImportRejected(plan)  # type: ignore[arg-type]
    try:
        with transaction.atomic():
            for row in plan.rows:
                data = row.data
                registration = registration_create(
                    actor=actor,
                    reg_list=reg_list,
                    person=Person.objects.get(pk=data["person_id"]) if data["person_id"] else None,
                    collective=Unit.objects.get(pk=data["collective_id"])
                    if data["collective_id"]
                    else None,
                    titles=data["titles"],
                    goals=data["goals"],
                    initiative_topic=data["initiative_topic"] if data["person_id"] else "",
                )
                registration_submit(actor=actor, registration=registration)
                registration_accept(actor=actor, registration=registration)
    except ValidationError as exc:
        plan.errors.extend(RowError(None, m) for m in exc.messages)
        raise ImportRejected(plan) from exc  # type: ignore[arg-type]
    audit(
        actor,
        "registrations.import",
        job or reg_list,
        unit_path=reg_list.unit.path,
        counts=plan.counts,
    )
    if job is not None:
        job.status = RecordImportStatus.APPLIED
        job.applied_at = timezone.now()
        job.summary = {"counts": plan.counts}
        job.save(update_fields=["status", "applied_at", "summary", "updated_at"])
    return plan
