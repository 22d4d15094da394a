"""Who may propose, review, list and object."""

from __future__ import annotations

from thidua.accounts.models import Role
from thidua.accounts.policy import ALL_STAFF_ROLES, LEADERSHIP, OFFICERS, define

PROPOSERS = LEADERSHIP | OFFICERS | {Role.DEPARTMENT_HEAD, Role.HOMEROOM_TEACHER, Role.UNION_CHAIR}
ROUND_MANAGERS = LEADERSHIP | OFFICERS
COUNCIL_DESK = ROUND_MANAGERS | {Role.COUNCIL_MEMBER}


def round_unit(obj):  # noqa: ANN001, ANN201
    """The unit of a round, of a proposal's round, or the unit itself."""
    if hasattr(obj, "path"):
        return obj
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


def _proposal_subject(proposal):  # noqa: ANN001, ANN201
    return subject_paths(proposal.person or proposal.collective)


def _reader(user, proposal, grant) -> bool:  # noqa: ANN001
    """The council desk of the round's unit, the members of its council (they appraise the
    dossiers), the proposer, and the subject themselves."""
    if grant.role in COUNCIL_DESK and grant.reaches(proposal.round.unit.path):
        return True
    if proposal.proposed_by_id == user.pk or (
        user.person_id is not None and proposal.person_id == user.person_id
    ):
        return True
    return _sits_on_council(user, proposal.round.unit_id)


def _sits_on_council(user, unit_id: int) -> bool:  # noqa: ANN001
    from thidua.councils.models import CouncilMember

    cache = user.__dict__.setdefault("_thidua_council_units", {})
    if unit_id not in cache:
        cache[unit_id] = CouncilMember.objects.filter(user=user, council__unit_id=unit_id).exists()
    return cache[unit_id]


def _editor(user, proposal, grant) -> bool:  # noqa: ANN001
    if grant.role in ROUND_MANAGERS and grant.reaches(proposal.round.unit.path):
        return True
    return proposal.proposed_by_id == user.pk


def _reader_paths(proposal):  # noqa: ANN001, ANN201
    return [proposal.round.unit, *_as_list(_proposal_subject(proposal))]


def _as_list(value):  # noqa: ANN001, ANN201
    return value if isinstance(value, list) else [value]


# The dossier holds personal data: only those who handle it and the person concerned read it.
define(
    "nominations.proposal.view",
    roles=ALL_STAFF_ROLES,
    unit_of=_reader_paths,
    check=_reader,
)
# The proposer fixes and resubmits, or withdraws; the round's managers may too.
define(
    "nominations.proposal.edit",
    roles=ALL_STAFF_ROLES,
    unit_of=_reader_paths,
    check=_editor,
)
define("nominations.menu", roles=ALL_STAFF_ROLES)
