"""Admin registrations. Changes made in the admin are audited like any other change."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from .audit import ACTIONS, audit
from .models import AuditEntry

ACTIONS.update(
    {
        "admin.change": "Sửa trong trang quản trị",
        "admin.add": "Thêm trong trang quản trị",
        "admin.delete": "Xóa trong trang quản trị",
    }
)


def _unit_path(obj: Any) -> str:
    for attr in ("unit", "class_unit"):
        unit = getattr(obj, attr, None)
        if unit is not None and hasattr(unit, "path"):
            return unit.path
    return getattr(obj, "path", "") or ""


class AuditedModelAdmin(admin.ModelAdmin):
    def save_model(self, request: Any, obj: Any, form: Any, change: bool) -> None:
        super().save_model(request, obj, form, change)
        changes = {name: [None, str(form.cleaned_data.get(name))] for name in form.changed_data}
        audit(
            request.user,
            "admin.change" if change else "admin.add",
            obj,
            unit_path=_unit_path(obj),
            changes=changes,
        )

    def delete_model(self, request: Any, obj: Any) -> None:
        audit(request.user, "admin.delete", obj, unit_path=_unit_path(obj))
        super().delete_model(request, obj)


@admin.register(AuditEntry)
class AuditEntryAdmin(admin.ModelAdmin):
    list_display = ("at", "actor_name", "action", "target_type", "target_repr")
    list_filter = ("action", "target_type")
    search_fields = ("target_repr", "actor_name")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False
