"""Attach the user's current role grants and chosen working unit to each request."""

from __future__ import annotations

from collections.abc import Callable

from django.http import HttpRequest, HttpResponse

from .policy import grants_of

SESSION_KEY = "thidua_active_assignment"


class ActiveRoleMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        request.active_grant = None  # type: ignore[attr-defined]
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            grants = grants_of(user)
            chosen = request.session.get(SESSION_KEY)
            active = next((g for g in grants if g.assignment_id == chosen), None)
            if active is None and grants:
                from .models import ROLE_RANK

                active = max(grants, key=lambda g: (ROLE_RANK.get(g.role, 0), -len(g.unit_path)))
            request.active_grant = active  # type: ignore[attr-defined]
        return self.get_response(request)
