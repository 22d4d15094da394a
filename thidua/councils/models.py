"""The unit's Emulation & Commendation Council (Hội đồng TĐKT) and its voting sessions.

Each proposal before a session gets its own secret yes/no ballot in the generic ballot engine;
the result is counted over ALL members of the council (NĐ 98/2023 Art. 30 cl. 7), absent
members' written opinions included, recused members excluded for the proposal they are
concerned by.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel


class Council(BaseModel):
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="councils", verbose_name=_("Đơn vị")
    )
    name = models.CharField(_("Tên hội đồng"), max_length=200)
    established_by = models.CharField(_("Quyết định thành lập"), max_length=200, blank=True)
    is_active = models.BooleanField(_("Đang hoạt động"), default=True)

    class Meta:
        ordering = ["unit", "-is_active", "name"]
        verbose_name = _("Hội đồng Thi đua – Khen thưởng")
        verbose_name_plural = _("Hội đồng Thi đua – Khen thưởng")

    def __str__(self) -> str:
        return self.name


class MemberRole(models.TextChoices):
    CHAIR = "chair", _("Chủ tịch Hội đồng")
    VICE_CHAIR = "vice_chair", _("Phó Chủ tịch Hội đồng")
    SECRETARY = "secretary", _("Thư ký Hội đồng")
    MEMBER = "member", _("Ủy viên")


class CouncilMember(BaseModel):
    council = models.ForeignKey(Council, on_delete=models.CASCADE, related_name="members")
    # PROTECT: a member's votes and minutes stay attributable.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="council_seats",
        verbose_name=_("Thành viên"),
    )
    role = models.CharField(
        _("Vai trò"), max_length=10, choices=MemberRole.choices, default=MemberRole.MEMBER
    )
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["council", "position", "id"]
        verbose_name = _("Thành viên hội đồng")
        verbose_name_plural = _("Thành viên hội đồng")
        constraints = [
            models.UniqueConstraint(fields=["council", "user"], name="one_seat_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} – {self.get_role_display()}"


class SessionStatus(models.TextChoices):
    PLANNED = "planned", _("Đã lên lịch")
    CONVENED = "convened", _("Đã điểm danh, đủ số lượng")
    VOTING = "voting", _("Đang bỏ phiếu kín")
    TALLIED = "tallied", _("Đã kiểm phiếu")


class CouncilSession(BaseModel):
    council = models.ForeignKey(Council, on_delete=models.PROTECT, related_name="sessions")
    round = models.ForeignKey(
        "nominations.NominationRound",
        on_delete=models.PROTECT,
        related_name="council_sessions",
        verbose_name=_("Đợt xét"),
    )
    held_at = models.DateTimeField(_("Thời gian họp"))
    place = models.CharField(_("Địa điểm"), max_length=200)
    status = models.CharField(
        max_length=10, choices=SessionStatus.choices, default=SessionStatus.PLANNED
    )
    member_count = models.PositiveSmallIntegerField(default=0)
    present_count = models.PositiveSmallIntegerField(default=0)
    quorum = models.PositiveSmallIntegerField(default=0)
    cap = models.IntegerField(null=True, blank=True)
    cap_note = models.CharField(max_length=300, blank=True)
    convened_at = models.DateTimeField(null=True, blank=True)
    tallied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-held_at"]
        verbose_name = _("Phiên họp hội đồng")
        verbose_name_plural = _("Phiên họp hội đồng")

    def __str__(self) -> str:
        return f"{self.council} – {self.held_at:%d/%m/%Y}"


class Attendance(models.Model):
    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="attendance")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    present = models.BooleanField(default=False)
    # An absent member's written opinion, per proposal: {"<proposal id>": "yes" | "no"}.
    written = models.JSONField(default=dict, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "member"], name="one_attendance_per_member")
        ]

    def __str__(self) -> str:
        return f"{self.member} ({'có mặt' if self.present else 'vắng'})"


class RecusalReason(models.TextChoices):
    CANDIDATE = "candidate", _("Là người được đề nghị")
    RELATIVE = "relative", _("Là người thân của người được đề nghị")


class Recusal(models.Model):
    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="recusals")
    member = models.ForeignKey(CouncilMember, on_delete=models.PROTECT, related_name="+")
    proposal = models.ForeignKey("nominations.Proposal", on_delete=models.PROTECT, related_name="+")
    reason = models.CharField(max_length=10, choices=RecusalReason.choices)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["session", "member", "proposal"], name="one_recusal")
        ]

    def __str__(self) -> str:
        return f"{self.member} – {self.get_reason_display()}"


class ItemOutcome(models.TextChoices):
    PASSED = "passed", _("Đạt")
    NOT_PASSED = "not_passed", _("Không đạt")
    OVER_CAP = "over_cap", _("Vượt tỷ lệ cho phép")


class SessionItem(models.Model):
    """One proposal on the session's agenda and the result of its secret ballot."""

    session = models.ForeignKey(CouncilSession, on_delete=models.CASCADE, related_name="items")
    proposal = models.ForeignKey(
        "nominations.Proposal", on_delete=models.PROTECT, related_name="council_items"
    )
    election = models.OneToOneField(
        "ballots.Election",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="council_item",
    )
    position = models.PositiveSmallIntegerField(default=0)
    yes = models.PositiveSmallIntegerField(default=0)
    no = models.PositiveSmallIntegerField(default=0)
    written_yes = models.PositiveSmallIntegerField(default=0)
    written_no = models.PositiveSmallIntegerField(default=0)
    members_counted = models.PositiveSmallIntegerField(default=0)
    share = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)
    threshold = models.DecimalField(max_digits=6, decimal_places=4, null=True, blank=True)
    outcome = models.CharField(max_length=10, choices=ItemOutcome.choices, blank=True)
    rank = models.PositiveSmallIntegerField(null=True, blank=True)
    note = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["session", "position"]
        constraints = [
            models.UniqueConstraint(fields=["session", "proposal"], name="one_item_per_proposal")
        ]

    def __str__(self) -> str:
        return str(self.proposal)
