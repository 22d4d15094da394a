"""Honor wall writes: consents, entries, publish and unpublish (at once)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit, register_actions
from thidua.core.vietnamese import nfc

from .models import ParentConsent, WallEntry, WallStatus

register_actions(
    {
        "honorwall.consent.record": _("Ghi nhận đồng ý của phụ huynh"),
        "honorwall.consent.withdraw": _("Ghi nhận phụ huynh rút lại đồng ý"),
        "honorwall.entry.save": _("Soạn bài bảng vinh danh"),
        "honorwall.entry.publish": _("Đăng lên bảng vinh danh"),
        "honorwall.entry.unpublish": _("Gỡ khỏi bảng vinh danh"),
    }
)

MAX_PHOTO_BYTES = 5 * 1024 * 1024


def _in_force(day: dt.date) -> Q:
    return Q(given_on__lte=day) & (Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=day))


def active_consent(person: Any, on: dt.date | None = None) -> ParentConsent | None:
    day = on or timezone.localdate()
    return ParentConsent.objects.filter(_in_force(day), person=person).first()


def active_consents(people: Iterable[Any], on: dt.date | None = None) -> dict[int, ParentConsent]:
    """The consent in force of each person (by id), in one query, for lists and the wall."""
    day = on or timezone.localdate()
    found: dict[int, ParentConsent] = {}
    # the model's ordering puts the latest consent first, as active_consent() picks it
    for consent in ParentConsent.objects.filter(
        _in_force(day), person_id__in={p.pk for p in people}
    ):
        found.setdefault(consent.person_id, consent)
    return found


@transaction.atomic
def consent_record(
    *,
    actor: Any,
    person: Any,
    given_by: str,
    relationship: str,
    given_on: dt.date,
    allows_photo: bool,
    allows_clip: bool,
    note: str = "",
) -> ParentConsent:
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("Ngày đồng ý không thể ở tương lai.")})
    consent = ParentConsent(
        person=person,
        given_by=nfc(given_by),
        relationship=nfc(relationship),
        given_on=given_on,
        allows_photo=allows_photo,
        allows_clip=allows_clip,
        note=nfc(note),
        recorded_by=actor,
    )
    consent.full_clean()
    consent.save()
    audit(actor, "honorwall.consent.record", consent)
    return consent


@transaction.atomic
def consent_withdraw(*, actor: Any, consent: ParentConsent) -> ParentConsent:
    """A parent withdraws consent: the child's entries leave the public wall at once."""
    consent.withdrawn_on = timezone.localdate()
    consent.save(update_fields=["withdrawn_on", "updated_at"])
    audit(actor, "honorwall.consent.withdraw", consent)
    return consent


def _check_photo(photo: UploadedFile) -> None:
    from PIL import Image

    if photo.size > MAX_PHOTO_BYTES:
        raise ValidationError({"photo": _("Ảnh quá lớn (tối đa 5 MB).")})
    try:
        image = Image.open(photo)
        image.verify()
        if image.format not in ("JPEG", "PNG", "WEBP"):
            raise ValueError(image.format)
    except Exception as exc:
        raise ValidationError(
            {"photo": _("Tệp “%(n)s” không phải là ảnh JPEG hoặc PNG.") % {"n": photo.name}}
        ) from exc
    photo.seek(0)


@transaction.atomic
def entry_save(
    *, actor: Any, entry: WallEntry, photo: UploadedFile | None = None, **fields: Any
) -> WallEntry:
    for key, value in fields.items():
        setattr(entry, key, nfc(value) if isinstance(value, str) and key != "clip_url" else value)
    if photo is not None:
        _check_photo(photo)
        entry.photo.save(photo.name, photo, save=False)
    entry.changed_by = actor
    entry.full_clean()
    entry.save()
    audit(actor, "honorwall.entry.save", entry, unit_path=entry.school.path)
    return entry


@transaction.atomic
def entry_publish(*, actor: Any, entry: WallEntry) -> WallEntry:
    if active_consent(entry.person) is None:
        raise ValidationError(
            _(
                "Chưa có đồng ý của phụ huynh: bài chỉ hiện tên viết tắt của em "
                "trong danh sách lớp. Hãy ghi nhận giấy đồng ý trước khi đăng "
                "đầy đủ."
            ),
            code="consent_required",
        )
    entry.status = WallStatus.PUBLISHED
    entry.published_at = timezone.now()
    entry.changed_by = actor
    entry.save(update_fields=["status", "published_at", "changed_by", "updated_at"])
    audit(actor, "honorwall.entry.publish", entry, unit_path=entry.school.path)
    return entry


@transaction.atomic
def entry_unpublish(*, actor: Any, entry: WallEntry, reason: str = "") -> WallEntry:
    """Take an entry off the public wall immediately."""
    entry.status = WallStatus.UNPUBLISHED
    entry.unpublished_at = timezone.now()
    entry.unpublish_reason = nfc(reason)
    entry.changed_by = actor
    entry.save(
        update_fields=["status", "unpublished_at", "unpublish_reason", "changed_by", "updated_at"]
    )
    audit(actor, "honorwall.entry.unpublish", entry, unit_path=entry.school.path)
    return entry
