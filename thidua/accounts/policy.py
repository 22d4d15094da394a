"""The one place that answers "may this user do this to this object?".

Every view, service and template asks `may(user, action, obj)` (or `require`). Domain apps
declare their actions with `define()` in their own `policies.py`, stating which roles may
act and how to find the unit an object belongs to. A role held at a unit reaches that unit
and all units below it, during the role's validity period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.utils import timezone

from .models import Role, RoleAssignment

ALL_STAFF_ROLES = frozenset(
    {
        Role.SYSTEM_ADMIN,
        Role.DOE_OFFICER,
        Role.DISTRICT_OFFICER,
        Role.PRINCIPAL,
        Role.VICE_PRINCIPAL,
        Role.COUNCIL_MEMBER,
        Role.DEPARTMENT_HEAD,
        Role.HOMEROOM_TEACHER,
        Role.UNION_CHAIR,
        Role.YOUNG_PIONEERS_LEADER,
        Role.STAFF,
    }
)
OFFICERS = frozenset({Role.SYSTEM_ADMIN, Role.DOE_OFFICER, Role.DISTRICT_OFFICER})
LEADERSHIP = frozenset({Role.PRINCIPAL, Role.VICE_PRINCIPAL})
UNIT_MANAGERS = OFFICERS | LEADERSHIP


@dataclass(frozen=True, slots=True)
class Grant:
    """A current role assignment, flattened for fast checks."""

    assignment_id: int
    role: str
    unit_id: int
    unit_path: str
    unit_type: str
    unit_name: str

    def reaches(self, path: str) -> bool:
        return path.startswith(self.unit_path)

    @property
    def role_label(self) -> str:
        return str(Role(self.role).label)


@dataclass(frozen=True)
class ActionRule:
    action: str
    roles: frozenset[str]
    unit_of: Callable[[Any], Any]
    check: Callable[[Any, Any, Grant], bool] | None


RULES: dict[str, ActionRule] = {}


def _same(obj: Any) -> Any:
    return obj


def define(
    action: str,
    *,
    roles: Iterable[str],
    unit_of: Callable[[Any], Any] = _same,
    check: Callable[[Any, Any, Grant], bool] | None = None,
) -> None:
    """Declare who may perform `action`: the roles, the object's unit, an optional extra test."""
    RULES[action] = ActionRule(action, frozenset(roles), unit_of, check)


def grants_of(user: Any, *, on: dt.date | None = None) -> tuple[Grant, ...]:
    """The user's current role assignments (cached on the user object for the request)."""
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return ()
    day = on or timezone.localdate()
    cache_key = f"_thidua_grants_{day.isoformat()}"
    cached = getattr(user, cache_key, None)
    if cached is not None:
        return cached
    rows = (
        RoleAssignment.objects.filter(user=user)
        .filter(Q(start_on__isnull=True) | Q(start_on__lte=day))
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=day))
        .filter(Q(unit__active_to__isnull=True) | Q(unit__active_to__gte=day))
        .values_list("id", "role", "unit_id", "unit__path", "unit__type", "unit__name")
    )
    grants = tuple(Grant(*row) for row in rows)
    setattr(user, cache_key, grants)
    return grants


def forget_grants(user: Any) -> None:
    """Drop the per-request cache after roles change."""
    for name in [n for n in vars(user) if n.startswith("_thidua_grants_")]:
        delattr(user, name)


def has_role(user: Any, *roles: str) -> bool:
    return any(g.role in roles for g in grants_of(user))


def paths_of(target: Any) -> list[str]:
    """Unit paths an object belongs to: a unit, a path, or a list of those."""
    if target is None:
        return []
    if isinstance(target, str):
        return [target]
    if isinstance(target, list | tuple | set | frozenset):
        return [p for item in target for p in paths_of(item)]
    return [target.path]


def may(user: Any, action: str, obj: Any = None) -> bool:
    """True when one of the user's current roles allows `action` on `obj`."""
    rule = RULES[action]
    grants = grants_of(user)
    if not grants:
        return False
    paths = paths_of(rule.unit_of(obj)) if obj is not None else None
    if paths is not None and not paths:
        # The object belongs to no unit the rules know of: only a check can allow it.
        paths = None if rule.check is not None else []
    for grant in grants:
        if grant.role not in rule.roles:
            continue
        if paths is not None and not any(grant.reaches(p) for p in paths):
            continue
        if rule.check is not None and not rule.check(user, obj, grant):
            continue
        return True
    return False


def require(user: Any, action: str, obj: Any = None) -> None:
    """Raise PermissionDenied (a 403 page in Vietnamese) unless `may` allows it."""
    if not may(user, action, obj):
        raise PermissionDenied(action)


def allowed_paths(user: Any, action: str) -> list[str]:
    """Unit paths under which the user may perform `action` (for scoping list queries)."""
    rule = RULES[action]
    paths = sorted({g.unit_path for g in grants_of(user) if g.role in rule.roles})
    # Drop paths already covered by a shorter one.
    kept: list[str] = []
    for path in paths:
        if not any(path.startswith(k) for k in kept):
            kept.append(path)
    return kept


def scope_q(user: Any, action: str, path_field: str = "path") -> Q:
    """A Q that keeps rows whose unit path lies under a unit where `action` is allowed."""
    paths = allowed_paths(user, action)
    if not paths:
        return Q(pk__in=[])
    q = Q()
    for path in paths:
        q |= Q(**{f"{path_field}__startswith": path})
    return q


def perms_for(user: Any, obj: Any, actions: Iterable[str]) -> dict[str, bool]:
    """{action: allowed} for templates, so buttons and the server agree by construction."""
    return {action.replace(".", "_"): may(user, action, obj) for action in actions}
