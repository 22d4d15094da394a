"""The demo history gives the eligibility pages a case for every outcome, idempotently."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.achievements.catalog import ANNUAL_TITLES
from thidua.achievements.models import AwardRecord
from thidua.achievements.selectors import person_record
from thidua.demo import load_demo
from thidua.eligibility import gather
from thidua.evidence.models import Evidence
from thidua.movements.models import Movement, ProgressEntry
from thidua.org.models import SchoolYear, Unit
from thidua.people.demo_cast import build_cast
from thidua.people.models import Person
from thidua.people.records import AnnualRating, DisciplineRecord, LeaveRecord, PendingMatter
from thidua.registrations.models import Registration, RegistrationStatus
from thidua.registrations.selectors import registered_school_years

TODAY = dt.date(2026, 11, 23)


def _counts() -> tuple[int, ...]:
    return (
        Movement.objects.count(),
        ProgressEntry.objects.count(),
        AnnualRating.objects.count(),
        AwardRecord.objects.count(),
        Registration.objects.count(),
        Evidence.objects.count(),
        PendingMatter.objects.count(),
    )


@pytest.mark.django_db
def test_demo_history_covers_every_case_and_loads_once(django_assert_max_num_queries):
    # given
    load_demo(today=TODAY)
    first = _counts()
    # when
    load_demo(today=TODAY)
    # then: nothing doubled
    assert _counts() == first
    cast = build_cast(TODAY)
    assert cast.review == "2025-2026" and cast.current == "2026-2027"
    roles = cast.roles
    # seeds 001, 002 and 004
    thc = Movement.objects.get(unit__code="THCS-THC")
    assert set(thc.criteria.values_list("participant", flat=True)) == {
        "school", "subject_department", "office_team", "manager", "teacher", "staff", "student",
    }  # fmt: skip
    assert thc.phases.filter(kind="mid_term_review").exists()
    nk = Movement.objects.get(unit__code="THPT-NK")
    assert nk.targets.count() == 7 and nk.parent.unit.code == "SGDDT-HCM"
    assert ProgressEntry.objects.filter(target__movement=nk).count() >= 20
    assert Movement.objects.filter(unit__code="SGDDT-HCM", kind="theme").exists()
    assert Movement.objects.filter(unit__code="SGDDT-HCM", kind="emulation_work").exists()
    assert (
        Movement.objects.get(unit__code="SGDDT-HCM", name__startswith="Đổi mới").adoptions.count()
        == 5
    )
    # the cast's records
    star = person_record(roles["star"]).titles_held()
    assert (
        "chien_si_thi_dua_co_so" in star["2023-2024"]
        and "chien_si_thi_dua_co_so" in star["2024-2025"]
    )
    assert AwardRecord.objects.filter(person=roles["veteran"], award="bang_khen_cap_tinh").exists()
    assert (
        AwardRecord.objects.get(person=roles["revoked"], revoked_on__isnull=False).revocation_reason
        == "a"
    )
    assert (
        AnnualRating.objects.get(person=roles["weak"], school_year_id="2025-2026").rating == "htnv"
    )
    assert DisciplineRecord.objects.get(person=roles["disciplined"]).level == "khien_trach"
    assert PendingMatter.objects.get(person=roles["complaint"]).closed_on is None
    assert "2025-2026" not in registered_school_years(roles["unregistered"])
    assert "2025-2026" in registered_school_years(roles["star"])
    assert LeaveRecord.objects.get(person=roles["mother"]).kind == "maternity"
    assert roles["newcomer"].staff_profile.hired_on == dt.date(2026, 2, 16)
    mover = person_record(roles["mover"])
    units = {code: r.unit.code for code, r in mover.people.ratings.items()}
    assert units["2024-2025"] == "TH-BAUSEN" and units["2025-2026"] == "THCS-TBC"
    assert mover.people.transfers[0].comment is not None
    # the year under review has no titles yet (its year-end Giấy khen were decided in the
    # nominations demo); the current year's registrations are mixed
    assert not AwardRecord.objects.filter(
        period_to_id="2025-2026", award__in=ANNUAL_TITLES
    ).exists()
    statuses = set(
        Registration.objects.filter(school_year_id="2026-2027").values_list("status", flat=True)
    )
    assert {
        RegistrationStatus.ACCEPTED,
        RegistrationStatus.RETURNED,
        RegistrationStatus.DRAFT,
    } <= statuses
    returned = Registration.objects.get(
        school_year_id="2026-2027", status=RegistrationStatus.RETURNED
    )
    assert returned.return_reason
    # evidence files are real files
    pdf = Evidence.objects.filter(kind="file", content_type="application/pdf").first()
    with pdf.file.open("rb") as handle:
        assert handle.read(5) == b"%PDF-"
    # the bulk facts for the eligibility engine equal the record page's
    ids = [p.pk for p in cast.roles.values()] + [p.pk for p in cast.staff["THCS-TBC"][:20]]
    # when
    with django_assert_max_num_queries(20):
        bulk = gather.people_facts(ids, "2025-2026")
    # then
    for pid in ids:
        record = person_record(Person.objects.get(pk=pid))
        assert bulk[pid] == gather.person_facts_from_record(record, "2025-2026"), pid
    math = Unit.objects.get(code="THCS-TBC-TOAN")
    block = gather.collective_facts(math, SchoolYear.objects.get(code="2025-2026"))
    assert block.kind == "subject_department"
    assert sorted(block.registered) == [
        "2021-2022",
        "2022-2023",
        "2023-2024",
        "2024-2025",
        "2025-2026",
    ]
    assert list(block.titles["2024-2025"]) == ["tap_the_lao_dong_xuat_sac"]
    names = {m.name for m in block.members}
    assert {cast.roles["veteran"].full_name, cast.roles["newcomer"].full_name} <= names
