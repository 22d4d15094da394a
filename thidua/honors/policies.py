"""Who may run student honoring. Rounds belong to their class (homeroom teacher) or school."""

from __future__ import annotations

from thidua.accounts.models import Role
from thidua.accounts.policy import ALL_STAFF_ROLES, LEADERSHIP, OFFICERS, define

SCHOOL_RUNNERS = LEADERSHIP | {Role.YOUNG_PIONEERS_LEADER, Role.SYSTEM_ADMIN}
CLASS_RUNNERS = SCHOOL_RUNNERS | {Role.HOMEROOM_TEACHER}


def program_school(program):  # noqa: ANN001, ANN201
    return program.school


def round_class(class_round):  # noqa: ANN001, ANN201
    return class_round.class_unit


def round_school(school_round):  # noqa: ANN001, ANN201
    return school_round.school


define("honors.program.manage", roles=SCHOOL_RUNNERS, unit_of=program_school)
define("honors.program.view", roles=ALL_STAFF_ROLES, unit_of=program_school)
# A homeroom teacher runs the class round (role held at the class).
define("honors.class_round.manage", roles=CLASS_RUNNERS, unit_of=round_class)
define("honors.class_round.view", roles=ALL_STAFF_ROLES, unit_of=round_class)
# Students of the class nominate with their own login.
define("honors.class_round.nominate", roles={Role.STUDENT}, unit_of=round_class)
define("honors.school_round.manage", roles=SCHOOL_RUNNERS, unit_of=round_school)
define("honors.school_round.view", roles=ALL_STAFF_ROLES, unit_of=round_school)
define("honors.letter.issue", roles=SCHOOL_RUNNERS)
define("honors.ceremony.manage", roles=SCHOOL_RUNNERS)
define("honors.exemplar.manage", roles=LEADERSHIP | {Role.SYSTEM_ADMIN})
# The office above sees every school's exemplar (role at an ancestor of the school).
define("honors.exemplar.inbox", roles=OFFICERS)
define("honors.pilot.manage", roles=OFFICERS)
define("honors.pilot.view", roles=OFFICERS)
