"""The emulation record pages: who reads them, the history across schools, entry forms."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from conftest import make_teacher
from thidua.achievements.models import Achievement, AwardRecord
from thidua.achievements.selectors import previous_school_year_code, record_list_rows
from thidua.achievements.services import (
    achievement_create,
    award_record_create,
    initiative_create,
)
from thidua.evidence.models import Evidence
from thidua.evidence.samples import tiny_pdf
from thidua.evidence.services import EvidenceContext, evidence_add_file
from thidua.org.models import SchoolYear
from thidua.org.services import default_school_year_dates
from thidua.people.record_services import annual_rating_set, pending_matter_open
from thidua.people.records import PendingMatter
from thidua.people.services import staff_transfer

pytestmark = pytest.mark.django_db


def _year(code: str) -> SchoolYear:
    return SchoolYear.objects.get_or_create(code=code, defaults=default_school_year_dates(code))[0]


@pytest.mark.parametrize(
    ("_case", "persona", "status"),
    [
        ("the teacher herself", "teacher", 200),
        ("the school's principal", "principal", 200),
        ("the district officer", "district_officer", 200),
        ("the city officer", "doe_officer", 200),
        ("a colleague", "homeroom_teacher", 403),
        ("another school's principal", "other_principal", 403),
        ("another school's teacher", "other_homeroom_teacher", 403),
        ("a student", "student", 403),
    ],
)
def test_who_reads_a_person_record(client, request, teacher, _case, persona, status):
    client.force_login(request.getfixturevalue(persona))
    assert client.get(f"/achievements/people/{teacher.person.pk}/").status_code == status


def test_a_member_of_staff_lands_on_her_own_record(client, teacher):
    client.force_login(teacher)
    response = client.get("/achievements/")
    assert response["Location"] == f"/achievements/people/{teacher.person.pk}/"


def test_the_record_shows_years_titles_and_the_eligibility_slot(client, principal, teacher):
    person = teacher.person
    annual_rating_set(
        actor=principal, person=person, school_year=_year("2023-2024"), rating="htxsnv"
    )
    award_record_create(
        actor=principal, person=person, award="chien_si_thi_dua_co_so", period_to=_year("2023-2024")
    )
    initiative_create(
        actor=principal,
        person=person,
        title="Ứng dụng GeoGebra trong dạy hình học 8",
        school_year=_year("2023-2024"),
    )
    pending_matter_open(
        actor=principal, person=person, kind="complaint", opened_on=dt.date(2024, 4, 2)
    )
    client.force_login(principal)
    page = client.get(f"/achievements/people/{person.pk}/").content.decode()
    assert 'data-year="2023-2024"' in page
    assert "HTXSNV" in page and "CSTĐCS" in page
    assert "Ứng dụng GeoGebra" in page
    assert 'id="open-pending"' in page
    assert "Ghi thêm vào hồ sơ" in page
    assert 'id="eligibility-panel"' in page  # the slot, filled by the eligibility app


def test_a_teacher_reads_her_record_but_cannot_add_to_it(client, teacher):
    client.force_login(teacher)
    page = client.get(f"/achievements/people/{teacher.person.pk}/").content.decode()
    assert "Ghi thêm vào hồ sơ" not in page
    response = client.post(
        f"/achievements/people/{teacher.person.pk}/awards/add/",
        {"award": "chien_si_thi_dua_co_so", "period_to": "2024-2025"},
    )
    assert response.status_code == 403
    assert not AwardRecord.objects.exists()


def test_the_record_follows_the_person_to_a_new_school(client, tree, principal, other_principal):
    # given: history at Trần Bội Cơ, then a transfer to Bàu Sen
    person = make_teacher(tree["tbc"], "Phan Thị Kim Liên", dept=tree["tbc_math"])
    annual_rating_set(
        actor=principal, person=person, school_year=_year("2022-2023"), rating="htxsnv"
    )
    award_record_create(
        actor=principal, person=person, award="lao_dong_tien_tien", period_to=_year("2022-2023")
    )
    staff_transfer(actor=principal, person=person, to_unit=tree["bausen"], on=dt.date(2024, 8, 15))
    # then: the new school sees the whole history, the old one no longer
    client.force_login(other_principal)
    page = client.get(f"/achievements/people/{person.pk}/").content.decode()
    assert 'data-year="2022-2023"' in page and "LĐTT" in page
    assert "Trường THCS Trần Bội Cơ" in page and "Trường Tiểu học Bàu Sen" in page
    assert "chưa có nhận xét của đơn vị cũ" in page
    client.force_login(principal)
    assert client.get(f"/achievements/people/{person.pk}/").status_code == 403


def test_award_form_refuses_a_second_title_and_keeps_the_input(
    client, principal, teacher, school_year
):
    award_record_create(
        actor=principal, person=teacher.person, award="lao_dong_tien_tien", period_to=school_year
    )
    client.force_login(principal)
    response = client.post(
        f"/achievements/people/{teacher.person.pk}/awards/add/",
        {"award": "lao_dong_tien_tien", "period_to": "2024-2025", "decision_number": "77/QĐ-THCS"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "đã có danh hiệu “Lao động tiên tiến” năm học 2024-2025" in page
    assert 'value="77/QĐ-THCS"' in page
    assert AwardRecord.objects.count() == 1


def test_revoke_from_the_page_needs_the_decision(client, principal, teacher, school_year):
    record = award_record_create(
        actor=principal,
        person=teacher.person,
        award="chien_si_thi_dua_co_so",
        period_to=school_year,
    )
    client.force_login(principal)
    response = client.post(
        f"/achievements/awards/{record.pk}/revoke/", {"reason": "a", "revoked_on": "2025-06-01"}
    )
    assert response.status_code == 200
    record.refresh_from_db()
    assert not record.is_revoked
    client.post(
        f"/achievements/awards/{record.pk}/revoke/",
        {"reason": "a", "revoked_on": "2025-06-01", "decision": "12/QĐ-THCS"},
    )
    record.refresh_from_db()
    assert record.is_revoked


def test_evidence_of_an_award_is_listed_and_downloadable_by_the_new_school(
    client, tree, principal, other_principal
):
    person = make_teacher(tree["tbc"], "Đỗ Minh Tâm", dept=tree["tbc_math"])
    record = award_record_create(
        actor=principal, person=person, award="lao_dong_tien_tien", period_to=_year("2023-2024")
    )
    evidence = evidence_add_file(
        actor=principal,
        target=record,
        context=EvidenceContext(unit=tree["tbc"], person=person),
        filename="QĐ công nhận LĐTT.pdf",
        data=tiny_pdf(),
    )
    staff_transfer(actor=principal, person=person, to_unit=tree["bausen"], on=dt.date(2024, 8, 15))
    client.force_login(other_principal)
    page = client.get(f"/achievements/people/{person.pk}/").content.decode()
    assert f"/evidence/{evidence.pk}/file/" in page
    assert client.get(f"/evidence/{evidence.pk}/file/").status_code == 200
    assert Evidence.objects.count() == 1


def test_a_teacher_adds_evidence_to_her_own_award(client, principal, teacher, school_year):
    from django.core.files.uploadedfile import SimpleUploadedFile

    record = award_record_create(
        actor=principal, person=teacher.person, award="lao_dong_tien_tien", period_to=school_year
    )
    client.force_login(teacher)
    response = client.post(
        f"/evidence/add/award/{record.pk}/",
        {"title": "Giấy chứng nhận", "file": SimpleUploadedFile("gcn.pdf", tiny_pdf())},
    )
    assert response.status_code == 302
    assert Evidence.objects.get().person == teacher.person


def test_record_list_query_count(client, principal, tree, django_assert_max_num_queries):
    for i in range(20):
        person = make_teacher(tree["tbc"], f"Nguyễn Văn Thành {i}", dept=tree["tbc_math"])
        award_record_create(
            actor=principal, person=person, award="lao_dong_tien_tien", period_to=_year("2024-2025")
        )
    client.force_login(principal)
    with django_assert_max_num_queries(16):
        response = client.get("/achievements/")
    assert response.content.decode().count("/achievements/people/") >= 20


@time_machine.travel(dt.datetime(2025, 10, 1, 8, 0), tick=False)
def test_record_list_rows_show_workplace_last_rating_and_recent_titles(principal, teacher, tree):
    # given: ratings and titles inside and outside the last three years
    person = teacher.person
    for code, rating in (("2023-2024", "httnv"), ("2024-2025", "htxsnv")):
        annual_rating_set(actor=principal, person=person, school_year=_year(code), rating=rating)
    for code in ("2021-2022", "2023-2024", "2024-2025"):
        award_record_create(
            actor=principal, person=person, award="lao_dong_tien_tien", period_to=_year(code)
        )
    # when
    [row] = record_list_rows([person], previous_year=previous_school_year_code(dt.date.today()))
    # then: the school (not the department), the 2024-2025 rating, newest title first
    assert row.workplace == tree["tbc"].name
    assert row.rating == "Hoàn thành xuất sắc nhiệm vụ"
    assert row.titles == ["LĐTT 24-25", "LĐTT 23-24"]


def test_person_record_page_query_count(client, principal, teacher, django_assert_max_num_queries):
    for first in range(2019, 2024):
        year = _year(f"{first}-{first + 1}")
        if first >= 2020:
            annual_rating_set(
                actor=principal, person=teacher.person, school_year=year, rating="httnv"
            )
        award_record_create(
            actor=principal, person=teacher.person, award="lao_dong_tien_tien", period_to=year
        )
    client.force_login(principal)
    with django_assert_max_num_queries(32):
        response = client.get(f"/achievements/people/{teacher.person.pk}/")
    assert response.status_code == 200


def test_collective_record_page(client, principal, teacher, tree, school_year):
    award_record_create(
        actor=principal,
        collective=tree["tbc_math"],
        award="tap_the_lao_dong_tien_tien",
        period_to=school_year,
    )
    client.force_login(teacher)
    page = client.get("/achievements/units/THCS-TBC-TOAN/").content.decode()
    assert "TTLĐTT" in page
    assert "Ghi danh hiệu, khen thưởng" not in page
    client.force_login(principal)
    assert (
        "Ghi danh hiệu, khen thưởng"
        in client.get("/achievements/units/THCS-TBC-TOAN/").content.decode()
    )


def test_a_collective_row_entered_by_mistake_is_deleted_from_its_record(
    client, principal, tree, school_year
):
    # given: a department's title, achievement and pending matter entered by the principal
    team = tree["tbc_math"]
    award = award_record_create(
        actor=principal, collective=team, award="tap_the_lao_dong_tien_tien", period_to=school_year
    )
    achievement = achievement_create(
        actor=principal, collective=team, title="Tổ dẫn đầu hội giảng", school_year=school_year
    )
    matter = pending_matter_open(
        actor=principal, collective=team, kind="complaint", opened_on=dt.date(2024, 3, 1)
    )
    client.force_login(principal)
    here = "/achievements/units/THCS-TBC-TOAN/"
    page = client.get(here).content.decode()
    # when: each delete form the page offers is posted
    for url in (
        f"/achievements/awards/{award.pk}/delete/",
        f"/achievements/achievements/{achievement.pk}/delete/",
        f"/people/pending/{matter.pk}/delete/",
    ):
        assert f'action="{url}"' in page
        assert client.post(url, {"next": here})["Location"] == here
    # then
    assert not AwardRecord.objects.exists()
    assert not Achievement.objects.exists()
    assert not PendingMatter.objects.exists()


def test_record_search_with_htmx_returns_the_table_only(client, principal, teacher):
    client.force_login(principal)
    response = client.get("/achievements/?q=Thu+My", HTTP_HX_REQUEST="true")
    page = response.content.decode()
    assert "Huỳnh Thu My" in page and "<html" not in page


def test_unknown_or_student_record_is_not_found(client, principal, student):
    client.force_login(principal)
    assert client.get(f"/achievements/people/{student.person.pk}/").status_code == 404
    assert client.get("/achievements/people/999999/").status_code == 404
    assert client.get("/achievements/units/KHONG-CO/").status_code == 404


def test_entry_forms_write_to_the_record(client, principal, teacher, school_year):
    # given
    client.force_login(principal)
    pk = teacher.person.pk
    back = f"/achievements/people/{pk}/"
    # when
    responses = [
        client.post(
            f"/achievements/people/{pk}/achievements/add/?next={back}",
            {
                "title": "Giải Nhì Hội thi giáo viên dạy giỏi cấp quận",
                "kind": "movement",
                "scope": "co_so",
                "school_year": "2024-2025",
            },
        ),
        client.post(
            f"/achievements/people/{pk}/initiatives/add/?next={back}",
            {
                "title": "Dạy học theo trạm môn Toán 6",
                "school_year": "2024-2025",
                "scope": "co_so",
                "is_recognised": "on",
            },
        ),
        client.post(
            f"/achievements/people/{pk}/research/add/?next={back}",
            {
                "title": "Năng lực tự học của học sinh lớp 6",
                "school_year": "2024-2025",
                "scope": "co_so",
                "accepted_on": "2025-05-20",
            },
        ),
        client.post(
            f"/people/staff/{pk}/leave/add/?next={back}",
            {"kind": "sick", "start_on": "2025-03-03", "end_on": "2025-03-07"},
        ),
        client.post(
            f"/people/staff/{pk}/training/add/?next={back}",
            {
                "program": "Bồi dưỡng chương trình GDPT 2018",
                "start_on": "2024-07-01",
                "end_on": "2024-07-20",
                "complied": "yes",
                "result": "gioi",
            },
        ),
    ]
    # then
    assert [r.status_code for r in responses] == [302] * 5
    assert all(r["Location"] == back for r in responses)
    page = client.get(back).content.decode()
    for text in (
        "Giải Nhì Hội thi",
        "Dạy học theo trạm",
        "Năng lực tự học",
        "Nghỉ ốm",
        "Bồi dưỡng chương trình GDPT 2018",
    ):
        assert text in page
    from thidua.achievements.models import ResearchProject

    assert ResearchProject.objects.get().is_accepted is True


def test_collective_rating_is_entered_from_above(
    client, principal, district_officer, tree, school_year
):
    client.force_login(principal)
    assert (
        client.post(
            "/people/units/THCS-TBC-TOAN/ratings/add/",
            {"school_year": "2024-2025", "rating": "htxsnv"},
        ).status_code
        == 302
    )
    # a school's own result is rated by the level above it
    assert (
        client.post(
            "/people/units/THCS-TBC/ratings/add/", {"school_year": "2024-2025", "rating": "htxsnv"}
        ).status_code
        == 403
    )
    client.force_login(district_officer)
    assert (
        client.post(
            "/people/units/THCS-TBC/ratings/add/", {"school_year": "2024-2025", "rating": "htxsnv"}
        ).status_code
        == 302
    )
    from thidua.people.records import AnnualRating

    assert set(AnnualRating.objects.values_list("collective__code", flat=True)) == {
        "THCS-TBC-TOAN",
        "THCS-TBC",
    }


def test_previous_unit_comment_from_the_record_page(client, tree, principal, other_principal):
    person = make_teacher(tree["tbc"], "Cao Thị Bích Ngọc", dept=tree["tbc_math"])
    staff_transfer(actor=principal, person=person, to_unit=tree["bausen"], on=dt.date(2024, 8, 15))
    client.force_login(other_principal)
    url = f"/people/staff/{person.pk}/transfer-comment/add/?from=THCS-TBC&on=2024-08-15"
    assert client.get(url).status_code == 200
    assert (
        client.get(
            f"/people/staff/{person.pk}/transfer-comment/add/?from=TH-BAUSEN&on=2024-08-15"
        ).status_code
        == 404
    )
    response = client.post(
        url,
        {
            "commented_on": "2024-08-20",
            "comment": "Hoàn thành tốt nhiệm vụ, đạt LĐTT năm học 2023-2024.",
        },
    )
    assert response.status_code == 302
    page = client.get(f"/achievements/people/{person.pk}/").content.decode()
    assert "đã có nhận xét của đơn vị cũ" in page


def test_the_record_links_the_teams_the_person_belongs_to_now(client, principal, teacher, tree):
    client.force_login(principal)
    page = client.get(f"/achievements/people/{teacher.person.pk}/").content.decode()
    assert f'href="/achievements/units/{tree["tbc_math"].code}/"' in page
