"""Who may read, add and remove evidence, and browse a movement's evidence archive.

Evidence is never public: files are served only to the staff of the unit it belongs to
(and the units above), to whoever may read the emulation record of the person it is
about (the record follows them when they move), and to its uploader.
"""

from __future__ import annotations

from typing import Any

from thidua.accounts.models import Role
from thidua.accounts.policy import ALL_STAFF_ROLES, UNIT_MANAGERS, define, may
from thidua.movements.policies import movement_unit_paths
from thidua.people.policies import can_view_record

INSPECTORS = UNIT_MANAGERS | {Role.COUNCIL_MEMBER}


def _uploaded_by_user(user: Any, evidence: Any, grant: Any) -> bool:
    return evidence is not None and evidence.uploaded_by_id == user.pk


define("evidence.evidence.view", roles=ALL_STAFF_ROLES, unit_of=lambda e: e.unit)
define("evidence.evidence.delete", roles=UNIT_MANAGERS, unit_of=lambda e: e.unit)
define(
    "evidence.evidence.delete_own",
    roles=ALL_STAFF_ROLES,
    unit_of=lambda e: e.unit,
    check=_uploaded_by_user,
)
define("evidence.archive.list", roles=INSPECTORS)
define("evidence.archive.view", roles=INSPECTORS, unit_of=movement_unit_paths)


def can_view_evidence(user: Any, evidence: Any) -> bool:
    """Staff of the evidence's unit, readers of the person's record, or the uploader."""
    if evidence.uploaded_by_id is not None and evidence.uploaded_by_id == user.pk:
        return True
    if may(user, "evidence.evidence.view", evidence):
        return True
    return evidence.person_id is not None and can_view_record(user, evidence.person)


def can_delete_evidence(user: Any, evidence: Any) -> bool:
    return may(user, "evidence.evidence.delete", evidence) or may(
        user, "evidence.evidence.delete_own", evidence
    )
