"""The eligibility pages: the record-page panel, the unit's candidates, the law; who sees what."""

from __future__ import annotations

import datetime as dt
import re

import pytest

from conftest import make_teacher
from thidua.accounts.models import Role
from thidua.core.models import AuditEntry
from thidua.eligibility.models import EligibilityCheck
from thidua.eligibility.services import eligibility_check_run
from thidua.people.record_services import pending_matter_open

from .factories import good_year, year

pytestmark = pytest.mark.django_db

TITLES = (
    "lao_dong_tien_tien",
    "chien_si_thi_dua_co_so",
    "chien_si_thi_dua_cap_tinh",
    "chien_si_thi_dua_toan_quoc",
    "giay_khen",
    "bang_khen_cap_tinh",
    "bang_khen_thu_tuong",
    "huan_chuong_lao_dong_hang_ba",
)


def _outcomes(page: str, table: str = "eligibility-verdicts") -> dict[str, str]:
    body = page.split(f'id="{table}"', 1)[1].split("</table>", 1)[0]
    return dict(re.findall(r'data-title="([a-z_]+)" data-outcome="([a-z]+)"', body))


def test_the_record_page_shows_the_panel_for_every_title(client, tree, principal, teacher):
    # given: a teacher rated HTXSNV in 2025-2026 with a complaint still being verified
    person = teacher.person
    good_year(principal, person, "2025-2026", tree["tbc"], initiative=True)
    pending_matter_open(
        actor=principal, person=person, kind="complaint", opened_on=dt.date(2026, 4, 2)
    )
    client.force_login(principal)
    # when
    page = client.get(f"/achievements/people/{person.pk}/").content.decode()
    # then: the year under review (2025-2026 on 23/11/2026), every title and award form
    assert 'id="eligibility-panel"' in page
    outcomes = _outcomes(page)
    assert list(outcomes) == list(TITLES)
    assert outcomes["lao_dong_tien_tien"] == "deferred"
    assert "⏸" in page and "R-GEN-7" in page
    assert "Luật Thi đua, khen thưởng" in page  # citations
    assert 'id="eligibility-earliest"' in page and 'id="eligibility-run"' in page
    assert "Năm học 2025-2026" in page


def test_the_panel_says_what_data_is_missing(client, tree, principal, teacher):
    # given: registered but not rated yet
    from .factories import register

    register(teacher.person, "2024-2025", tree["tbc"])
    client.force_login(principal)
    # when
    page = client.get(f"/eligibility/people/{teacher.person.pk}/?year=2024-2025").content.decode()
    # then
    assert _outcomes(page)["lao_dong_tien_tien"] == "incomplete"
    assert "Cần bổ sung" in page and "R-LDTT-1" in page


def test_storing_a_check_from_the_panel(client, tree, principal, teacher):
    good_year(principal, teacher.person, "2024-2025", tree["tbc"])
    client.force_login(principal)
    # when
    response = client.post(
        f"/eligibility/people/{teacher.person.pk}/checks/",
        {"year": "2024-2025", "title": "all", "next": f"/achievements/people/{teacher.person.pk}/"},
    )
    # then
    assert response.status_code == 302
    assert response["Location"] == f"/achievements/people/{teacher.person.pk}/"
    assert EligibilityCheck.objects.filter(person=teacher.person).count() == 8
    page = client.get(f"/eligibility/people/{teacher.person.pk}/?year=2024-2025").content.decode()
    assert page.count('href="/eligibility/checks/') == 8
    check = EligibilityCheck.objects.get(title="lao_dong_tien_tien")
    detail = client.get(f"/eligibility/checks/{check.pk}/").content.decode()
    assert "Dữ liệu đã dùng" in detail and check.parameters_hash in detail
    assert "Huỳnh Thu My" in detail


def test_a_teacher_reads_her_own_verdicts_but_cannot_store_them(client, tree, principal, teacher):
    good_year(principal, teacher.person, "2024-2025", tree["tbc"])
    client.force_login(teacher)
    page = client.get(f"/eligibility/people/{teacher.person.pk}/?year=2024-2025").content.decode()
    assert _outcomes(page)["lao_dong_tien_tien"] == "eligible"
    assert 'id="eligibility-run"' not in page
    response = client.post(
        f"/eligibility/people/{teacher.person.pk}/checks/", {"year": "2024-2025", "title": "all"}
    )
    assert response.status_code == 403
    assert not EligibilityCheck.objects.exists()
    assert client.get("/eligibility/").status_code == 403


@pytest.mark.parametrize(
    ("_case", "persona", "status"),
    [
        ("the teacher herself", "teacher", 200),
        ("her principal", "principal", 200),
        ("the district officer", "district_officer", 200),
        ("a colleague", "homeroom_teacher", 403),
        ("another school's principal", "other_principal", 403),
        ("another school's teacher", "other_homeroom_teacher", 403),
        ("a student", "student", 403),
    ],
)
def test_who_reads_a_persons_verdicts(
    client, request, tree, principal, teacher, _case, persona, status
):
    # given: a stored check
    check = eligibility_check_run(
        actor=principal, title="lao_dong_tien_tien", school_year="2024-2025", person=teacher.person
    )
    client.force_login(request.getfixturevalue(persona))
    # then
    assert client.get(f"/eligibility/people/{teacher.person.pk}/").status_code == status
    assert client.get(f"/eligibility/checks/{check.pk}/").status_code == status


def test_another_schools_teacher_sees_nothing(
    client, tree, principal, teacher, other_homeroom_teacher
):
    # given
    good_year(principal, teacher.person, "2024-2025", tree["tbc"])
    client.force_login(other_homeroom_teacher)
    # when / then: no page, no list, no store
    assert client.get(f"/achievements/people/{teacher.person.pk}/").status_code == 403
    assert client.get(f"/eligibility/people/{teacher.person.pk}/").status_code == 403
    assert client.get("/eligibility/?unit=THCS-TBC").status_code == 403
    assert client.get("/eligibility/").status_code == 403
    response = client.post(
        f"/eligibility/people/{teacher.person.pk}/checks/", {"year": "2024-2025", "title": "all"}
    )
    assert response.status_code == 403
    response = client.post(
        "/eligibility/run/",
        {"unit": "THCS-TBC", "title": "lao_dong_tien_tien", "year": "2024-2025"},
    )
    assert response.status_code == 403
    assert not EligibilityCheck.objects.exists()
    assert not AuditEntry.objects.filter(action__startswith="eligibility.").exists()
    home = client.get("/").content.decode()
    assert "/eligibility/" not in home


def test_another_schools_principal_cannot_open_this_unit(client, tree, other_principal):
    client.force_login(other_principal)
    assert client.get("/eligibility/?unit=THCS-TBC").status_code == 403
    page = client.get("/eligibility/").content.decode()
    assert "Trường Tiểu học Bàu Sen" in page and "Trần Bội Cơ" not in page


def _cap_school(tree, principal, n_ldtt=8):  # noqa: ANN001, ANN202
    people = [make_teacher(tree["tbc"], f"Giáo viên {i:02d}") for i in range(n_ldtt)]
    for i, person in enumerate(people):
        good_year(
            principal,
            person,
            "2022-2023",
            tree["tbc"],
            rating="htxsnv" if i < 3 else "httnv",
            titles=("lao_dong_tien_tien",),
            initiative=i < 3,
        )
    return people


def test_the_unit_page_lists_candidates_with_the_cap(client, tree, principal):
    # given: 2022-2023 under NĐ 91/2017: 15 % of 8 LĐTT = 1 CSTĐCS; three meet the criteria
    people = _cap_school(tree, principal)
    client.force_login(principal)
    # when
    page = client.get(
        "/eligibility/?unit=THCS-TBC&title=chien_si_thi_dua_co_so&year=2022-2023"
    ).content.decode()
    # then
    assert 'id="cap-box"' in page and "15 %" in page and 'id="cap-value">1<' in page
    assert "Nghị định 91/2017/NĐ-CP" in page
    rows = dict(re.findall(r'data-candidate="(\d+)" data-outcome="([a-z]+)"', page))
    assert len(rows) == 9  # eight teachers and the principal
    top = [rows[str(p.pk)] for p in people[:3]]
    assert sorted(top) == ["eligible", "ineligible", "ineligible"]
    assert page.count(", vượt giới hạn</span>") == 2
    assert "R-CSTDCS-2" in page
    # the same page in 2024-2025: no cap in force any more
    page = client.get(
        "/eligibility/?unit=THCS-TBC&title=chien_si_thi_dua_co_so&year=2024-2025"
    ).content.decode()
    assert "Không có giới hạn tỷ lệ" in page


def test_the_unit_page_stores_every_candidates_check(client, tree, principal):
    _cap_school(tree, principal, n_ldtt=3)
    client.force_login(principal)
    response = client.post(
        "/eligibility/run/",
        {"unit": "THCS-TBC", "title": "lao_dong_tien_tien", "year": "2022-2023"},
    )
    assert response.status_code == 302
    assert (
        EligibilityCheck.objects.filter(unit=tree["tbc"], title="lao_dong_tien_tien").count() == 4
    )
    page = client.get(response["Location"]).content.decode()
    assert "Lần lưu gần nhất" in page


def test_collective_titles_list_the_departments(client, tree, principal, teacher):
    client.force_login(principal)
    page = client.get(
        "/eligibility/?unit=THCS-TBC&title=tap_the_lao_dong_tien_tien&year=2024-2025"
    ).content.decode()
    assert "Tổ Toán – Tin" in page and "Tổ Văn phòng" in page
    assert "has_effective_movement" in page  # what the council must still record


def test_the_district_officer_reads_a_schools_candidates(client, tree, district_officer, teacher):
    client.force_login(district_officer)
    page = client.get(
        "/eligibility/?unit=THCS-TBC&title=lao_dong_tien_tien&year=2024-2025"
    ).content.decode()
    assert "Huỳnh Thu My" in page
    assert 'id="unit-run"' in page


def test_unit_page_query_count(client, tree, principal, django_assert_max_num_queries):
    # given: a school of 20 with five years of records each
    people = [make_teacher(tree["tbc"], f"Giáo viên {i:02d}") for i in range(20)]
    for person in people[:10]:
        for code in ("2021-2022", "2022-2023", "2023-2024"):
            good_year(principal, person, code, tree["tbc"], titles=("lao_dong_tien_tien",))
    client.force_login(principal)
    # when / then: a fixed number of queries whatever the number of candidates
    with django_assert_max_num_queries(32):
        response = client.get(
            "/eligibility/?unit=THCS-TBC&title=chien_si_thi_dua_co_so&year=2023-2024"
        )
    assert response.status_code == 200
    assert response.content.decode().count("data-candidate=") == 21


def test_person_page_query_count(client, tree, principal, teacher, django_assert_max_num_queries):
    for code in ("2021-2022", "2022-2023", "2023-2024", "2024-2025"):
        good_year(principal, teacher.person, code, tree["tbc"], titles=("lao_dong_tien_tien",))
    for title in ("lao_dong_tien_tien", "giay_khen"):
        eligibility_check_run(
            actor=principal, title=title, school_year="2024-2025", person=teacher.person
        )
    client.force_login(principal)
    with django_assert_max_num_queries(28):
        response = client.get(f"/eligibility/people/{teacher.person.pk}/?year=2024-2025")
    assert response.status_code == 200


def test_record_page_with_the_panel_keeps_its_query_budget(
    client, tree, principal, teacher, django_assert_max_num_queries
):
    for code in ("2021-2022", "2022-2023", "2023-2024", "2024-2025"):
        good_year(principal, teacher.person, code, tree["tbc"], titles=("lao_dong_tien_tien",))
    client.force_login(principal)
    with django_assert_max_num_queries(32):
        response = client.get(f"/achievements/people/{teacher.person.pk}/")
    assert 'id="eligibility-panel"' in response.content.decode()


def test_the_panel_refreshes_by_htmx(client, tree, principal, teacher):
    client.force_login(principal)
    response = client.get(
        f"/eligibility/people/{teacher.person.pk}/?year=2023-2024", HTTP_HX_REQUEST="true"
    )
    body = response.content.decode()
    assert body.lstrip().startswith('<div id="eligibility-panel"')
    assert "<html" not in body


def test_the_law_page_shows_the_values_in_force_with_citations(client, tree, teacher):
    client.force_login(teacher)
    before = client.get("/eligibility/parameters/?on=2023-06-01").content.decode()
    after = client.get("/eligibility/parameters/?on=2024-06-01").content.decode()
    key = 'data-key="titles.chien_si_thi_dua_co_so.max_share_of_ldtt"'

    def row(page: str) -> str:
        return page.split(key, 1)[1].split("</tr>", 1)[0]

    assert "15 %" in row(before) and "Nghị định 91/2017/NĐ-CP" in row(before)
    assert "Không áp dụng" in row(after) and "06/2022/QH15" in row(after)
    assert 'data-key="R-CSTDCS-2"' in after
    bad = client.get("/eligibility/parameters/?on=31-02-2024")
    assert bad.status_code == 200 and "Ngày không hợp lệ" in bad.content.decode()


def test_the_menu_entry(client, tree, principal, teacher):
    client.force_login(principal)
    assert 'href="/eligibility/"' in client.get("/").content.decode()
    client.force_login(teacher)
    assert 'href="/eligibility/"' not in client.get("/").content.decode()


def test_a_council_member_stores_checks(client, tree, teacher):
    from conftest import make_user

    member = make_user("hd.tbc", [(Role.COUNCIL_MEMBER, tree["tbc"])])
    year("2024-2025")
    client.force_login(member)
    response = client.post(
        f"/eligibility/people/{teacher.person.pk}/checks/",
        {"year": "2024-2025", "title": "lao_dong_tien_tien"},
    )
    assert response.status_code == 302
    assert EligibilityCheck.objects.get().run_by == member


def test_law_page_query_count(client, teacher, django_assert_max_num_queries):
    client.force_login(teacher)
    with django_assert_max_num_queries(8):
        response = client.get("/eligibility/parameters/?on=2024-06-01")
    assert response.status_code == 200
    assert response.content.decode().count("data-key=") > 100


def test_no_store_button_for_a_year_the_system_does_not_know(client, tree, principal, teacher):
    client.force_login(principal)
    page = client.get(f"/eligibility/people/{teacher.person.pk}/?year=2019-2020").content.decode()
    assert 'id="eligibility-run"' not in page and "2019-2020" in page
    response = client.post(
        f"/eligibility/people/{teacher.person.pk}/checks/", {"year": "2019-2020", "title": "all"}
    )
    assert response.status_code == 404
    assert not EligibilityCheck.objects.exists()


def test_storing_every_title_reads_the_record_once(
    client, tree, principal, teacher, django_assert_max_num_queries
):
    # given
    good_year(principal, teacher.person, "2024-2025", tree["tbc"])
    client.force_login(principal)
    # when: eight titles and award forms stored at once
    with django_assert_max_num_queries(40):
        response = client.post(
            f"/eligibility/people/{teacher.person.pk}/checks/",
            {"year": "2024-2025", "title": "all"},
        )
    # then: one check and one audit entry per title
    assert response.status_code == 302
    assert EligibilityCheck.objects.filter(person=teacher.person).count() == len(TITLES)
    assert AuditEntry.objects.filter(action="eligibility.check.run").count() == len(TITLES)
