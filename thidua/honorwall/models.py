"""The school's public honor wall (S8), protecting minors: nothing about a student appears
publicly without a recorded parent consent; without it only initials show in the class list."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel


class ParentConsent(BaseModel):
    """A parent's (or guardian's) recorded consent to publish about their child."""

    person = models.ForeignKey(
        "people.Person",
        on_delete=models.PROTECT,
        related_name="wall_consents",
        verbose_name=_("Học sinh"),
    )
    given_by = models.CharField(_("Họ tên cha mẹ / người giám hộ"), max_length=150)
    relationship = models.CharField(_("Quan hệ với học sinh"), max_length=50)
    given_on = models.DateField(_("Ngày đồng ý"))
    allows_photo = models.BooleanField(_("Đồng ý đăng ảnh"), default=False)
    allows_clip = models.BooleanField(_("Đồng ý đăng đoạn phim"), default=False)
    note = models.CharField(
        _("Ghi chú (ví dụ: giấy đồng ý lưu tại văn phòng)"), max_length=300, blank=True
    )
    withdrawn_on = models.DateField(_("Rút lại ngày"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-given_on", "-id"]
        verbose_name = _("Đồng ý của phụ huynh")
        verbose_name_plural = _("Đồng ý của phụ huynh")

    def __str__(self) -> str:
        return f"{self.person} – {self.given_by}"


class WallStatus(models.TextChoices):
    DRAFT = "draft", _("Bản nháp")
    PUBLISHED = "published", _("Đang đăng")
    UNPUBLISHED = "unpublished", _("Đã gỡ")


class WallEntry(BaseModel):
    school = models.ForeignKey("org.Unit", on_delete=models.PROTECT, related_name="+")
    person = models.ForeignKey(
        "people.Person", on_delete=models.PROTECT, related_name="+", verbose_name=_("Học sinh")
    )
    period = models.ForeignKey(
        "honors.HonorPeriod", null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    title = models.CharField(_("Danh hiệu"), max_length=200)
    class_name = models.CharField(_("Lớp"), max_length=40)
    achievement = models.TextField(_("Thành tích, việc làm tốt"))
    own_words = models.TextField(_("Chia sẻ của em"), blank=True)
    clip_url = models.URLField(_("Đường dẫn đoạn phim"), blank=True)
    photo = models.ImageField(_("Ảnh"), upload_to="wall/%Y/", blank=True)
    status = models.CharField(max_length=12, choices=WallStatus.choices, default=WallStatus.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    unpublished_at = models.DateTimeField(null=True, blank=True)
    unpublish_reason = models.CharField(_("Lý do gỡ"), max_length=300, blank=True)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-published_at", "-created_at"]
        verbose_name = _("Bài trên bảng vinh danh")
        verbose_name_plural = _("Bảng vinh danh")

    def __str__(self) -> str:
        return f"{self.person} – {self.title}"
