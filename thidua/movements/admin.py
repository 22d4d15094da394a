from django.contrib import admin

from thidua.core.admin import AuditedModelAdmin

from .models import Adoption, Criterion, Movement, Phase, ProgressEntry, Target


class PhaseInline(admin.TabularInline):
    model = Phase
    extra = 0


@admin.register(Movement)
class MovementAdmin(AuditedModelAdmin):
    list_display = ("name", "unit", "kind", "status", "start_on", "end_on")
    list_filter = ("kind", "status", "scope")
    search_fields = ("name", "plan_number")
    raw_id_fields = ("unit", "parent", "created_by")
    inlines = [PhaseInline]


@admin.register(Adoption)
class AdoptionAdmin(AuditedModelAdmin):
    list_display = ("movement", "unit", "status", "adopted_on")
    raw_id_fields = ("movement", "unit", "adopted_by")


@admin.register(Criterion)
class CriterionAdmin(AuditedModelAdmin):
    list_display = ("movement", "unit", "participant", "is_mandatory", "evidence_required")
    raw_id_fields = ("movement", "unit")


@admin.register(Target)
class TargetAdmin(AuditedModelAdmin):
    list_display = ("text", "movement", "measure", "target_value", "per_unit_type")
    raw_id_fields = ("movement", "unit")


@admin.register(ProgressEntry)
class ProgressEntryAdmin(AuditedModelAdmin):
    list_display = ("target", "unit", "recorded_on", "value", "base")
    raw_id_fields = ("target", "unit", "recorded_by")
