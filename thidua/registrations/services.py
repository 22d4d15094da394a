"""Writes on registrations (workflows.md §1.3).

Registration: draft → submitted → accepted, or → returned (with a reason) → submitted
again. List: open → consolidated (nothing left waiting) → locked by the head of the
unit; a consolidated list may be re-opened with a reason until it is locked. A new
registration or a first submission after the list's deadline is refused; correcting a
registration the unit returned stays possible after the deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.achievements.catalog import FOR_COLLECTIVE, FOR_PERSON, label
from thidua.core.audit import audit
from thidua.core.errors import field_error
from thidua.core.vietnamese import nfc
from thidua.evidence.services import evidence_delete_for_target
from thidua.org.models import SchoolYear, Unit
from thidua.people.models import Person

from .errors import RegistrationError
from .models import (
    ListStatus,
    RegisteredTitle,
    Registration,
    RegistrationList,
    RegistrationStatus,
)
from .selectors import list_unit_for_collective, membership_day, person_belongs_to

AUDIT_ACTIONS = {
    "registrations.list.open": gettext_lazy("Mở đăng ký thi đua"),
    "registrations.list.deadline": gettext_lazy("Đổi hạn đăng ký thi đua"),
    "registrations.list.consolidate": gettext_lazy("Tổng hợp danh sách đăng ký thi đua"),
    "registrations.list.reopen": gettext_lazy("Mở lại danh sách đăng ký thi đua"),
    "registrations.list.lock": gettext_lazy("Ký, khóa danh sách đăng ký thi đua"),
    "registrations.create": gettext_lazy("Lập đăng ký thi đua"),
    "registrations.update": gettext_lazy("Sửa đăng ký thi đua"),
    "registrations.submit": gettext_lazy("Gửi đăng ký thi đua"),
    "registrations.accept": gettext_lazy("Duyệt đăng ký thi đua"),
    "registrations.return": gettext_lazy("Trả lại đăng ký thi đua"),
    "registrations.delete": gettext_lazy("Xóa bản nháp đăng ký thi đua"),
    "registrations.import": gettext_lazy("Nhập danh sách đăng ký thi đua từ Excel"),
}


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _today() -> dt.date:
    return timezone.localdate()


# ---------------------------------------------------------------- lists


@transaction.atomic
def registration_list_open(
    *, actor: Any, unit: Unit, school_year: SchoolYear, deadline: dt.date, note: str = ""
) -> RegistrationList:
    """Open a unit's registration list for a school year, with its deadline."""
    if RegistrationList.objects.filter(unit=unit, school_year=school_year).exists():
        raise ValidationError(
            _("%(unit)s đã mở đăng ký thi đua năm học %(year)s.")
            % {"unit": unit, "year": school_year.code},
            code=RegistrationError.LIST_EXISTS,
        )
    _check_deadline(deadline, school_year)
    reg_list = RegistrationList(
        unit=unit,
        school_year=school_year,
        deadline=deadline,
        note=nfc(note),
        created_by=_user(actor),
    )
    reg_list.full_clean()
    reg_list.save()
    audit(
        actor,
        "registrations.list.open",
        reg_list,
        unit_path=unit.path,
        changes={"deadline": [None, deadline]},
    )
    return reg_list


def _check_deadline(deadline: dt.date, school_year: SchoolYear) -> None:
    if not (school_year.start_on - dt.timedelta(days=90) <= deadline <= school_year.end_on):
        raise field_error(
            "deadline",
            _("Hạn đăng ký phải nằm trong năm học %(year)s (%(start)s – %(end)s).")
            % {
                "year": school_year.code,
                "start": school_year.start_on.strftime("%d/%m/%Y"),
                "end": school_year.end_on.strftime("%d/%m/%Y"),
            },
            RegistrationError.DEADLINE_INVALID,
        )


@transaction.atomic
def registration_list_set_deadline(
    *, actor: Any, reg_list: RegistrationList, deadline: dt.date
) -> RegistrationList:
    """Move the deadline of an open list (e.g. to let late registrations in)."""
    reg_list = RegistrationList.objects.select_for_update().get(pk=reg_list.pk)
    _require_open(reg_list)
    _check_deadline(deadline, reg_list.school_year)
    old = reg_list.deadline
    reg_list.deadline = deadline
    reg_list.save(update_fields=["deadline", "updated_at"])
    audit(
        actor,
        "registrations.list.deadline",
        reg_list,
        unit_path=reg_list.unit.path,
        changes={"deadline": [old, deadline]},
    )
    return reg_list


def _require_open(reg_list: RegistrationList) -> None:
    if reg_list.status != ListStatus.OPEN:
        raise ValidationError(
            _(
                "Danh sách đăng ký của %(unit)s năm học %(year)s ở trạng thái “%(status)s”: "
                "không thể thay đổi."
            )
            % {
                "unit": reg_list.unit,
                "year": reg_list.school_year_id,
                "status": ListStatus(reg_list.status).label,
            },
            code=RegistrationError.LIST_NOT_OPEN,
        )


def _require_before_deadline(reg_list: RegistrationList) -> None:
    today = _today()
    if today > reg_list.deadline:
        raise ValidationError(
            _(
                "Đã hết hạn đăng ký thi đua năm học %(year)s của %(unit)s (hạn cuối "
                "%(deadline)s, hôm nay %(today)s). Liên hệ lãnh đạo đơn vị nếu cần gia hạn."
            )
            % {
                "year": reg_list.school_year_id,
                "unit": reg_list.unit,
                "deadline": reg_list.deadline.strftime("%d/%m/%Y"),
                "today": today.strftime("%d/%m/%Y"),
            },
            code=RegistrationError.DEADLINE_PASSED,
        )


def issues_before_consolidate(reg_list: RegistrationList) -> list[str]:
    """Registrations still waiting for a decision block the consolidation."""
    waiting = reg_list.registrations.filter(status=RegistrationStatus.SUBMITTED).count()
    if waiting:
        return [
            _("Còn %(n)s đăng ký đang chờ duyệt: hãy duyệt hoặc trả lại trước khi tổng hợp.")
            % {"n": waiting}
        ]
    return []


@transaction.atomic
def registration_list_consolidate(*, actor: Any, reg_list: RegistrationList) -> RegistrationList:
    """Close the intake: the accepted registrations become the eligibility baseline."""
    reg_list = RegistrationList.objects.select_for_update().get(pk=reg_list.pk)
    _require_open(reg_list)
    issues = issues_before_consolidate(reg_list)
    if issues:
        raise ValidationError(" ".join(issues), code=RegistrationError.PENDING_DECISIONS)
    reg_list.status = ListStatus.CONSOLIDATED
    reg_list.consolidated_at = timezone.now()
    reg_list.consolidated_by = _user(actor)
    reg_list.save(update_fields=["status", "consolidated_at", "consolidated_by", "updated_at"])
    counts = dict.fromkeys(RegistrationStatus.values, 0)
    for status in reg_list.registrations.values_list("status", flat=True):
        counts[status] += 1
    audit(
        actor,
        "registrations.list.consolidate",
        reg_list,
        unit_path=reg_list.unit.path,
        changes={"status": [ListStatus.OPEN, ListStatus.CONSOLIDATED]},
        counts=counts,
    )
    return reg_list


@transaction.atomic
def registration_list_reopen(
    *, actor: Any, reg_list: RegistrationList, reason: str
) -> RegistrationList:
    """Re-open a consolidated (not yet locked) list, with a recorded reason."""
    reg_list = RegistrationList.objects.select_for_update().get(pk=reg_list.pk)
    if reg_list.status != ListStatus.CONSOLIDATED:
        raise ValidationError(
            _("Chỉ mở lại được danh sách đã tổng hợp và chưa khóa."),
            code=RegistrationError.TRANSITION_NOT_ALLOWED,
        )
    if not nfc(reason):
        raise field_error(
            "reason", _("Phải ghi lý do mở lại danh sách."), RegistrationError.REASON_REQUIRED
        )
    reg_list.status = ListStatus.OPEN
    reg_list.save(update_fields=["status", "updated_at"])
    audit(
        actor,
        "registrations.list.reopen",
        reg_list,
        unit_path=reg_list.unit.path,
        changes={"status": [ListStatus.CONSOLIDATED, ListStatus.OPEN]},
        reason=nfc(reason),
    )
    return reg_list


@transaction.atomic
def registration_list_lock(*, actor: Any, reg_list: RegistrationList) -> RegistrationList:
    """The head of the unit signs the consolidated list; it can no longer change."""
    reg_list = RegistrationList.objects.select_for_update().get(pk=reg_list.pk)
    if reg_list.status != ListStatus.CONSOLIDATED:
        raise ValidationError(
            _("Chỉ ký, khóa được danh sách đã tổng hợp."), code=RegistrationError.NOT_CONSOLIDATED
        )
    reg_list.status = ListStatus.LOCKED
    reg_list.locked_at = timezone.now()
    reg_list.locked_by = _user(actor)
    reg_list.save(update_fields=["status", "locked_at", "locked_by", "updated_at"])
    audit(
        actor,
        "registrations.list.lock",
        reg_list,
        unit_path=reg_list.unit.path,
        changes={"status": [ListStatus.CONSOLIDATED, ListStatus.LOCKED]},
    )
    return reg_list


# ---------------------------------------------------------------- registrations


def _clean_titles(titles: Iterable[str], *, person: Person | None) -> list[str]:
    chosen = list(dict.fromkeys(t for t in titles if t))
    if not chosen:
        raise field_error(
            "titles",
            _("Hãy chọn ít nhất một danh hiệu hoặc hình thức khen thưởng đăng ký."),
            RegistrationError.TITLES_REQUIRED,
        )
    allowed = FOR_PERSON if person is not None else FOR_COLLECTIVE
    wrong = [t for t in chosen if t not in allowed]
    if wrong:
        raise field_error(
            "titles",
            _("“%(t)s” không dùng cho %(who)s.")
            % {"t": label(wrong[0]), "who": _("cá nhân") if person else _("tập thể")},
            RegistrationError.TITLE_NOT_FOR_SUBJECT,
        )
    order = list(FOR_PERSON + FOR_COLLECTIVE)
    return sorted(chosen, key=order.index)


def _check_subject(
    reg_list: RegistrationList, person: Person | None, collective: Unit | None
) -> None:
    if person is not None:
        if not person_belongs_to(person, reg_list.unit, membership_day(reg_list)):
            raise ValidationError(
                _("%(person)s không công tác tại %(unit)s nên không đăng ký vào danh sách này.")
                % {"person": person, "unit": reg_list.unit},
                code=RegistrationError.NOT_IN_UNIT,
            )
        return
    assert collective is not None
    home = list_unit_for_collective(collective)
    if home is None or home.pk != reg_list.unit_id:
        raise ValidationError(
            _("%(c)s không đăng ký thi đua tập thể vào danh sách của %(unit)s.")
            % {"c": collective, "unit": reg_list.unit},
            code=RegistrationError.NOT_IN_UNIT,
        )


@transaction.atomic
def registration_create(
    *,
    actor: Any,
    reg_list: RegistrationList,
    titles: Iterable[str],
    person: Person | None = None,
    collective: Unit | None = None,
    goals: str = "",
    initiative_topic: str = "",
) -> Registration:
    """Draft a registration for a person or a collective, before the list's deadline."""
    if (person is None) == (collective is None):
        raise ValueError("exactly one of person and collective")
    reg_list = (
        RegistrationList.objects.select_for_update()
        .select_related("unit", "school_year")
        .get(pk=reg_list.pk)
    )
    _require_open(reg_list)
    _require_before_deadline(reg_list)
    _check_subject(reg_list, person, collective)
    chosen = _clean_titles(titles, person=person)
    existing = (
        Registration.objects.filter(school_year=reg_list.school_year).filter(person=person)
        if person
        else Registration.objects.filter(school_year=reg_list.school_year, collective=collective)
    )
    if existing.exists():
        raise ValidationError(
            _("%(who)s đã có đăng ký thi đua năm học %(year)s.")
            % {"who": person or collective, "year": reg_list.school_year_id},
            code=RegistrationError.ALREADY_REGISTERED,
        )
    registration = Registration(
        registration_list=reg_list,
        school_year=reg_list.school_year,
        person=person,
        collective=collective,
        goals=goals.strip(),
        initiative_topic=nfc(initiative_topic),
        created_by=_user(actor),
    )
    registration.full_clean()
    registration.save()
    RegisteredTitle.objects.bulk_create(
        [RegisteredTitle(registration=registration, title=t) for t in chosen]
    )
    audit(
        actor,
        "registrations.create",
        registration,
        unit_path=reg_list.unit.path,
        changes={"titles": [None, chosen], "goals": [None, registration.goals]},
    )
    return registration


def _lock_registration(registration: Registration) -> Registration:
    return (
        Registration.objects.select_for_update()
        .select_related("registration_list", "registration_list__unit")
        .get(pk=registration.pk)
    )


def _titles_of(registration: Registration) -> list[str]:
    return list(registration.titles.values_list("title", flat=True))


@transaction.atomic
def registration_update(
    *,
    actor: Any,
    registration: Registration,
    titles: Iterable[str],
    goals: str = "",
    initiative_topic: str = "",
) -> Registration:
    """Change a draft or returned registration (the changes are kept in the audit trail)."""
    registration = _lock_registration(registration)
    _require_open(registration.registration_list)
    if registration.status not in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED):
        raise ValidationError(
            _("Chỉ sửa được đăng ký đang là bản nháp hoặc bị trả lại."),
            code=RegistrationError.TRANSITION_NOT_ALLOWED,
        )
    chosen = _clean_titles(titles, person=registration.person)
    before = {
        "titles": _titles_of(registration),
        "goals": registration.goals,
        "initiative_topic": registration.initiative_topic,
    }
    registration.goals = goals.strip()
    registration.initiative_topic = nfc(initiative_topic)
    registration.full_clean()
    registration.save(update_fields=["goals", "initiative_topic", "updated_at"])
    if chosen != before["titles"]:
        registration.titles.all().delete()
        RegisteredTitle.objects.bulk_create(
            [RegisteredTitle(registration=registration, title=t) for t in chosen]
        )
    after = {
        "titles": chosen,
        "goals": registration.goals,
        "initiative_topic": registration.initiative_topic,
    }
    changes = {k: [before[k], after[k]] for k in after if before[k] != after[k]}
    if changes:
        audit(
            actor,
            "registrations.update",
            registration,
            unit_path=registration.registration_list.unit.path,
            changes=changes,
        )
    return registration


@transaction.atomic
def registration_submit(*, actor: Any, registration: Registration) -> Registration:
    """Send a draft (before the deadline) or a corrected returned registration to the unit."""
    registration = _lock_registration(registration)
    reg_list = registration.registration_list
    _require_open(reg_list)
    previous = registration.status
    if previous not in (RegistrationStatus.DRAFT, RegistrationStatus.RETURNED):
        raise ValidationError(
            _("Đăng ký này đã được gửi."), code=RegistrationError.TRANSITION_NOT_ALLOWED
        )
    if previous == RegistrationStatus.DRAFT:
        _require_before_deadline(reg_list)
    registration.status = RegistrationStatus.SUBMITTED
    registration.submitted_at = timezone.now()
    registration.save(update_fields=["status", "submitted_at", "updated_at"])
    audit(
        actor,
        "registrations.submit",
        registration,
        unit_path=reg_list.unit.path,
        changes={"status": [previous, RegistrationStatus.SUBMITTED]},
        resubmission=previous == RegistrationStatus.RETURNED,
    )
    return registration


@transaction.atomic
def registration_accept(*, actor: Any, registration: Registration) -> Registration:
    """The unit accepts a submitted registration."""
    registration = _lock_registration(registration)
    _require_open(registration.registration_list)
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError(
            _("Chỉ duyệt được đăng ký đang chờ duyệt."),
            code=RegistrationError.TRANSITION_NOT_ALLOWED,
        )
    registration.status = RegistrationStatus.ACCEPTED
    registration.accepted_at = timezone.now()
    registration.decided_by = _user(actor)
    registration.return_reason = ""
    registration.save(
        update_fields=["status", "accepted_at", "decided_by", "return_reason", "updated_at"]
    )
    audit(
        actor,
        "registrations.accept",
        registration,
        unit_path=registration.registration_list.unit.path,
        changes={"status": [RegistrationStatus.SUBMITTED, RegistrationStatus.ACCEPTED]},
    )
    return registration


@transaction.atomic
def registration_return(*, actor: Any, registration: Registration, reason: str) -> Registration:
    """The unit returns a submitted registration for correction; the reason is mandatory."""
    reason = nfc(reason)
    if not reason:
        raise field_error(
            "reason", _("Phải ghi lý do trả lại đăng ký."), RegistrationError.REASON_REQUIRED
        )
    registration = _lock_registration(registration)
    _require_open(registration.registration_list)
    if registration.status != RegistrationStatus.SUBMITTED:
        raise ValidationError(
            _("Chỉ trả lại được đăng ký đang chờ duyệt."),
            code=RegistrationError.TRANSITION_NOT_ALLOWED,
        )
    registration.status = RegistrationStatus.RETURNED
    registration.returned_at = timezone.now()
    registration.return_reason = reason[:500]
    registration.decided_by = _user(actor)
    registration.save(
        update_fields=["status", "returned_at", "return_reason", "decided_by", "updated_at"]
    )
    audit(
        actor,
        "registrations.return",
        registration,
        unit_path=registration.registration_list.unit.path,
        changes={"status": [RegistrationStatus.SUBMITTED, RegistrationStatus.RETURNED]},
        reason=reason,
    )
    return registration


@transaction.atomic
def registration_delete(*, actor: Any, registration: Registration) -> None:
    """Remove a registration that was never submitted."""
    registration = _lock_registration(registration)
    _require_open(registration.registration_list)
    if registration.status != RegistrationStatus.DRAFT:
        raise ValidationError(
            _("Chỉ xóa được bản nháp chưa gửi."), code=RegistrationError.TRANSITION_NOT_ALLOWED
        )
    audit(
        actor,
        "registrations.delete",
        registration,
        unit_path=registration.registration_list.unit.path,
        changes={"titles": [_titles_of(registration), None]},
    )
    evidence_delete_for_target(actor=actor, target=registration)
    registration.delete()


def default_deadline(school_year: SchoolYear) -> dt.date:
    """The usual deadline: end of the first month of the school year."""
    start = school_year.start_on
    return dt.date(start.year, 10, 15) if start.month < 10 else start + dt.timedelta(days=30)
