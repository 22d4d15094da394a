"""Who may do what to units and school years."""

from thidua.accounts.models import Role
from thidua.accounts.policy import ALL_STAFF_ROLES, UNIT_MANAGERS, define

from .models import ALLOWED_CHILDREN

define("org.unit.view", roles=ALL_STAFF_ROLES)
define("org.unit.edit", roles=UNIT_MANAGERS)
define(
    "org.unit.create_child",
    roles=UNIT_MANAGERS,
    check=lambda user, unit, grant: bool(ALLOWED_CHILDREN.get(unit.type)),
)
define("org.school_year.manage", roles={Role.SYSTEM_ADMIN, Role.DOE_OFFICER})
