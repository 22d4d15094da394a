"""Entry pages of the yearly records: who may use them, and bad input."""

from __future__ import annotations

import datetime as dt

import pytest

from thidua.org.models import SchoolYear
from thidua.org.services import default_school_year_dates
from thidua.people.records import AnnualRating, DisciplineRecord, PendingMatter

pytestmark = pytest.mark.django_db


@pytest.fixture
def years(db):  # noqa: ANN001, ANN201
    for code in ("2018-2019", "2023-2024"):
        SchoolYear.objects.get_or_create(code=code, defaults=default_school_year_dates(code))


@pytest.mark.parametrize(
    ("_case", "persona", "status"),
    [
        ("principal of the school", "principal", 200),
        ("district officer above", "district_officer", 200),
        ("city officer above", "doe_officer", 200),
        ("the teacher herself", "teacher", 403),
        ("a colleague", "homeroom_teacher", 403),
        ("another school's principal", "other_principal", 403),
        ("another school's teacher", "other_homeroom_teacher", 403),
        ("a student", "student", 403),
    ],
)
def test_who_may_open_the_rating_form(client, request, teacher, _case, persona, status):
    client.force_login(request.getfixturevalue(persona))
    response = client.get(f"/people/staff/{teacher.person.pk}/ratings/add/")
    assert response.status_code == status


def test_a_teacher_cannot_rate_herself(client, teacher, years):
    client.force_login(teacher)
    response = client.post(
        f"/people/staff/{teacher.person.pk}/ratings/add/",
        {"school_year": "2023-2024", "rating": "htxsnv"},
    )
    assert response.status_code == 403
    assert not AnnualRating.objects.exists()


def test_rating_a_year_not_worked_shows_the_reason_and_keeps_the_form(
    client, principal, teacher, years
):
    client.force_login(principal)
    response = client.post(
        f"/people/staff/{teacher.person.pk}/ratings/add/",
        {"school_year": "2018-2019", "rating": "httnv", "note": "Nhập bổ sung"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "không công tác tại đơn vị nào trong năm học 2018-2019" in page
    assert 'value="Nhập bổ sung"' in page
    assert not AnnualRating.objects.exists()


def test_rating_form_goes_back_to_the_record_page(client, principal, teacher, years):
    client.force_login(principal)
    back = f"/achievements/people/{teacher.person.pk}/"
    response = client.post(
        f"/people/staff/{teacher.person.pk}/ratings/add/?next={back}",
        {"school_year": "2023-2024", "rating": "htxsnv"},
    )
    assert response.status_code == 302
    assert response["Location"] == back
    assert AnnualRating.objects.get().rating == "htxsnv"


def test_an_outside_next_url_is_ignored(client, principal, teacher, years):
    client.force_login(principal)
    response = client.post(
        f"/people/staff/{teacher.person.pk}/ratings/add/?next=https://example.com/",
        {"school_year": "2023-2024", "rating": "htxsnv"},
    )
    assert response["Location"] == f"/people/staff/{teacher.person.pk}/"


def test_discipline_in_the_future_is_refused_in_the_form(client, principal, teacher):
    client.force_login(principal)
    future = dt.date.today() + dt.timedelta(days=10)
    response = client.post(
        f"/people/staff/{teacher.person.pk}/discipline/add/",
        {"level": "khien_trach", "decided_on": future.isoformat(), "decision_number": "9/QĐ"},
    )
    assert response.status_code == 200
    assert "ở tương lai" in response.content.decode()
    assert not DisciplineRecord.objects.exists()


def test_pending_matter_is_opened_and_closed_from_the_pages(client, principal, teacher):
    client.force_login(principal)
    client.post(
        f"/people/staff/{teacher.person.pk}/pending/add/",
        {"kind": "complaint", "opened_on": "2024-04-02", "note": "Đơn thư phản ánh"},
    )
    matter = PendingMatter.objects.get()
    response = client.post(
        f"/people/pending/{matter.pk}/close/",
        {"closed_on": "2024-05-10", "outcome": "Không có vi phạm"},
    )
    assert response.status_code == 302
    matter.refresh_from_db()
    assert matter.closed_on == dt.date(2024, 5, 10)


def test_another_school_cannot_delete_a_rating(client, other_principal, principal, teacher, years):
    from thidua.people.record_services import annual_rating_set

    rating = annual_rating_set(
        actor=principal,
        person=teacher.person,
        school_year=SchoolYear.objects.get(code="2023-2024"),
        rating="htxsnv",
    )
    client.force_login(other_principal)
    assert client.post(f"/people/ratings/{rating.pk}/delete/").status_code == 403
    assert AnnualRating.objects.filter(pk=rating.pk).exists()
