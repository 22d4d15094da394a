"""Read-only admin: decisions change only through their services (a signed decision is
frozen; a draft is edited on its page), so the admin lets a system administrator look, not
write."""

from __future__ import annotations

from typing import Any

from django.contrib import admin

from .models import Decision, DecisionImport, DecisionLine, NumberRegister


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: Any, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: Any, obj: Any = None) -> bool:
        return False


class DecisionLineInline(admin.TabularInline):
    model = DecisionLine
    fk_name = "decision"
    fields = ("line_no", "name", "award", "period_from", "period_to", "certificate_number")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request: Any, obj: Any = None) -> bool:
        return False


@admin.register(Decision)
class DecisionAdmin(ReadOnlyAdmin):
    list_display = ("number_label", "issued_on", "issuer", "kind", "status", "subject")
    list_filter = ("kind", "status")
    search_fields = ("number_label", "subject", "lines__name")
    inlines = [DecisionLineInline]


@admin.register(NumberRegister)
class NumberRegisterAdmin(ReadOnlyAdmin):
    list_display = ("issuer", "year", "series", "last")


@admin.register(DecisionImport)
class DecisionImportAdmin(ReadOnlyAdmin):
    list_display = ("original_name", "unit", "status", "created_by", "created_at")
