"""Demo verdicts: the council member of THCS Trần Bội Cơ has stored checks for the cast of
the year under review (people/demo_cast.py: eligible, not eligible for different reasons,
deferred), and the school's CSTĐCS list of a year under the 15 % cap of NĐ 91/2017. The
pages compute fresh verdicts for any year; these rows show the stored history. Loading
twice changes nothing."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.accounts.models import User
from thidua.org.models import SchoolYear, Unit
from thidua.people.demo_cast import PILOT, build_cast

from .models import EligibilityCheck
from .services import eligibility_check_run, eligibility_checks_run_for_unit

COUNCIL_LOGIN = "hd.tranboico"
#: The titles stored for every member of the cast, and the higher ones for the best records.
EVERYONE = ("lao_dong_tien_tien", "chien_si_thi_dua_co_so")
HIGHER = ("chien_si_thi_dua_cap_tinh", "giay_khen", "bang_khen_cap_tinh")
#: A year decided under the old regime, when CSTĐCS was capped at 15 % of LĐTT.
CAPPED_YEAR = "2022-2023"


def load(today: dt.date) -> list[Any]:
    """Store the demo checks once; no logins to add."""
    cast = build_cast(today)
    school = Unit.objects.filter(code=PILOT).first()
    year = SchoolYear.objects.filter(code=cast.review).first() if cast else None
    if cast is None or school is None or year is None:
        return []
    if EligibilityCheck.objects.filter(unit=school).exists():
        return []
    actor = User.objects.filter(username=COUNCIL_LOGIN).first()
    for name, person in cast.roles.items():
        titles = EVERYONE + (HIGHER if name in ("star", "veteran") else ())
        for title in titles:
            eligibility_check_run(actor=actor, title=title, school_year=year, person=person)
    if SchoolYear.objects.filter(code=CAPPED_YEAR).exists():
        eligibility_checks_run_for_unit(
            actor=actor, unit=school, title="chien_si_thi_dua_co_so", school_year=CAPPED_YEAR
        )
    return []
