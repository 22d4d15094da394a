"""Student honoring (vinh danh học sinh tiêu biểu, seed 000: S1–S9, S11).

A school's program for a year holds its regulation and criteria per grade under the four
framework groups; honoring runs in periods; in each period every class nominates and
elects its honoree in a secret ballot, the homeroom teacher submits the result, and class
representatives elect the school's honoree. Ceremonies, commendation letters and the
district exemplar follow; an office can run the whole thing as a pilot.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel


class FrameworkGroup(models.TextChoices):
    STUDENT_STUDENT = "student_student", _("Học sinh với học sinh")
    STUDENT_COLLECTIVE = "student_collective", _("Học sinh với các hoạt động tập thể")
    STUDENT_ENVIRONMENT = "student_environment", _("Học sinh với môi trường sống")
    OWN_EFFORT = "own_effort", _("Sự nỗ lực của học sinh đối với chính bản thân")


class Pilot(BaseModel):
    """An office runs the honoring model as a pilot in named schools, in phases (S11)."""

    office = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="honor_pilots",
        verbose_name=_("Đơn vị chỉ đạo"),
    )
    school_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Năm học"),
    )
    title = models.CharField(_("Tên kế hoạch"), max_length=300)
    plan_reference = models.CharField(_("Số kế hoạch"), max_length=100, blank=True)
    schools = models.ManyToManyField(
        "org.Unit", related_name="honor_pilot_schools", verbose_name=_("Trường thí điểm")
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-school_year", "title"]
        verbose_name = _("Thí điểm vinh danh học sinh")
        verbose_name_plural = _("Thí điểm vinh danh học sinh")

    def __str__(self) -> str:
        return self.title


class PilotPhaseKind(models.TextChoices):
    ROLL_OUT = "roll_out", _("Triển khai đến các đơn vị")
    RUN = "run", _("Tổ chức vinh danh tại trường")
    REVIEW = "review", _("Sơ kết, rút kinh nghiệm")


class PilotPhase(BaseModel):
    pilot = models.ForeignKey(Pilot, on_delete=models.CASCADE, related_name="phases")
    kind = models.CharField(_("Giai đoạn"), max_length=10, choices=PilotPhaseKind.choices)
    start_on = models.DateField(_("Từ ngày"))
    end_on = models.DateField(_("Đến ngày"))

    class Meta:
        ordering = ["pilot", "start_on"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")), name="pilot_phase_in_order"
            ),
            models.UniqueConstraint(fields=["pilot", "kind"], name="one_phase_of_each_kind"),
        ]

    def __str__(self) -> str:
        return self.get_kind_display()


class HonorProgram(BaseModel):
    """A school's honoring program for one school year: regulation, criteria, settings."""

    school = models.ForeignKey(
        "org.Unit",
        on_delete=models.PROTECT,
        related_name="honor_programs",
        verbose_name=_("Trường"),
    )
    school_year = models.ForeignKey(
        "org.SchoolYear",
        to_field="code",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Năm học"),
    )
    title = models.CharField(_("Tên chương trình"), max_length=300)
    regulation = models.TextField(_("Quy chế vinh danh"), blank=True)
    class_honorees_per_period = models.PositiveSmallIntegerField(
        _("Số học sinh tiêu biểu mỗi lớp mỗi đợt"), default=1
    )
    representatives_per_class = models.PositiveSmallIntegerField(
        _("Số đại diện mỗi lớp bỏ phiếu cấp trường"), default=2
    )
    send_nominees = models.BooleanField(
        _("Lớp gửi cả danh sách đề cử lên Ban giám hiệu"), default=False
    )
    pilot = models.ForeignKey(
        Pilot,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="programs",
        verbose_name=_("Thuộc kế hoạch thí điểm"),
    )
    published_at = models.DateTimeField(_("Công bố tiêu chí lúc"), null=True, blank=True)

    class Meta:
        ordering = ["-school_year", "school"]
        verbose_name = _("Chương trình vinh danh học sinh")
        verbose_name_plural = _("Chương trình vinh danh học sinh")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year"], name="one_honor_program_per_school_year"
            )
        ]

    def __str__(self) -> str:
        return self.title


class HonorCriterion(BaseModel):
    program = models.ForeignKey(HonorProgram, on_delete=models.CASCADE, related_name="criteria")
    grade = models.PositiveSmallIntegerField(
        _("Khối lớp"), null=True, blank=True, help_text=_("Để trống nếu áp dụng cho mọi khối.")
    )
    group = models.CharField(
        _("Nhóm tiêu chí khung"), max_length=24, choices=FrameworkGroup.choices
    )
    text = models.CharField(_("Tiêu chí"), max_length=400)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["program", "grade", "group", "position", "id"]
        verbose_name = _("Tiêu chí vinh danh")
        verbose_name_plural = _("Tiêu chí vinh danh")

    def __str__(self) -> str:
        return self.text


class PeriodKind(models.TextChoices):
    WEEK = "week", _("Tuần")
    MONTH = "month", _("Tháng")
    SEMESTER = "semester", _("Học kỳ")
    YEAR = "year", _("Năm học")
    HOLIDAY = "holiday", _("Dịp lễ lớn")


class HonorPeriod(BaseModel):
    program = models.ForeignKey(HonorProgram, on_delete=models.CASCADE, related_name="periods")
    kind = models.CharField(_("Loại đợt"), max_length=10, choices=PeriodKind.choices)
    name = models.CharField(_("Tên đợt"), max_length=120)
    start_on = models.DateField(_("Từ ngày"))
    end_on = models.DateField(_("Đến ngày"))

    class Meta:
        ordering = ["program", "start_on", "kind"]
        verbose_name = _("Đợt vinh danh")
        verbose_name_plural = _("Đợt vinh danh")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_on__gte=models.F("start_on")), name="honor_period_in_order"
            ),
            models.UniqueConstraint(fields=["program", "name"], name="unique_period_name"),
        ]

    def __str__(self) -> str:
        return self.name


class ClassRoundStatus(models.TextChoices):
    NOMINATING = "nominating", _("Đang nhận đề cử")
    VOTING = "voting", _("Đang bỏ phiếu")
    SUBMITTED = "submitted", _("Đã gửi Ban giám hiệu")


class ClassRound(BaseModel):
    """A class elects its exemplary student for a period (S3) and submits the result (S4)."""

    period = models.ForeignKey(HonorPeriod, on_delete=models.PROTECT, related_name="class_rounds")
    class_unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Lớp")
    )
    status = models.CharField(
        _("Trạng thái"),
        max_length=12,
        choices=ClassRoundStatus.choices,
        default=ClassRoundStatus.NOMINATING,
    )
    election = models.OneToOneField(
        "ballots.Election",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="class_round",
    )
    honoree = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Học sinh tiêu biểu"),
    )
    submitted_at = models.DateTimeField(null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["period", "class_unit__grade", "class_unit__name"]
        verbose_name = _("Bầu chọn cấp lớp")
        verbose_name_plural = _("Bầu chọn cấp lớp")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "class_unit"], name="one_class_round_per_period"
            )
        ]

    def __str__(self) -> str:
        return f"{self.class_unit} – {self.period}"


class NominationStatus(models.TextChoices):
    ACCEPTED = "accepted", _("Được đưa vào phiếu bầu")
    DECLINED = "declined", _("Không đưa vào phiếu bầu")


class Nomination(BaseModel):
    """A student nominates a classmate (or themself) with a reason tied to a criterion."""

    class_round = models.ForeignKey(
        ClassRound, on_delete=models.CASCADE, related_name="nominations"
    )
    nominee = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Học sinh được đề cử"),
    )
    proposer = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Người đề cử"),
    )
    is_self = models.BooleanField(_("Tự ứng cử"), default=False)
    criterion = models.ForeignKey(
        HonorCriterion, on_delete=models.PROTECT, related_name="+", verbose_name=_("Tiêu chí")
    )
    reason = models.TextField(_("Lý do, việc làm cụ thể"))
    status = models.CharField(
        max_length=10, choices=NominationStatus.choices, default=NominationStatus.ACCEPTED
    )
    decline_reason = models.CharField(_("Lý do không đưa vào"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["class_round", "created_at"]
        verbose_name = _("Đề cử")
        verbose_name_plural = _("Đề cử")
        constraints = [
            models.UniqueConstraint(
                fields=["class_round", "proposer"], name="one_nomination_per_proposer"
            )
        ]

    def __str__(self) -> str:
        return f"{self.nominee} ← {self.proposer or '—'}"


class SchoolRoundStatus(models.TextChoices):
    PREPARING = "preparing", _("Đang tổng hợp đề cử các lớp")
    LIST_PUBLISHED = "list_published", _("Đã công khai danh sách đề cử")
    VOTING = "voting", _("Đang bỏ phiếu")
    DECIDED = "decided", _("Đã có kết quả")


class SchoolRound(BaseModel):
    """Class representatives elect the school's exemplary student(s) of a period (S5)."""

    period = models.ForeignKey(HonorPeriod, on_delete=models.PROTECT, related_name="school_rounds")
    school = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    grade = models.PositiveSmallIntegerField(
        _("Khối (để trống: toàn trường)"), null=True, blank=True
    )
    status = models.CharField(
        max_length=16, choices=SchoolRoundStatus.choices, default=SchoolRoundStatus.PREPARING
    )
    election = models.OneToOneField(
        "ballots.Election",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="school_round",
    )
    honoree = models.ForeignKey(
        "people.Person", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    list_published_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["period", "grade"]
        verbose_name = _("Bầu chọn cấp trường")
        verbose_name_plural = _("Bầu chọn cấp trường")
        constraints = [
            models.UniqueConstraint(
                fields=["period", "school", "grade"], name="one_school_round_per_period_grade"
            )
        ]

    def __str__(self) -> str:
        scope = f" – khối {self.grade}" if self.grade else ""
        return f"{self.period}{scope}"


class SchoolNominee(models.Model):
    school_round = models.ForeignKey(SchoolRound, on_delete=models.CASCADE, related_name="nominees")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    class_round = models.ForeignKey(ClassRound, on_delete=models.PROTECT, related_name="+")
    is_class_honoree = models.BooleanField(default=True)

    class Meta:
        ordering = ["class_round__class_unit__grade", "class_round__class_unit__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_round", "person"], name="one_school_nomination_per_person"
            )
        ]

    def __str__(self) -> str:
        return str(self.person)


class Representative(models.Model):
    school_round = models.ForeignKey(
        SchoolRound, on_delete=models.CASCADE, related_name="representatives"
    )
    class_unit = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")

    class Meta:
        ordering = ["class_unit__grade", "class_unit__name", "person__sort_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["school_round", "person"], name="one_representative_seat"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} ({self.class_unit})"


class CeremonyKind(models.TextChoices):
    CLASS = "class", _("Vinh danh tại lớp (sinh hoạt lớp, chào cờ đầu tuần)")
    SCHOOL_FLAG = "school_flag", _("Lễ chào cờ toàn trường")
    HOLIDAY = "holiday", _("Dịp lễ lớn")


class Ceremony(BaseModel):
    school = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(
        HonorPeriod,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="ceremonies",
        verbose_name=_("Đợt vinh danh"),
    )
    kind = models.CharField(_("Hình thức"), max_length=12, choices=CeremonyKind.choices)
    title = models.CharField(_("Tên buổi lễ"), max_length=200)
    held_on = models.DateField(_("Ngày tổ chức"))
    location = models.CharField(_("Địa điểm"), max_length=200, blank=True)
    class_unit = models.ForeignKey(
        "org.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Lớp (với buổi tại lớp)"),
    )

    class Meta:
        ordering = ["-held_on"]
        verbose_name = _("Lễ vinh danh")
        verbose_name_plural = _("Lễ vinh danh")

    def __str__(self) -> str:
        return self.title


class HonorLevel(models.TextChoices):
    CLASS = "class", _("Học sinh tiêu biểu của lớp")
    SCHOOL = "school", _("Học sinh tiêu biểu của trường")


class CeremonyHonoree(models.Model):
    """An honoree attached to a ceremony, with the prize or gift handed over (S6–S7)."""

    ceremony = models.ForeignKey(Ceremony, on_delete=models.CASCADE, related_name="honorees")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(max_length=8, choices=HonorLevel.choices)
    class_name = models.CharField(max_length=40)
    prize = models.CharField(_("Phần thưởng, quà tặng"), max_length=300, blank=True)

    class Meta:
        ordering = ["ceremony", "level", "class_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["ceremony", "person"], name="one_attachment_per_ceremony"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} @ {self.ceremony}"


class CommendationLetter(BaseModel):
    """Thư khen: the principal's letter to an honoree (S7). Texts are snapshots: a letter
    stays as issued even if names or titles change later."""

    school = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    period = models.ForeignKey(HonorPeriod, on_delete=models.PROTECT, related_name="letters")
    person = models.ForeignKey("people.Person", on_delete=models.PROTECT, related_name="+")
    level = models.CharField(_("Cấp vinh danh"), max_length=8, choices=HonorLevel.choices)
    number = models.PositiveIntegerField(_("Số thư khen"))
    class_name = models.CharField(_("Lớp"), max_length=40)
    citation = models.TextField(_("Nội dung khen"))
    criteria_text = models.TextField(_("Tiêu chí đạt được"), blank=True)
    issued_on = models.DateField(_("Ngày ký"))
    place = models.CharField(_("Địa danh"), max_length=100)
    signer_name = models.CharField(_("Người ký"), max_length=150)
    signer_title = models.CharField(_("Chức vụ người ký"), max_length=100, default="Hiệu trưởng")
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["period", "level", "class_name", "number"]
        verbose_name = _("Thư khen")
        verbose_name_plural = _("Thư khen")
        constraints = [
            models.UniqueConstraint(
                fields=["person", "period", "level"], name="one_letter_per_honor"
            ),
            models.UniqueConstraint(
                fields=["school", "period", "number"], name="unique_letter_number"
            ),
        ]

    def __str__(self) -> str:
        return f"Thư khen số {self.number} – {self.person}"


class DistrictExemplar(BaseModel):
    """The one exemplary student a school sends up each year (S9)."""

    school = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    school_year = models.ForeignKey(
        "org.SchoolYear", to_field="code", on_delete=models.PROTECT, related_name="+"
    )
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("Học sinh")
    )
    recipient = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Gửi đến")
    )
    class_name = models.CharField(_("Lớp"), max_length=40)
    story = models.TextField(_("Câu chuyện, thành tích"))
    sent_at = models.DateTimeField(null=True, blank=True)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["school_year", "school__name"]
        verbose_name = _("Gương học sinh tiêu biểu gửi cấp trên")
        verbose_name_plural = _("Gương học sinh tiêu biểu gửi cấp trên")
        constraints = [
            models.UniqueConstraint(
                fields=["school", "school_year"], name="one_exemplar_per_school_year"
            )
        ]

    def __str__(self) -> str:
        return f"{self.person} – {self.school}"
