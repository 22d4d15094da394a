"""Honoring pages: who may do what, what each role sees, and bad input handled in Vietnamese."""

from __future__ import annotations

import datetime as dt

import pytest

from conftest import make_user
from thidua.accounts.models import Role
from thidua.ballots.models import Election
from thidua.ballots.services import cast_by_code, codes_issue, election_close, election_publish
from thidua.honors import services as s
from thidua.honors.models import ClassRound, ClassRoundStatus, Nomination

from .test_flow import _criterion, run_class_round


@pytest.fixture
def student_users(tree, class_6a1):  # noqa: ANN001, ANN201
    return [make_user(f"hs{i}", [(Role.STUDENT, tree["6a1"])], class_6a1[i]) for i in range(3)]


def _round_url(october, tree, key="6a1"):  # noqa: ANN001, ANN202
    return f"/honors/periods/{october.pk}/classes/{tree[key].code}/"


def test_homeroom_teacher_opens_and_records_nominations(
    client, homeroom_teacher, tree, october, class_6a1
):
    client.force_login(homeroom_teacher)
    url = _round_url(october, tree)
    client.post(url + "open/")
    crit = _criterion(october.program)
    response = client.post(
        url + "nominate/",
        {
            "proposer": class_6a1[1].pk,
            "nominee": class_6a1[0].pk,
            "criterion": crit.pk,
            "reason": "Bạn giúp em học Toán mỗi ngày.",
        },
        follow=True,
    )
    assert "Đã ghi đề cử." in response.content.decode()
    assert Nomination.objects.get().proposer == class_6a1[1]


def test_student_nominates_once_with_own_login(
    client, tree, october, class_6a1, student_users, homeroom_teacher
):
    s.class_round_open(actor=homeroom_teacher, period=october, class_unit=tree["6a1"])
    client.force_login(student_users[0])
    url = _round_url(october, tree)
    page = client.get(url).content.decode()
    assert "Em đề cử bạn nào" in page
    crit = _criterion(october.program)
    client.post(
        url + "nominate/",
        {
            "nominee": class_6a1[2].pk,
            "criterion": crit.pk,
            "reason": "Bạn luôn giúp đỡ các bạn khó khăn.",
        },
    )
    second = client.post(
        url + "nominate/",
        {"nominee": class_6a1[3].pk, "criterion": crit.pk, "reason": "Bạn trực nhật rất sạch sẽ."},
    )
    assert second.status_code == 400
    assert "đã đề cử trong đợt này" in second.content.decode()
    assert Nomination.objects.filter(proposer=class_6a1[0]).count() == 1


def test_nomination_of_someone_outside_the_class_keeps_the_form(
    client, tree, october, class_6a1, homeroom_teacher, student_users
):
    from thidua.people.services import student_create

    outsider = student_create(
        actor=None,
        class_unit=tree["6a2"],
        full_name="Lâm Gia Bảo",
        student_code="X9",
        date_of_birth=dt.date(2013, 1, 1),
    )
    s.class_round_open(actor=homeroom_teacher, period=october, class_unit=tree["6a1"])
    client.force_login(student_users[0])
    response = client.post(
        _round_url(october, tree) + "nominate/",
        {
            "nominee": outsider.pk,
            "criterion": _criterion(october.program).pk,
            "reason": "Bạn lớp bên giúp em.",
        },
    )
    assert response.status_code == 400
    assert "Bạn lớp bên giúp em." in response.content.decode()
    assert Nomination.objects.count() == 0


def test_student_of_another_class_cannot_see_or_nominate(
    client, tree, october, homeroom_teacher, class_6a1
):
    from thidua.people.services import student_create

    s.class_round_open(actor=homeroom_teacher, period=october, class_unit=tree["6a1"])
    other = student_create(
        actor=None,
        class_unit=tree["6a2"],
        full_name="Lâm Gia Bảo",
        student_code="X9",
        date_of_birth=dt.date(2013, 1, 1),
    )
    client.force_login(make_user("hs.6a2", [(Role.STUDENT, tree["6a2"])], other))
    url = _round_url(october, tree)
    assert client.get(url).status_code == 403
    response = client.post(
        url + "nominate/",
        {
            "nominee": class_6a1[0].pk,
            "criterion": _criterion(october.program).pk,
            "reason": "Bạn này rất tốt với mọi người.",
        },
    )
    assert response.status_code == 403
    assert Nomination.objects.count() == 0


def test_teacher_of_another_class_cannot_run_the_round(client, tree, october, teacher):
    client.force_login(teacher)
    assert client.post(_round_url(october, tree) + "open/").status_code == 403
    assert not ClassRound.objects.exists()


def test_second_submission_is_refused_in_vietnamese(
    client, homeroom_teacher, tree, october, class_6a1
):
    class_round = run_class_round(
        homeroom_teacher, october, tree["6a1"], class_6a1, votes=[0] * 10 + [1] * 2
    )
    client.force_login(homeroom_teacher)
    url = _round_url(october, tree)
    client.post(url + "submit/")
    response = client.post(url + "submit/", follow=True)
    assert "đã được gửi Ban giám hiệu, không gửi lại được" in response.content.decode()
    class_round.refresh_from_db()
    assert class_round.status == ClassRoundStatus.SUBMITTED


def test_counts_are_sealed_on_every_page_while_open(
    client, homeroom_teacher, principal, system_admin, tree, october, class_6a1
):
    class_round = s.class_round_open(actor=homeroom_teacher, period=october, class_unit=tree["6a1"])
    for nominee in class_6a1[:2]:
        s.nomination_add(
            actor=homeroom_teacher,
            class_round=class_round,
            nominee=nominee,
            criterion=_criterion(october.program),
            reason="Bạn rất chăm chỉ học tập.",
        )
    election = s.class_round_start_vote(actor=homeroom_teacher, class_round=class_round)
    codes = [c for _v, c in codes_issue(actor=homeroom_teacher, election=election)]
    first = election.candidates.order_by("position").first()
    for code in codes[:5]:
        cast_by_code(code=code, choices=[first.pk])
    for user in (homeroom_teacher, principal, system_admin):
        client.force_login(user)
        for url in (_round_url(october, tree), f"/ballots/{election.pk}/"):
            page = client.get(url).content.decode()
            assert 'id="results"' not in page
            assert "5 phiếu" not in page


def test_kiosk_never_shows_the_previous_choice(client, homeroom_teacher, tree, october, class_6a1):
    class_round = s.class_round_open(actor=homeroom_teacher, period=october, class_unit=tree["6a1"])
    for nominee in class_6a1[:3]:
        s.nomination_add(
            actor=homeroom_teacher,
            class_round=class_round,
            nominee=nominee,
            criterion=_criterion(october.program),
            reason="Bạn rất chăm chỉ học tập.",
        )
    election = s.class_round_start_vote(actor=homeroom_teacher, class_round=class_round)
    codes = [c for _v, c in codes_issue(actor=homeroom_teacher, election=election)]
    chosen = election.candidates.get(person=class_6a1[2])
    client.force_login(homeroom_teacher)
    kiosk = f"/ballots/{election.pk}/kiosk/"
    ballot = client.post(kiosk, {"code": codes[0]}).content.decode()
    assert f'value="{chosen.pk}"' in ballot
    receipt_page = client.post(
        f"/ballots/{election.pk}/kiosk/cast/", {"code": codes[0], "choice": chosen.pk}
    )
    receipt_html = receipt_page.content.decode()
    assert (
        receipt_page["Cache-Control"].startswith("max-age=0")
        or "no-cache" in receipt_page["Cache-Control"]
    )
    assert chosen.label not in receipt_html and "checked" not in receipt_html
    next_screen = client.get(kiosk).content.decode()
    assert chosen.label not in next_screen and codes[0] not in next_screen
    next_ballot = client.post(kiosk, {"code": codes[1]}).content.decode()
    assert "checked" not in next_ballot and codes[0] not in next_ballot


def test_vote_pages_refuse_bad_codes_politely(client, homeroom_teacher, tree, october, class_6a1):
    class_round = s.class_round_open(actor=homeroom_teacher, period=october, class_unit=tree["6a1"])
    s.nomination_add(
        actor=homeroom_teacher,
        class_round=class_round,
        nominee=class_6a1[0],
        criterion=_criterion(october.program),
        reason="Bạn rất chăm chỉ học tập.",
    )
    election = s.class_round_start_vote(actor=homeroom_teacher, class_round=class_round)
    codes = [c for _v, c in codes_issue(actor=homeroom_teacher, election=election)]
    candidate = election.candidates.get()
    unknown = client.get("/ballots/v/ZZZZZZZZ/").content.decode()
    assert "Mã phiếu không đúng" in unknown
    ok = client.post(f"/ballots/v/{codes[0]}/", {"choice": candidate.pk})
    assert "Em đã bỏ phiếu xong" in ok.content.decode()
    client.cookies["thidua_language"] = "en"  # the receipt page follows the chosen language
    english = client.post(f"/ballots/v/{codes[3]}/", {"choice": candidate.pk}).content.decode()
    assert "You have finished voting" in english and 'lang="en"' in english
    del client.cookies["thidua_language"]
    used = client.post(f"/ballots/v/{codes[0]}/", {"choice": candidate.pk})
    assert used.status_code == 409 and "đã được dùng" in used.content.decode()
    two = client.post(f"/ballots/v/{codes[1]}/", {"choice": [candidate.pk, candidate.pk]})
    assert two.status_code == 400 and "đúng một người" in two.content.decode()
    election_close(actor=homeroom_teacher, election=election)
    closed = client.post(f"/ballots/v/{codes[2]}/", {"choice": candidate.pk})
    assert closed.status_code == 409 and "đã kết thúc" in closed.content.decode()
    assert Election.objects.get(pk=election.pk).ballot_count == 2  # codes[0] and codes[3]


def test_criteria_page_is_public_once_published(client, principal, tree, program):
    assert client.get(f"/honors/schools/{tree['tbc'].code}/criteria/").status_code == 404
    s.program_publish(actor=principal, program=program)
    page = client.get(f"/honors/schools/{tree['tbc'].code}/criteria/").content.decode()
    assert "Học sinh với học sinh" in page and "Sự nỗ lực của học sinh" in page


def test_receipt_list_is_public_after_publication(
    client, homeroom_teacher, tree, october, class_6a1
):
    class_round = s.class_round_open(actor=homeroom_teacher, period=october, class_unit=tree["6a1"])
    s.nomination_add(
        actor=homeroom_teacher,
        class_round=class_round,
        nominee=class_6a1[0],
        criterion=_criterion(october.program),
        reason="Bạn rất chăm chỉ học tập.",
    )
    election = s.class_round_start_vote(actor=homeroom_teacher, class_round=class_round)
    codes = [c for _v, c in codes_issue(actor=homeroom_teacher, election=election)]
    receipt = cast_by_code(code=codes[0], choices=[election.candidates.get().pk])
    url = f"/ballots/{election.pk}/receipts/"
    assert receipt[:4] not in client.get(url).content.decode()
    election_close(actor=homeroom_teacher, election=election)
    election_publish(actor=homeroom_teacher, election=Election.objects.get(pk=election.pk))
    page = client.post(url, {"receipt": receipt.lower()}).content.decode()
    assert 'id="receipt-found"' in page and f"{receipt[:4]}-{receipt[4:]}" in page


def test_district_officer_sees_sent_exemplars_and_downloads_them(
    client, district_officer, other_principal, principal, tree, october, class_6a1, homeroom_teacher
):
    from thidua.honors import outreach

    r1 = run_class_round(homeroom_teacher, october, tree["6a1"], class_6a1, votes=[0] * 12)
    s.class_round_submit(actor=homeroom_teacher, class_round=r1)
    exemplar = outreach.exemplar_save(
        actor=principal,
        program=october.program,
        person=class_6a1[0],
        story="Em Trần Văn Bình giúp ba bạn cùng lớp tiến bộ môn Toán trong học kỳ.",
    )
    outreach.exemplar_send(actor=principal, exemplar=exemplar)
    client.force_login(district_officer)
    page = client.get("/honors/exemplars/?year=2024-2025").content.decode()
    assert "Trần Văn Bình" in page and "Trường Tiểu học Bàu Sen" in page  # Bàu Sen: not sent
    xlsx = client.get("/honors/exemplars/?year=2024-2025&format=xlsx")
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    pdf = client.get("/honors/exemplars/?year=2024-2025&format=pdf")
    assert pdf.content.startswith(b"%PDF")
    client.force_login(other_principal)
    assert client.get("/honors/exemplars/").status_code == 403


def test_school_round_lists_every_class_roster_with_one_query(
    client, principal, homeroom_teacher, tree, october, class_6a1, class_6a2
):
    # given two classes that submitted their honorees and a prepared school round
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    for key, students, actor in (
        ("6a1", class_6a1, homeroom_teacher),
        ("6a2", class_6a2, principal),
    ):
        r = run_class_round(actor, october, tree[key], students, votes=[0] * len(students))
        s.class_round_submit(actor=actor, class_round=r)
    s.school_round_prepare(actor=principal, period=october)
    client.force_login(principal)
    # when the leadership opens the page to choose representatives
    with CaptureQueriesContext(connection) as queries:
        page = client.get(f"/honors/periods/{october.pk}/school/").content.decode()
    # then each class offers its own students, in name order
    for students in (class_6a1, class_6a2):
        class_unit = students[0].enrollments.get().class_unit
        boxes = page.count(f'id="rep-{class_unit.pk}-')
        assert boxes == len(students)
    assert page.index(">Lê Văn Anh</label>") < page.index(">Trần Văn Bình</label>")
    # and the rosters come from one query, not one per class
    assert len([q for q in queries if 'FROM "people_enrollment"' in q["sql"]]) == 1


def test_program_is_created_with_its_settings_in_one_audited_step(
    client, principal, tree, school_year
):
    from thidua.core.models import AuditEntry
    from thidua.honors.models import HonorProgram

    client.force_login(principal)
    response = client.post(
        f"/honors/schools/{tree['tbc'].code}/programs/new/",
        {
            "title": "Vinh danh học sinh tiêu biểu 2024-2025",
            "regulation": "",
            "class_honorees_per_period": 1,
            "representatives_per_class": 3,
            "send_nominees": "on",
        },
    )
    program = HonorProgram.objects.get(school=tree["tbc"])
    assert response.status_code == 302
    assert (program.representatives_per_class, program.send_nominees) == (3, True)
    # one decision, one audit entry: not a creation followed by an edit
    assert list(
        AuditEntry.objects.filter(action__startswith="honors.program").values_list(
            "action", flat=True
        )
    ) == ["honors.program.create"]


def test_letters_for_a_tampered_student_id_is_not_found(client, principal, tree):
    from thidua.honors.ceremonies import ceremony_create
    from thidua.honors.models import CommendationLetter

    ceremony = ceremony_create(
        actor=principal,
        school=tree["tbc"],
        kind="school_flag",
        title="Chào cờ",
        held_on=dt.date(2024, 11, 4),
    )
    client.force_login(principal)
    response = client.post(f"/honors/ceremonies/{ceremony.pk}/letters/", {"person": "1 OR 1"})
    assert response.status_code == 404
    assert not CommendationLetter.objects.exists()
