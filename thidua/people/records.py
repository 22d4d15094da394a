"""Yearly records of a person's (or a collective's) emulation history.

They belong to the person, not to a school: a teacher who moves keeps every rating,
discipline decision and pending matter, and each row remembers the unit where it was
made (`unit`) so the history shows which school decided what. The eligibility engine
reads these rows (rules.md: ratings, discipline, pending matters, leave, training).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel


class Rating(models.TextChoices):
    """The annual evaluation of staff and collectives, best first (rules.md ids)."""

    HTXSNV = "htxsnv", _("Hoàn thành xuất sắc nhiệm vụ")
    HTTNV = "httnv", _("Hoàn thành tốt nhiệm vụ")
    HTNV = "htnv", _("Hoàn thành nhiệm vụ")
    KHTNV = "khtnv", _("Không hoàn thành nhiệm vụ")


RATING_SHORT = {"htxsnv": "HTXSNV", "httnv": "HTTNV", "htnv": "HTNV", "khtnv": "KHTNV"}


class DisciplineLevel(models.TextChoices):
    """Staff discipline levels in increasing order (rules.md)."""

    KHIEN_TRACH = "khien_trach", _("Khiển trách")
    CANH_CAO = "canh_cao", _("Cảnh cáo")
    HA_BAC_LUONG = "ha_bac_luong", _("Hạ bậc lương")
    GIANG_CHUC = "giang_chuc", _("Giáng chức")
    CACH_CHUC = "cach_chuc", _("Cách chức")
    BUOC_THOI_VIEC = "buoc_thoi_viec", _("Buộc thôi việc")


class PendingMatterKind(models.TextChoices):
    """Matters that defer any award while open (principle G1, R-GEN-7)."""

    DISCIPLINE_REVIEW = "discipline_review", _("Đang xem xét kỷ luật")
    INVESTIGATION = "investigation", _("Đang bị điều tra")
    INSPECTION = "inspection", _("Đang bị thanh tra, kiểm tra")
    COMPLAINT = "complaint", _("Đơn thư khiếu nại, tố cáo đang xác minh")


class LeaveKind(models.TextChoices):
    MATERNITY = "maternity", _("Nghỉ thai sản")
    SICK = "sick", _("Nghỉ ốm")
    INJURY = "injury", _("Điều trị do bị thương khi làm nhiệm vụ")
    OTHER = "other", _("Nghỉ khác")


class TrainingResult(models.TextChoices):
    """Study results of a training course, best first."""

    XUAT_SAC = "xuat_sac", _("Xuất sắc")
    GIOI = "gioi", _("Giỏi")
    KHA = "kha", _("Khá")
    TRUNG_BINH_KHA = "trung_binh_kha", _("Trung bình khá")
    TRUNG_BINH = "trung_binh", _("Trung bình")
    DAT = "dat", _("Đạt")
    KHONG_DAT = "khong_dat", _("Không đạt")
    YEU = "yeu", _("Yếu")
    KEM = "kem", _("Kém")


class RecordSource(models.TextChoices):
    ENTERED = "entered", _("Nhập trên hệ thống")
    IMPORTED = "imported", _("Nhập từ Excel")


def _one_subject(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(Q(person__isnull=False) & Q(collective__isnull=True))
        | (Q(person__isnull=True) & Q(collective__isnull=False)),
        name=f"{prefix}_person_xor_collective",
    )


class AnnualRating(BaseModel):
    """The year-end rating (xếp loại) of a member of staff or of a collective."""

    # PROTECT: a person's history is never deleted with them; records are removed one by one.
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="annual_ratings",
        verbose_name=_("Cá nhân"),
    )
    collective = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collective_ratings",
        verbose_name=_("Tập thể"),
    )
    school_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Năm học"),
    )
    rating = models.CharField(_("Xếp loại"), max_length=8, choices=Rating.choices)
    # The unit where the person worked that year (the school that rated them).
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đơn vị đánh giá"),
    )
    note = models.CharField(_("Ghi chú"), max_length=300, blank=True)
    source = models.CharField(
        _("Nguồn"), max_length=10, choices=RecordSource.choices, default=RecordSource.ENTERED
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người nhập"),
    )

    class Meta:
        ordering = ["school_year_id", "id"]
        verbose_name = _("Xếp loại hằng năm")
        verbose_name_plural = _("Xếp loại hằng năm")
        constraints = [
            _one_subject("annual_rating"),
            models.UniqueConstraint(
                fields=["person", "school_year"],
                condition=Q(person__isnull=False),
                name="one_rating_per_person_year",
            ),
            models.UniqueConstraint(
                fields=["collective", "school_year"],
                condition=Q(collective__isnull=False),
                name="one_rating_per_collective_year",
            ),
        ]

    def __str__(self) -> str:
        subject = self.person or self.collective
        return f"{subject} – {self.school_year_id}: {RATING_SHORT.get(self.rating, self.rating)}"

    @property
    def short(self) -> str:
        return RATING_SHORT.get(self.rating, self.rating)


class DisciplineRecord(BaseModel):
    """A discipline decision against a member of staff (level and decision date)."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="discipline_records",
        verbose_name=_("Cá nhân"),
    )
    level = models.CharField(_("Hình thức kỷ luật"), max_length=16, choices=DisciplineLevel.choices)
    decided_on = models.DateField(_("Ngày quyết định"))
    decision_number = models.CharField(_("Số quyết định"), max_length=60, blank=True)
    issued_by = models.CharField(_("Cơ quan quyết định"), max_length=200, blank=True)
    reason = models.CharField(_("Lý do"), max_length=500, blank=True)
    # R-LDTT-2 nuance: a violation already used to refuse LĐTT in an earlier year is not
    # counted again in the year its (later) decision is issued.
    counted_in_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Vi phạm đã được tính khi xét thi đua năm học"),
    )
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đơn vị công tác"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người nhập"),
    )

    class Meta:
        ordering = ["-decided_on", "-id"]
        verbose_name = _("Kỷ luật")
        verbose_name_plural = _("Kỷ luật")
        indexes = [models.Index(fields=["person", "decided_on"])]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_level_display()} ({self.decided_on:%d/%m/%Y})"


class PendingMatter(BaseModel):
    """A discipline review, investigation, inspection or complaint: open until closed_on."""

    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="pending_matters",
        verbose_name=_("Cá nhân"),
    )
    collective = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="collective_pending_matters",
        verbose_name=_("Tập thể"),
    )
    kind = models.CharField(_("Loại vụ việc"), max_length=20, choices=PendingMatterKind.choices)
    opened_on = models.DateField(_("Ngày bắt đầu"))
    closed_on = models.DateField(_("Ngày kết thúc"), null=True, blank=True)
    reference = models.CharField(_("Văn bản liên quan"), max_length=200, blank=True)
    note = models.CharField(_("Nội dung"), max_length=500, blank=True)
    outcome = models.CharField(_("Kết quả giải quyết"), max_length=500, blank=True)
    unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đơn vị công tác"),
    )
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người nhập"),
    )

    class Meta:
        ordering = ["-opened_on", "-id"]
        verbose_name = _("Vụ việc đang xem xét")
        verbose_name_plural = _("Vụ việc đang xem xét")
        constraints = [
            _one_subject("pending_matter"),
            models.CheckConstraint(
                condition=Q(closed_on__isnull=True) | Q(closed_on__gte=models.F("opened_on")),
                name="pending_matter_closed_after_opened",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.person or self.collective} – {self.get_kind_display()}"

    @property
    def is_open(self) -> bool:
        return self.closed_on is None


class LeaveRecord(BaseModel):
    """A leave period (maternity, sickness, injury treatment, other)."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="leave_records",
        verbose_name=_("Cá nhân"),
    )
    kind = models.CharField(_("Loại nghỉ"), max_length=10, choices=LeaveKind.choices)
    start_on = models.DateField(_("Từ ngày"))
    end_on = models.DateField(_("Đến ngày"))
    certified = models.BooleanField(
        _("Có xác nhận của cơ sở y tế cấp huyện trở lên"),
        default=False,
        help_text=_("Chỉ dùng cho thời gian điều trị do bị thương khi làm nhiệm vụ."),
    )
    note = models.CharField(_("Ghi chú"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người nhập"),
    )

    class Meta:
        ordering = ["-start_on", "-id"]
        verbose_name = _("Thời gian nghỉ")
        verbose_name_plural = _("Thời gian nghỉ")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__gte=models.F("start_on")), name="leave_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.get_kind_display()}"


class TrainingRecord(BaseModel):
    """A training course (đào tạo, bồi dưỡng): dates, compliance and study result."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="training_records",
        verbose_name=_("Cá nhân"),
    )
    program = models.CharField(_("Khóa đào tạo, bồi dưỡng"), max_length=200)
    institution = models.CharField(_("Cơ sở đào tạo"), max_length=200, blank=True)
    start_on = models.DateField(_("Từ ngày"))
    end_on = models.DateField(_("Đến ngày"))
    complied = models.BooleanField(
        _("Chấp hành tốt quy chế của cơ sở đào tạo"), null=True, blank=True
    )
    result = models.CharField(
        _("Kết quả học tập"), max_length=16, choices=TrainingResult.choices, blank=True
    )
    note = models.CharField(_("Ghi chú"), max_length=300, blank=True)
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người nhập"),
    )

    class Meta:
        ordering = ["-start_on", "-id"]
        verbose_name = _("Đào tạo, bồi dưỡng")
        verbose_name_plural = _("Đào tạo, bồi dưỡng")
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__gte=models.F("start_on")), name="training_period_in_order"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.program}"


class TransferComment(BaseModel):
    """The previous unit's comment on a transferred member of staff (R-LDTT-7)."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="transfer_comments",
        verbose_name=_("Cá nhân"),
    )
    from_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đơn vị cũ"),
    )
    to_unit = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Đơn vị mới"),
    )
    transferred_on = models.DateField(_("Ngày chuyển công tác"))
    commented_on = models.DateField(_("Ngày nhận xét"))
    comment = models.TextField(_("Nội dung nhận xét của đơn vị cũ"))
    entered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người nhập"),
    )

    class Meta:
        ordering = ["-transferred_on", "-id"]
        verbose_name = _("Nhận xét của đơn vị cũ")
        verbose_name_plural = _("Nhận xét của đơn vị cũ")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "from_unit", "transferred_on"], name="one_comment_per_transfer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person}: {self.from_unit} → {self.to_unit}"
