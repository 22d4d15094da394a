from django.contrib import admin

from thidua.core.admin import AuditedModelAdmin

from .models import Achievement, AwardRecord, Initiative, RecordImport, ResearchProject


@admin.register(AwardRecord)
class AwardRecordAdmin(AuditedModelAdmin):
    list_display = ("person", "collective", "award", "period_to", "decision_number", "revoked_on")
    list_filter = ("award", "source", "authority_level")
    search_fields = ("person__full_name", "collective__name", "decision_number")
    raw_id_fields = (
        "person",
        "collective",
        "achievement",
        "movement",
        "unit",
        "entered_by",
        "revoked_by",
    )


@admin.register(Achievement)
class AchievementAdmin(AuditedModelAdmin):
    list_display = ("title", "person", "collective", "school_year", "scope")
    raw_id_fields = ("person", "collective", "movement", "criterion", "unit", "entered_by")


@admin.register(Initiative)
class InitiativeAdmin(AuditedModelAdmin):
    list_display = ("title", "person", "school_year", "scope", "is_recognised")
    raw_id_fields = ("person", "unit", "entered_by")


@admin.register(ResearchProject)
class ResearchProjectAdmin(AuditedModelAdmin):
    list_display = ("title", "person", "school_year", "scope", "is_accepted")
    raw_id_fields = ("person", "unit", "entered_by")


@admin.register(RecordImport)
class RecordImportAdmin(admin.ModelAdmin):
    list_display = ("original_name", "kind", "unit", "status", "created_by", "created_at")
