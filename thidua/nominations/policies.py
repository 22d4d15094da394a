"""Who may propose, review, list and object."""

from __future__ import annotations

from thidua.accounts.models import Role
from thidua.accounts.policy import ALL_STAFF_ROLES, LEADERSHIP, OFFICERS, define

PROPOSERS = LEADERSHIP | OFFICERS | {Role.DEPARTMENT_HEAD, Role.HOMEROOM_TEACHER, Role.UNION_CHAIR}
ROUND_MANAGERS = LEADERSHIP | OFFICERS
COUNCIL_DESK = ROUND_MANAGERS | {Role.COUNCIL_MEMBER}


def round_unit(obj):  # noqa: ANN001, ANN201
    return getattr(obj, "unit", None) or obj.round.unit


define("nominations.round.manage", roles=ROUND_MANAGERS, unit_of=round_unit)
define("nominations.round.view", roles=ALL_STAFF_ROLES, unit_of=round_unit)


def subject_paths(subject):  # noqa: ANN001, ANN201
    """A collective's own path, or the units where a person works or studies."""
    if hasattr(subject, "path"):
        return subject
    from thidua.people.policies import staff_unit_paths, student_unit_paths

    return staff_unit_paths(subject) + student_unit_paths(subject)


# The subject must lie under the proposer's role: a department head proposes the members of
# the department, a homeroom teacher the students of the class, the principal anyone.
define("nominations.proposal.create", roles=PROPOSERS, unit_of=subject_paths)
define("nominations.proposal.review", roles=COUNCIL_DESK, unit_of=round_unit)
define("nominations.complaint.raise", roles=ALL_STAFF_ROLES, unit_of=round_unit)
define("nominations.complaint.resolve", roles=ROUND_MANAGERS, unit_of=round_unit)
define(
    "nominations.submission.manage",
    roles=ROUND_MANAGERS,
    unit_of=lambda submission: submission.to_unit,
)
