"""Django admin stays available, to system administrators only."""

from __future__ import annotations

from typing import Any


def restrict_admin_to_system_admins() -> None:
    from django.contrib import admin

    from thidua.accounts.policy import may

    def has_permission(request: Any) -> bool:
        user = request.user
        return bool(user.is_active and user.is_staff and may(user, "admin.site"))

    admin.site.has_permission = has_permission  # type: ignore[method-assign]
    admin.site.site_header = "Thi đua – Khen thưởng: quản trị hệ thống"
    admin.site.site_title = "Quản trị thidua"
    admin.site.index_title = "Quản trị dữ liệu"
