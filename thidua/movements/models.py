"""Emulation movements (phong trào thi đua): plan, phases, criteria, targets, adoptions.

A movement is launched by a unit (city department, district office or school). Launching
cascades it to the units below, each of which adopts it and may add its own criteria. The
year's theme, the sector's standing movements and emulation works (công trình thi đua) are
movements too, told apart by `kind`. The plan fields that feed statistics form 0601
(TT 02/2023/TT-BNV) are stored as choices: scope, duration, method and award timing.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel


class MovementKind(models.TextChoices):
    STANDING = "standing", _("Phong trào thi đua thường xuyên")
    PERIODIC = "periodic", _("Phong trào thi đua theo đợt, giai đoạn")
    CAMPAIGN = "campaign", _("Đợt thi đua theo chuyên đề")
    THEME = "theme", _("Chủ đề thi đua năm học")
    EMULATION_WORK = "emulation_work", _("Công trình thi đua")


class MovementScope(models.TextChoices):
    """Phạm vi áp dụng (form 0601 rows 02–05)."""

    NATIONAL = "national", _("Toàn quốc")
    SECTOR_LOCAL = "sector_local", _("Bộ, ngành, địa phương")
    CLUSTER = "cluster", _("Cụm, khối thi đua")
    UNIT = "unit", _("Cơ quan, đơn vị")


class MovementDuration(models.TextChoices):
    """Thời hạn thi đua (form 0601 rows 06–10), computed from the period."""

    UNDER_1 = "under_1", _("Dưới 1 năm")
    ONE = "one", _("1 năm")
    FROM_1_TO_3 = "from_1_to_3", _("Từ 1 năm đến dưới 3 năm")
    FROM_3_TO_5 = "from_3_to_5", _("Từ 3 năm đến dưới 5 năm")
    FIVE_PLUS = "five_plus", _("Từ 5 năm trở lên")


class MovementMethod(models.TextChoices):
    """Phương thức tổ chức (form 0601 rows 11–12)."""

    THEMATIC = "thematic", _("Theo chuyên đề")
    REGULAR_ANNUAL = "regular_annual", _("Thường xuyên hằng năm")


class AwardTiming(models.TextChoices):
    AT_END = "at_end", _("Khi kết thúc phong trào")
    IN_STAGES = "in_stages", _("Nhiều đợt (sơ kết, tổng kết)")


class MovementStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    LAUNCHED = "launched", _("Đã phát động, chưa bắt đầu")
    ACCEPTING = "accepting", _("Đang triển khai, nhận đăng ký và hồ sơ")
    UNDER_REVIEW = "under_review", _("Đang xét khen thưởng")
    CLOSED = "closed", _("Đã kết thúc")


class Participant(models.TextChoices):
    """Who takes part: collectives by unit type, individuals by position, students."""

    SCHOOL = "school", _("Tập thể trường, cơ quan")
    SUBJECT_DEPARTMENT = "subject_department", _("Tổ chuyên môn")
    OFFICE_TEAM = "office_team", _("Tổ văn phòng")
    MANAGER = "manager", _("Cán bộ quản lý")
    TEACHER = "teacher", _("Giáo viên")
    STAFF = "staff", _("Nhân viên")
    STUDENT = "student", _("Học sinh")


COLLECTIVE_PARTICIPANTS = frozenset(
    {Participant.SCHOOL, Participant.SUBJECT_DEPARTMENT, Participant.OFFICE_TEAM}
)


class Movement(BaseModel):
    """A movement with its plan, launched by `unit`."""

    # PROTECT: a unit's movements are part of its history.
    unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="movements",
        verbose_name=_("Đơn vị phát động"),
    )
    # A lower unit's own plan that carries out an upper unit's movement (maphongtraotd_coso).
    parent = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
        verbose_name=_("Thực hiện phong trào của cấp trên"),
    )
    kind = models.CharField(_("Loại"), max_length=16, choices=MovementKind.choices)
    name = models.CharField(_("Tên phong trào"), max_length=300)
    slogan = models.CharField(_("Khẩu hiệu, chủ đề"), max_length=300, blank=True)
    plan_number = models.CharField(
        _("Số kế hoạch, quyết định phát động"), max_length=60, blank=True
    )
    plan_date = models.DateField(_("Ngày ban hành kế hoạch"), null=True, blank=True)
    purpose = models.TextField(_("Mục đích"), blank=True)
    requirements = models.TextField(_("Yêu cầu"), blank=True)
    content = models.TextField(_("Nội dung thi đua"), blank=True)
    legal_bases = models.TextField(
        _("Căn cứ pháp lý"), blank=True, help_text=_("Mỗi văn bản một dòng.")
    )
    planned_awards = models.TextField(
        _("Hình thức khen thưởng dự kiến"), blank=True, help_text=_("Mỗi hình thức một dòng.")
    )
    start_on = models.DateField(_("Bắt đầu"))
    end_on = models.DateField(_("Kết thúc"))
    school_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Năm học"),
        help_text=_("Với chủ đề năm học hoặc phong trào của một năm học."),
    )
    participants = models.JSONField(_("Đối tượng tham gia"), default=list, blank=True)
    scope = models.CharField(
        _("Phạm vi"), max_length=16, choices=MovementScope.choices, default=MovementScope.UNIT
    )
    duration = models.CharField(
        _("Thời hạn thi đua"), max_length=16, choices=MovementDuration.choices, editable=False
    )
    method = models.CharField(
        _("Phương thức tổ chức"),
        max_length=16,
        choices=MovementMethod.choices,
        default=MovementMethod.REGULAR_ANNUAL,
    )
    award_timing = models.CharField(
        _("Đợt xét khen thưởng"),
        max_length=10,
        choices=AwardTiming.choices,
        default=AwardTiming.AT_END,
    )
    # Glossary: awards of a thematic campaign do not count towards State-level awards.
    is_campaign = models.BooleanField(
        _("Khen thưởng theo đợt, chuyên đề"),
        default=False,
        help_text=_(
            "Khen thưởng theo đợt, chuyên đề không tính làm điều kiện khen thưởng cấp Nhà nước."
        ),
    )
    status = models.CharField(
        _("Trạng thái"),
        max_length=16,
        choices=MovementStatus.choices,
        default=MovementStatus.DRAFT,
    )
    launched_at = models.DateTimeField(_("Phát động lúc"), null=True, blank=True)
    accepting_at = models.DateTimeField(_("Bắt đầu triển khai lúc"), null=True, blank=True)
    review_started_at = models.DateTimeField(
        _("Bắt đầu xét khen thưởng lúc"), null=True, blank=True
    )
    closed_at = models.DateTimeField(_("Kết thúc lúc"), null=True, blank=True)
    reopened_at = models.DateTimeField(_("Mở lại lúc"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người tạo"),
    )

    class Meta:
        ordering = ["-start_on", "-id"]
        verbose_name = _("Phong trào thi đua")
        verbose_name_plural = _("Phong trào thi đua")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__gte=models.F("start_on")), name="movement_period_in_order"
            )
        ]
        indexes = [models.Index(fields=["unit", "status"])]

    def __str__(self) -> str:
        return self.name

    @property
    def legal_basis_list(self) -> list[str]:
        return [line.strip(" -•\t") for line in self.legal_bases.splitlines() if line.strip()]

    @property
    def planned_award_list(self) -> list[str]:
        return [line.strip(" -•+\t") for line in self.planned_awards.splitlines() if line.strip()]

    @property
    def participant_labels(self) -> list[str]:
        labels = dict(Participant.choices)
        return [str(labels.get(p, p)) for p in self.participants]


class MovementStatusChange(models.Model):
    """Every status change of a movement, with the reason (mandatory to re-open)."""

    # CASCADE: the log is part of the movement.
    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="status_changes")
    from_status = models.CharField(max_length=16, choices=MovementStatus.choices)
    to_status = models.CharField(max_length=16, choices=MovementStatus.choices)
    reason = models.CharField(_("Lý do"), max_length=500, blank=True)
    at = models.DateTimeField(auto_now_add=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["at", "id"]
        verbose_name = _("Thay đổi trạng thái phong trào")
        verbose_name_plural = _("Thay đổi trạng thái phong trào")

    def __str__(self) -> str:
        return f"{self.movement}: {self.from_status} → {self.to_status}"


class PhaseKind(models.TextChoices):
    LAUNCH = "launch", _("Phát động, đăng ký thi đua")
    IMPLEMENTATION = "implementation", _("Triển khai thực hiện")
    MID_TERM_REVIEW = "mid_term_review", _("Sơ kết")
    FINAL_REVIEW = "final_review", _("Tổng kết")
    AWARD = "award", _("Xét khen thưởng")
    OTHER = "other", _("Khác")


class Phase(BaseModel):
    """A dated step of a movement: launch, mid-term review (sơ kết), final review (tổng kết)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("Loại"), max_length=16, choices=PhaseKind.choices)
    name = models.CharField(_("Tên giai đoạn"), max_length=200)
    start_on = models.DateField(_("Từ ngày"))
    end_on = models.DateField(_("Đến ngày"), null=True, blank=True)
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)

    class Meta:
        ordering = ["start_on", "id"]
        verbose_name = _("Giai đoạn")
        verbose_name_plural = _("Giai đoạn")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__isnull=True) | Q(end_on__gte=models.F("start_on")),
                name="phase_period_in_order",
            )
        ]

    def __str__(self) -> str:
        return self.name


class AdoptionStatus(models.TextChoices):
    PENDING = "pending", _("Chưa hưởng ứng")
    ADOPTED = "adopted", _("Đã hưởng ứng, triển khai")


class Adoption(BaseModel):
    """A unit below the launching unit takes up the movement (created when it is launched)."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="adoptions")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="adoptions", verbose_name=_("Đơn vị")
    )
    status = models.CharField(
        _("Trạng thái"),
        max_length=10,
        choices=AdoptionStatus.choices,
        default=AdoptionStatus.PENDING,
    )
    plan_number = models.CharField(_("Số kế hoạch của đơn vị"), max_length=60, blank=True)
    adopted_on = models.DateField(_("Ngày triển khai"), null=True, blank=True)
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người xác nhận"),
    )

    class Meta:
        ordering = ["unit__path"]
        verbose_name = _("Đơn vị hưởng ứng")
        verbose_name_plural = _("Đơn vị hưởng ứng")
        constraints = [
            models.UniqueConstraint(fields=["movement", "unit"], name="one_adoption_per_unit")
        ]

    def __str__(self) -> str:
        return f"{self.unit} – {self.movement}"


class Criterion(BaseModel):
    """A criterion for one kind of participant; the launching unit's or an adopting unit's."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="criteria")
    # The unit that set the criterion: the launching unit, or an adopting unit adding its own.
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị đặt ra")
    )
    participant = models.CharField(_("Đối tượng"), max_length=20, choices=Participant.choices)
    text = models.TextField(_("Nội dung tiêu chí"))
    points = models.DecimalField(
        _("Điểm tối đa"), max_digits=6, decimal_places=2, null=True, blank=True
    )
    weight = models.DecimalField(
        _("Trọng số"), max_digits=5, decimal_places=2, null=True, blank=True
    )
    is_mandatory = models.BooleanField(_("Bắt buộc"), default=True)
    evidence_required = models.BooleanField(_("Cần minh chứng"), default=False)
    legal_basis = models.CharField(_("Căn cứ"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)

    class Meta:
        ordering = ["participant", "order", "id"]
        verbose_name = _("Tiêu chí")
        verbose_name_plural = _("Tiêu chí")

    def __str__(self) -> str:
        text = self.text if len(self.text) <= 80 else self.text[:77] + "…"
        return f"{self.get_participant_display()}: {text}"


class Measure(models.TextChoices):
    SHARE = "share", _("Tỷ lệ người đạt (%)")
    COUNT = "count", _("Số lượng")
    BOOLEAN = "boolean", _("Đạt / chưa đạt")


class Comparison(models.TextChoices):
    AT_LEAST = "gte", _("Từ … trở lên")
    MORE_THAN = "gt", _("Hơn …")


class Target(BaseModel):
    """A measurable goal (chỉ tiêu) with its measure and target value."""

    movement = models.ForeignKey(Movement, on_delete=models.CASCADE, related_name="targets")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị đặt ra")
    )
    text = models.CharField(_("Chỉ tiêu"), max_length=500)
    measure = models.CharField(_("Cách đo"), max_length=8, choices=Measure.choices)
    comparison = models.CharField(
        _("So sánh"), max_length=3, choices=Comparison.choices, default=Comparison.AT_LEAST
    )
    target_value = models.DecimalField(
        _("Giá trị cần đạt"), max_digits=10, decimal_places=2, default=Decimal("1")
    )
    unit_label = models.CharField(
        _("Đơn vị tính"), max_length=40, blank=True, help_text=_("Ví dụ: sáng kiến, mô hình.")
    )
    # Blank: the target is for the whole unit. A unit type: each such unit must reach it
    # (e.g. "each subject department builds at least one learning model").
    per_unit_type = models.CharField(
        _("Áp dụng cho từng"),
        max_length=20,
        blank=True,
        choices=[
            ("subject_department", _("Tổ chuyên môn")),
            ("office_team", _("Tổ văn phòng")),
            ("school", _("Trường")),
            ("class", _("Lớp")),
        ],
    )
    order = models.PositiveSmallIntegerField(_("Thứ tự"), default=0)

    class Meta:
        ordering = ["order", "id"]
        verbose_name = _("Chỉ tiêu")
        verbose_name_plural = _("Chỉ tiêu")
        constraints = [
            models.CheckConstraint(
                condition=Q(target_value__gte=0), name="target_value_not_negative"
            )
        ]

    def __str__(self) -> str:
        return self.text


class ProgressEntry(BaseModel):
    """A measured value of a target on a date, reported by a unit."""

    target = models.ForeignKey(Target, on_delete=models.CASCADE, related_name="progress_entries")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị báo cáo")
    )
    recorded_on = models.DateField(_("Ngày ghi nhận"))
    period_label = models.CharField(
        _("Kỳ báo cáo"), max_length=60, blank=True, help_text=_("Ví dụ: Học kỳ I, Sơ kết 2025.")
    )
    value = models.DecimalField(_("Giá trị"), max_digits=10, decimal_places=2)
    base = models.DecimalField(
        _("Tổng số"),
        max_digits=10,
        decimal_places=2,
        null=True,
        blank=True,
        help_text=_("Với chỉ tiêu tỷ lệ: tổng số người được đánh giá."),
    )
    note = models.CharField(_("Ghi chú"), max_length=500, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người ghi nhận"),
    )

    class Meta:
        ordering = ["-recorded_on", "-id"]
        verbose_name = _("Kết quả thực hiện chỉ tiêu")
        verbose_name_plural = _("Kết quả thực hiện chỉ tiêu")
        constraints = [
            models.CheckConstraint(condition=Q(value__gte=0), name="progress_value_not_negative")
        ]
        indexes = [models.Index(fields=["target", "unit", "recorded_on"])]

    def __str__(self) -> str:
        return f"{self.target} – {self.unit} ({self.recorded_on:%d/%m/%Y})"

    @property
    def percent(self) -> Decimal | None:
        """The share in percent, for share targets."""
        if self.base:
            return (self.value / self.base * 100).quantize(Decimal("0.1"))
        return None
