"""Nomination rounds and proposals (đề nghị khen thưởng), with their dossier, public listing,
complaints and submissions up the hierarchy (M3–M5, E6, G1, L3).

A proposal always knows who holds it now (`holder`) and keeps its full processing history
(`ProposalEvent`): every send, return, deferral, vote and decision, with the reason.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.achievements.catalog import AwardId
from thidua.core.models import BaseModel


class RoundKind(models.TextChoices):
    SEMESTER_REVIEW = "semester_review", _("Sơ kết học kỳ")
    YEAR_END = "year_end", _("Tổng kết năm học")
    MIDTERM = "midterm", _("Sơ kết phong trào")
    FINAL = "final", _("Tổng kết phong trào")
    YEARLY_TITLES = "yearly_titles", _("Xét danh hiệu thi đua năm học")
    LIFELONG_LEARNING_WEEK = "lifelong_learning_week", _("Tuần lễ hưởng ứng học tập suốt đời")
    RECEIVING = "receiving", _("Xét đề nghị của các đơn vị trực thuộc")
    OTHER = "other", _("Đợt khác")


class RoundStatus(models.TextChoices):
    OPEN = "open", _("Đang nhận đề nghị")
    LISTING = "listing", _("Đang công khai danh sách")
    COUNCIL = "council", _("Hội đồng xét")
    DECIDED = "decided", _("Đã quyết định")


class NominationRound(BaseModel):
    """An office or school's round of proposals: its deadline and the awards it covers."""

    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="nomination_rounds",
        verbose_name=_("Đơn vị"),
    )
    school_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Năm học"),
    )
    title = models.CharField(_("Tên đợt"), max_length=300)
    kind = models.CharField(_("Loại đợt"), max_length=24, choices=RoundKind.choices)
    movement = models.ForeignKey(
        "movements.Movement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="nomination_rounds",
        verbose_name=_("Phong trào"),
    )
    awards = models.JSONField(_("Danh hiệu, hình thức được xét"), default=list)
    deadline = models.DateTimeField(_("Hạn gửi đề nghị"))
    requires_evidence = models.BooleanField(_("Bắt buộc có minh chứng"), default=True)
    listing_days = models.PositiveSmallIntegerField(_("Số ngày công khai"), default=5)
    listing_started_at = models.DateTimeField(null=True, blank=True)
    listing_ends_at = models.DateTimeField(null=True, blank=True)
    # A local or sector rule may cap CSTĐCS as a share of LĐTT (R-CSTDCS-2); empty: the law's
    # dated parameter applies (0.15 before 2024, none after).
    cap_share = models.DecimalField(
        _("Tỷ lệ CSTĐCS tối đa trên số LĐTT (quy định của đơn vị)"),
        max_digits=4,
        decimal_places=3,
        null=True,
        blank=True,
    )
    cap_basis = models.CharField(_("Căn cứ quy định tỷ lệ"), max_length=300, blank=True)
    status = models.CharField(
        _("Trạng thái"), max_length=10, choices=RoundStatus.choices, default=RoundStatus.OPEN
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-school_year", "-deadline"]
        verbose_name = _("Đợt xét khen thưởng")
        verbose_name_plural = _("Đợt xét khen thưởng")

    def __str__(self) -> str:
        return self.title


class ProposalStatus(models.TextChoices):
    PROPOSED = "proposed", _("Đã đề nghị")
    REFUSED = "refused", _("Không đủ điều kiện")
    DEFERRED = "deferred", _("Tạm hoãn xét")
    RETURNED = "returned", _("Bị trả lại để bổ sung")
    IN_COUNCIL = "in_council", _("Hội đồng đang xét")
    PASSED = "passed", _("Hội đồng đề nghị khen thưởng")
    NOT_PASSED = "not_passed", _("Hội đồng không đề nghị")
    OVER_CAP = "over_cap", _("Vượt tỷ lệ cho phép")
    FORWARDED = "forwarded", _("Đã trình cấp trên")
    AWARDED = "awarded", _("Đã có quyết định khen thưởng")
    WITHDRAWN = "withdrawn", _("Đã rút")


# States in which the proposal still competes in its round.
ACTIVE_STATUSES = [
    ProposalStatus.PROPOSED,
    ProposalStatus.DEFERRED,
    ProposalStatus.RETURNED,
    ProposalStatus.IN_COUNCIL,
    ProposalStatus.PASSED,
]
# States in which a reviewer may send the proposal back to its proposer to fix.
RETURNABLE_STATUSES = [ProposalStatus.PROPOSED, ProposalStatus.IN_COUNCIL]


class Proposal(BaseModel):
    """A person or a collective proposed for one title or award form in a round."""

    round = models.ForeignKey(
        NominationRound,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("Đợt xét"),
    )
    origin = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="forwarded_copies",
        verbose_name=_("Đề nghị của đơn vị cấp dưới"),
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("Cá nhân"),
    )
    collective = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("Tập thể"),
    )
    award = models.CharField(
        _("Danh hiệu, hình thức đề nghị"), max_length=32, choices=AwardId.choices
    )
    achievement = models.ForeignKey(
        "achievements.Achievement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="proposals",
        verbose_name=_("Thành tích"),
    )
    summary = models.TextField(_("Tóm tắt thành tích"))
    period_from = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Thành tích từ năm học"),
    )
    period_to = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đến năm học"),
    )
    status = models.CharField(
        _("Trạng thái"),
        max_length=12,
        choices=ProposalStatus.choices,
        default=ProposalStatus.PROPOSED,
        db_index=True,
    )
    holder = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Đang xử lý tại")
    )
    holder_note = models.CharField(_("Người, bộ phận đang xử lý"), max_length=200, blank=True)
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người đề nghị"),
    )
    proposer_role = models.CharField(_("Đề nghị với tư cách"), max_length=100, blank=True)
    verdict = models.JSONField(_("Kết quả xét điều kiện khi đề nghị"), default=dict, blank=True)
    # The stored check behind the frozen verdict (append-only in the eligibility app).
    eligibility_check = models.ForeignKey(
        "eligibility.EligibilityCheck",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Lần xét điều kiện"),
    )
    return_reason = models.TextField(_("Lý do trả lại"), blank=True)
    council_note = models.CharField(_("Kết quả hội đồng"), max_length=300, blank=True)
    submission = models.ForeignKey(
        "Submission",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="proposals",
        verbose_name=_("Tờ trình"),
    )

    class Meta:
        ordering = ["round", "award", "created_at"]
        verbose_name = _("Đề nghị khen thưởng")
        verbose_name_plural = _("Đề nghị khen thưởng")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(collective__isnull=True))
                | (Q(person__isnull=True) & Q(collective__isnull=False)),
                name="proposal_person_xor_collective",
            ),
        ]
        indexes = [models.Index(fields=["round", "status"])]

    def __str__(self) -> str:
        return f"{self.subject_name} – {self.get_award_display()}"

    @property
    def subject_name(self) -> str:
        return str(self.person or self.collective)

    @property
    def period_label(self) -> str:
        if self.period_from_id == self.period_to_id:
            return f"năm học {self.period_from_id}"
        return f"các năm học {self.period_from_id} đến {self.period_to_id}"


class ProposalEvent(models.Model):
    """One step of a proposal's processing history. Never deleted."""

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    actor_name = models.CharField(max_length=200, blank=True)
    action = models.CharField(max_length=200)
    status_from = models.CharField(max_length=12, blank=True)
    status_to = models.CharField(max_length=12, blank=True)
    holder = models.ForeignKey("org.Unit", null=True, on_delete=models.PROTECT, related_name="+")
    note = models.TextField(blank=True)

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("Quá trình xử lý")
        verbose_name_plural = _("Quá trình xử lý")

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.action}"


class ComplaintStatus(models.TextChoices):
    OPEN = "open", _("Đang xem xét")
    RESOLVED = "resolved", _("Đã trả lời")


class Complaint(BaseModel):
    """An objection raised during the public listing; it defers the proposal until answered."""

    proposal = models.ForeignKey(Proposal, on_delete=models.PROTECT, related_name="complaints")
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    text = models.TextField(_("Nội dung phản ánh"))
    status = models.CharField(
        max_length=10, choices=ComplaintStatus.choices, default=ComplaintStatus.OPEN
    )
    pending_matter = models.ForeignKey(
        "people.PendingMatter", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    answer = models.TextField(_("Trả lời"), blank=True)
    upheld = models.BooleanField(_("Phản ánh đúng"), default=False)
    resolved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    resolved_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Phản ánh")
        verbose_name_plural = _("Phản ánh")

    def __str__(self) -> str:
        return f"Phản ánh về {self.proposal}"


class SubmissionStatus(models.TextChoices):
    SUBMITTED = "submitted", _("Đã trình, chờ cấp trên tiếp nhận")
    RECEIVED = "received", _("Cấp trên đã tiếp nhận")
    RETURNED = "returned", _("Cấp trên trả lại")
    DECIDED = "decided", _("Cấp trên đã quyết định")


class Submission(BaseModel):
    """A cover letter (tờ trình) sending proposals beyond a unit's authority upwards."""

    from_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị trình")
    )
    to_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="incoming_submissions",
        verbose_name=_("Trình lên"),
    )
    source_round = models.ForeignKey(
        NominationRound, on_delete=models.PROTECT, related_name="submissions"
    )
    receiving_round = models.ForeignKey(
        NominationRound, null=True, blank=True, on_delete=models.PROTECT, related_name="received"
    )
    number = models.CharField(_("Số tờ trình"), max_length=60)
    signed_on = models.DateField(_("Ngày tờ trình"))
    signer_name = models.CharField(_("Người ký"), max_length=150)
    signer_title = models.CharField(_("Chức vụ người ký"), max_length=100)
    status = models.CharField(
        max_length=10, choices=SubmissionStatus.choices, default=SubmissionStatus.SUBMITTED
    )
    return_reason = models.TextField(blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-signed_on", "-id"]
        verbose_name = _("Tờ trình đề nghị khen thưởng")
        verbose_name_plural = _("Tờ trình đề nghị khen thưởng")

    def __str__(self) -> str:
        return f"Tờ trình số {self.number}"


class DecisionAuthority(BaseModel):
    """Which awards a unit decides itself (configurable per unit, R-FMT/§4 of rules.md);
    anything else goes up as a submission."""

    unit = models.ForeignKey("org.Unit", on_delete=models.CASCADE, related_name="+")
    award = models.CharField(max_length=32, choices=AwardId.choices)
    decides = models.BooleanField(default=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit", "award"], name="one_authority_per_unit_award")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.award}"
