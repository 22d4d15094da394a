"""Rounds and passed proposals made directly with the models: the council step is not what
these tests are about."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.utils import timezone

from conftest import make_teacher
from thidua.nominations.models import NominationRound, Proposal, ProposalStatus, RoundKind
from thidua.org.models import SchoolYear, Unit

YEAR = "2024-2025"


def make_round(unit: Unit, *, awards: list[str] | None = None, title: str = "") -> NominationRound:
    return NominationRound.objects.create(
        unit=unit,
        school_year=SchoolYear.objects.get(code=YEAR),
        title=title or f"Tổng kết năm học {YEAR}",
        kind=RoundKind.YEAR_END,
        awards=awards or ["lao_dong_tien_tien", "giay_khen", "tap_the_lao_dong_tien_tien"],
        deadline=timezone.make_aware(dt.datetime(2025, 5, 20, 17, 0)),
    )


def passed(
    nomination_round: NominationRound,
    *,
    person: Any = None,
    collective: Unit | None = None,
    award: str = "lao_dong_tien_tien",
    summary: str = "Hoàn thành xuất sắc nhiệm vụ năm học",
) -> Proposal:
    year = SchoolYear.objects.get(code=YEAR)
    return Proposal.objects.create(
        round=nomination_round,
        person=person,
        collective=collective,
        award=award,
        summary=summary,
        period_from=year,
        period_to=year,
        status=ProposalStatus.PASSED,
        holder=nomination_round.unit,
    )


def school_with_passed(tree: dict[str, Unit]) -> tuple[NominationRound, list[Proposal]]:
    """THCS Trần Bội Cơ: two teachers for LĐTT, one Giấy khen, and the maths department."""
    nomination_round = make_round(tree["tbc"])
    lan = make_teacher(tree["tbc"], "Nguyễn Thị Ngọc Lan", dept=tree["tbc_math"])
    dung = make_teacher(tree["tbc"], "Trần Quốc Dũng", dept=tree["tbc_math"])
    hang = make_teacher(tree["tbc"], "Lê Thị Thúy Hằng", title="Nhân viên văn thư")
    proposals = [
        passed(nomination_round, person=lan),
        passed(nomination_round, person=dung),
        passed(nomination_round, person=hang, award="giay_khen"),
        passed(nomination_round, collective=tree["tbc_math"], award="tap_the_lao_dong_tien_tien"),
    ]
    return nomination_round, proposals
