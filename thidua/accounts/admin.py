from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin

from thidua.core.admin import AuditedModelAdmin

from .models import RoleAssignment, User


class RoleInline(admin.TabularInline):
    model = RoleAssignment
    extra = 0
    raw_id_fields = ("unit",)


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ("username", "person", "is_active", "is_staff")
    raw_id_fields = ("person",)
    inlines = [RoleInline]
    fieldsets = (*BaseUserAdmin.fieldsets, ("Hồ sơ", {"fields": ("person",)}))


@admin.register(RoleAssignment)
class RoleAssignmentAdmin(AuditedModelAdmin):
    list_display = ("user", "role", "unit", "start_on", "end_on")
    list_filter = ("role",)
    raw_id_fields = ("user", "unit")
