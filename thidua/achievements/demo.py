"""Demo award history: the titles decided in the past years (LĐTT, CSTĐCS in consecutive
years for some, a Bằng khen cấp tỉnh, a revoked CSTĐCS, a Giấy khen resting on an
achievement), collective titles, initiatives and a research project, with a few evidence
files. The year under review has ratings, registrations and initiatives but no titles yet:
the eligibility pages evaluate it. Written in bulk; loading twice changes nothing."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from thidua.evidence.samples import tiny_pdf
from thidua.evidence.services import EvidenceContext, evidence_add_file
from thidua.movements.models import Movement
from thidua.org.models import SchoolYear, Unit, UnitType
from thidua.people.demo import rating_of
from thidua.people.demo_cast import PILOT, Cast, build_cast, shift
from thidua.people.models import Person
from thidua.people.records import AnnualRating

from .models import Achievement, AwardRecord, AwardSource, Initiative, ResearchProject

DECIDERS: dict[str, tuple[str, str, str]] = {
    # school: (who decides the yearly titles, authority level, decision suffix)
    "THCS-TBC": ("Trưởng phòng Giáo dục và Đào tạo Quận 5", "district", "QĐ-GDĐT"),
    "TH-BAUSEN": ("Trưởng phòng Giáo dục và Đào tạo Quận 5", "district", "QĐ-GDĐT"),
    "THCS-THC": ("Chủ tịch Ủy ban nhân dân huyện Tân Hồng", "district", "QĐ-UBND"),
    "THPT-NK": ("Giám đốc Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh", "province", "QĐ-SGDĐT"),
}
INITIATIVE_TOPICS = [
    "Ứng dụng phần mềm GeoGebra trong dạy học hình học",
    "Tổ chức hoạt động trải nghiệm gắn với di sản địa phương",
    "Sử dụng sơ đồ tư duy trong ôn tập cuối kỳ",
    "Dạy học theo trạm môn Khoa học tự nhiên",
    "Xây dựng ngân hàng câu hỏi trực tuyến theo ma trận năng lực",
    "Phối hợp gia đình – nhà trường qua nhóm Zalo lớp học",
]


def _decision(school: str, year: str, n: int) -> dict[str, Any]:
    who, level, suffix = DECIDERS[school]
    end = int(year[5:])
    return {
        "decided_on": dt.date(end, 8, 15),
        "decision_number": f"{n}/{suffix}",
        "issued_by": who,
        "authority_level": level,
    }


def _award(
    person: Person | None, award: str, year: SchoolYear, unit: Unit, **fields: Any
) -> AwardRecord:
    return AwardRecord(
        person=person,
        award=award,
        period_from=year,
        period_to=year,
        unit=unit,
        source=AwardSource.IMPORTED,
        **fields,
    )


def _individual_titles(
    cast: Cast, years: dict[str, SchoolYear]
) -> tuple[list[AwardRecord], list[Initiative]]:
    awards: list[AwardRecord] = []
    initiatives: list[Initiative] = []
    ratings = {
        (r.person_id, r.school_year_id): r
        for r in AnnualRating.objects.filter(
            person__isnull=False, school_year_id__in=list(years)
        ).select_related("unit")
    }
    people = [p for staff in cast.staff.values() for p in staff] + [cast.roles["mover"]]
    scripted_cstdcs = {
        "star": {shift(cast.review, -2), shift(cast.review, -1)},
        "veteran": {shift(cast.review, -4), shift(cast.review, -3), shift(cast.review, -1)},
        "revoked": {shift(cast.review, -2)},
    }
    topic = 0
    for person in people:
        role = cast.role_of(person)
        code = person.staff_profile.staff_code or str(person.pk)
        for year_code, year in years.items():
            rating = ratings.get((person.pk, year_code))
            if rating is None:
                continue
            school = rating.unit.code if rating.unit.code in DECIDERS else PILOT
            if year_code == cast.review:
                if role in ("star", "complaint", "scholar") or (
                    role is None
                    and rating.rating == "htxsnv"
                    and random.Random(code).random() < 0.3
                ):
                    initiatives.append(
                        Initiative(
                            person=person,
                            title=INITIATIVE_TOPICS[topic % len(INITIATIVE_TOPICS)],
                            school_year=year,
                            # The star's initiative spread city-wide (CSTĐ cấp tỉnh, R-CSTDT-1).
                            scope="cap_tinh" if role == "star" else "co_so",
                            recognised_by=(
                                "Hội đồng sáng kiến ngành Giáo dục Thành phố Hồ Chí Minh"
                                if role == "star"
                                else f"Hội đồng sáng kiến {rating.unit.name}"
                            ),
                            decision_number=f"{40 + topic}/QĐ-HĐSK",
                            recognised_on=dt.date(int(year_code[5:]), 5, 20),
                            unit=rating.unit,
                        )
                    )
                    topic += 1
                continue
            if rating.rating not in ("htxsnv", "httnv"):
                continue
            awards.append(
                _award(
                    person,
                    "lao_dong_tien_tien",
                    year,
                    rating.unit,
                    **_decision(school, year_code, 310),
                )
            )
            wants = year_code in scripted_cstdcs.get(role or "", set())
            generic = (
                role is None
                and rating.rating == "htxsnv"
                and rating_of(cast, code, None, year_code) == "htxsnv"
                and random.Random(f"{code}|cstd|{year_code}").random() < 0.35
            )
            if wants or generic:
                awards.append(
                    _award(
                        person,
                        "chien_si_thi_dua_co_so",
                        year,
                        rating.unit,
                        **_decision(school, year_code, 311),
                    )
                )
                initiatives.append(
                    Initiative(
                        person=person,
                        title=INITIATIVE_TOPICS[topic % len(INITIATIVE_TOPICS)],
                        school_year=year,
                        scope="cap_tinh"
                        if role == "veteran" and year_code == shift(cast.review, -4)
                        else "co_so",
                        recognised_by=f"Hội đồng sáng kiến {rating.unit.name}",
                        decision_number=f"{20 + topic}/QĐ-HĐSK",
                        recognised_on=dt.date(int(year_code[5:]), 5, 15),
                        unit=rating.unit,
                    )
                )
                topic += 1
    return awards, initiatives


def _collective_titles(cast: Cast, years: dict[str, SchoolYear]) -> list[AwardRecord]:
    awards: list[AwardRecord] = []
    ratings = {
        (r.collective_id, r.school_year_id): r.rating
        for r in AnnualRating.objects.filter(
            collective__isnull=False, school_year_id__in=list(years)
        )
    }
    for school in cast.schools.values():
        units = Unit.objects.filter(
            parent=school, type__in=[UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM]
        )
        for unit in units:
            for year_code, year in years.items():
                if year_code == cast.review or ratings.get((unit.pk, year_code)) is None:
                    continue
                award = "tap_the_lao_dong_tien_tien"
                if unit.code == f"{PILOT}-TOAN" and year_code == shift(cast.review, -1):
                    award = "tap_the_lao_dong_xuat_sac"
                record = _award(None, award, year, unit, **_decision(school.code, year_code, 312))
                record.collective = unit
                awards.append(record)
    return awards


def _scripted(cast: Cast, years: dict[str, SchoolYear]) -> None:
    pilot = cast.schools[PILOT]
    innovation = (
        Movement.objects.filter(unit__code="SGDDT-HCM", kind="standing").order_by("id").first()
    )
    veteran = cast.roles.get("veteran")
    if veteran is not None:
        first, second = shift(cast.review, -4), shift(cast.review, -3)
        bang_khen = AwardRecord.objects.create(
            person=veteran,
            award="bang_khen_cap_tinh",
            period_from=years[first],
            period_to=years[second],
            decision_number="4021/QĐ-UBND",
            decided_on=dt.date(int(second[5:]), 12, 12),
            issued_by="Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh",
            authority_level="province",
            source=AwardSource.IMPORTED,
            note="Đã có thành tích hai năm liên tục đạt danh hiệu Chiến sĩ thi đua cơ sở",
            unit=pilot,
        )
        evidence_add_file(
            actor=None,
            target=bang_khen,
            context=EvidenceContext(unit=pilot, person=veteran, school_year=years[second]),
            filename="Bằng khen UBND TP.pdf",
            data=tiny_pdf("Bang khen UBND Thanh pho Ho Chi Minh"),
            title="Bản chụp Bằng khen của Chủ tịch UBND Thành phố",
        )
    revoked = cast.roles.get("revoked")
    year = shift(cast.review, -2)
    record = AwardRecord.objects.filter(
        person=revoked, award="chien_si_thi_dua_co_so", period_to_id=year
    ).first()
    if record is not None:
        record.revoked_on = dt.date(int(cast.review[:4]), 3, 10)
        record.revocation_reason = "a"
        record.revocation_decision = f"27/QĐ-GDĐT ngày 10/3/{cast.review[:4]}"
        record.revocation_note = "Sáng kiến kê khai trong hồ sơ không phải của tác giả"
        record.save(
            update_fields=[
                "revoked_on",
                "revocation_reason",
                "revocation_decision",
                "revocation_note",
            ]
        )
    star = cast.roles.get("star")
    if star is not None:
        achievement = Achievement.objects.create(
            person=star,
            title="Giải Nhất Hội thi giáo viên dạy giỏi cấp quận, môn Toán",
            kind="movement",
            scope="co_so",
            school_year=years[cast.review],
            period_start=dt.date(int(cast.review[:4]), 11, 5),
            period_end=dt.date(int(cast.review[:4]), 11, 28),
            recognised_by="Phòng Giáo dục và Đào tạo Quận 5",
            movement=innovation,
            unit=pilot,
        )
        evidence_add_file(
            actor=None,
            target=achievement,
            context=EvidenceContext(
                unit=pilot, person=star, school_year=years[cast.review], movement=innovation
            ),
            filename="Giấy chứng nhận Giải Nhất GVDG.pdf",
            data=tiny_pdf("Giay chung nhan Giai Nhat giao vien day gioi"),
        )
        initiative = Initiative.objects.filter(person=star, school_year=years[cast.review]).first()
        if initiative is not None:
            evidence_add_file(
                actor=None,
                target=initiative,
                context=EvidenceContext(unit=pilot, person=star, school_year=years[cast.review]),
                filename="Báo cáo sáng kiến.pdf",
                data=tiny_pdf("Bao cao sang kien"),
            )
    scholar = cast.roles.get("scholar")
    if scholar is not None:
        earlier = years[shift(cast.review, -1)]
        ResearchProject.objects.create(
            person=scholar,
            title="Phát triển năng lực tự học môn Toán cho học sinh lớp 8 qua dạy học dự án",
            school_year=earlier,
            scope="co_so",
            is_accepted=True,
            accepted_on=dt.date(int(earlier.code[5:]), 6, 20),
            recognised_by="Trường Đại học Sư phạm Thành phố Hồ Chí Minh",
            unit=pilot,
        )
        contest = Achievement.objects.create(
            person=scholar,
            title="Hướng dẫn học sinh đạt giải Ba Cuộc thi Khoa học kỹ thuật cấp Thành phố",
            kind="movement",
            scope="cap_tinh",
            school_year=earlier,
            recognised_by="Sở Giáo dục và Đào tạo Thành phố Hồ Chí Minh",
            movement=innovation,
            unit=pilot,
        )
        AwardRecord.objects.create(
            person=scholar,
            award="giay_khen",
            period_from=earlier,
            period_to=earlier,
            decision_number="56/QĐ-THCSTBC",
            decided_on=dt.date(int(earlier.code[5:]), 6, 5),
            issued_by="Hiệu trưởng Trường THCS Trần Bội Cơ",
            authority_level="school",
            achievement=contest,
            movement=innovation,
            source=AwardSource.ENTERED,
            unit=pilot,
        )


def load(today: dt.date) -> list:
    """Load the demo award history; returns no new logins."""
    cast = build_cast(today)
    if cast is None or "star" not in cast.roles:
        return []
    years = {y.code: y for y in SchoolYear.objects.filter(code__in=cast.history).order_by("code")}
    if len(years) != len(cast.history):
        return []
    if AwardRecord.objects.filter(person=cast.roles["star"]).exists():
        return []
    awards, initiatives = _individual_titles(cast, years)
    AwardRecord.objects.bulk_create(awards + _collective_titles(cast, years))
    Initiative.objects.bulk_create(initiatives)
    _scripted(cast, years)
    return []
