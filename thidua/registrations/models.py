"""Emulation registrations (đăng ký thi đua, principle G1): no registration, no title.

At the start of a school year a unit opens its registration list with a deadline. Each
member of staff and each collective registers the titles and award forms it aims at,
with goals and an optional initiative topic. The unit accepts or returns each
registration (a return needs a reason); then it consolidates the list, and the head
of the unit locks it. Accepted registrations are the eligibility baseline.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.achievements.catalog import AwardId
from thidua.core.models import BaseModel


class ListStatus(models.TextChoices):
    OPEN = "open", _("Đang nhận đăng ký")
    CONSOLIDATED = "consolidated", _("Đã tổng hợp")
    LOCKED = "locked", _("Đã ký, khóa danh sách")


class RegistrationList(BaseModel):
    """A unit's registration list for a school year, with its deadline."""

    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="registration_lists",
        verbose_name=_("Đơn vị"),
    )
    school_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Năm học"),
    )
    deadline = models.DateField(_("Hạn đăng ký"))
    status = models.CharField(
        _("Trạng thái"), max_length=12, choices=ListStatus.choices, default=ListStatus.OPEN
    )
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    consolidated_at = models.DateTimeField(_("Tổng hợp lúc"), null=True, blank=True)
    consolidated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người tổng hợp"),
    )
    locked_at = models.DateTimeField(_("Khóa lúc"), null=True, blank=True)
    locked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người ký, khóa"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người mở danh sách"),
    )

    class Meta:
        ordering = ["-school_year_id", "unit__path"]
        verbose_name = _("Danh sách đăng ký thi đua")
        verbose_name_plural = _("Danh sách đăng ký thi đua")
        constraints = [
            models.UniqueConstraint(fields=["unit", "school_year"], name="one_list_per_unit_year")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.school_year_id}"

    @property
    def is_open(self) -> bool:
        return self.status == ListStatus.OPEN


class RegistrationStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    SUBMITTED = "submitted", _("Đã gửi, chờ duyệt")
    ACCEPTED = "accepted", _("Đã duyệt")
    RETURNED = "returned", _("Bị trả lại")


class Registration(BaseModel):
    """One person's or collective's pledge for a school year."""

    registration_list = models.ForeignKey(
        RegistrationList,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("Danh sách"),
    )
    # Copied from the list so that "one registration per subject and year" is a constraint.
    school_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Năm học"),
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="registrations",
        verbose_name=_("Cá nhân"),
    )
    collective = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collective_registrations",
        verbose_name=_("Tập thể"),
    )
    goals = models.TextField(_("Mục tiêu, chỉ tiêu phấn đấu"), blank=True)
    initiative_topic = models.CharField(
        _("Tên sáng kiến, đề tài đăng ký"), max_length=300, blank=True
    )
    status = models.CharField(
        _("Trạng thái"),
        max_length=10,
        choices=RegistrationStatus.choices,
        default=RegistrationStatus.DRAFT,
    )
    submitted_at = models.DateTimeField(_("Gửi lúc"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("Duyệt lúc"), null=True, blank=True)
    returned_at = models.DateTimeField(_("Trả lại lúc"), null=True, blank=True)
    return_reason = models.CharField(_("Lý do trả lại"), max_length=500, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người duyệt"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người lập"),
    )
    evidence = GenericRelation(
        "evidence.Evidence", content_type_field="target_type", object_id_field="target_id"
    )

    class Meta:
        ordering = ["registration_list", "collective__path", "person__sort_key", "id"]
        verbose_name = _("Đăng ký thi đua")
        verbose_name_plural = _("Đăng ký thi đua")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(collective__isnull=True))
                | (Q(person__isnull=True) & Q(collective__isnull=False)),
                name="registration_person_xor_collective",
            ),
            models.UniqueConstraint(
                fields=["person", "school_year"],
                condition=Q(person__isnull=False),
                name="one_registration_per_person_year",
            ),
            models.UniqueConstraint(
                fields=["collective", "school_year"],
                condition=Q(collective__isnull=False),
                name="one_registration_per_collective_year",
            ),
            models.CheckConstraint(
                condition=~Q(status="returned") | ~Q(return_reason=""),
                name="returned_registration_has_reason",
            ),
        ]
        indexes = [models.Index(fields=["school_year", "status"])]

    def __str__(self) -> str:
        return f"{self.person or self.collective} – {self.school_year_id}"

    @property
    def subject(self) -> object:
        return self.person or self.collective

    @property
    def subject_name(self) -> str:
        return str(self.person or self.collective)


class RegisteredTitle(models.Model):
    """A title or award form a registration aims at."""

    # CASCADE: the titles are lines of the registration.
    registration = models.ForeignKey(Registration, on_delete=models.CASCADE, related_name="titles")
    title = models.CharField(_("Danh hiệu, hình thức"), max_length=32, choices=AwardId.choices)

    class Meta:
        ordering = ["registration", "id"]
        verbose_name = _("Danh hiệu đăng ký")
        verbose_name_plural = _("Danh hiệu đăng ký")
        constraints = [
            models.UniqueConstraint(
                fields=["registration", "title"], name="unique_title_per_registration"
            )
        ]

    def __str__(self) -> str:
        return self.get_title_display()
