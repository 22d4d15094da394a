"""Writes on the yearly emulation records: ratings, discipline, pending matters, leave,
training and previous-unit comments. Each service validates, saves and audits in one
transaction; a refused write changes nothing.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.audit import audit, diff, snapshot
from thidua.core.errors import field_error
from thidua.core.vietnamese import nfc
from thidua.org.models import COLLECTIVE_TYPES, SchoolYear, Unit
from thidua.org.services import default_school_year_dates, school_year_create

from .errors import RecordError
from .models import Person
from .record_selectors import work_unit_during
from .records import (
    AnnualRating,
    DisciplineRecord,
    LeaveRecord,
    PendingMatter,
    RecordSource,
    TrainingRecord,
    TransferComment,
)

AUDIT_ACTIONS = {
    "people.rating.set": gettext_lazy("Ghi xếp loại hằng năm"),
    "people.rating.delete": gettext_lazy("Xóa xếp loại hằng năm"),
    "people.discipline.create": gettext_lazy("Ghi quyết định kỷ luật"),
    "people.discipline.delete": gettext_lazy("Xóa quyết định kỷ luật"),
    "people.pending.open": gettext_lazy("Ghi vụ việc đang xem xét"),
    "people.pending.close": gettext_lazy("Kết thúc vụ việc đang xem xét"),
    "people.pending.delete": gettext_lazy("Xóa vụ việc đang xem xét"),
    "people.leave.create": gettext_lazy("Ghi thời gian nghỉ"),
    "people.leave.delete": gettext_lazy("Xóa thời gian nghỉ"),
    "people.training.create": gettext_lazy("Ghi đào tạo, bồi dưỡng"),
    "people.training.delete": gettext_lazy("Xóa đào tạo, bồi dưỡng"),
    "people.transfer_comment.create": gettext_lazy("Ghi nhận xét của đơn vị cũ"),
}

RATING_FIELDS = ["person", "collective", "school_year", "rating", "unit", "note", "source"]
DISCIPLINE_FIELDS = [
    "person",
    "level",
    "decided_on",
    "decision_number",
    "issued_by",
    "reason",
    "counted_in_year",
    "unit",
]
PENDING_FIELDS = ["person", "collective", "kind", "opened_on", "closed_on", "reference", "note"]
LEAVE_FIELDS = ["person", "kind", "start_on", "end_on", "certified", "note"]
TRAINING_FIELDS = [
    "person",
    "program",
    "institution",
    "start_on",
    "end_on",
    "complied",
    "result",
    "note",
]


def _path(unit: Unit | None) -> str:
    return unit.path if unit is not None else ""


def _not_in_future(field: str, day: dt.date | None, label: str) -> None:
    if day and day > timezone.localdate():
        raise field_error(
            field,
            _("%(label)s %(day)s ở tương lai: chỉ ghi nhận những gì đã xảy ra.")
            % {"label": label, "day": day.strftime("%d/%m/%Y")},
            RecordError.DATE_IN_FUTURE,
        )


def _in_order(start: dt.date, end: dt.date | None, field: str = "end_on") -> None:
    if end is not None and end < start:
        raise field_error(
            field,
            _("Ngày kết thúc (%(end)s) không thể trước ngày bắt đầu (%(start)s).")
            % {"end": end.strftime("%d/%m/%Y"), "start": start.strftime("%d/%m/%Y")},
            RecordError.PERIOD_ORDER,
        )


def school_year_for(code: str, *, actor: Any = None) -> SchoolYear:
    """The school year with this code, created with the usual calendar for a past year.

    History imports reach back before the years the system was set up with.
    """
    year = SchoolYear.objects.filter(code=code).first()
    if year is not None:
        return year
    default_school_year_dates(code)  # raises ValueError for a malformed code
    return school_year_create(actor=actor, code=code)


# ---------------------------------------------------------------- ratings


@transaction.atomic
def annual_rating_set(
    *,
    actor: Any,
    school_year: SchoolYear,
    rating: str,
    person: Person | None = None,
    collective: Unit | None = None,
    note: str = "",
    source: str = RecordSource.ENTERED,
) -> AnnualRating:
    """Record (or change) the year-end rating of a person or a collective.

    A person can only be rated for a year in which they worked in some unit (a
    membership overlapping the school year); a collective only while it existed.
    """
    if (person is None) == (collective is None):
        raise ValueError("exactly one of person and collective")
    if person is not None:
        unit = work_unit_during(person, school_year.start_on, school_year.end_on)
        if unit is None:
            raise field_error(
                "school_year",
                _(
                    "%(person)s không công tác tại đơn vị nào trong năm học %(year)s "
                    "(%(start)s – %(end)s), nên không thể xếp loại năm học này."
                )
                % {
                    "person": person,
                    "year": school_year.code,
                    "start": school_year.start_on.strftime("%d/%m/%Y"),
                    "end": school_year.end_on.strftime("%d/%m/%Y"),
                },
                RecordError.NOT_WORKING_THAT_YEAR,
            )
        existing = AnnualRating.objects.select_for_update().filter(
            person=person, school_year=school_year
        )
    else:
        assert collective is not None
        if collective.type not in COLLECTIVE_TYPES:
            raise ValidationError(
                _("%(unit)s không phải là một tập thể được xếp loại (trường, tổ).")
                % {"unit": collective},
                code=RecordError.NOT_A_COLLECTIVE,
            )
        active = (
            collective.active_from is None or collective.active_from <= school_year.end_on
        ) and (collective.active_to is None or collective.active_to >= school_year.start_on)
        if not active:
            raise field_error(
                "school_year",
                _("%(unit)s không hoạt động trong năm học %(year)s.")
                % {"unit": collective, "year": school_year.code},
                RecordError.NOT_WORKING_THAT_YEAR,
            )
        unit = collective.parent
        existing = AnnualRating.objects.select_for_update().filter(
            collective=collective, school_year=school_year
        )
    record = existing.first()
    before = snapshot(record, RATING_FIELDS) if record else {}
    if record is None:
        record = AnnualRating(person=person, collective=collective, school_year=school_year)
    record.rating = rating
    record.unit = unit
    record.note = nfc(note)
    record.source = source
    record.entered_by = actor if getattr(actor, "is_authenticated", False) else None
    record.full_clean()
    record.save()
    changes = diff(before, snapshot(record, RATING_FIELDS))
    if changes:
        audit(
            actor, "people.rating.set", record, unit_path=_path(unit or collective), changes=changes
        )
    return record


@transaction.atomic
def annual_rating_delete(*, actor: Any, rating: AnnualRating) -> None:
    """Remove a rating entered by mistake (the audit trail keeps what it was)."""
    before = snapshot(rating, RATING_FIELDS)
    unit_path = _path(rating.unit or rating.collective)
    audit(actor, "people.rating.delete", rating, unit_path=unit_path, changes=diff(before, {}))
    rating.delete()


# ---------------------------------------------------------------- discipline


@transaction.atomic
def discipline_record_create(
    *,
    actor: Any,
    person: Person,
    level: str,
    decided_on: dt.date,
    decision_number: str = "",
    issued_by: str = "",
    reason: str = "",
    counted_in_year: SchoolYear | None = None,
) -> DisciplineRecord:
    """Record a discipline decision. A decision dated in the future is refused."""
    _not_in_future("decided_on", decided_on, _("Ngày quyết định kỷ luật"))
    record = DisciplineRecord(
        person=person,
        level=level,
        decided_on=decided_on,
        decision_number=nfc(decision_number),
        issued_by=nfc(issued_by),
        reason=nfc(reason),
        counted_in_year=counted_in_year,
        unit=work_unit_during(person, decided_on, decided_on),
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record.full_clean()
    record.save()
    audit(
        actor,
        "people.discipline.create",
        record,
        unit_path=_path(record.unit),
        changes=diff({}, snapshot(record, DISCIPLINE_FIELDS)),
    )
    return record


@transaction.atomic
def discipline_record_delete(*, actor: Any, record: DisciplineRecord) -> None:
    audit(
        actor,
        "people.discipline.delete",
        record,
        unit_path=_path(record.unit),
        changes=diff(snapshot(record, DISCIPLINE_FIELDS), {}),
    )
    record.delete()


# ---------------------------------------------------------------- pending matters


@transaction.atomic
def pending_matter_open(
    *,
    actor: Any,
    kind: str,
    opened_on: dt.date,
    person: Person | None = None,
    collective: Unit | None = None,
    reference: str = "",
    note: str = "",
) -> PendingMatter:
    """Record a matter that defers awards while open (discipline review, complaint…)."""
    if (person is None) == (collective is None):
        raise ValueError("exactly one of person and collective")
    _not_in_future("opened_on", opened_on, _("Ngày bắt đầu"))
    unit = work_unit_during(person, opened_on, opened_on) if person else collective
    matter = PendingMatter(
        person=person,
        collective=collective,
        kind=kind,
        opened_on=opened_on,
        reference=nfc(reference),
        note=nfc(note),
        unit=unit,
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    matter.full_clean()
    matter.save()
    audit(
        actor,
        "people.pending.open",
        matter,
        unit_path=_path(unit),
        changes=diff({}, snapshot(matter, PENDING_FIELDS)),
    )
    return matter


@transaction.atomic
def pending_matter_close(
    *, actor: Any, matter: PendingMatter, closed_on: dt.date, outcome: str = ""
) -> PendingMatter:
    """The matter is resolved on `closed_on`; awards are no longer deferred by it."""
    matter = PendingMatter.objects.select_for_update().get(pk=matter.pk)
    if matter.closed_on is not None:
        raise ValidationError(
            _("Vụ việc này đã kết thúc ngày %(day)s.")
            % {"day": matter.closed_on.strftime("%d/%m/%Y")},
            code=RecordError.ALREADY_CLOSED,
        )
    _not_in_future("closed_on", closed_on, _("Ngày kết thúc"))
    _in_order(matter.opened_on, closed_on, "closed_on")
    before = snapshot(matter, PENDING_FIELDS)
    matter.closed_on = closed_on
    matter.outcome = nfc(outcome)
    matter.full_clean()
    matter.save(update_fields=["closed_on", "outcome", "updated_at"])
    audit(
        actor,
        "people.pending.close",
        matter,
        unit_path=_path(matter.unit),
        changes=diff(before, snapshot(matter, PENDING_FIELDS)),
    )
    return matter


@transaction.atomic
def pending_matter_delete(*, actor: Any, matter: PendingMatter) -> None:
    audit(
        actor,
        "people.pending.delete",
        matter,
        unit_path=_path(matter.unit),
        changes=diff(snapshot(matter, PENDING_FIELDS), {}),
    )
    matter.delete()


# ---------------------------------------------------------------- leave and training


@transaction.atomic
def leave_record_create(
    *,
    actor: Any,
    person: Person,
    kind: str,
    start_on: dt.date,
    end_on: dt.date,
    certified: bool = False,
    note: str = "",
) -> LeaveRecord:
    """Record a leave period (maternity leave counts as working time for LĐTT)."""
    _in_order(start_on, end_on)
    record = LeaveRecord(
        person=person,
        kind=kind,
        start_on=start_on,
        end_on=end_on,
        certified=certified,
        note=nfc(note),
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record.full_clean()
    record.save()
    unit = work_unit_during(person, start_on, end_on)
    audit(
        actor,
        "people.leave.create",
        record,
        unit_path=_path(unit),
        changes=diff({}, snapshot(record, LEAVE_FIELDS)),
    )
    return record


@transaction.atomic
def leave_record_delete(*, actor: Any, record: LeaveRecord) -> None:
    unit = work_unit_during(record.person, record.start_on, record.end_on)
    audit(
        actor,
        "people.leave.delete",
        record,
        unit_path=_path(unit),
        changes=diff(snapshot(record, LEAVE_FIELDS), {}),
    )
    record.delete()


@transaction.atomic
def training_record_create(
    *,
    actor: Any,
    person: Person,
    program: str,
    start_on: dt.date,
    end_on: dt.date,
    institution: str = "",
    complied: bool | None = None,
    result: str = "",
    note: str = "",
) -> TrainingRecord:
    """Record a training course with its compliance and result (R-LDTT-6)."""
    _in_order(start_on, end_on)
    record = TrainingRecord(
        person=person,
        program=nfc(program),
        institution=nfc(institution),
        start_on=start_on,
        end_on=end_on,
        complied=complied,
        result=result,
        note=nfc(note),
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record.full_clean()
    record.save()
    unit = work_unit_during(person, start_on, end_on)
    audit(
        actor,
        "people.training.create",
        record,
        unit_path=_path(unit),
        changes=diff({}, snapshot(record, TRAINING_FIELDS)),
    )
    return record


@transaction.atomic
def training_record_delete(*, actor: Any, record: TrainingRecord) -> None:
    unit = work_unit_during(record.person, record.start_on, record.end_on)
    audit(
        actor,
        "people.training.delete",
        record,
        unit_path=_path(unit),
        changes=diff(snapshot(record, TRAINING_FIELDS), {}),
    )
    record.delete()


# ---------------------------------------------------------------- transfers


@transaction.atomic
def transfer_comment_create(
    *,
    actor: Any,
    person: Person,
    from_unit: Unit,
    to_unit: Unit,
    transferred_on: dt.date,
    commented_on: dt.date,
    comment: str,
) -> TransferComment:
    """Record the previous unit's comment on a member of staff who moved (R-LDTT-7)."""
    _not_in_future("commented_on", commented_on, _("Ngày nhận xét"))
    if TransferComment.objects.filter(
        person=person, from_unit=from_unit, transferred_on=transferred_on
    ).exists():
        raise ValidationError(
            _("Đã có nhận xét của %(unit)s cho lần chuyển công tác này.") % {"unit": from_unit},
            code=RecordError.COMMENT_EXISTS,
        )
    record = TransferComment(
        person=person,
        from_unit=from_unit,
        to_unit=to_unit,
        transferred_on=transferred_on,
        commented_on=commented_on,
        comment=nfc(comment),
        entered_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    if not record.comment:
        raise field_error("comment", _("Hãy ghi nội dung nhận xét."), RecordError.COMMENT_REQUIRED)
    record.full_clean()
    record.save()
    audit(
        actor,
        "people.transfer_comment.create",
        record,
        unit_path=to_unit.path,
        changes={"from_unit": [None, str(from_unit)], "comment": [None, record.comment]},
    )
    return record
