"""People: one record per person that follows them between units and years.

Staff belong to units through dated memberships (a teacher who moves school keeps one
record and one history); students are enrolled in one class per school year.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel


class Gender(models.TextChoices):
    MALE = "male", _("Nam")
    FEMALE = "female", _("Nữ")


class Position(models.TextChoices):
    MANAGER = "manager", _("Cán bộ quản lý")
    TEACHER = "teacher", _("Giáo viên")
    STAFF = "staff", _("Nhân viên")


class Person(BaseModel):
    """A human being: a member of staff or a student. Names are stored in Unicode NFC."""

    full_name = models.CharField(_("Họ và tên"), max_length=150)
    family_middle_name = models.CharField(_("Họ đệm"), max_length=120, blank=True)
    given_name = models.CharField(_("Tên"), max_length=40)
    gender = models.CharField(_("Giới tính"), max_length=6, choices=Gender.choices, blank=True)
    date_of_birth = models.DateField(_("Ngày sinh"), null=True, blank=True)
    sort_key = models.CharField(max_length=255, db_index=True, editable=False, default="")

    class Meta:
        ordering = ["sort_key", "id"]
        verbose_name = _("Cá nhân")
        verbose_name_plural = _("Cá nhân")

    def __str__(self) -> str:
        return self.full_name


class StaffProfile(BaseModel):
    """What makes a person a member of staff (cán bộ, giáo viên, nhân viên)."""

    # CASCADE: the profile is part of the person record.
    person = models.OneToOneField(
        Person,
        on_delete=models.CASCADE,
        related_name="staff_profile",
        verbose_name=_("Cá nhân"),
    )
    staff_code = models.CharField(_("Mã cán bộ"), max_length=40, unique=True, null=True, blank=True)
    position = models.CharField(_("Vị trí"), max_length=10, choices=Position.choices)
    job_title = models.CharField(_("Chức vụ"), max_length=100, blank=True)
    subject = models.CharField(_("Môn dạy"), max_length=100, blank=True)
    hired_on = models.DateField(_("Ngày tuyển dụng"), null=True, blank=True)

    class Meta:
        verbose_name = _("Hồ sơ cán bộ")
        verbose_name_plural = _("Hồ sơ cán bộ")

    def __str__(self) -> str:
        return str(self.person)


class StudentProfile(BaseModel):
    """What makes a person a student: the code from the school management software."""

    person = models.OneToOneField(
        Person,
        on_delete=models.CASCADE,
        related_name="student_profile",
        verbose_name=_("Cá nhân"),
    )
    student_code = models.CharField(_("Mã học sinh"), max_length=40, unique=True)

    class Meta:
        verbose_name = _("Hồ sơ học sinh")
        verbose_name_plural = _("Hồ sơ học sinh")

    def __str__(self) -> str:
        return f"{self.person} ({self.student_code})"


class Membership(BaseModel):
    """A member of staff works in a unit (school, department, office) for a period."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="memberships", verbose_name=_("Cá nhân")
    )
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="memberships",
        verbose_name=_("Đơn vị"),
    )
    position = models.CharField(
        _("Vị trí"), max_length=10, choices=Position.choices, default=Position.TEACHER
    )
    job_title = models.CharField(_("Chức vụ"), max_length=100, blank=True)
    start_on = models.DateField(_("Từ ngày"))
    end_on = models.DateField(_("Đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["-start_on", "id"]
        verbose_name = _("Quá trình công tác")
        verbose_name_plural = _("Quá trình công tác")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True)
                | models.Q(end_on__gte=models.F("start_on")),
                name="membership_period_in_order",
            )
        ]
        indexes = [models.Index(fields=["unit", "end_on"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.unit}"


class Enrollment(BaseModel):
    """A student is in one class per school year."""

    person = models.ForeignKey(
        Person, on_delete=models.PROTECT, related_name="enrollments", verbose_name=_("Học sinh")
    )
    class_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="enrollments",
        verbose_name=_("Lớp"),
    )
    school_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Năm học"),
    )

    class Meta:
        ordering = ["class_unit", "person__sort_key"]
        verbose_name = _("Xếp lớp")
        verbose_name_plural = _("Xếp lớp")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "school_year"], name="one_class_per_student_per_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.class_unit} ({self.school_year_id})"


class ImportKind(models.TextChoices):
    STAFF = "staff", _("Danh sách cán bộ, giáo viên, nhân viên")
    STUDENTS = "students", _("Danh sách học sinh")


class ImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Đã kiểm tra, chờ xác nhận")
    REJECTED = "rejected", _("Có lỗi, chưa nhập")
    APPLIED = "applied", _("Đã nhập")


class ImportJob(BaseModel):
    """An uploaded Excel list: previewed first, applied all-or-nothing on confirmation."""

    kind = models.CharField(_("Loại danh sách"), max_length=10, choices=ImportKind.choices)
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị")
    )
    school_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Năm học"),
    )
    file = models.FileField(_("Tệp"), upload_to="imports/%Y/%m/")
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    status = models.CharField(
        _("Trạng thái"),
        max_length=10,
        choices=ImportStatus.choices,
        default=ImportStatus.PREVIEWED,
    )
    summary = models.JSONField(_("Kết quả"), default=dict, blank=True)
    # SET_NULL: keep the import record when an account is removed.
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người nhập"),
    )
    applied_at = models.DateTimeField(_("Nhập lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Lần nhập Excel")
        verbose_name_plural = _("Lần nhập Excel")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.original_name}"


# The yearly emulation records live in their own module; importing them here registers them.
from .records import (  # noqa: E402
    AnnualRating,
    DisciplineLevel,
    DisciplineRecord,
    LeaveKind,
    LeaveRecord,
    PendingMatter,
    PendingMatterKind,
    Rating,
    RecordSource,
    TrainingRecord,
    TrainingResult,
    TransferComment,
)

__all__ = [
    "AnnualRating",
    "DisciplineLevel",
    "DisciplineRecord",
    "Enrollment",
    "Gender",
    "ImportJob",
    "ImportKind",
    "ImportStatus",
    "LeaveKind",
    "LeaveRecord",
    "Membership",
    "PendingMatter",
    "PendingMatterKind",
    "Person",
    "Position",
    "Rating",
    "RecordSource",
    "StaffProfile",
    "StudentProfile",
    "TrainingRecord",
    "TrainingResult",
    "TransferComment",
]
