"""Accounts and the roles they hold at units.

A role held at a unit reaches that unit and every unit below it (a principal at a school
reaches its departments and classes). Permissions are answered by `accounts.policy`.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel


class Role(models.TextChoices):
    SYSTEM_ADMIN = "system_admin", _("Quản trị hệ thống")
    DOE_OFFICER = "doe_officer", _("Chuyên viên Sở GD&ĐT")
    DISTRICT_OFFICER = "district_officer", _("Chuyên viên Phòng GD&ĐT")
    PRINCIPAL = "principal", _("Hiệu trưởng")
    VICE_PRINCIPAL = "vice_principal", _("Phó Hiệu trưởng")
    COUNCIL_MEMBER = "council_member", _("Thành viên Hội đồng Thi đua – Khen thưởng")
    DEPARTMENT_HEAD = "department_head", _("Tổ trưởng")
    HOMEROOM_TEACHER = "homeroom_teacher", _("Giáo viên chủ nhiệm")
    UNION_CHAIR = "union_chair", _("Chủ tịch Công đoàn")
    YOUNG_PIONEERS_LEADER = "young_pioneers_leader", _("Tổng phụ trách Đội")
    STAFF = "staff", _("Cán bộ, giáo viên, nhân viên")
    STUDENT = "student", _("Học sinh")


# Rank used to stop anyone from granting a role above their own.
ROLE_RANK: dict[str, int] = {
    Role.SYSTEM_ADMIN: 100,
    Role.DOE_OFFICER: 90,
    Role.DISTRICT_OFFICER: 80,
    Role.PRINCIPAL: 70,
    Role.VICE_PRINCIPAL: 60,
    Role.COUNCIL_MEMBER: 40,
    Role.DEPARTMENT_HEAD: 40,
    Role.HOMEROOM_TEACHER: 30,
    Role.UNION_CHAIR: 40,
    Role.YOUNG_PIONEERS_LEADER: 40,
    Role.STAFF: 20,
    Role.STUDENT: 10,
}

# The unit types where each role makes sense (checked when a role is granted).
ROLE_UNIT_TYPES: dict[str, set[str]] = {
    Role.SYSTEM_ADMIN: {"department_of_education", "district_office", "ward", "school"},
    Role.DOE_OFFICER: {"department_of_education"},
    Role.DISTRICT_OFFICER: {"district_office", "ward"},
    Role.PRINCIPAL: {"school"},
    Role.VICE_PRINCIPAL: {"school"},
    Role.COUNCIL_MEMBER: {"school", "district_office", "ward", "department_of_education"},
    Role.DEPARTMENT_HEAD: {"subject_department", "office_team"},
    Role.HOMEROOM_TEACHER: {"class"},
    Role.UNION_CHAIR: {"school"},
    Role.YOUNG_PIONEERS_LEADER: {"school"},
    Role.STAFF: {
        "school",
        "subject_department",
        "office_team",
        "district_office",
        "ward",
        "department_of_education",
    },
    Role.STUDENT: {"class"},
}


class User(AbstractUser):
    """A login. Staff and students are linked to their person record."""

    # SET_NULL: a person record may be merged or removed; the login then stays unlinked
    # rather than disappearing with its audit trail.
    person = models.OneToOneField(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="user",
        verbose_name=_("Hồ sơ cá nhân"),
    )

    class Meta:
        verbose_name = _("Tài khoản")
        verbose_name_plural = _("Tài khoản")

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    def get_full_name(self) -> str:
        if self.person_id:
            return self.person.full_name
        return super().get_full_name()


class RoleAssignment(BaseModel):
    """`user` holds `role` at `unit` (and below it) from `start_on` to `end_on`."""

    # CASCADE: an assignment means nothing without its user; its grant stays in the audit log.
    user = models.ForeignKey(
        User,
        on_delete=models.CASCADE,
        related_name="role_assignments",
        verbose_name=_("Tài khoản"),
    )
    role = models.CharField(_("Vai trò"), max_length=32, choices=Role.choices)
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="role_assignments",
        verbose_name=_("Đơn vị"),
    )
    start_on = models.DateField(_("Từ ngày"), null=True, blank=True)
    end_on = models.DateField(_("Đến ngày"), null=True, blank=True)

    class Meta:
        ordering = ["user", "unit__path", "role"]
        verbose_name = _("Phân quyền")
        verbose_name_plural = _("Phân quyền")
        constraints = [
            models.UniqueConstraint(
                fields=["user", "role", "unit"], name="unique_role_per_user_unit"
            ),
            models.CheckConstraint(
                condition=models.Q(end_on__isnull=True)
                | models.Q(start_on__isnull=True)
                | models.Q(end_on__gte=models.F("start_on")),
                name="role_assignment_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_role_display()} – {self.unit}"

    def is_current(self, day: dt.date) -> bool:
        return (self.start_on is None or self.start_on <= day) and (
            self.end_on is None or day <= self.end_on
        )
