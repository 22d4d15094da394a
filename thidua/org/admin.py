from django.contrib import admin

from thidua.core.admin import AuditedModelAdmin

from .models import SchoolYear, Unit


@admin.register(Unit)
class UnitAdmin(AuditedModelAdmin):
    list_display = ("code", "name", "type", "parent", "school_year", "active_to")
    list_filter = ("type", "school_level", "school_year")
    search_fields = ("code", "name")
    readonly_fields = ("path", "depth")
    raw_id_fields = ("parent",)


@admin.register(SchoolYear)
class SchoolYearAdmin(AuditedModelAdmin):
    list_display = ("code", "start_on", "hk1_end_on", "hk2_start_on", "end_on")
