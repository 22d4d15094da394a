"""Who may see and change staff and student records.

Student records are personal data about minors: only the school's leadership, the Young
Pioneers leader and the student's own homeroom teacher see them (district and city
officers see counts, not lists).
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.utils import timezone

from thidua.accounts.models import Role
from thidua.accounts.policy import ALL_STAFF_ROLES, LEADERSHIP, UNIT_MANAGERS, define, may

STUDENT_READERS = LEADERSHIP | {
    Role.SYSTEM_ADMIN,
    Role.HOMEROOM_TEACHER,
    Role.YOUNG_PIONEERS_LEADER,
}
STUDENT_EDITORS = LEADERSHIP | {Role.SYSTEM_ADMIN, Role.HOMEROOM_TEACHER}


def staff_unit_paths(person: Any) -> list[str]:
    """Paths of the units where the person currently works."""
    cached = getattr(person, "_staff_paths", None)
    if cached is None:
        today = timezone.localdate()
        cached = list(
            person.memberships.filter(Q(end_on__isnull=True) | Q(end_on__gte=today)).values_list(
                "unit__path", flat=True
            )
        )
        person._staff_paths = cached
    return cached


def student_unit_paths(person: Any) -> list[str]:
    """Paths of the classes the student is enrolled in (every school year)."""
    cached = getattr(person, "_student_paths", None)
    if cached is None:
        cached = list(person.enrollments.values_list("class_unit__path", flat=True))
        person._student_paths = cached
    return cached


define("people.staff.list", roles=ALL_STAFF_ROLES)
define("people.staff.view", roles=ALL_STAFF_ROLES, unit_of=staff_unit_paths)
define("people.staff.view_private", roles=UNIT_MANAGERS, unit_of=staff_unit_paths)
define("people.staff.edit", roles=UNIT_MANAGERS, unit_of=staff_unit_paths)
define("people.staff.create", roles=UNIT_MANAGERS)
define("people.staff.import", roles=UNIT_MANAGERS)
define("people.membership.manage", roles=UNIT_MANAGERS)
define("people.student.list", roles=STUDENT_READERS)
define("people.student.view", roles=STUDENT_READERS, unit_of=student_unit_paths)
define("people.student.edit", roles=STUDENT_EDITORS, unit_of=student_unit_paths)
define("people.student.create", roles=STUDENT_EDITORS)
define("people.student.import", roles=STUDENT_EDITORS)

# Emulation records (hồ sơ thi đua): leadership and officers of the person's current units
# read and enter them, council members read them for reviews, and every member of staff
# reads their own. The record follows the person: after a transfer it is the new unit's.
RECORD_READERS = UNIT_MANAGERS | {Role.COUNCIL_MEMBER}


def _is_self(user: Any, person: Any, grant: Any) -> bool:
    return person is not None and user.person_id == person.pk


define("people.record.view", roles=RECORD_READERS, unit_of=staff_unit_paths)
define("people.record.view_own", roles=ALL_STAFF_ROLES, unit_of=staff_unit_paths, check=_is_self)
define("people.record.edit", roles=UNIT_MANAGERS, unit_of=staff_unit_paths)
define("people.record.list", roles=RECORD_READERS)
# A collective's record (tổ, trường): read by its staff, entered by the leadership above it.
define("people.collective_record.view", roles=ALL_STAFF_ROLES)


def _rated_from_above(user: Any, unit: Any, grant: Any) -> bool:
    # A school's own result is entered by the level above it, not by its own leadership.
    return unit.type != "school" or grant.unit_path != unit.path


define(
    "people.collective_record.edit",
    roles=UNIT_MANAGERS,
    check=lambda user, unit, grant: unit is None or _rated_from_above(user, unit, grant),
)


def can_view_record(user: Any, person: Any) -> bool:
    """Leadership, officers and council members of the person's units, or the person."""
    return may(user, "people.record.view", person) or may(user, "people.record.view_own", person)


def prime_staff_paths(people: list[Any]) -> None:
    """Fill the per-person unit-path cache of many people in one query (lists check
    `people.*` permissions person by person)."""
    from collections import defaultdict

    from .models import Membership

    today = timezone.localdate()
    found: dict[int, list[str]] = defaultdict(list)
    for person_id, path in (
        Membership.objects.filter(person__in=[p.pk for p in people])
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=today))
        .values_list("person_id", "unit__path")
    ):
        found[person_id].append(path)
    for person in people:
        person._staff_paths = found.get(person.pk, [])
