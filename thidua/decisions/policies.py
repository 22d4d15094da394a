"""Who may read and who may issue decisions.

Staff of the issuing unit (and the offices above it) read its register; only the head of the
issuing unit — the principal or a vice principal of a school, an officer of an office — drafts,
issues, corrects, revokes and imports, and only at that very unit: an office above a school
does not sign the school's decisions.
"""

from __future__ import annotations

from typing import Any

from thidua.accounts.policy import ALL_STAFF_ROLES, LEADERSHIP, OFFICERS, Grant, define


def issuer_of(obj: Any) -> Any:
    """The issuing unit of a decision or a line; a unit stands for itself."""
    if hasattr(obj, "decision"):
        obj = obj.decision
    return getattr(obj, "issuer", obj)


def _at_the_unit(user: Any, obj: Any, grant: Grant) -> bool:
    unit = issuer_of(obj)
    return unit is None or grant.unit_id == unit.pk


define("decisions.view", roles=ALL_STAFF_ROLES, unit_of=issuer_of)
define("decisions.manage", roles=LEADERSHIP | OFFICERS, unit_of=issuer_of, check=_at_the_unit)
define("decisions.menu", roles=ALL_STAFF_ROLES)
