from django.contrib import admin

from thidua.core.admin import AuditedModelAdmin

from .models import (
    AnnualRating,
    DisciplineRecord,
    Enrollment,
    ImportJob,
    LeaveRecord,
    Membership,
    PendingMatter,
    Person,
    StaffProfile,
    StudentProfile,
    TrainingRecord,
)


@admin.register(Person)
class PersonAdmin(AuditedModelAdmin):
    list_display = ("full_name", "gender", "date_of_birth")
    search_fields = ("full_name",)
    readonly_fields = ("sort_key",)


@admin.register(StaffProfile)
class StaffProfileAdmin(AuditedModelAdmin):
    list_display = ("person", "staff_code", "position", "job_title")
    search_fields = ("person__full_name", "staff_code")
    raw_id_fields = ("person",)


@admin.register(StudentProfile)
class StudentProfileAdmin(AuditedModelAdmin):
    list_display = ("person", "student_code")
    search_fields = ("person__full_name", "student_code")
    raw_id_fields = ("person",)


@admin.register(Membership)
class MembershipAdmin(AuditedModelAdmin):
    list_display = ("person", "unit", "position", "start_on", "end_on")
    raw_id_fields = ("person", "unit")


@admin.register(Enrollment)
class EnrollmentAdmin(AuditedModelAdmin):
    list_display = ("person", "class_unit", "school_year")
    raw_id_fields = ("person", "class_unit")


@admin.register(ImportJob)
class ImportJobAdmin(admin.ModelAdmin):
    list_display = ("original_name", "kind", "unit", "status", "created_by", "created_at")


# Yearly emulation records (entered on the record pages; the admin is for repairs).
@admin.register(AnnualRating)
class AnnualRatingAdmin(AuditedModelAdmin):
    list_display = ("person", "collective", "school_year", "rating", "unit", "source")
    list_filter = ("school_year", "rating", "source")
    search_fields = ("person__full_name", "collective__name")
    raw_id_fields = ("person", "collective", "unit", "entered_by")


@admin.register(DisciplineRecord)
class DisciplineRecordAdmin(AuditedModelAdmin):
    list_display = ("person", "level", "decided_on", "decision_number", "unit")
    search_fields = ("person__full_name", "decision_number")
    raw_id_fields = ("person", "unit", "entered_by")


@admin.register(PendingMatter)
class PendingMatterAdmin(AuditedModelAdmin):
    list_display = ("person", "collective", "kind", "opened_on", "closed_on")
    list_filter = ("kind",)
    raw_id_fields = ("person", "collective", "unit", "entered_by")


@admin.register(LeaveRecord)
class LeaveRecordAdmin(AuditedModelAdmin):
    list_display = ("person", "kind", "start_on", "end_on")
    raw_id_fields = ("person", "entered_by")


@admin.register(TrainingRecord)
class TrainingRecordAdmin(AuditedModelAdmin):
    list_display = ("person", "program", "start_on", "end_on", "complied", "result")
    raw_id_fields = ("person", "entered_by")
