"""Writes on people: staff, students, memberships and class enrolments. All audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit, diff, snapshot
from thidua.core.errors import field_error
from thidua.core.vietnamese import name_case, nfc, person_sort_key, split_full_name
from thidua.org.models import SchoolYear, Unit, UnitType

from .errors import PeopleError
from .models import Enrollment, Membership, Person, Position, StaffProfile, StudentProfile

PERSON_FIELDS = ["full_name", "family_middle_name", "given_name", "gender", "date_of_birth"]
STAFF_FIELDS = ["staff_code", "position", "job_title", "subject", "hired_on"]
MEMBERSHIP_FIELDS = ["person", "unit", "position", "job_title", "start_on", "end_on"]


def person_name_fields(
    *, full_name: str = "", family_middle_name: str = "", given_name: str = ""
) -> dict[str, str]:
    """NFC, proper-cased name parts and the Vietnamese sort key, from either shape of name."""
    if family_middle_name or given_name:
        family_middle_name = name_case(family_middle_name)
        given_name = name_case(given_name)
        full_name = nfc(f"{family_middle_name} {given_name}")
    else:
        full_name = name_case(full_name)
        family_middle_name, given_name = split_full_name(full_name)
    if not given_name:
        raise field_error(
            "full_name", _("Họ và tên không được để trống."), PeopleError.NAME_REQUIRED
        )
    return {
        "full_name": full_name,
        "family_middle_name": family_middle_name,
        "given_name": given_name,
        "sort_key": person_sort_key(family_middle_name, given_name),
    }


def _check_birth_date(day: dt.date | None) -> None:
    if day and day > timezone.localdate():
        raise field_error(
            "date_of_birth", _("Ngày sinh không thể ở tương lai."), PeopleError.BIRTH_DATE_IN_FUTURE
        )


def _unit_path_of_person(person: Person) -> str:
    membership = person.memberships.select_related("unit").order_by("-start_on").first()
    if membership:
        return membership.unit.path
    enrollment = person.enrollments.select_related("class_unit").order_by("-school_year").first()
    return enrollment.class_unit.path if enrollment else ""


@transaction.atomic
def staff_create(
    *,
    actor: Any,
    unit: Unit,
    full_name: str,
    position: str,
    start_on: dt.date,
    gender: str = "",
    date_of_birth: dt.date | None = None,
    job_title: str = "",
    subject: str = "",
    staff_code: str | None = None,
    hired_on: dt.date | None = None,
    department: Unit | None = None,
) -> Person:
    """Add a member of staff to a unit (and optionally to one of its departments)."""
    _check_birth_date(date_of_birth)
    person = Person(
        gender=gender, date_of_birth=date_of_birth, **person_name_fields(full_name=full_name)
    )
    person.full_clean()
    person.save()
    code = nfc(staff_code or "") or None
    if code and StaffProfile.objects.filter(staff_code=code).exists():
        raise field_error(
            "staff_code",
            _("Mã cán bộ %(code)s đã được dùng.") % {"code": code},
            PeopleError.STAFF_CODE_TAKEN,
        )
    profile = StaffProfile(
        person=person,
        staff_code=code,
        position=position,
        job_title=nfc(job_title),
        subject=nfc(subject),
        hired_on=hired_on,
    )
    profile.full_clean()
    profile.save()
    audit(
        actor,
        "people.staff.create",
        person,
        unit_path=unit.path,
        changes=diff({}, {**snapshot(person, PERSON_FIELDS), **snapshot(profile, STAFF_FIELDS)}),
    )
    membership_start(
        actor=actor,
        person=person,
        unit=unit,
        position=position,
        job_title=job_title,
        start_on=start_on,
    )
    if department is not None:
        membership_start(
            actor=actor,
            person=person,
            unit=department,
            position=position,
            job_title=job_title,
            start_on=start_on,
        )
    return person


@transaction.atomic
def staff_update(*, actor: Any, person: Person, **fields: Any) -> Person:
    """Change a staff member's personal data or profile; audited with the differences."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    profile = person.staff_profile
    before = {**snapshot(person, PERSON_FIELDS), **snapshot(profile, STAFF_FIELDS)}
    if "full_name" in fields:
        for key, value in person_name_fields(full_name=fields.pop("full_name")).items():
            setattr(person, key, value)
    _check_birth_date(fields.get("date_of_birth", person.date_of_birth))
    for key in ("gender", "date_of_birth"):
        if key in fields:
            setattr(person, key, fields.pop(key))
    if "staff_code" in fields:
        code = nfc(fields.pop("staff_code") or "") or None
        if code and StaffProfile.objects.filter(staff_code=code).exclude(pk=profile.pk).exists():
            raise field_error(
                "staff_code",
                _("Mã cán bộ %(code)s đã được dùng.") % {"code": code},
                PeopleError.STAFF_CODE_TAKEN,
            )
        profile.staff_code = code
    for key, value in fields.items():
        setattr(profile, key, nfc(value) if isinstance(value, str) else value)
    person.full_clean()
    profile.full_clean()
    person.save()
    profile.save()
    changes = diff(before, {**snapshot(person, PERSON_FIELDS), **snapshot(profile, STAFF_FIELDS)})
    if changes:
        audit(
            actor,
            "people.staff.update",
            person,
            unit_path=_unit_path_of_person(person),
            changes=changes,
        )
    return person


@transaction.atomic
def membership_start(
    *,
    actor: Any,
    person: Person,
    unit: Unit,
    start_on: dt.date,
    position: str = Position.TEACHER,
    job_title: str = "",
) -> Membership:
    """The person starts working in `unit` on `start_on`."""
    overlapping = Membership.objects.filter(person=person, unit=unit).filter(
        Q(end_on__isnull=True) | Q(end_on__gte=start_on)
    )
    if overlapping.exists():
        raise ValidationError(
            _("%(person)s đang công tác tại %(unit)s.") % {"person": person, "unit": unit},
            code=PeopleError.ALREADY_MEMBER,
        )
    membership = Membership(
        person=person, unit=unit, position=position, job_title=nfc(job_title), start_on=start_on
    )
    membership.full_clean()
    membership.save()
    audit(
        actor,
        "people.membership.start",
        membership,
        unit_path=unit.path,
        changes=diff({}, snapshot(membership, MEMBERSHIP_FIELDS)),
    )
    return membership


@transaction.atomic
def membership_end(*, actor: Any, membership: Membership, end_on: dt.date) -> Membership:
    """The person stops working in the membership's unit on `end_on` (inclusive)."""
    if end_on < membership.start_on:
        raise field_error(
            "end_on",
            _("Ngày kết thúc không thể trước ngày bắt đầu (%(start)s).")
            % {"start": membership.start_on.strftime("%d/%m/%Y")},
            PeopleError.MEMBERSHIP_PERIOD,
        )
    before = snapshot(membership, MEMBERSHIP_FIELDS)
    membership.end_on = end_on
    membership.full_clean()
    membership.save(update_fields=["end_on", "updated_at"])
    audit(
        actor,
        "people.membership.end",
        membership,
        unit_path=membership.unit.path,
        changes=diff(before, snapshot(membership, MEMBERSHIP_FIELDS)),
    )
    return membership


@transaction.atomic
def staff_transfer(
    *,
    actor: Any,
    person: Person,
    to_unit: Unit,
    on: dt.date,
    department: Unit | None = None,
    job_title: str | None = None,
) -> Membership:
    """Move a member of staff to another unit: one record, one continuous history.

    Every current membership outside the destination ends the day before `on`.
    """
    current = list(
        Membership.objects.select_for_update()
        .filter(person=person)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=on))
        .select_related("unit")
    )
    if any(m.unit_id == to_unit.pk for m in current):
        raise ValidationError(
            _("%(person)s đã công tác tại %(unit)s.") % {"person": person, "unit": to_unit},
            code=PeopleError.TRANSFER_SAME_UNIT,
        )
    profile = person.staff_profile
    for membership in current:
        membership_end(
            actor=actor,
            membership=membership,
            end_on=max(membership.start_on, on - dt.timedelta(days=1)),
        )
    title = profile.job_title if job_title is None else job_title
    new = membership_start(
        actor=actor,
        person=person,
        unit=to_unit,
        start_on=on,
        position=profile.position,
        job_title=title,
    )
    if department is not None:
        membership_start(
            actor=actor,
            person=person,
            unit=department,
            start_on=on,
            position=profile.position,
            job_title=title,
        )
    return new


@transaction.atomic
def student_create(
    *,
    actor: Any,
    class_unit: Unit,
    full_name: str,
    student_code: str,
    gender: str = "",
    date_of_birth: dt.date | None = None,
) -> Person:
    """Add a student and enrol them in a class for the class's school year."""
    if class_unit.type != UnitType.CLASS:
        raise ValidationError(
            _("Chỉ có thể thêm học sinh vào một lớp."), code=PeopleError.NOT_A_CLASS
        )
    _check_birth_date(date_of_birth)
    code = nfc(student_code)
    if StudentProfile.objects.filter(student_code=code).exists():
        raise field_error(
            "student_code",
            _("Mã học sinh %(code)s đã được dùng.") % {"code": code},
            PeopleError.STUDENT_CODE_TAKEN,
        )
    person = Person(
        gender=gender, date_of_birth=date_of_birth, **person_name_fields(full_name=full_name)
    )
    person.full_clean()
    person.save()
    profile = StudentProfile(person=person, student_code=code)
    profile.full_clean()
    profile.save()
    audit(
        actor,
        "people.student.create",
        person,
        unit_path=class_unit.path,
        changes=diff({}, {**snapshot(person, PERSON_FIELDS), "student_code": code}),
    )
    enrollment_set(actor=actor, person=person, class_unit=class_unit)
    return person


@transaction.atomic
def student_update(*, actor: Any, person: Person, **fields: Any) -> Person:
    """Change a student's personal data or code."""
    person = Person.objects.select_for_update().get(pk=person.pk)
    profile = person.student_profile
    before = {**snapshot(person, PERSON_FIELDS), "student_code": profile.student_code}
    if "full_name" in fields:
        for key, value in person_name_fields(full_name=fields.pop("full_name")).items():
            setattr(person, key, value)
    _check_birth_date(fields.get("date_of_birth", person.date_of_birth))
    for key in ("gender", "date_of_birth"):
        if key in fields:
            setattr(person, key, fields.pop(key))
    if "student_code" in fields:
        code = nfc(fields.pop("student_code"))
        if StudentProfile.objects.filter(student_code=code).exclude(pk=profile.pk).exists():
            raise field_error(
                "student_code",
                _("Mã học sinh %(code)s đã được dùng.") % {"code": code},
                PeopleError.STUDENT_CODE_TAKEN,
            )
        profile.student_code = code
    person.full_clean()
    profile.full_clean()
    person.save()
    profile.save()
    changes = diff(
        before, {**snapshot(person, PERSON_FIELDS), "student_code": profile.student_code}
    )
    if changes:
        audit(
            actor,
            "people.student.update",
            person,
            unit_path=_unit_path_of_person(person),
            changes=changes,
        )
    return person


@transaction.atomic
def enrollment_set(*, actor: Any, person: Person, class_unit: Unit) -> Enrollment:
    """Put a student in `class_unit` for that class's school year (moving them if needed)."""
    if class_unit.type != UnitType.CLASS:
        raise ValidationError(
            _("Chỉ có thể xếp học sinh vào một lớp."), code=PeopleError.NOT_A_CLASS
        )
    year: SchoolYear = class_unit.school_year
    enrollment = (
        Enrollment.objects.select_for_update().filter(person=person, school_year=year).first()
    )
    if enrollment is None:
        enrollment = Enrollment.objects.create(
            person=person, class_unit=class_unit, school_year=year
        )
        audit(
            actor,
            "people.enrollment.set",
            enrollment,
            unit_path=class_unit.path,
            changes={"class_unit": [None, str(class_unit)]},
        )
    elif enrollment.class_unit_id != class_unit.pk:
        old = str(enrollment.class_unit)
        enrollment.class_unit = class_unit
        enrollment.save(update_fields=["class_unit", "updated_at"])
        audit(
            actor,
            "people.enrollment.set",
            enrollment,
            unit_path=class_unit.path,
            changes={"class_unit": [old, str(class_unit)]},
        )
    return enrollment
