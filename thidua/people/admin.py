from django.contrib import admin

from thidua.core.admin import AuditedModelAdmin

from .models import Enrollment, ImportJob, Membership, Person, StaffProfile, StudentProfile


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
