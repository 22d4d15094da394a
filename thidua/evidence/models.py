"""Evidence (minh chứng): files and links proving an achievement, a criterion, a registration.

An evidence row points to what it proves through a generic link (`target`): achievements,
initiatives, registrations and progress entries live in apps above this one, and a generic
link lets each of them attach evidence without this app importing them (the dependency
direction stays core ← org ← people ← movements ← evidence ← achievements ← registrations).
The columns `unit`, `person`, `school_year`, `movement` and `criterion` are the context an
inspector browses the archive by; they are copied from the target when the evidence is
added, so the archive of a movement is one indexed query.
"""

from __future__ import annotations

import uuid
from pathlib import PurePosixPath

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from thidua.core.models import BaseModel


class EvidenceKind(models.TextChoices):
    FILE = "file", _("Tệp")
    LINK = "link", _("Đường dẫn")


def evidence_upload_to(instance: Evidence, filename: str) -> str:
    """A random storage name: the original name is kept in the row, never used on disk."""
    suffix = PurePosixPath(filename).suffix.lower()[:8]
    return f"evidence/{instance.created_at_year()}/{uuid.uuid4().hex}{suffix}"


class Evidence(BaseModel):
    kind = models.CharField(_("Loại"), max_length=4, choices=EvidenceKind.choices)
    title = models.CharField(_("Tên minh chứng"), max_length=300)
    file = models.FileField(_("Tệp"), upload_to=evidence_upload_to, blank=True, max_length=200)
    original_name = models.CharField(_("Tên tệp"), max_length=255, blank=True)
    content_type = models.CharField(_("Kiểu nội dung"), max_length=100, blank=True)
    size = models.PositiveBigIntegerField(_("Dung lượng"), default=0)
    sha256 = models.CharField(max_length=64, blank=True, db_index=True)
    url = models.URLField(_("Đường dẫn"), max_length=500, blank=True)
    # PROTECT on the content type: the type table is stable; the target itself is removed
    # by its own service, which removes its evidence explicitly.
    target_type = models.ForeignKey(ContentType, on_delete=models.PROTECT, related_name="+")
    target_id = models.PositiveBigIntegerField()
    target = GenericForeignKey("target_type", "target_id")
    unit = models.ForeignKey(
        "org.Unit", on_delete=models.PROTECT, related_name="+", verbose_name=_("Đơn vị")
    )
    person = models.ForeignKey(
        "people.Person",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("Cá nhân"),
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
    movement = models.ForeignKey(
        "movements.Movement",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence_items",
        verbose_name=_("Phong trào"),
    )
    criterion = models.ForeignKey(
        "movements.Criterion",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="evidence_items",
        verbose_name=_("Tiêu chí"),
    )
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người nộp"),
    )

    class Meta:
        ordering = ["-created_at", "-id"]
        verbose_name = _("Minh chứng")
        verbose_name_plural = _("Minh chứng")
        indexes = [
            models.Index(fields=["target_type", "target_id"]),
            models.Index(fields=["movement", "school_year"]),
        ]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="file") & ~Q(file="")) | (Q(kind="link") & ~Q(url="")),
                name="evidence_file_or_link",
            )
        ]

    def __str__(self) -> str:
        return self.title

    def created_at_year(self) -> int:
        from django.utils import timezone

        return (self.created_at or timezone.now()).year

    @property
    def is_file(self) -> bool:
        return self.kind == EvidenceKind.FILE

    @property
    def type_label(self) -> str:
        """A short label of the kind of evidence: PDF, PNG, DOCX… or a link."""
        if not self.is_file:
            return "URL"
        return PurePosixPath(self.original_name or self.file.name).suffix.lstrip(".").upper()

    @property
    def size_label(self) -> str:
        if self.size >= 1024 * 1024:
            return f"{self.size / 1024 / 1024:.1f} MB"
        return f"{max(1, round(self.size / 1024))} KB"
