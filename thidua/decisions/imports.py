"""Import decisions taken before the system from Excel, so that the "N consecutive years"
and interval rules (R-GEN-9) have the past they need.

One row per awardee: STT, Số quyết định, Ngày quyết định, Cơ quan ban hành, Họ và tên, Ngày
sinh or Mã cán bộ (for a person), Tập thể/Đơn vị (the collective, or the person's unit),
Danh hiệu/Hình thức, Năm học thành tích. The reading of names, dates, awards, authorities
and school years is that of the award-history import (`achievements.imports`); rows are then
grouped by decision (number, date, authority) into historical `Decision`s, issued and frozen,
with their lines and award records.

Records are written with source "decision", not "imported": once a past decision is in the
register, its awards are changed only the way any decision's are — by a correcting or a
revoking decision — and `award_record_delete` refuses to delete them. A title or award already
in a person's history (entered by hand or imported earlier) is linked to the line instead of
being written twice. All rows or none: one bad row (reported with its Excel row number and,
when the workbook holds several lists, its sheet, in Vietnamese) means nothing is imported.

The workbook is read like the other record lists (`achievements.imports.read_record_lists`):
title rows, a decision's number, date and authority merged down over its rows, section
lines ("Quyết định số …"), totals and signatures, one sheet per year or per decision; a
sheet of one school year may name it in its title or sheet name instead of a column.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.achievements.catalog import ANNUAL_TITLES, FOR_COLLECTIVE, FOR_PERSON, label
from thidua.achievements.imports import (
    AWARD_SYNONYMS,
    RecordImportPlan,
    _identity,
    _People,
    duplicate_of,
    parse_authority,
    parse_award,
    parse_years,
    read_record_lists,
    record_rows,
    sheet_year,
)
from thidua.achievements.models import AwardRecord, AwardSource
from thidua.achievements.services import award_record_create
from thidua.core.audit import audit
from thidua.core.vietnamese import nfc, strip_accents
from thidua.core.xlsx import (
    DateValueError,
    RowError,
    SpreadsheetError,
    code_text,
    number_text,
    parse_date,
)
from thidua.org.models import COLLECTIVE_TYPES, Unit
from thidua.people.imports import ImportRejected, PlannedRow
from thidua.people.models import Person
from thidua.people.record_services import school_year_for

from .models import Decision, DecisionKind, DecisionLine, DecisionStatus

SYNONYMS = {
    **AWARD_SYNONYMS,
    "collective": [
        "Tập thể/Đơn vị",
        "Tập thể / Đơn vị",
        "Tập thể, đơn vị",
        "Tập thể",
        "Tên tập thể",
        "Đơn vị",
        "Đơn vị công tác",
    ],
    "school_year": [*AWARD_SYNONYMS["school_year"], "Năm học thành tích"],
}
LABELS = {
    "full_name": "Họ và tên",
    "award": "Danh hiệu/Hình thức",
    "decision_number": "Số quyết định",
    "decided_on": "Ngày quyết định",
    "issued_by": "Cơ quan ban hành",
}
REQUIRED = [
    [("full_name",), ("family_middle_name", "given_name"), ("collective",)],
    [("award",)],
    [("decision_number",)],
    [("decided_on",)],
]
KIND = "decision_history"


@dataclass
class DecisionImportPlan(RecordImportPlan):
    """The rows of the file grouped by decision: {(number, date, authority): [rows]}."""

    groups: dict[tuple[str, dt.date, str], list[PlannedRow]] = field(default_factory=dict)

    @property
    def decision_count(self) -> int:
        return len(self.groups)


def _key(text: str) -> str:
    return " ".join(strip_accents(text).split())


def _text(value: Any) -> str:
    return number_text(value) if value not in (None, "") else ""


class _Collectives:
    """The importing unit and the collectives under it, by name."""

    def __init__(self, unit: Unit) -> None:
        self.by_name: dict[str, list[Unit]] = {}
        units = Unit.objects.filter(path__startswith=unit.path).filter(
            Q(type__in=COLLECTIVE_TYPES) | Q(pk=unit.pk)
        )
        for candidate in units:
            for name in {candidate.name, candidate.short_name}:
                if name:
                    self.by_name.setdefault(_key(name), []).append(candidate)
        self.unit = unit

    def find(self, name: str) -> tuple[Unit | None, str | None]:
        found = self.by_name.get(_key(name), [])
        if not found:
            return None, _("Không tìm thấy tập thể “%(n)s” trong %(u)s.") % {
                "n": name,
                "u": self.unit.name,
            }
        if len(found) > 1:
            return None, _("Có %(k)s tập thể tên “%(n)s”: hãy ghi tên đầy đủ hơn.") % {
                "k": len(found),
                "n": name,
            }
        return found[0], None


def _subject_filter(data: dict[str, Any]) -> Q:
    if data["person_id"]:
        return Q(person_id=data["person_id"])
    return Q(collective_id=data["collective_id"])


def _existing(data: dict[str, Any]) -> AwardRecord | None:
    """A record already in the history for this row (the same title and year, or the same
    form, period, decision and date)."""
    records = AwardRecord.objects.filter(_subject_filter(data), award=data["award"]).filter(
        revoked_on__isnull=True
    )
    if data["award"] in ANNUAL_TITLES:
        return records.filter(period_to_id=data["period_to"]).first()
    return records.filter(
        period_to_id=data["period_to"],
        decided_on=data["decided_on"],
        decision_number=data["decision_number"],
    ).first()


def _already_imported(unit: Unit, data: dict[str, Any]) -> bool:
    return DecisionLine.objects.filter(
        _subject_filter(data),
        decision__issuer=unit,
        decision__kind=DecisionKind.HISTORICAL,
        decision__number_label=data["decision_number"],
        decision__issued_on=data["decided_on"],
        award=data["award"],
        period_to_id=data["period_to"],
    ).exists()


def plan_decision_import(*, data: bytes, filename: str, unit: Unit) -> DecisionImportPlan:
    """Read a list of past decisions and say, row by row, what importing would do."""
    plan = DecisionImportPlan(kind=KIND, unit=unit)
    try:
        tables = read_record_lists(
            data, filename, synonyms=SYNONYMS, required=REQUIRED, labels=LABELS
        )
    except SpreadsheetError as exc:
        plan.errors.append(RowError(None, exc.message))
        return plan
    years_of = {t.sheet_name: sheet_year(t) for t in tables}
    rows = record_rows(
        tables,
        synonyms=SYNONYMS,
        codes=("staff_code", "decision_number"),
        dates=("date_of_birth", "decided_on", "school_year"),
        recognised=lambda values: parse_award(values.get("award")) is not None,
    )
    people = _People(
        unit, [c for _s, _t, r in rows if (c := code_text(r.values.get("staff_code")))]
    )
    collectives = _Collectives(unit)
    today = timezone.localdate()
    seen: dict[tuple[Any, ...], tuple[str, int]] = {}
    titles_seen: dict[tuple[Any, ...], tuple[str, int]] = {}
    for sheet, table, sheet_row in rows:
        values = sheet_row.values
        errors: list[str] = []
        person: Person | None = None
        collective: Unit | None = None
        collective_text = nfc(str(values.get("collective") or ""))
        is_person = any(
            values.get(k) not in (None, "")
            for k in ("full_name", "given_name", "family_middle_name", "staff_code")
        )
        if is_person:
            person, errors = _identity(values, people)
        elif collective_text:
            collective, error = collectives.find(collective_text)
            if error:
                errors.append(error)
        else:
            errors.append(_("Thiếu họ và tên (cá nhân) hoặc tên tập thể."))
        award = parse_award(values.get("award"))
        if values.get("award") in (None, ""):
            errors.append(_("Thiếu danh hiệu hoặc hình thức khen thưởng."))
        elif award is None:
            errors.append(
                _("Không nhận ra danh hiệu, hình thức «%(v)s».") % {"v": nfc(str(values["award"]))}
            )
        elif award not in (FOR_PERSON if is_person else FOR_COLLECTIVE):
            errors.append(
                _("“%(a)s” không dùng cho %(who)s.")
                % {"a": label(award), "who": _("cá nhân") if is_person else _("tập thể")}
            )
        number = _text(values.get("decision_number"))
        if not number:
            errors.append(_("Thiếu số quyết định."))
        decided_on = None
        if values.get("decided_on") in (None, ""):
            errors.append(_("Thiếu ngày quyết định."))
        else:
            try:
                decided_on = parse_date(values["decided_on"])
            except DateValueError as exc:
                errors.append(_("Ngày quyết định %(reason)s") % {"reason": exc.message})
            if decided_on and decided_on > today:
                errors.append(
                    _("Ngày quyết định %(d)s ở tương lai.") % {"d": decided_on.strftime("%d/%m/%Y")}
                )
        issued_by = _text(values.get("issued_by"))
        if not issued_by:
            errors.append(_("Thiếu cơ quan ban hành quyết định."))
        years, error = parse_years(values.get("school_year"))
        if error:
            errors.append(error)
        elif not years and years_of[table.sheet_name]:
            years = [years_of[table.sheet_name]]
        if award in ANNUAL_TITLES:
            if not years:
                errors.append(_("Danh hiệu thi đua phải ghi năm học được công nhận."))
            elif len(years) > 1:
                errors.append(
                    _("Danh hiệu thi đua được xét cho từng năm học: mỗi dòng một năm học.")
                )
        subject = person or collective
        if subject is not None and award and decided_on and number:
            identity = (type(subject).__name__, subject.pk, award, number, decided_on)
            if identity in seen:
                errors.append(duplicate_of(seen[identity], sheet))
            seen.setdefault(identity, (sheet, sheet_row.number))
            if award in ANNUAL_TITLES and years:
                title_key = (type(subject).__name__, subject.pk, award, years[-1])
                other = titles_seen.get(title_key)
                if other is not None and other != (sheet, sheet_row.number):
                    errors.append(_title_held_at(award, years[-1], other, sheet))
                titles_seen.setdefault(title_key, (sheet, sheet_row.number))
        if errors:
            plan.errors.extend(RowError(sheet_row.number, e, sheet) for e in errors)
            continue
        assert subject is not None and award is not None and decided_on is not None
        row_data = {
            "person_id": person.pk if person else None,
            "collective_id": collective.pk if collective else None,
            "name": str(subject),
            "position_unit": collective_text
            if person
            else (collective.parent.name if collective and collective.parent_id else ""),
            "award": award,
            "period_from": years[0] if years else None,
            "period_to": years[-1] if years else None,
            "decision_number": number,
            "decided_on": decided_on,
            "issued_by": issued_by,
            "authority_level": parse_authority(issued_by),
            "note": _text(values.get("note")),
        }
        period = row_data["period_to"] or ""
        if row_data["period_from"] and row_data["period_from"] != row_data["period_to"]:
            period = f"{row_data['period_from']} – {row_data['period_to']}"
        if _already_imported(unit, row_data):
            action, summary = "unchanged", _("Đã nhập trước đây")
        elif (record := _existing(row_data)) is not None:
            row_data["record_id"] = record.pk
            action = "update"
            summary = _("Đã có trong hồ sơ: gắn vào quyết định %(n)s") % {"n": number}
        else:
            action = "create"
            summary = _("%(a)s %(y)s – QĐ %(n)s ngày %(d)s") % {
                "a": label(award),
                "y": period,
                "n": number,
                "d": decided_on.strftime("%d/%m/%Y"),
            }
        planned = PlannedRow(
            sheet_row.number, action, str(subject), summary, data=row_data, sheet=sheet
        )
        plan.rows.append(planned)
        plan.groups.setdefault((number, decided_on, issued_by), []).append(planned)
    if not plan.rows and not plan.errors:
        plan.errors.append(RowError(None, _("Danh sách không có dòng dữ liệu nào.")))
    return plan


def _title_held_at(award: str, year: str, other: tuple[str, int], sheet: str) -> str:
    other_sheet, row = other
    if other_sheet == sheet:
        return _("“%(a)s” năm học %(y)s đã có ở dòng %(other)s.") % {
            "a": label(award),
            "y": year,
            "other": row,
        }
    return _("“%(a)s” năm học %(y)s đã có ở dòng %(other)s của trang tính “%(sheet)s”.") % {
        "a": label(award),
        "y": year,
        "other": row,
        "sheet": other_sheet,
    }


def _historical_decision(unit: Unit, key: tuple[str, dt.date, str]) -> Decision:
    number, decided_on, issued_by = key
    existing = Decision.objects.filter(
        issuer=unit, kind=DecisionKind.HISTORICAL, number_label=number, issued_on=decided_on
    ).first()
    if existing is not None:
        return existing
    symbol = number.split("/", 1)[1] if "/" in number else number
    decision = Decision(
        issuer=unit,
        kind=DecisionKind.HISTORICAL,
        status=DecisionStatus.ISSUED,
        number_label=number,
        year=decided_on.year,
        symbol=symbol[:40],
        issued_on=decided_on,
        issuing_body=issued_by.upper()[:200],
        authority=issued_by[:200],
        authority_level=parse_authority(issued_by),
        subject="Quyết định khen thưởng trước khi dùng hệ thống (nhập từ hồ sơ cũ)",
        legal_bases=[],
        articles=[],
        recipients=[],
        issued_at=timezone.now(),
    )
    decision.full_clean()
    decision.save()
    return decision


def _apply_row(actor: Any, decision: Decision, line_no: int, row: PlannedRow) -> None:
    data = row.data
    person = Person.objects.get(pk=data["person_id"]) if data["person_id"] else None
    collective = Unit.objects.get(pk=data["collective_id"]) if data["collective_id"] else None
    period_from = school_year_for(data["period_from"], actor=actor) if data["period_from"] else None
    period_to = school_year_for(data["period_to"], actor=actor) if data["period_to"] else None
    if row.action == "update":
        record = AwardRecord.objects.get(pk=data["record_id"])
    else:
        record = award_record_create(
            actor=actor,
            award=data["award"],
            person=person,
            collective=collective,
            period_from=period_from,
            period_to=period_to,
            decision_number=data["decision_number"],
            decided_on=data["decided_on"],
            issued_by=data["issued_by"],
            authority_level=data["authority_level"],
            source=AwardSource.DECISION,
            note=data["note"] or "Nhập từ quyết định cũ",
        )
    line = DecisionLine(
        decision=decision,
        line_no=line_no,
        person=person,
        collective=collective,
        name=data["name"],
        position_unit=data["position_unit"],
        award=data["award"],
        period_from=period_from,
        period_to=period_to,
        award_record=record,
    )
    line.full_clean()
    line.save()


@transaction.atomic
def apply_decision_plan(*, actor: Any, plan: DecisionImportPlan) -> DecisionImportPlan:
    """Write a plan without errors, all rows or none; raises ImportRejected otherwise."""
    if plan.errors:
        raise ImportRejected(plan)  # type: ignore[arg-type]
    try:
        with transaction.atomic():
            for key, rows in plan.groups.items():
                todo = [r for r in rows if r.action != "unchanged"]
                if not todo:
                    continue
                decision = _historical_decision(plan.unit, key)
                last = decision.lines.aggregate(m=Max("line_no"))["m"] or 0
                for offset, row in enumerate(todo, start=1):
                    _apply_row(actor, decision, last + offset, row)
    except ValidationError as exc:
        # The data changed between preview and confirmation: report, write nothing.
        plan.errors.extend(RowError(None, m) for m in exc.messages)
        raise ImportRejected(plan) from exc  # type: ignore[arg-type]
    audit(
        actor,
        "decisions.decision.import",
        plan.unit,
        unit_path=plan.unit.path,
        counts=plan.counts,
        decisions=plan.decision_count,
    )
    return plan
