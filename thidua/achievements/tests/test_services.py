"""The award history API (award_record_create / award_record_revoke) and achievements."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.exceptions import ValidationError

from thidua.achievements.errors import AchievementError
from thidua.achievements.models import Achievement, AwardRecord, AwardSource
from thidua.achievements.selectors import person_record, titles_held_by
from thidua.achievements.services import (
    achievement_create,
    achievement_delete,
    award_record_correct,
    award_record_create,
    award_record_delete,
    award_record_revoke,
    initiative_create,
    research_project_create,
)
from thidua.core.errors import error_codes
from thidua.core.models import AuditEntry
from thidua.org.models import SchoolYear
from thidua.org.services import default_school_year_dates
from thidua.people.record_services import (
    annual_rating_set,
    discipline_record_create,
    pending_matter_open,
)

pytestmark = pytest.mark.django_db


def _year(code: str) -> SchoolYear:
    return SchoolYear.objects.get_or_create(code=code, defaults=default_school_year_dates(code))[0]


def test_a_yearly_title_is_recorded_with_the_school_and_audited(principal, teacher, tree):
    record = award_record_create(
        actor=principal,
        person=teacher.person,
        award="lao_dong_tien_tien",
        period_to=_year("2023-2024"),
        decision_number="215/QĐ-THCSTBC",
        decided_on=dt.date(2024, 6, 20),
        issued_by="Hiệu trưởng Trường THCS Trần Bội Cơ",
        authority_level="school",
    )
    assert (record.period_from_id, record.period_to_id) == ("2023-2024", "2023-2024")
    assert record.unit == tree["tbc"]
    assert record.is_title
    entry = AuditEntry.objects.get(action="achievements.award.create")
    assert entry.changes["award"] == [None, "lao_dong_tien_tien"]


def test_the_same_title_twice_in_a_year_is_refused(principal, teacher):
    year = _year("2023-2024")
    award_record_create(
        actor=principal, person=teacher.person, award="lao_dong_tien_tien", period_to=year
    )
    with pytest.raises(ValidationError) as exc:
        award_record_create(
            actor=principal, person=teacher.person, award="lao_dong_tien_tien", period_to=year
        )
    assert error_codes(exc.value) == [AchievementError.TITLE_ALREADY_HELD]
    assert AwardRecord.objects.count() == 1


def test_a_title_covers_one_school_year(principal, teacher):
    with pytest.raises(ValidationError) as exc:
        award_record_create(
            actor=principal,
            person=teacher.person,
            award="chien_si_thi_dua_co_so",
            period_from=_year("2022-2023"),
            period_to=_year("2023-2024"),
        )
    assert error_codes(exc.value) == [AchievementError.TITLE_IS_ONE_YEAR]


def test_an_award_form_may_cover_several_years(principal, teacher):
    record = award_record_create(
        actor=principal,
        person=teacher.person,
        award="bang_khen_cap_tinh",
        period_from=_year("2021-2022"),
        period_to=_year("2022-2023"),
        decision_number="4021/QĐ-UBND",
        decided_on=dt.date(2023, 12, 12),
        issued_by="Chủ tịch Ủy ban nhân dân Thành phố Hồ Chí Minh",
        authority_level="province",
    )
    assert record.period_codes == ["2021-2022", "2022-2023"]
    assert record.period_label == "2021-2022 – 2022-2023"


@time_machine.travel(dt.datetime(2025, 6, 1, 8, 0), tick=False)
def test_a_decision_in_the_future_is_refused(principal, teacher):
    with pytest.raises(ValidationError) as exc:
        award_record_create(
            actor=principal,
            person=teacher.person,
            award="giay_khen",
            decided_on=dt.date(2025, 6, 2),
        )
    assert error_codes(exc.value) == [AchievementError.DATE_IN_FUTURE]
    assert not AwardRecord.objects.exists()


def test_a_collective_title_is_not_for_a_person(principal, teacher, tree):
    with pytest.raises(ValidationError) as exc:
        award_record_create(
            actor=principal,
            person=teacher.person,
            award="tap_the_lao_dong_tien_tien",
            period_to=_year("2023-2024"),
        )
    assert error_codes(exc.value) == [AchievementError.WRONG_SUBJECT_KIND]
    record = award_record_create(
        actor=principal,
        collective=tree["tbc_math"],
        award="tap_the_lao_dong_tien_tien",
        period_to=_year("2023-2024"),
    )
    assert record.unit == tree["tbc_math"]


def test_one_achievement_backs_one_award(principal, teacher):
    # given (R-GEN-1)
    achievement = achievement_create(
        actor=principal,
        person=teacher.person,
        title="Giải Nhất Hội thi giáo viên dạy giỏi cấp quận",
        school_year=_year("2023-2024"),
        kind="movement",
        scope="co_so",
    )
    award_record_create(
        actor=principal,
        person=teacher.person,
        award="giay_khen",
        decided_on=dt.date(2024, 5, 2),
        achievement=achievement,
    )
    # when
    with pytest.raises(ValidationError) as exc:
        award_record_create(
            actor=principal,
            person=teacher.person,
            award="bang_khen_cap_tinh",
            decided_on=dt.date(2024, 8, 2),
            achievement=achievement,
        )
    # then
    assert error_codes(exc.value) == [AchievementError.ACHIEVEMENT_ALREADY_AWARDED]
    assert "Không khen thưởng nhiều lần, nhiều hình thức cho một thành tích" in str(exc.value)
    assert AwardRecord.objects.count() == 1
    with pytest.raises(ValidationError) as exc:
        achievement_delete(actor=principal, achievement=achievement)
    assert error_codes(exc.value) == [AchievementError.HAS_AWARDS]
    assert Achievement.objects.filter(pk=achievement.pk).exists()


def test_revoking_keeps_the_record_with_reason_and_decision(principal, teacher):
    # given
    record = award_record_create(
        actor=principal,
        person=teacher.person,
        award="chien_si_thi_dua_co_so",
        period_to=_year("2022-2023"),
        decided_on=dt.date(2023, 7, 10),
        decision_number="118/QĐ-THCSTBC",
    )
    # when
    revoked = award_record_revoke(
        actor=principal,
        record=record,
        reason="a",
        revoked_on=dt.date(2024, 3, 4),
        decision="35/QĐ-THCSTBC",
        note="Sáng kiến kê khai không đúng tác giả",
    )
    # then
    assert revoked.is_revoked and revoked.revocation_reason == "a"
    assert titles_held_by(teacher.person, "2022-2023") == set()
    entry = AuditEntry.objects.get(action="achievements.award.revoke")
    assert entry.changes["revocation_reason"] == ["", "a"]
    with pytest.raises(ValidationError) as exc:
        award_record_revoke(
            actor=principal, record=revoked, reason="b", revoked_on=dt.date(2024, 3, 5)
        )
    assert error_codes(exc.value) == [AchievementError.ALREADY_REVOKED]
    # a revoked title no longer blocks the year
    award_record_create(
        actor=principal,
        person=teacher.person,
        award="chien_si_thi_dua_co_so",
        period_to=_year("2022-2023"),
    )


def test_revocation_cannot_predate_the_decision(principal, teacher):
    record = award_record_create(
        actor=principal, person=teacher.person, award="giay_khen", decided_on=dt.date(2024, 5, 20)
    )
    with pytest.raises(ValidationError) as exc:
        award_record_revoke(
            actor=principal, record=record, reason="c", revoked_on=dt.date(2024, 5, 1)
        )
    assert error_codes(exc.value) == [AchievementError.REVOKED_BEFORE_DECISION]
    record.refresh_from_db()
    assert not record.is_revoked


def test_a_record_from_a_decision_cannot_be_deleted(principal, teacher):
    record = award_record_create(
        actor=principal,
        person=teacher.person,
        award="giay_khen",
        decided_on=dt.date(2024, 5, 20),
        source=AwardSource.DECISION,
    )
    with pytest.raises(ValidationError) as exc:
        award_record_delete(actor=principal, record=record)
    assert error_codes(exc.value) == [AchievementError.DECISION_RECORD_FROZEN]
    assert AwardRecord.objects.filter(pk=record.pk).exists()


def test_the_record_in_scenario_format(principal, teacher):
    # given: five kinds of facts
    person = teacher.person
    annual_rating_set(
        actor=principal, person=person, school_year=_year("2023-2024"), rating="htxsnv"
    )
    cstdcs = award_record_create(
        actor=principal, person=person, award="chien_si_thi_dua_co_so", period_to=_year("2022-2023")
    )
    award_record_revoke(
        actor=principal, record=cstdcs, reason="d", revoked_on=dt.date(2024, 2, 1), decision="7/QĐ"
    )
    award_record_create(
        actor=principal, person=person, award="lao_dong_tien_tien", period_to=_year("2023-2024")
    )
    award_record_create(
        actor=principal,
        person=person,
        award="giay_khen",
        decided_on=dt.date(2024, 6, 1),
        period_to=_year("2023-2024"),
    )
    initiative_create(
        actor=principal,
        person=person,
        title="Dạy học hình học 8 với GeoGebra",
        school_year=_year("2023-2024"),
    )
    research_project_create(
        actor=principal,
        person=person,
        title="Đánh giá năng lực tự học",
        school_year=_year("2023-2024"),
        is_accepted=True,
    )
    discipline_record_create(
        actor=principal, person=person, level="khien_trach", decided_on=dt.date(2024, 1, 8)
    )
    pending_matter_open(
        actor=principal, person=person, kind="complaint", opened_on=dt.date(2024, 4, 2)
    )
    # when
    data = person_record(person).as_scenario_person(registered=["2023-2024"])
    # then
    assert data["position"] == "teacher"
    assert data["registered"] == ["2023-2024"]
    assert data["ratings"] == {"2023-2024": "htxsnv"}
    assert data["titles"] == {
        "2022-2023": ["chien_si_thi_dua_co_so"],
        "2023-2024": ["lao_dong_tien_tien"],
    }
    assert data["revoked"] == [
        {
            "title": "chien_si_thi_dua_co_so",
            "school_year": "2022-2023",
            "reason": "d",
            "decision": "7/QĐ",
        }
    ]
    assert data["awards"] == [
        {"form": "giay_khen", "decided_on": dt.date(2024, 6, 1), "period": ["2023-2024"]}
    ]
    assert [i["scope"] for i in data["initiatives"]] == ["co_so"]
    assert data["research_projects"][0]["accepted"] is True
    assert data["discipline"] == [{"level": "khien_trach", "decided_on": dt.date(2024, 1, 8)}]
    assert data["pending_matters"] == [{"kind": "complaint", "opened_on": dt.date(2024, 4, 2)}]


def test_person_record_reads_in_a_fixed_number_of_queries(
    principal, teacher, django_assert_max_num_queries
):
    person = teacher.person
    for first in range(2020, 2024):
        year = _year(f"{first}-{first + 1}")
        annual_rating_set(actor=principal, person=person, school_year=year, rating="httnv")
        award_record_create(
            actor=principal, person=person, award="lao_dong_tien_tien", period_to=year
        )
        initiative_create(
            actor=principal, person=person, title=f"Sáng kiến {first}", school_year=year
        )
    with django_assert_max_num_queries(14):
        record = person_record(person)
        rows = record.year_rows()
    assert [r.code for r in rows if r.titles] == [
        "2023-2024",
        "2022-2023",
        "2021-2022",
        "2020-2021",
    ]


def test_a_correction_checks_the_award_like_an_entry(principal, teacher, tree):
    # given: two titles of the teacher and one of a department, all for 2023-2024
    year = _year("2023-2024")
    ldtt = award_record_create(
        actor=principal, person=teacher.person, award="lao_dong_tien_tien", period_to=year
    )
    award_record_create(
        actor=principal, person=teacher.person, award="chien_si_thi_dua_co_so", period_to=year
    )
    team = award_record_create(
        actor=principal,
        collective=tree["tbc_math"],
        award="tap_the_lao_dong_tien_tien",
        period_to=year,
    )
    # when / then: a title the teacher already holds that year is refused
    with pytest.raises(ValidationError) as exc:
        award_record_correct(
            actor=principal,
            record=ldtt,
            award="chien_si_thi_dua_co_so",
            period_from=None,
            period_to=year,
        )
    assert error_codes(exc.value) == [AchievementError.TITLE_ALREADY_HELD]
    # a collective title is not for a person, a title needs its year
    with pytest.raises(ValidationError) as exc:
        award_record_correct(
            actor=principal,
            record=ldtt,
            award="tap_the_lao_dong_tien_tien",
            period_from=None,
            period_to=year,
        )
    assert error_codes(exc.value) == [AchievementError.WRONG_SUBJECT_KIND]
    ldtt.decided_on = dt.date(2024, 6, 20)
    ldtt.save()
    with pytest.raises(ValidationError) as exc:
        award_record_correct(
            actor=principal,
            record=ldtt,
            award="lao_dong_tien_tien",
            period_from=None,
            period_to=None,
        )
    assert error_codes(exc.value) == [AchievementError.DATE_OR_PERIOD_REQUIRED]
    ldtt.refresh_from_db()
    assert (ldtt.award, ldtt.period_to_id) == ("lao_dong_tien_tien", "2023-2024")
    # the record itself does not block its own correction, nor does a person's title a team's
    award_record_correct(
        actor=principal,
        record=ldtt,
        award="lao_dong_tien_tien",
        period_from=year,
        period_to=None,
        note="Sửa năm học",
    )
    corrected = award_record_correct(
        actor=principal,
        record=team,
        award="tap_the_lao_dong_xuat_sac",
        period_from=None,
        period_to=year,
    )
    assert corrected.award == "tap_the_lao_dong_xuat_sac"
    assert AuditEntry.objects.filter(action="achievements.award.correct").count() == 2
