"""Accounts and role grants. Nobody can grant a role above their own."""

from __future__ import annotations

import datetime as dt
import secrets
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.audit import audit
from thidua.core.errors import field_error
from thidua.core.vietnamese import strip_accents

from .errors import AccountsError
from .models import ROLE_RANK, ROLE_UNIT_TYPES, Role, RoleAssignment, User
from .policy import forget_grants, grants_of


def suggest_username(full_name: str, suffix: str = "") -> str:
    """'Nguyễn Thị Minh Anh' -> 'anhntm' (+ a number when taken): the usual school pattern."""
    parts = strip_accents(full_name).split()
    base = (parts[-1] + "".join(p[0] for p in parts[:-1])) if parts else "user"
    base = "".join(ch for ch in base if ch.isalnum()) + suffix
    candidate, n = base, 1
    while User.objects.filter(username=candidate).exists():
        n += 1
        candidate = f"{base}{n}"
    return candidate


@transaction.atomic
def user_create(
    *,
    actor: Any,
    username: str,
    person: Any = None,
    password: str | None = None,
    first_name: str = "",
    last_name: str = "",
) -> tuple[User, str]:
    """Create a login (optionally for a person). Returns the user and its initial password."""
    if User.objects.filter(username=username).exists():
        raise field_error(
            "username",
            _("Tên đăng nhập %(u)s đã có.") % {"u": username},
            AccountsError.USERNAME_TAKEN,
        )
    if person is not None and User.objects.filter(person=person).exists():
        raise ValidationError(
            _("%(p)s đã có tài khoản.") % {"p": person}, code=AccountsError.PERSON_HAS_ACCOUNT
        )
    initial = password or secrets.token_urlsafe(9)
    user = User(username=username, person=person, first_name=first_name, last_name=last_name)
    user.set_password(initial)
    user.full_clean(exclude=["password"])
    user.save()
    audit(actor, "accounts.user.create", user)
    return user, initial


def can_grant(actor: Any, role: str, unit: Any) -> bool:
    """The actor holds, at the unit or above, a role ranked above the one granted."""
    wanted = ROLE_RANK[role]
    for grant in grants_of(actor):
        if not unit.path.startswith(grant.unit_path):
            continue
        if grant.role == Role.SYSTEM_ADMIN or ROLE_RANK.get(grant.role, 0) > wanted:
            return True
    return False


@transaction.atomic
def role_grant(
    *,
    actor: Any,
    user: User,
    role: str,
    unit: Any,
    start_on: dt.date | None = None,
    end_on: dt.date | None = None,
    check_actor: bool = True,
) -> RoleAssignment:
    """Give `user` the role `role` at `unit` (and below it)."""
    if unit.type not in ROLE_UNIT_TYPES[role]:
        raise ValidationError(
            _("Vai trò “%(role)s” không gán được cho %(unit_type)s.")
            % {"role": Role(role).label, "unit_type": unit.get_type_display().lower()},
            code=AccountsError.ROLE_NOT_AT_UNIT_TYPE,
        )
    if check_actor and not can_grant(actor, role, unit):
        raise ValidationError(
            _("Bạn không thể cấp vai trò “%(role)s” tại %(unit)s.")
            % {"role": Role(role).label, "unit": unit.name},
            code=AccountsError.ROLE_ABOVE_OWN,
        )
    if RoleAssignment.objects.filter(user=user, role=role, unit=unit).exists():
        raise ValidationError(
            _("%(user)s đã có vai trò “%(role)s” tại %(unit)s.")
            % {"user": user, "role": Role(role).label, "unit": unit.name},
            code=AccountsError.ROLE_EXISTS,
        )
    assignment = RoleAssignment(user=user, role=role, unit=unit, start_on=start_on, end_on=end_on)
    assignment.full_clean()
    assignment.save()
    forget_grants(user)
    audit(
        actor,
        "accounts.role.grant",
        assignment,
        unit_path=unit.path,
        changes={"role": [None, role], "unit": [None, unit.code], "user": [None, user.username]},
    )
    return assignment


@transaction.atomic
def role_revoke(*, actor: Any, assignment: RoleAssignment, check_actor: bool = True) -> None:
    """Withdraw a role; the grant and its withdrawal both stay in the audit trail."""
    if check_actor and not can_grant(actor, assignment.role, assignment.unit):
        raise ValidationError(
            _("Bạn không thể thu hồi vai trò “%(role)s” tại %(unit)s.")
            % {"role": assignment.get_role_display(), "unit": assignment.unit.name},
            code=AccountsError.ROLE_ABOVE_OWN,
        )
    audit(
        actor,
        "accounts.role.revoke",
        assignment,
        unit_path=assignment.unit.path,
        changes={
            "role": [assignment.role, None],
            "unit": [assignment.unit.code, None],
            "user": [assignment.user.username, None],
        },
    )
    user = assignment.user
    assignment.delete()
    forget_grants(user)


@transaction.atomic
def password_reset(*, actor: Any, user: User) -> str:
    """Set a new random password (shown once to the person who reset it)."""
    new = secrets.token_urlsafe(9)
    user.set_password(new)
    user.save(update_fields=["password"])
    audit(actor, "accounts.user.password_reset", user)
    return new
