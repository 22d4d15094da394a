"""Shared model base and the audit trail."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class BaseModel(models.Model):
    """Every domain row knows when it was created and last changed."""

    created_at = models.DateTimeField(_("Tạo lúc"), auto_now_add=True)
    updated_at = models.DateTimeField(_("Cập nhật lúc"), auto_now=True)

    class Meta:
        abstract = True


class AuditEntry(models.Model):
    """Who did what to which record, and when. Written in the same transaction as the change.

    `unit_path` is the materialised path of the unit the record belongs to, so that a
    unit's administrators can read the trail of their subtree without joins.
    """

    # SET_NULL, because deleting an account must never erase the trail of what it did.
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("Người thực hiện"),
    )
    actor_name = models.CharField(_("Tên người thực hiện"), max_length=200, blank=True)
    action = models.CharField(_("Hành động"), max_length=80, db_index=True)
    target_type = models.CharField(_("Loại đối tượng"), max_length=80)
    target_id = models.CharField(_("Mã đối tượng"), max_length=64)
    target_repr = models.CharField(_("Đối tượng"), max_length=300, blank=True)
    unit_path = models.CharField(_("Đơn vị"), max_length=500, blank=True, db_index=True)
    changes = models.JSONField(_("Thay đổi"), default=dict, blank=True)
    extra = models.JSONField(_("Thông tin thêm"), default=dict, blank=True)
    at = models.DateTimeField(_("Thời điểm"), auto_now_add=True, db_index=True)

    class Meta:
        ordering = ["-at", "-id"]
        verbose_name = _("Nhật ký thay đổi")
        verbose_name_plural = _("Nhật ký thay đổi")
        indexes = [models.Index(fields=["target_type", "target_id"])]

    def __str__(self) -> str:
        return f"{self.at:%d/%m/%Y %H:%M} {self.actor_name} {self.action} {self.target_repr}"
