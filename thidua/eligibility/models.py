"""Stored verdicts: what the engine said, on which facts and under which law (§4, audit).

A council sees a verdict as of the day it was computed. Re-running after a data change
writes a new row — an ``EligibilityCheck`` is never updated or deleted, like a council's
minutes.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from thidua.achievements.catalog import AwardId
from thidua.core.models import BaseModel


class Outcome(models.TextChoices):
    """The engine's verdicts (rules.md), with the mark the pages show."""

    ELIGIBLE = "eligible", _("Đủ điều kiện")
    INELIGIBLE = "ineligible", _("Không đủ điều kiện")
    DEFERRED = "deferred", _("Tạm hoãn xét")
    INCOMPLETE = "incomplete", _("Thiếu dữ liệu")


class AppendOnlyError(Exception):
    """A stored check was about to be changed or removed."""


class EligibilityCheckQuerySet(models.QuerySet["EligibilityCheck"]):
    def update(self, **kwargs: Any) -> int:
        raise AppendOnlyError("Kết quả xét đã lưu không được sửa; hãy xét lại để lưu kết quả mới.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Kết quả xét đã lưu không được xóa.")


class EligibilityCheck(BaseModel):
    """One stored verdict on a title or award form for a person or a collective."""

    # PROTECT: a verdict keeps its subject; people and units are never deleted with history.
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="eligibility_checks",
        verbose_name=_("Cá nhân"),
    )
    collective = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="eligibility_checks",
        verbose_name=_("Tập thể"),
    )
    title = models.CharField(_("Danh hiệu, hình thức"), max_length=32, choices=AwardId.choices)
    school_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Năm học"),
    )
    evaluated_on = models.DateField(_("Ngày xét"))
    outcome = models.CharField(_("Kết quả"), max_length=12, choices=Outcome.choices)
    #: [{rule_id, outcome, message_vi, citations, missing?}, …] in the engine's order.
    findings = models.JSONField(_("Các điều kiện đã xét"), default=list)
    #: The complete input in the scenario format (Case.to_dict(): subject, proposal, cohort,
    #: council vote): running it again through ``thidua eligibility check`` gives the verdict.
    facts = models.JSONField(_("Dữ liệu đã dùng"), default=dict)
    parameters_hash = models.CharField(_("Mã bộ tham số pháp lý"), max_length=64)
    rules_version = models.CharField(_("Phiên bản bộ quy tắc"), max_length=20)
    cap = models.PositiveIntegerField(_("Giới hạn số lượng"), null=True, blank=True)
    # The unit where the person worked on the evaluation date (or the collective's parent):
    # whose leadership reads the check.
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đơn vị"),
    )
    # SET_NULL: keep the verdict when an account is removed; the name stays in run_by_name.
    run_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người xét"),
    )
    run_by_name = models.CharField(_("Người xét"), max_length=150, blank=True)
    run_at = models.DateTimeField(_("Thời điểm xét"), default=timezone.now)

    objects = EligibilityCheckQuerySet.as_manager()

    class Meta:
        ordering = ["-run_at", "-id"]
        verbose_name = _("Kết quả xét điều kiện")
        verbose_name_plural = _("Kết quả xét điều kiện")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(collective__isnull=True))
                | (Q(person__isnull=True) & Q(collective__isnull=False)),
                name="eligibility_check_person_xor_collective",
            ),
            models.CheckConstraint(
                condition=Q(outcome__in=[o.value for o in Outcome]),
                name="eligibility_check_known_outcome",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "school_year", "title"]),
            models.Index(fields=["collective", "school_year", "title"]),
            models.Index(fields=["unit", "school_year", "title"]),
        ]

    def __str__(self) -> str:
        subject = self.person or self.collective
        return f"{subject} – {self.get_title_display()} {self.school_year_id}: {self.get_outcome_display()}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        # Append-only by construction (like ballots and minutes): a verdict is a record of
        # what was computed, so it is written once.
        if not self._state.adding:
            raise AppendOnlyError(
                "Kết quả xét đã lưu không được sửa; hãy xét lại để lưu kết quả mới."
            )
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise AppendOnlyError("Kết quả xét đã lưu không được xóa.")

    @property
    def subject(self) -> Any:
        return self.person or self.collective

    @property
    def reasons(self) -> list[dict[str, Any]]:
        """The findings behind the outcome: the non-pass ones, or all when eligible."""
        if self.outcome == Outcome.ELIGIBLE:
            return list(self.findings)
        return [f for f in self.findings if f.get("outcome") != "pass"]
