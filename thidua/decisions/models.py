"""Award decisions (quyết định khen thưởng), their awardee lines and the number registers.

A decision is drafted (from a round's passed proposals, or by hand for a correction or a
revocation), then issued: it takes the next number of its issuer's register for the year and
is frozen from then on. A correction or a revocation is itself a new numbered decision that
references the old one; the old one stays visible, marked "đã đính chính" or "đã thu hồi".
Decisions taken before the system are imported from Excel as issued "historical" decisions.

Each line is one awardee: the award, the achievement period (R-GEN-9), the text printed on
the certificate, a certificate number from the issuer's certificate register, an unguessable
token for the public verification page, the AwardRecord written into the award history when
the decision was issued, and the proposal it came from.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.achievements.catalog import AwardId
from thidua.achievements.models import AuthorityLevel, RevocationReason
from thidua.core.models import BaseModel


class DecisionKind(models.TextChoices):
    AWARD = "award", _("Khen thưởng")
    CORRECTION = "correction", _("Đính chính")
    REVOCATION = "revocation", _("Hủy bỏ, thu hồi khen thưởng")
    HISTORICAL = "historical", _("Quyết định trước khi dùng hệ thống")


class DecisionStatus(models.TextChoices):
    DRAFT = "draft", _("Dự thảo")
    ISSUED = "issued", _("Đã ban hành")
    CORRECTED = "corrected", _("Đã đính chính")
    REVOKED = "revoked", _("Đã thu hồi")


#: Statuses of a decision that has been signed: frozen, numbered, in the award history.
SIGNED_STATUSES = (DecisionStatus.ISSUED, DecisionStatus.CORRECTED, DecisionStatus.REVOKED)


class SigningMode(models.TextChoices):
    """How the signer signs (Decree 30/2020, Art. 13): the line above the signer's title."""

    DIRECT = "", _("Ký trực tiếp (người đứng đầu)")
    TM = "TM.", _("TM. – thay mặt tập thể lãnh đạo")
    KT = "KT.", _("KT. – ký thay người đứng đầu")
    Q = "Q.", _("Q. – quyền người đứng đầu")
    TL = "TL.", _("TL. – thừa lệnh")
    TUQ = "TUQ.", _("TUQ. – thừa ủy quyền")


class RegisterSeries(models.TextChoices):
    DECISION = "decision", _("Sổ đăng ký quyết định")
    CERTIFICATE = "certificate", _("Sổ cấp giấy khen, giấy chứng nhận")


class NumberRegister(models.Model):
    """The last number given in an issuer's register for one calendar year.

    Numbers are taken under a row lock (select_for_update), so two decisions issued at the
    same moment never share a number.
    """

    # PROTECT: a unit with registers holds decisions; it is deactivated, never deleted.
    issuer = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    year = models.PositiveSmallIntegerField()
    series = models.CharField(max_length=12, choices=RegisterSeries.choices)
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "series"], name="one_register_per_issuer_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.issuer_id}/{self.year}/{self.series}: {self.last}"


class Decision(BaseModel):
    """A numbered, dated, signed decision on awards, frozen once issued."""

    issuer = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("Đơn vị ban hành"),
    )
    kind = models.CharField(
        _("Loại quyết định"), max_length=12, choices=DecisionKind.choices, default="award"
    )
    status = models.CharField(
        _("Trạng thái"),
        max_length=10,
        choices=DecisionStatus.choices,
        default=DecisionStatus.DRAFT,
        db_index=True,
    )
    # The number comes from the issuer's register when the decision is issued; a historical
    # decision keeps the number written on the paper (`number_label` only).
    number = models.PositiveIntegerField(_("Số"), null=True, blank=True)
    year = models.PositiveSmallIntegerField(_("Năm đăng ký số"), null=True, blank=True)
    symbol = models.CharField(_("Ký hiệu"), max_length=40, help_text=_("Ví dụ: QĐ-THCSTBC"))
    number_label = models.CharField(_("Số, ký hiệu"), max_length=80, blank=True, db_index=True)
    issued_on = models.DateField(_("Ngày ban hành"), null=True, blank=True)
    place = models.CharField(_("Địa danh"), max_length=100, blank=True)
    parent_authority = models.CharField(
        _("Cơ quan chủ quản"),
        max_length=200,
        blank=True,
        help_text=_("Dòng trên của tiêu đề, ví dụ: ỦY BAN NHÂN DÂN QUẬN 5."),
    )
    issuing_body = models.CharField(
        _("Cơ quan ban hành"),
        max_length=200,
        help_text=_("Dòng dưới của tiêu đề (in đậm), ví dụ: TRƯỜNG THCS TRẦN BỘI CƠ."),
    )
    authority = models.CharField(
        _("Thẩm quyền ban hành"),
        max_length=200,
        help_text=_(
            "Người hoặc cơ quan có thẩm quyền quyết định, ví dụ: Hiệu trưởng Trường THCS Trần "
            "Bội Cơ; Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh."
        ),
    )
    authority_level = models.CharField(
        _("Cấp quyết định"), max_length=12, choices=AuthorityLevel.choices, blank=True
    )
    subject = models.CharField(_("Trích yếu"), max_length=400)
    legal_bases = models.JSONField(_("Căn cứ"), default=list, blank=True)
    proposal_basis = models.CharField(_("Xét đề nghị của"), max_length=400, blank=True)
    articles = models.JSONField(
        _("Các điều tiếp theo"),
        default=list,
        blank=True,
        help_text=_("Điều 1 được lập từ danh sách; đây là Điều 2, Điều 3…"),
    )
    recipients = models.JSONField(_("Nơi nhận"), default=list, blank=True)
    signing_mode = models.CharField(
        _("Hình thức ký"), max_length=5, choices=SigningMode.choices, blank=True, default=""
    )
    signing_for = models.CharField(
        _("Ký thay mặt cho"),
        max_length=120,
        blank=True,
        help_text=_("Sau TM./KT./Q./TL./TUQ., ví dụ: HIỆU TRƯỞNG; ỦY BAN NHÂN DÂN."),
    )
    # Both may be empty in a draft; issuing requires them.
    signer_title = models.CharField(_("Chức vụ người ký"), max_length=120, blank=True)
    signer_name = models.CharField(_("Họ và tên người ký"), max_length=150, blank=True)
    corrects = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="corrections",
        verbose_name=_("Đính chính quyết định"),
    )
    revokes = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revocations",
        verbose_name=_("Hủy bỏ quyết định"),
    )
    revocation_reason = models.CharField(
        _("Căn cứ hủy bỏ"), max_length=1, choices=RevocationReason.choices, blank=True
    )
    reason_text = models.TextField(_("Nội dung đính chính, lý do hủy bỏ"), blank=True)
    source_round = models.ForeignKey(
        "nominations.NominationRound",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decisions",
        verbose_name=_("Đợt xét"),
    )
    council_session_id = models.PositiveIntegerField(_("Phiên họp Hội đồng"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    issued_at = models.DateTimeField(null=True, blank=True)
    corrected_at = models.DateTimeField(null=True, blank=True)
    revoked_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-issued_on", "-number", "-id"]
        verbose_name = _("Quyết định khen thưởng")
        verbose_name_plural = _("Quyết định khen thưởng")
        constraints = [
            models.UniqueConstraint(
                fields=["issuer", "year", "number"],
                condition=Q(number__isnull=False),
                name="one_decision_number_per_issuer_year",
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(issued_on__isnull=False) | Q(kind="historical"),
                name="signed_decision_has_date",
            ),
            models.CheckConstraint(
                condition=~Q(kind="correction") | Q(corrects__isnull=False),
                name="correction_references_decision",
            ),
            models.CheckConstraint(
                condition=~Q(kind="revocation")
                | (Q(revokes__isnull=False) & ~Q(revocation_reason="")),
                name="revocation_references_decision_and_reason",
            ),
        ]
        indexes = [models.Index(fields=["issuer", "status"])]

    def __str__(self) -> str:
        if self.number_label:
            return f"Quyết định số {self.number_label}"
        return f"Dự thảo quyết định: {self.subject}"

    @property
    def is_draft(self) -> bool:
        return self.status == DecisionStatus.DRAFT

    @property
    def is_signed(self) -> bool:
        return self.status in SIGNED_STATUSES

    @property
    def label(self) -> str:
        """'số 05/QĐ-THCSTBC ngày 05/01/2026' as used in histories and cross references."""
        if not self.number_label:
            return str(_("dự thảo"))
        day = f" ngày {self.issued_on:%d/%m/%Y}" if self.issued_on else ""
        return f"số {self.number_label}{day}"


def new_token() -> str:
    """An unguessable token for a certificate's public verification page (128 bits)."""
    return secrets.token_urlsafe(16)


class DecisionLine(BaseModel):
    """One awardee of a decision, with the text printed on the certificate."""

    # CASCADE: lines belong to their decision; only a draft can be deleted (the services
    # refuse to delete a signed decision), so no signed line is ever removed this way.
    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="lines")
    line_no = models.PositiveIntegerField(_("STT"))
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_lines",
        verbose_name=_("Cá nhân"),
    )
    collective = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_lines",
        verbose_name=_("Tập thể"),
    )
    name = models.CharField(_("Họ và tên, tên tập thể"), max_length=200)
    position_unit = models.CharField(_("Chức vụ – Đơn vị"), max_length=300, blank=True)
    award = models.CharField(_("Danh hiệu, hình thức"), max_length=32, choices=AwardId.choices)
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
    certificate_text = models.TextField(_("Nội dung ghi trên giấy khen"), blank=True)
    certificate_number = models.PositiveIntegerField(_("Số vào sổ"), null=True, blank=True)
    certificate_year = models.PositiveSmallIntegerField(null=True, blank=True)
    verification_token = models.CharField(max_length=32, unique=True, default=new_token)
    achievement = models.ForeignKey(
        "achievements.Achievement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Thành tích"),
    )
    # SET_NULL: a record written by a decision can never be deleted (award_record_delete
    # refuses); only a record entered by hand or imported and then linked to a historical
    # decision can be removed as a typing mistake, which must not be blocked by the link.
    award_record = models.ForeignKey(
        "achievements.AwardRecord",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="decision_lines",
        verbose_name=_("Ghi trong lịch sử khen thưởng"),
    )
    proposal = models.ForeignKey(
        "nominations.Proposal",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="decision_lines",
        verbose_name=_("Đề nghị"),
    )
    # A line of a correcting or revoking decision points at the line it corrects or revokes.
    target = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Dòng được đính chính, hủy bỏ"),
    )
    # Set on the old line when a correction or a revocation is issued.
    corrected_by = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Được đính chính bởi"),
    )
    revoked_by = models.ForeignKey(
        Decision,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="revoked_lines",
        verbose_name=_("Bị hủy bỏ bởi quyết định"),
    )

    class Meta:
        ordering = ["decision", "line_no"]
        verbose_name = _("Dòng quyết định")
        verbose_name_plural = _("Danh sách kèm theo quyết định")
        constraints = [
            models.CheckConstraint(
                condition=(Q(person__isnull=False) & Q(collective__isnull=True))
                | (Q(person__isnull=True) & Q(collective__isnull=False)),
                name="decision_line_person_xor_collective",
            ),
            models.UniqueConstraint(
                fields=["decision", "line_no"], name="one_line_number_per_decision"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line_no}. {self.name} – {self.get_award_display()}"

    @property
    def is_person(self) -> bool:
        return self.person_id is not None

    @property
    def period_label(self) -> str:
        """'năm học 2024-2025' or 'các năm học 2023-2024 và 2024-2025' (R-GEN-9)."""
        if not self.period_to_id:
            return ""
        if not self.period_from_id or self.period_from_id == self.period_to_id:
            return f"năm học {self.period_to_id}"
        first, last = int(self.period_from_id[:4]), int(self.period_to_id[:4])
        years = [f"{y}-{y + 1}" for y in range(first, last + 1)]
        return "các năm học " + ", ".join(years[:-1]) + " và " + years[-1]

    @property
    def certificate_label(self) -> str:
        if self.certificate_number is None:
            return ""
        return f"{self.certificate_number:03d}/{self.certificate_year}"


class DecisionImportStatus(models.TextChoices):
    PREVIEWED = "previewed", _("Đã kiểm tra, chờ xác nhận")
    REJECTED = "rejected", _("Có lỗi, chưa nhập")
    APPLIED = "applied", _("Đã nhập")


class DecisionImport(BaseModel):
    """An uploaded Excel list of decisions taken before the system: previewed, then applied
    all or nothing."""

    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị")
    )
    file = models.FileField(_("Tệp"), upload_to="decision-imports/%Y/%m/")
    original_name = models.CharField(_("Tên tệp"), max_length=255)
    status = models.CharField(
        _("Trạng thái"),
        max_length=10,
        choices=DecisionImportStatus.choices,
        default=DecisionImportStatus.PREVIEWED,
    )
    summary = models.JSONField(_("Kết quả"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    applied_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("Lần nhập quyết định cũ")
        verbose_name_plural = _("Lần nhập quyết định cũ")

    def __str__(self) -> str:
        return self.original_name
