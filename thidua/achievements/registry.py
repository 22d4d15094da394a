"""Evidence can be attached to achievements, initiatives, research projects and awards."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.evidence.services import EvidenceContext
from thidua.evidence.targets import register

from .models import Achievement, AwardRecord, Initiative, ResearchProject
from .policies import can_edit_row


def record_url(row: Any) -> str:
    """The emulation record page a row belongs to."""
    if getattr(row, "person_id", None):
        return reverse("achievements:person_record", args=[row.person_id])
    return reverse("achievements:collective_record", args=[row.collective.code])


def _context(row: Any) -> EvidenceContext:
    unit = row.unit or getattr(row, "collective", None)
    if unit is None:
        raise ValueError("a record row without a unit")
    return EvidenceContext(
        unit=unit,
        person=getattr(row, "person", None),
        school_year=getattr(row, "school_year", None) or getattr(row, "period_to", None),
        movement=getattr(row, "movement", None),
        criterion=getattr(row, "criterion", None),
    )


def _can_attach(user: Any, row: Any) -> bool:
    """Those who enter the record, and a member of staff for their own rows."""
    if row.unit_id is None and getattr(row, "collective_id", None) is None:
        return False
    own = getattr(row, "person_id", None) is not None and row.person_id == user.person_id
    return own or can_edit_row(user, row)


def register_targets() -> None:
    for slug, model, label in (
        ("achievement", Achievement, _("Thành tích")),
        ("initiative", Initiative, _("Sáng kiến")),
        ("research", ResearchProject, _("Đề tài nghiên cứu khoa học")),
        ("award", AwardRecord, _("Danh hiệu, khen thưởng")),
    ):
        register(
            slug,
            model,
            label=label,
            can_attach=_can_attach,
            context=_context,
            back_url=record_url,
        )
