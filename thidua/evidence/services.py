"""Writes on evidence: add a file (checked by content), add a link, delete. All audited."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.validators import URLValidator
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.audit import audit
from thidua.core.errors import field_error
from thidua.core.vietnamese import nfc
from thidua.movements.models import Criterion, Movement
from thidua.org.models import SchoolYear, Unit
from thidua.people.models import Person

from .models import Evidence, EvidenceKind
from .sniff import check_file

AUDIT_ACTIONS = {
    "evidence.add": gettext_lazy("Nộp minh chứng"),
    "evidence.delete": gettext_lazy("Xóa minh chứng"),
}


class EvidenceError:
    TITLE_REQUIRED = "title_required"
    URL_INVALID = "url_invalid"


@dataclass(frozen=True)
class EvidenceContext:
    """Where a piece of evidence belongs, for permissions and for the archive."""

    unit: Unit
    person: Person | None = None
    school_year: SchoolYear | None = None
    movement: Movement | None = None
    criterion: Criterion | None = None


def _title(title: str, fallback: str) -> str:
    value = nfc(title) or nfc(fallback)
    if not value:
        raise field_error("title", _("Hãy ghi tên minh chứng."), EvidenceError.TITLE_REQUIRED)
    return value[:300]


def _base(actor: Any, target: models.Model, context: EvidenceContext, **fields: Any) -> Evidence:
    return Evidence(
        target_type=ContentType.objects.get_for_model(target),
        target_id=target.pk,
        unit=context.unit,
        person=context.person,
        school_year=context.school_year,
        movement=context.movement,
        criterion=context.criterion,
        uploaded_by=actor if getattr(actor, "is_authenticated", False) else None,
        **fields,
    )


@transaction.atomic
def evidence_add_file(
    *,
    actor: Any,
    target: models.Model,
    context: EvidenceContext,
    filename: str,
    data: bytes,
    title: str = "",
) -> Evidence:
    """Attach a file to `target` once its size and content type are checked.

    The file goes through Django's storage API under a random name; the original name is
    only kept to offer it back on download.
    """
    name = nfc(filename).replace("/", "_").replace("\\", "_")[:255] or "minh-chung"
    try:
        file_type = check_file(name, data)
    except ValidationError as exc:
        raise ValidationError({"file": exc.error_list}) from exc
    evidence = _base(
        actor,
        target,
        context,
        kind=EvidenceKind.FILE,
        title=_title(title, name.rsplit(".", 1)[0]),
        original_name=name,
        content_type=file_type.content_type,
        size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
    )
    evidence.file.save(name, ContentFile(data), save=False)
    stored = evidence.file.name
    # A failed insert must not leave an orphan file in storage.
    try:
        evidence.full_clean()
        evidence.save()
        audit(
            actor,
            "evidence.add",
            evidence,
            unit_path=context.unit.path,
            changes={"title": [None, evidence.title], "file": [None, name]},
            target=f"{evidence.target_type.model}:{evidence.target_id}",
        )
    except Exception:
        evidence.file.storage.delete(stored)
        raise
    return evidence


@transaction.atomic
def evidence_add_link(
    *,
    actor: Any,
    target: models.Model,
    context: EvidenceContext,
    url: str,
    title: str = "",
) -> Evidence:
    """Attach a web link (http or https only) to `target`."""
    url = (url or "").strip()
    try:
        URLValidator(schemes=["http", "https"])(url)
    except ValidationError as exc:
        raise field_error(
            "url",
            _(
                "Đường dẫn “%(url)s” không hợp lệ: cần một địa chỉ web bắt đầu bằng http:// hoặc https://."
            )
            % {"url": url[:200]},
            EvidenceError.URL_INVALID,
        ) from exc
    evidence = _base(
        actor, target, context, kind=EvidenceKind.LINK, title=_title(title, url), url=url
    )
    evidence.full_clean()
    evidence.save()
    audit(
        actor,
        "evidence.add",
        evidence,
        unit_path=context.unit.path,
        changes={"title": [None, evidence.title], "url": [None, url]},
        target=f"{evidence.target_type.model}:{evidence.target_id}",
    )
    return evidence


@transaction.atomic
def evidence_delete(*, actor: Any, evidence: Evidence) -> None:
    """Remove a piece of evidence; its file leaves storage once the transaction commits."""
    stored = evidence.file.name if evidence.file else ""
    storage = evidence.file.storage
    audit(
        actor,
        "evidence.delete",
        evidence,
        unit_path=evidence.unit.path,
        changes={"title": [evidence.title, None]},
    )
    evidence.delete()
    if stored:
        transaction.on_commit(lambda: storage.delete(stored))


@transaction.atomic
def evidence_delete_for_target(*, actor: Any, target: models.Model) -> int:
    """Remove every piece of evidence attached to `target` (its owner is being deleted)."""
    items = list(
        Evidence.objects.filter(
            target_type=ContentType.objects.get_for_model(target), target_id=target.pk
        ).select_related("unit")
    )
    for item in items:
        evidence_delete(actor=actor, evidence=item)
    return len(items)
