from thidua.accounts.models import Role
from thidua.accounts.policy import ALL_STAFF_ROLES, LEADERSHIP, OFFICERS, define

COUNCIL_RUNNERS = LEADERSHIP | OFFICERS


def council_unit(obj):  # noqa: ANN001, ANN201
    council = getattr(obj, "council", obj)
    return council.unit


define("councils.council.manage", roles=COUNCIL_RUNNERS, unit_of=council_unit)
define("councils.council.view", roles=ALL_STAFF_ROLES, unit_of=council_unit)
define("councils.session.run", roles=COUNCIL_RUNNERS, unit_of=council_unit)
# Members vote with their own login (checked against the council's member list).
define("councils.session.vote", roles=ALL_STAFF_ROLES | {Role.COUNCIL_MEMBER}, unit_of=council_unit)
