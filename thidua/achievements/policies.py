"""Who may read and enter a subject's achievements and award history.

The rules are those of the emulation record (people.record.* for a person,
people.collective_record.* for a collective); imports of past years are for the
leadership and officers of the unit.
"""

from __future__ import annotations

from typing import Any

from thidua.accounts.policy import ALL_STAFF_ROLES, UNIT_MANAGERS, define, may
from thidua.people.policies import can_view_record

define("achievements.import", roles=UNIT_MANAGERS)


def can_view_subject(user: Any, *, person: Any = None, collective: Any = None) -> bool:
    if person is not None:
        return can_view_record(user, person)
    return may(user, "people.collective_record.view", collective)


def can_edit_subject(user: Any, *, person: Any = None, collective: Any = None) -> bool:
    if person is not None:
        return may(user, "people.record.edit", person)
    return may(user, "people.collective_record.edit", collective)


def can_edit_row(user: Any, row: Any) -> bool:
    """Whether the user may change a row that has a person or a collective."""
    return can_edit_subject(
        user, person=getattr(row, "person", None), collective=getattr(row, "collective", None)
    )


define("achievements.record.menu", roles=ALL_STAFF_ROLES)
