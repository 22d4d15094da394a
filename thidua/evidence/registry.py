"""Evidence targets owned by the movements app (below this one): progress entries."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.accounts.policy import may
from thidua.movements.models import ProgressEntry
from thidua.org.selectors import current_school_year

from .services import EvidenceContext
from .targets import register


def _progress_context(entry: ProgressEntry) -> EvidenceContext:
    return EvidenceContext(
        unit=entry.unit,
        school_year=current_school_year(entry.recorded_on),
        movement=entry.target.movement,
    )


def register_targets() -> None:
    register(
        "progress",
        ProgressEntry,
        label=_("Kết quả thực hiện chỉ tiêu"),
        can_attach=lambda user, entry: may(user, "movements.progress.record", entry.unit),
        context=_progress_context,
        back_url=lambda entry: reverse("movements:target_detail", args=[entry.target_id]),
        describe=lambda entry: f"{entry.target.text} – {entry.unit} ({entry.recorded_on:%d/%m/%Y})",
    )
