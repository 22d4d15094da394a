"""Who may register, decide on registrations and see the consolidated lists.

Every member of staff registers themselves; a department head or the school leadership
may register for the people and collectives they lead. The leadership and the council
members of the unit accept or return registrations and consolidate the list; the head
of the unit locks it. The upper unit's officers see the consolidated lists below them.
"""

from __future__ import annotations

from typing import Any

from thidua.accounts.models import Role
from thidua.accounts.policy import ALL_STAFF_ROLES, UNIT_MANAGERS, define, may
from thidua.people.policies import staff_unit_paths

LEADERS = UNIT_MANAGERS | {Role.DEPARTMENT_HEAD}


def _unit_of_list(reg_list: Any) -> Any:
    return reg_list.unit


def _is_self(user: Any, person: Any, grant: Any) -> bool:
    return person is not None and user.person_id == person.pk


define("registrations.list.view", roles=ALL_STAFF_ROLES, unit_of=_unit_of_list)
define("registrations.list.open", roles=UNIT_MANAGERS)
define(
    "registrations.list.manage",
    roles=UNIT_MANAGERS | {Role.COUNCIL_MEMBER},
    unit_of=_unit_of_list,
)
define("registrations.list.lock", roles=UNIT_MANAGERS, unit_of=_unit_of_list)
define("registrations.summary.view", roles=UNIT_MANAGERS | {Role.COUNCIL_MEMBER})
define(
    "registrations.register_self", roles=ALL_STAFF_ROLES, unit_of=staff_unit_paths, check=_is_self
)
define("registrations.register_person", roles=LEADERS, unit_of=staff_unit_paths)
define("registrations.register_collective", roles=LEADERS)


def can_register_for(user: Any, *, person: Any = None, collective: Any = None) -> bool:
    """A person registers themselves; leaders register the people and collectives they lead."""
    if person is not None:
        return may(user, "registrations.register_self", person) or may(
            user, "registrations.register_person", person
        )
    return may(user, "registrations.register_collective", collective)


def can_edit_registration(user: Any, registration: Any) -> bool:
    return can_register_for(user, person=registration.person, collective=registration.collective)


def can_decide(user: Any, registration: Any) -> bool:
    return may(user, "registrations.list.manage", registration.registration_list)


def can_view_registration(user: Any, registration: Any) -> bool:
    return can_edit_registration(user, registration) or may(
        user, "registrations.list.view", registration.registration_list
    )


define("registrations.menu", roles=ALL_STAFF_ROLES)
