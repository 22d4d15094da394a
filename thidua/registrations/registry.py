"""What registrations add to other pages: evidence on a registration, and the
"registered" column of the emulation record page (achievements.record_hooks)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from thidua.achievements.record_hooks import register_collective_context, register_person_context
from thidua.evidence.services import EvidenceContext
from thidua.evidence.targets import register

from .models import Registration
from .policies import can_edit_registration
from .selectors import collective_registered_school_years, registered_school_years


def _context(registration: Registration) -> EvidenceContext:
    unit = registration.collective or registration.registration_list.unit
    return EvidenceContext(
        unit=unit, person=registration.person, school_year=registration.school_year
    )


def _person_years(user: Any, person: Any, record: Any) -> dict[str, Any]:
    return {"registered_years": registered_school_years(person)}


def _collective_years(user: Any, unit: Any, record: Any) -> dict[str, Any]:
    return {"registered_years": collective_registered_school_years(unit)}


def register_hooks() -> None:
    register(
        "registration",
        Registration,
        label=_("Đăng ký thi đua"),
        can_attach=can_edit_registration,
        context=_context,
        back_url=lambda r: reverse("registrations:registration_detail", args=[r.pk]),
        describe=lambda r: f"{r.subject_name} – {r.school_year_id}",
    )
    register_person_context(_person_years)
    register_collective_context(_collective_years)
