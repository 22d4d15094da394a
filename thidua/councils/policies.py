from thidua.accounts.models import Role
from thidua.accounts.policy import ALL_STAFF_ROLES, LEADERSHIP, OFFICERS, define, may

COUNCIL_RUNNERS = LEADERSHIP | OFFICERS


def council_unit(obj):  # noqa: ANN001, ANN201
    council = getattr(obj, "council", obj)
    return council.unit


define("councils.council.manage", roles=COUNCIL_RUNNERS, unit_of=council_unit)
define("councils.council.view", roles=ALL_STAFF_ROLES, unit_of=council_unit)
define("councils.session.run", roles=COUNCIL_RUNNERS, unit_of=council_unit)
# Members vote with their own login (checked against the council's member list).
define("councils.session.vote", roles=ALL_STAFF_ROLES | {Role.COUNCIL_MEMBER}, unit_of=council_unit)


def is_member(user, council) -> bool:  # noqa: ANN001
    """The user holds a seat on the council."""
    return bool(user.is_authenticated) and council.members.filter(user=user).exists()


def can_vote_in(user, session) -> bool:  # noqa: ANN001
    """A council member votes in the council's sessions with their own login."""
    return may(user, "councils.session.vote", session) and is_member(user, session.council)
