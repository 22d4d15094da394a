"""The tree of units (Sở → Phòng/phường → trường → tổ/lớp) and school years.

Units are data: nothing in code assumes a fixed depth or a named level. Each unit stores a
materialised `path` ("/1/7/42/") so that "this unit and everything below it" is one indexed
prefix query on SQLite and PostgreSQL alike.
"""

from __future__ import annotations

import datetime as dt
import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel

SCHOOL_YEAR_RE = re.compile(r"^(\d{4})-(\d{4})$")


def validate_school_year_code(value: str) -> None:
    match = SCHOOL_YEAR_RE.match(value or "")
    if not match or int(match.group(2)) != int(match.group(1)) + 1:
        raise ValidationError(
            _("Năm học phải có dạng 2024-2025 (hai năm liên tiếp)."), code="school_year_format"
        )


class UnitType(models.TextChoices):
    DEPARTMENT_OF_EDUCATION = "department_of_education", _("Sở Giáo dục và Đào tạo")
    DISTRICT_OFFICE = "district_office", _("Phòng Giáo dục và Đào tạo")
    WARD = "ward", _("Phường, xã")
    SCHOOL = "school", _("Trường học")
    SUBJECT_DEPARTMENT = "subject_department", _("Tổ chuyên môn")
    OFFICE_TEAM = "office_team", _("Tổ văn phòng")
    CLASS = "class", _("Lớp học")


# Which unit types may sit directly under which. Data-driven so new levels need no code.
ALLOWED_CHILDREN: dict[str, set[str]] = {
    "": {
        UnitType.DEPARTMENT_OF_EDUCATION,
        UnitType.DISTRICT_OFFICE,
        UnitType.WARD,
        UnitType.SCHOOL,
    },
    UnitType.DEPARTMENT_OF_EDUCATION: {
        UnitType.DISTRICT_OFFICE,
        UnitType.WARD,
        UnitType.SCHOOL,
        UnitType.OFFICE_TEAM,
    },
    UnitType.DISTRICT_OFFICE: {UnitType.SCHOOL, UnitType.WARD, UnitType.OFFICE_TEAM},
    UnitType.WARD: {UnitType.SCHOOL, UnitType.OFFICE_TEAM},
    UnitType.SCHOOL: {UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM, UnitType.CLASS},
    UnitType.SUBJECT_DEPARTMENT: set(),
    UnitType.OFFICE_TEAM: set(),
    UnitType.CLASS: set(),
}

# Collectives that take part in emulation as a whole (tập thể).
COLLECTIVE_TYPES = {UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM, UnitType.SCHOOL}


class SchoolLevel(models.TextChoices):
    PRESCHOOL = "preschool", _("Mầm non")
    PRIMARY = "primary", _("Tiểu học")
    LOWER_SECONDARY = "lower_secondary", _("Trung học cơ sở")
    UPPER_SECONDARY = "upper_secondary", _("Trung học phổ thông")
    MULTI_LEVEL = "multi_level", _("Nhiều cấp học")


# Grades taught at each level (preschool uses 0 for all age groups).
LEVEL_GRADES: dict[str, range] = {
    SchoolLevel.PRESCHOOL: range(0, 1),
    SchoolLevel.PRIMARY: range(1, 6),
    SchoolLevel.LOWER_SECONDARY: range(6, 10),
    SchoolLevel.UPPER_SECONDARY: range(10, 13),
    SchoolLevel.MULTI_LEVEL: range(0, 13),
}


class SchoolYear(BaseModel):
    """A school year such as 2024-2025 with its two semesters (học kỳ I, học kỳ II)."""

    code = models.CharField(
        _("Năm học"), max_length=9, unique=True, validators=[validate_school_year_code]
    )
    start_on = models.DateField(_("Ngày bắt đầu"))
    end_on = models.DateField(_("Ngày kết thúc"))
    hk1_end_on = models.DateField(_("Kết thúc học kỳ I"))
    hk2_start_on = models.DateField(_("Bắt đầu học kỳ II"))

    class Meta:
        ordering = ["-code"]
        verbose_name = _("Năm học")
        verbose_name_plural = _("Năm học")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(start_on__lt=models.F("hk1_end_on"))
                & models.Q(hk1_end_on__lt=models.F("hk2_start_on"))
                & models.Q(hk2_start_on__lt=models.F("end_on")),
                name="school_year_dates_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.code

    @property
    def first_year(self) -> int:
        return int(self.code[:4])

    def semester_of(self, day: dt.date) -> int | None:
        """1 or 2 for a date inside the year, None outside it."""
        if self.start_on <= day <= self.hk1_end_on:
            return 1
        if self.hk2_start_on <= day <= self.end_on:
            return 2
        return None

    def clean(self) -> None:
        starts_wrong_year = (
            self.code
            and SCHOOL_YEAR_RE.match(self.code)
            and self.start_on
            and self.start_on.year != self.first_year
        )
        if starts_wrong_year:
            raise ValidationError(
                {
                    "start_on": _("Năm học %(code)s phải bắt đầu trong năm %(year)s.")
                    % {"code": self.code, "year": self.first_year}
                }
            )
        if (
            self.start_on
            and self.hk1_end_on
            and self.hk2_start_on
            and self.end_on
            and not (self.start_on < self.hk1_end_on < self.hk2_start_on < self.end_on)
        ):
            raise ValidationError(
                _(
                    "Các mốc thời gian của năm học phải theo thứ tự: bắt đầu, hết học kỳ I, "
                    "bắt đầu học kỳ II, kết thúc."
                )
            )


class Unit(BaseModel):
    """One node of the organisation tree: an office, a school, a department or a class."""

    type = models.CharField(_("Loại đơn vị"), max_length=32, choices=UnitType.choices)
    code = models.CharField(
        _("Mã đơn vị"),
        max_length=40,
        unique=True,
        help_text=_("Mã duy nhất, ví dụ THCS-TBC hoặc THCS-TBC-2024-6A1."),
    )
    name = models.CharField(_("Tên đơn vị"), max_length=200)
    short_name = models.CharField(_("Tên ngắn"), max_length=80, blank=True)
    # PROTECT, because removing a unit would orphan its people, history and awards;
    # units are deactivated (active_to) instead of deleted.
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("Đơn vị cấp trên"),
    )
    path = models.CharField(max_length=500, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    school_level = models.CharField(
        _("Cấp học"), max_length=20, choices=SchoolLevel.choices, blank=True
    )
    # PROTECT: a class cannot outlive its school year record.
    school_year = models.ForeignKey(
        SchoolYear,
        to_field="code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="classes",
        verbose_name=_("Năm học"),
    )
    grade = models.PositiveSmallIntegerField(_("Khối lớp"), null=True, blank=True)
    address = models.CharField(_("Địa chỉ"), max_length=300, blank=True)
    place_name = models.CharField(
        _("Địa danh ghi trên văn bản"),
        max_length=100,
        blank=True,
        help_text=_("Ví dụ: Quận 5, Thành phố Hồ Chí Minh — dùng trong dòng “…, ngày … tháng …”."),
    )
    active_from = models.DateField(_("Hoạt động từ"), null=True, blank=True)
    active_to = models.DateField(_("Hoạt động đến"), null=True, blank=True)

    class Meta:
        ordering = ["path"]
        verbose_name = _("Đơn vị")
        verbose_name_plural = _("Đơn vị")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(active_to__isnull=True)
                | models.Q(active_from__isnull=True)
                | models.Q(active_to__gte=models.F("active_from")),
                name="unit_active_period_in_order",
            ),
            models.CheckConstraint(
                condition=~models.Q(type="class")
                | (models.Q(school_year__isnull=False) & models.Q(grade__isnull=False)),
                name="class_has_year_and_grade",
            ),
        ]
        indexes = [models.Index(fields=["type", "parent"])]

    def __str__(self) -> str:
        return self.name

    @property
    def is_school(self) -> bool:
        return self.type == UnitType.SCHOOL

    @property
    def is_class(self) -> bool:
        return self.type == UnitType.CLASS

    def is_active_on(self, day: dt.date) -> bool:
        return (self.active_from is None or self.active_from <= day) and (
            self.active_to is None or day <= self.active_to
        )

    def is_within(self, other: Unit) -> bool:
        """True when this unit is `other` or lies below it."""
        return bool(self.path) and self.path.startswith(other.path)

    def ancestor_ids(self) -> list[int]:
        return [int(p) for p in self.path.strip("/").split("/") if p]
