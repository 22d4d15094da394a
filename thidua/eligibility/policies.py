"""Who may read verdicts and store them.

A person's verdicts are part of their emulation record: the leadership, officers and
council members of the units where the person works read them, and every member of staff
reads their own. Storing a check (an auditable record a council relies on) is for the
leadership, officers and council members. A unit's candidate list is read by the same
people for the units they reach. The law itself (the parameters in force) is public to
every member of staff.
"""

from __future__ import annotations

from typing import Any

from thidua.accounts.models import Role
from thidua.accounts.policy import ALL_STAFF_ROLES, UNIT_MANAGERS, define, may
from thidua.people.policies import RECORD_READERS, staff_unit_paths

RUNNERS = UNIT_MANAGERS | {Role.COUNCIL_MEMBER}


def _is_self(user: Any, person: Any, grant: Any) -> bool:
    return person is not None and user.person_id == person.pk


define("eligibility.person.view", roles=RECORD_READERS, unit_of=staff_unit_paths)
define(
    "eligibility.person.view_own", roles=ALL_STAFF_ROLES, unit_of=staff_unit_paths, check=_is_self
)
define("eligibility.person.run", roles=RUNNERS, unit_of=staff_unit_paths)
define("eligibility.unit.view", roles=RECORD_READERS)
define("eligibility.unit.run", roles=RUNNERS)
define("eligibility.parameters.view", roles=ALL_STAFF_ROLES)


def can_view_person(user: Any, person: Any) -> bool:
    """The person's readers (leadership, officers, council members) or the person."""
    return may(user, "eligibility.person.view", person) or may(
        user, "eligibility.person.view_own", person
    )
