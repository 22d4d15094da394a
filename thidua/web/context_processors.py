"""What every page needs: the user's roles, the working unit, and the menu."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.http import HttpRequest

from thidua.accounts.models import Role
from thidua.accounts.policy import grants_of, has_role

from .navigation import menu_for


def shell(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    context: dict[str, Any] = {"site_name": settings.THIDUA_SITE_NAME}
    if user is None or not user.is_authenticated:
        return context
    grants = grants_of(user)
    staff_roles = {g.role for g in grants} - {Role.STUDENT}
    context.update(
        {
            "grants": sorted(grants, key=lambda g: (g.unit_path, g.role)),
            "active_grant": getattr(request, "active_grant", None),
            "menu": menu_for(user),
            "nav": {
                "units": bool(staff_roles),
                "staff": bool(staff_roles),
                "audit": has_role(user, Role.SYSTEM_ADMIN, Role.PRINCIPAL),
                "admin": has_role(user, Role.SYSTEM_ADMIN) and user.is_staff,
            },
        }
    )
    return context
