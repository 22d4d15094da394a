from typing import Any

from django.contrib import admin

from .models import Evidence


@admin.register(Evidence)
class EvidenceAdmin(admin.ModelAdmin):
    """Read-only: evidence is added and removed through the checked pages only."""

    list_display = ("title", "kind", "unit", "person", "movement", "school_year", "created_at")
    list_filter = ("kind", "school_year")
    search_fields = ("title", "original_name", "person__full_name")

    def has_add_permission(self, request: Any) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False
