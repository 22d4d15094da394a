"""Achievements, initiatives, research projects and the award history (titles and forms).

`AwardRecord` is THE history of titles and award forms held by a person or a collective:
entered by hand, imported from Excel for past years, or written by the decisions module
through `award_record_create`. A revoked award stays in the history with its reason
(R-GEN-4 a–d) and the revoking decision; it never counts again.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.contenttypes.fields import GenericRelation
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel

from .catalog import ANNUAL_TITLES, AwardId, short_label


class Scope(models.TextChoices):
    """The scope at which an initiative, a project or an achievement is recognised."""

    CO_SO = "co_so", _("Cấp cơ sở")
    CAP_TINH = "cap_tinh", _("Cấp bộ, ngành, tỉnh (thành phố)")
    TOAN_QUOC = "toan_quoc", _("Toàn quốc")


class AchievementKind(models.TextChoices):
    MOVEMENT = "movement", _("Thành tích trong phong trào thi đua")
    SUDDEN = "sudden", _("Thành tích đột xuất")
    OTHER = "other", _("Thành tích khác")


class AuthorityLevel(models.TextChoices):
    """Cấp quyết định khen thưởng."""

    SCHOOL = "school", _("Thủ trưởng đơn vị (trường)")
    DISTRICT = "district", _("Cấp huyện, quận (UBND, Phòng GD&ĐT)")
    PROVINCE = "province", _("Cấp tỉnh, thành phố, Sở")
    MINISTRY = "ministry", _("Bộ, ngành trung ương")
    GOVERNMENT = "government", _("Thủ tướng Chính phủ")
    STATE = "state", _("Chủ tịch nước")


class AwardSource(models.TextChoices):
    ENTERED = "entered", _("Nhập trên hệ thống")
    IMPORTED = "imported", _("Nhập lịch sử từ Excel")
    DECISION = "decision", _("Từ quyết định khen thưởng")


class RevocationReason(models.TextChoices):
    """R-GEN-4: grounds for revoking a decision (Law 2022 Chapter VII)."""

    FALSE_DECLARATION = "a", _("a) Khai man thành tích")
    FORGED_DOSSIER = "b", _("b) Cung cấp thông tin sai, giả mạo hồ sơ")
    UNLAWFUL_PROCESS = "c", _("c) Thẩm định, xét duyệt, đề nghị trái pháp luật")
    LATER_VIOLATION = (
        "d",
        _("d) Có vi phạm trong thời gian lập thành tích, không còn đủ tiêu chuẩn"),
    )


def _one_subject(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(Q(person__isnull=False) & Q(collective__isnull=True))
        | (Q(person__isnull=True) & Q(collective__isnull=False)),
        name=f"{prefix}_person_xor_collective",
    )


def _person_fk(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name=_("Cá nhân"),
    )


def _collective_fk(related_name: str) -> models.ForeignKey:
    return models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
        verbose_name=_("Tập thể"),
    )


def _unit_fk() -> models.ForeignKey:
    return models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đơn vị công tác"),
    )


def _entered_by() -> models.ForeignKey:
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người nhập"),
    )


def _evidence() -> GenericRelation:
    return GenericRelation(
        "evidence.Evidence", content_type_field="target_type", object_id_field="target_id"
    )


class Achievement(BaseModel):
    """Something achieved by a person or a collective, in a period, at a scope."""

    person = _person_fk("achievements")
    collective = _collective_fk("collective_achievements")
    title = models.CharField(_("Thành tích"), max_length=300)
    description = models.TextField(_("Mô tả"), blank=True)
    kind = models.CharField(
        _("Loại thành tích"),
        max_length=10,
        choices=AchievementKind.choices,
        default=AchievementKind.MOVEMENT,
    )
    scope = models.CharField(
        _("Phạm vi, cấp độ"), max_length=10, choices=Scope.choices, default=Scope.CO_SO
    )
    school_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Năm học"),
    )
    period_start = models.DateField(_("Từ ngày"), null=True, blank=True)
    period_end = models.DateField(_("Đến ngày"), null=True, blank=True)
    recognised_by = models.CharField(_("Được ghi nhận bởi"), max_length=200, blank=True)
    movement = models.ForeignKey(
        "movements.Movement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="achievements",
        verbose_name=_("Phong trào"),
    )
    criterion = models.ForeignKey(
        "movements.Criterion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="achievements",
        verbose_name=_("Tiêu chí"),
    )
    unit = _unit_fk()
    entered_by = _entered_by()
    evidence = _evidence()

    class Meta:
        ordering = ["-school_year_id", "-id"]
        verbose_name = _("Thành tích")
        verbose_name_plural = _("Thành tích")
        constraints = [
            _one_subject("achievement"),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True)
                | Q(period_start__isnull=True)
                | Q(period_end__gte=models.F("period_start")),
                name="achievement_period_in_order",
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def ref(self) -> str:
        """The achievement id used by the rules (R-GEN-1 "one achievement, one form")."""
        return f"A{self.pk}"


class Initiative(BaseModel):
    """A sáng kiến, recognised (or not yet) by an initiative council at a scope."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="initiatives",
        verbose_name=_("Tác giả"),
    )
    title = models.CharField(_("Tên sáng kiến"), max_length=300)
    subject_area = models.CharField(_("Lĩnh vực, môn"), max_length=120, blank=True)
    coauthors = models.CharField(_("Đồng tác giả"), max_length=300, blank=True)
    school_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Năm học"),
    )
    scope = models.CharField(
        _("Phạm vi công nhận"), max_length=10, choices=Scope.choices, default=Scope.CO_SO
    )
    is_recognised = models.BooleanField(_("Đã được công nhận"), default=True)
    recognised_by = models.CharField(_("Cơ quan công nhận"), max_length=200, blank=True)
    decision_number = models.CharField(_("Số quyết định công nhận"), max_length=60, blank=True)
    recognised_on = models.DateField(_("Ngày công nhận"), null=True, blank=True)
    unit = _unit_fk()
    entered_by = _entered_by()
    evidence = _evidence()

    class Meta:
        ordering = ["-school_year_id", "-id"]
        verbose_name = _("Sáng kiến")
        verbose_name_plural = _("Sáng kiến")
        indexes = [models.Index(fields=["person", "school_year"])]

    def __str__(self) -> str:
        return self.title


class ResearchProject(BaseModel):
    """A scientific topic or S&T project; it counts for titles only once accepted."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="research_projects",
        verbose_name=_("Chủ nhiệm đề tài"),
    )
    title = models.CharField(_("Tên đề tài"), max_length=300)
    school_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Năm học"),
    )
    scope = models.CharField(
        _("Cấp đề tài"), max_length=10, choices=Scope.choices, default=Scope.CO_SO
    )
    is_accepted = models.BooleanField(_("Đã nghiệm thu"), default=False)
    accepted_on = models.DateField(_("Ngày nghiệm thu"), null=True, blank=True)
    recognised_by = models.CharField(_("Cơ quan nghiệm thu"), max_length=200, blank=True)
    unit = _unit_fk()
    entered_by = _entered_by()
    evidence = _evidence()

    class Meta:
        ordering = ["-school_year_id", "-id"]
        verbose_name = _("Đề tài nghiên cứu khoa học")
        verbose_name_plural = _("Đề tài nghiên cứu khoa học")

    def __str__(self) -> str:
        return self.title


class AwardRecord(BaseModel):
    """A title or award form held by a person or a collective (granted, imported, revoked)."""

    person = _person_fk("award_records")
    collective = _collective_fk("collective_award_records")
    award = models.CharField(_("Danh hiệu, hình thức"), max_length=32, choices=AwardId.choices)
    # The achievement period written in the decision (R-GEN-9): one school year for a
    # yearly title, several for e.g. a Bằng khen "năm học 2021-2022 và 2022-2023".
    period_from = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Thành tích từ năm học"),
    )
    period_to = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đến năm học"),
    )
    decision_number = models.CharField(_("Số quyết định"), max_length=60, blank=True)
    decided_on = models.DateField(_("Ngày quyết định"), null=True, blank=True)
    issued_by = models.CharField(_("Cơ quan, người quyết định"), max_length=200, blank=True)
    authority_level = models.CharField(
        _("Cấp quyết định"), max_length=12, choices=AuthorityLevel.choices, blank=True
    )
    is_campaign = models.BooleanField(
        _("Khen thưởng theo đợt, chuyên đề"),
        default=False,
        help_text=_("Không tính làm điều kiện, tiêu chuẩn đề nghị khen thưởng cấp Nhà nước."),
    )
    achievement = models.ForeignKey(
        Achievement,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("Thành tích được khen"),
    )
    movement = models.ForeignKey(
        "movements.Movement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="awards",
        verbose_name=_("Phong trào"),
    )
    source = models.CharField(
        _("Nguồn"), max_length=10, choices=AwardSource.choices, default=AwardSource.ENTERED
    )
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    unit = _unit_fk()
    entered_by = _entered_by()
    # Revocation (R-GEN-4): the record stays, marked with its reason and decision.
    revoked_on = models.DateField(_("Ngày hủy bỏ"), null=True, blank=True)
    revocation_reason = models.CharField(
        _("Lý do hủy bỏ"), max_length=1, choices=RevocationReason.choices, blank=True
    )
    revocation_decision = models.CharField(_("Quyết định hủy bỏ"), max_length=100, blank=True)
    revocation_note = models.CharField(_("Nội dung hủy bỏ"), max_length=500, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người ghi nhận hủy bỏ"),
    )
    evidence = _evidence()

    class Meta:
        ordering = ["-period_to_id", "-decided_on", "-id"]
        verbose_name = _("Danh hiệu, khen thưởng")
        verbose_name_plural = _("Danh hiệu, khen thưởng")
        constraints = [
            _one_subject("award_record"),
            models.CheckConstraint(
                condition=Q(period_from__isnull=True)
                | Q(period_to__isnull=True)
                | Q(period_to__gte=models.F("period_from")),
                name="award_period_in_order",
            ),
            models.CheckConstraint(
                condition=Q(decided_on__isnull=False) | Q(period_to__isnull=False),
                name="award_has_date_or_period",
            ),
            models.CheckConstraint(
                condition=Q(revoked_on__isnull=True) | ~Q(revocation_reason=""),
                name="award_revocation_has_reason",
            ),
            # A yearly title is held at most once per subject and year.
            models.UniqueConstraint(
                fields=["person", "award", "period_to"],
                condition=Q(person__isnull=False)
                & Q(revoked_on__isnull=True)
                & Q(award__in=sorted(ANNUAL_TITLES)),
                name="one_title_per_person_year",
            ),
            models.UniqueConstraint(
                fields=["collective", "award", "period_to"],
                condition=Q(collective__isnull=False)
                & Q(revoked_on__isnull=True)
                & Q(award__in=sorted(ANNUAL_TITLES)),
                name="one_title_per_collective_year",
            ),
            # R-GEN-1: one achievement backs at most one (unrevoked) award.
            models.UniqueConstraint(
                fields=["achievement"],
                condition=Q(achievement__isnull=False) & Q(revoked_on__isnull=True),
                name="one_award_per_achievement",
            ),
        ]
        indexes = [
            models.Index(fields=["person", "period_to"]),
            models.Index(fields=["collective", "period_to"]),
        ]

    def __str__(self) -> str:
        subject = self.person or self.collective
        return f"{subject} – {short_label(self.award)} {self.period_label}".strip()

    @property
    def is_revoked(self) -> bool:
        return self.revoked_on is not None

    @property
    def is_title(self) -> bool:
        return self.award in ANNUAL_TITLES

    @property
    def short(self) -> str:
        return short_label(self.award)

    @property
    def period_label(self) -> str:
        if not self.period_to_id:
            return ""
        if self.period_from_id and self.period_from_id != self.period_to_id:
            return f"{self.period_from_id} – {self.period_to_id}"
        return str(self.period_to_id)

    @property
    def period_codes(self) -> list[str]:
        """Every school year of the achievement period, oldest first."""
        if not self.period_to_id:
            return []
        last = int(self.period_to_id[:4])
        first = int((self.period_from_id or self.period_to_id)[:4])
        return [f"{y}-{y + 1}" for y in range(first, last + 1)]


class RecordImportKind(models.TextChoices):
    AWARD_HISTORY = "award_history", _("Lịch sử danh hiệu, khen thưởng")
    RATINGS = "ratings", _("Kết quả xếp loại hằng năm")
    REGISTRATIONS = "registrations", _("Danh sách đăng ký thi đua")


class RecordImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Đã kiểm tra, chờ xác nhận")
    REJECTED = "rejected", _("Có lỗi, chưa nhập")
    APPLIED = "applied", _("Đã nhập")


class RecordImport(BaseModel):
    """An uploaded Excel list of past records: previewed, then applied all-or-nothing."""

    kind = models.CharField(_("Loại danh sách"), max_length=16, choices=RecordImportKind.choices)
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
    file = models.FileField(_("Tệp"), upload_to="record-imports/%Y/%m/")
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    status = models.CharField(
        _("Trạng thái"),
        max_length=10,
        choices=RecordImportStatus.choices,
        default=RecordImportStatus.PREVIEWED,
    )
    summary = models.JSONField(_("Kết quả"), default=dict, blank=True)
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
        verbose_name = _("Lần nhập hồ sơ thi đua")
        verbose_name_plural = _("Lần nhập hồ sơ thi đua")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} – {self.original_name}"
