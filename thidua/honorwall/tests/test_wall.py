"""The public honor wall protects minors: full name and story only with a parent's consent."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from thidua.honors import services as s
from thidua.honors.tests.conftest import class_6a1, class_6a2, october, program  # noqa: F401
from thidua.honors.tests.test_flow import run_class_round
from thidua.honorwall.models import WallEntry
from thidua.honorwall.services import (
    consent_record,
    consent_withdraw,
    entry_publish,
    entry_save,
)


def _consent(actor, person):  # noqa: ANN001, ANN202
    return consent_record(
        actor=actor,
        person=person,
        given_by="Nguyễn Thị Mai",
        relationship="Mẹ",
        given_on=dt.date(2024, 10, 1),
        allows_photo=False,
        allows_clip=False,
    )


def _published(actor, school, person, class_name):  # noqa: ANN001, ANN202
    entry = entry_save(
        actor=actor,
        entry=WallEntry(school=school, person=person, class_name=class_name),
        title="Học sinh tiêu biểu tháng 10",
        achievement=f"Em {person.given_name} giúp các bạn học Toán mỗi giờ ra chơi.",
    )
    return entry_publish(actor=actor, entry=entry)


@pytest.fixture
def honorees(principal, homeroom_teacher, tree, october, class_6a1, class_6a2):  # noqa: ANN001, ANN201, F811
    """Three honorees: one of 6A1 (consent kept), two of 6A2 (one withdrawn, one never given)."""
    r1 = run_class_round(homeroom_teacher, october, tree["6a1"], class_6a1, votes=[0] * 12)
    s.class_round_submit(actor=homeroom_teacher, class_round=r1)
    r2 = run_class_round(principal, october, tree["6a2"], class_6a2, votes=[1] * 6)
    s.class_round_submit(actor=principal, class_round=r2)
    kept, withdrawn = class_6a1[0], class_6a2[1]
    for person, class_name in ((kept, "6A1"), (withdrawn, "6A2")):
        consent = _consent(principal, person)
        _published(principal, tree["tbc"], person, class_name)
    consent_withdraw(actor=principal, consent=consent)  # the 6A2 parent changes their mind
    return kept, withdrawn


def test_wall_shows_only_consented_students_and_reads_consents_once(client, tree, honorees):
    # given one honoree with consent and one whose parent withdrew it
    kept, withdrawn = honorees
    # when anyone opens the public wall
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/wall/{tree['tbc'].code}/").content.decode()
    # then the consented student has a card and the other only initials in the class list
    assert "Trần Văn Bình" in page
    assert "Đinh Thảo Vy" not in page and "Đ.T. Vy" in page
    cards = page.split('id="wall-cards"')[1].split('id="wall-class-list"')[0]
    assert "Trần Văn Bình" in cards and "Vy" not in cards
    # and the consents of all entries and honorees are read in one query, not one per student
    consent_reads = [q for q in queries if "honorwall_parentconsent" in q["sql"]]
    assert len(consent_reads) == 1
    # and the year's honorees are read once, not period by period (the year has 13 periods)
    assert len(queries) <= 9


def test_manage_page_shows_each_consent_with_one_query(client, principal, tree, honorees):
    kept, withdrawn = honorees
    client.force_login(principal)
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/wall/{tree['tbc'].code}/manage/")
    page = response.content.decode()
    assert response.status_code == 200
    rows = {row.split("</td>")[0]: row for row in page.split("<tr><td>")[1:]}
    assert "text-bg-success" in rows["Trần Văn Bình"]
    assert "text-bg-secondary" in rows["Đinh Thảo Vy"]
    assert len([q for q in queries if "honorwall_parentconsent" in q["sql"]]) == 1


def test_withdrawing_a_tampered_consent_id_is_not_found(client, principal, class_6a1):  # noqa: F811
    consent = _consent(principal, class_6a1[0])
    client.force_login(principal)
    response = client.post(f"/wall/consents/{class_6a1[0].pk}/", {"withdraw": "abc"})
    assert response.status_code == 404
    consent.refresh_from_db()
    assert consent.withdrawn_on is None
