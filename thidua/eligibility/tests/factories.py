"""Helpers that write records through the owning apps' services (and a registration list
row for the accepted registrations the engine reads)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.achievements.models import AwardRecord
from thidua.achievements.services import award_record_create, initiative_create
from thidua.org.models import SchoolYear, Unit
from thidua.org.services import default_school_year_dates
from thidua.people.models import Person
from thidua.people.record_services import annual_rating_set
from thidua.registrations.models import Registration, RegistrationList, RegistrationStatus


def year(code: str) -> SchoolYear:
    return SchoolYear.objects.get_or_create(code=code, defaults=default_school_year_dates(code))[0]


def register(subject: Person | Unit, code: str, unit: Unit) -> Registration:
    """An accepted registration of a person (or a collective) for a school year."""
    sy = year(code)
    reg_list, _ = RegistrationList.objects.get_or_create(
        unit=unit, school_year=sy, defaults={"deadline": dt.date(int(code[:4]), 10, 15)}
    )
    person = subject if isinstance(subject, Person) else None
    collective = subject if isinstance(subject, Unit) else None
    return Registration.objects.create(
        registration_list=reg_list,
        school_year=sy,
        person=person,
        collective=collective,
        status=RegistrationStatus.ACCEPTED,
    )


def good_year(
    actor: Any,
    person: Person,
    code: str,
    unit: Unit,
    *,
    rating: str = "htxsnv",
    titles: tuple[str, ...] = (),
    initiative: bool = False,
) -> list[AwardRecord]:
    """Register, rate, record an initiative and the titles of one school year."""
    sy = year(code)
    register(person, code, unit)
    annual_rating_set(actor=actor, person=person, school_year=sy, rating=rating)
    if initiative:
        initiative_create(actor=actor, person=person, title=f"Sáng kiến {code}", school_year=sy)
    return [award_record_create(actor=actor, person=person, award=t, period_to=sy) for t in titles]
