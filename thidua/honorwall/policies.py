from thidua.accounts.models import Role
from thidua.accounts.policy import LEADERSHIP, define
from thidua.people.policies import student_unit_paths

WALL_EDITORS = LEADERSHIP | {Role.YOUNG_PIONEERS_LEADER, Role.SYSTEM_ADMIN}

define("honorwall.manage", roles=WALL_EDITORS)
# Homeroom teachers collect the parents' consent forms of their class.
define(
    "honorwall.consent.record",
    roles=WALL_EDITORS | {Role.HOMEROOM_TEACHER},
    unit_of=student_unit_paths,
)
