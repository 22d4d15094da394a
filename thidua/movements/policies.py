"""Who may see and run movements.

Leadership and officers of the launching unit manage a movement; the leadership of each
unit below adopts it (a subject department's head for the department); every member of
staff of the units concerned (the launching unit and the adopting units) reads it.
"""

from __future__ import annotations

from typing import Any

from thidua.accounts.models import Role
from thidua.accounts.policy import ALL_STAFF_ROLES, UNIT_MANAGERS, define
from thidua.org.models import UnitType

#: Unit types that may launch a movement.
LAUNCHERS = frozenset(
    {
        UnitType.DEPARTMENT_OF_EDUCATION,
        UnitType.DISTRICT_OFFICE,
        UnitType.WARD,
        UnitType.SCHOOL,
    }
)
UNIT_RUNNERS = UNIT_MANAGERS | {Role.DEPARTMENT_HEAD}


def movement_unit_paths(movement: Any) -> list[str]:
    """Paths of the units concerned by a movement: the launching unit and the adopters."""
    cached = getattr(movement, "_concerned_paths", None)
    if cached is None:
        prefetched = getattr(movement, "_prefetched_objects_cache", {})
        if "adoptions" in prefetched:
            adopters = [a.unit.path for a in movement.adoptions.all()]
        else:
            adopters = list(movement.adoptions.values_list("unit__path", flat=True))
        cached = [movement.unit.path, *adopters]
        movement._concerned_paths = cached
    return cached


def _launching_unit(movement: Any) -> Any:
    return movement.unit


define("movements.movement.list", roles=ALL_STAFF_ROLES)
define("movements.movement.view", roles=ALL_STAFF_ROLES, unit_of=movement_unit_paths)
define(
    "movements.movement.create",
    roles=UNIT_MANAGERS,
    check=lambda user, unit, grant: unit is None or unit.type in LAUNCHERS,
)
define("movements.movement.manage", roles=UNIT_MANAGERS, unit_of=_launching_unit)
define("movements.adoption.adopt", roles=UNIT_RUNNERS, unit_of=lambda adoption: adoption.unit)
# The object is the unit adding criteria or reporting progress.
define("movements.criterion.add", roles=UNIT_RUNNERS)
define("movements.progress.record", roles=UNIT_RUNNERS | {Role.COUNCIL_MEMBER})
