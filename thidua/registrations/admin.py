from django.contrib import admin

from thidua.core.admin import AuditedModelAdmin

from .models import RegisteredTitle, Registration, RegistrationList


class RegisteredTitleInline(admin.TabularInline):
    model = RegisteredTitle
    extra = 0


@admin.register(RegistrationList)
class RegistrationListAdmin(AuditedModelAdmin):
    list_display = ("unit", "school_year", "deadline", "status")
    list_filter = ("school_year", "status")
    raw_id_fields = ("unit", "created_by", "consolidated_by", "locked_by")


@admin.register(Registration)
class RegistrationAdmin(AuditedModelAdmin):
    list_display = ("person", "collective", "school_year", "status")
    list_filter = ("school_year", "status")
    search_fields = ("person__full_name", "collective__name")
    raw_id_fields = ("registration_list", "person", "collective", "decided_by", "created_by")
    inlines = [RegisteredTitleInline]
