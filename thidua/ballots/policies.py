"""Who may run, follow and confirm ballots. Nobody may read counts while a round is open."""

from __future__ import annotations

from thidua.accounts.models import Role
from thidua.accounts.policy import ALL_STAFF_ROLES, LEADERSHIP, define

RUNNERS = LEADERSHIP | {Role.HOMEROOM_TEACHER, Role.YOUNG_PIONEERS_LEADER, Role.SYSTEM_ADMIN}
SCHOOL_STAFF = ALL_STAFF_ROLES - {Role.DOE_OFFICER, Role.DISTRICT_OFFICER}


def election_unit(election):  # noqa: ANN001, ANN201
    return election.unit


define("ballots.election.manage", roles=RUNNERS, unit_of=election_unit)
define("ballots.election.view", roles=ALL_STAFF_ROLES, unit_of=election_unit)
# Paper counts are confirmed by a second member of the school's staff (checked in the service).
define("ballots.paper.confirm", roles=SCHOOL_STAFF, unit_of=election_unit)
define(
    "ballots.election.decide_tie", roles=LEADERSHIP | {Role.HOMEROOM_TEACHER}, unit_of=election_unit
)
