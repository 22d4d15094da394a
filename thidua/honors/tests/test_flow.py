"""Student honoring from nomination to letter, with the refusals the seed's users will hit."""

from __future__ import annotations

import datetime as dt
import io

import pypdf
import pytest
from django.core.exceptions import ValidationError

from thidua.ballots.models import Election
from thidua.ballots.services import cast_by_code, codes_issue, election_close, election_publish
from thidua.core.models import AuditEntry
from thidua.honors import ceremonies, outreach
from thidua.honors import services as s
from thidua.honors.errors import HonorError
from thidua.honors.models import (
    ClassRoundStatus,
    FrameworkGroup,
    HonorLevel,
    Nomination,
    PeriodKind,
    SchoolRoundStatus,
)


def _criterion(program, group=FrameworkGroup.STUDENT_STUDENT):  # noqa: ANN001, ANN202
    return program.criteria.filter(group=group).first()


def _code(exc: ValidationError) -> str:
    return exc.code


def run_class_round(actor, october, class_unit, students, votes):  # noqa: ANN001, ANN201
    """Open, nominate the first three, vote by code, close, publish; return the round."""
    class_round = s.class_round_open(actor=actor, period=october, class_unit=class_unit)
    for proposer, nominee in (
        (students[3], students[0]),
        (students[4], students[1]),
        (students[2], students[2]),
    ):
        s.nomination_add(
            actor=actor,
            class_round=class_round,
            nominee=nominee,
            proposer=proposer,
            criterion=_criterion(october.program),
            reason=f"Bạn {nominee.given_name} giúp các bạn học Toán mỗi giờ ra chơi.",
        )
    election = s.class_round_start_vote(actor=actor, class_round=class_round)
    codes = [c for _v, c in codes_issue(actor=actor, election=election)]
    candidates = {c.person_id: c.pk for c in election.candidates.all()}
    for code, index in zip(codes, votes, strict=False):
        cast_by_code(code=code, choices=[candidates[students[index].pk]])
    election_close(actor=actor, election=election)
    election_publish(actor=actor, election=Election.objects.get(pk=election.pk))
    class_round.refresh_from_db()
    return class_round


def test_program_starts_with_criteria_in_the_four_groups_and_periods(program):
    groups = set(program.criteria.values_list("group", flat=True))
    assert groups == set(FrameworkGroup.values)
    kinds = set(program.periods.values_list("kind", flat=True))
    assert {PeriodKind.MONTH, PeriodKind.SEMESTER, PeriodKind.YEAR} <= kinds
    assert program.periods.get(name="Tháng 9/2024").start_on == dt.date(2024, 9, 5)


def test_whole_class_round_then_submit(homeroom_teacher, tree, october, class_6a1):
    class_round = run_class_round(
        homeroom_teacher, october, tree["6a1"], class_6a1, votes=[0] * 7 + [1] * 3 + [2] * 2
    )
    s.class_round_submit(actor=homeroom_teacher, class_round=class_round)
    class_round.refresh_from_db()
    assert class_round.status == ClassRoundStatus.SUBMITTED
    assert class_round.honoree == class_6a1[0]
    with pytest.raises(ValidationError) as exc:
        s.class_round_submit(actor=homeroom_teacher, class_round=class_round)
    assert exc.value.code == HonorError.ALREADY_SUBMITTED
    assert AuditEntry.objects.filter(action="honors.class_round.submit").count() == 1


def test_submit_before_publication_is_refused(homeroom_teacher, tree, october, class_6a1):
    class_round = s.class_round_open(actor=homeroom_teacher, period=october, class_unit=tree["6a1"])
    s.nomination_add(
        actor=homeroom_teacher,
        class_round=class_round,
        nominee=class_6a1[0],
        criterion=_criterion(october.program),
        reason="Bạn luôn giúp đỡ các bạn.",
    )
    s.class_round_start_vote(actor=homeroom_teacher, class_round=class_round)
    with pytest.raises(ValidationError) as exc:
        s.class_round_submit(actor=homeroom_teacher, class_round=class_round)
    assert exc.value.code == HonorError.NOT_PUBLISHED


@pytest.mark.parametrize("_case", ["nominee of another class", "proposer of another class"])
def test_nominations_must_come_from_the_class(
    homeroom_teacher, tree, october, class_6a1, class_6a2, _case
):
    class_round = s.class_round_open(actor=homeroom_teacher, period=october, class_unit=tree["6a1"])
    nominee, proposer = (
        (class_6a2[0], class_6a1[0])
        if _case == "nominee of another class"
        else (class_6a1[0], class_6a2[0])
    )
    with pytest.raises(ValidationError):
        s.nomination_add(
            actor=homeroom_teacher,
            class_round=class_round,
            nominee=nominee,
            proposer=proposer,
            criterion=_criterion(october.program),
            reason="Bạn luôn giúp đỡ mọi người.",
        )
    assert Nomination.objects.count() == 0


def test_one_nomination_per_student_and_a_real_reason(homeroom_teacher, tree, october, class_6a1):
    class_round = s.class_round_open(actor=homeroom_teacher, period=october, class_unit=tree["6a1"])
    crit = _criterion(october.program)
    s.nomination_add(
        actor=homeroom_teacher,
        class_round=class_round,
        nominee=class_6a1[1],
        proposer=class_6a1[0],
        criterion=crit,
        reason="Bạn giúp em học bài.",
    )
    with pytest.raises(ValidationError) as exc:
        s.nomination_add(
            actor=homeroom_teacher,
            class_round=class_round,
            nominee=class_6a1[2],
            proposer=class_6a1[0],
            criterion=crit,
            reason="Bạn rất ngoan và lễ phép.",
        )
    assert exc.value.code == HonorError.ALREADY_NOMINATED
    with pytest.raises(ValidationError):
        s.nomination_add(
            actor=homeroom_teacher,
            class_round=class_round,
            nominee=class_6a1[2],
            proposer=class_6a1[3],
            criterion=crit,
            reason="tốt",
        )
    assert Nomination.objects.count() == 1


def test_self_nomination_is_marked(homeroom_teacher, tree, october, class_6a1):
    class_round = s.class_round_open(actor=homeroom_teacher, period=october, class_unit=tree["6a1"])
    n = s.nomination_add(
        actor=homeroom_teacher,
        class_round=class_round,
        nominee=class_6a1[4],
        proposer=class_6a1[4],
        criterion=_criterion(october.program),
        reason="Em nhặt được ví và trả lại cho cô lao công.",
    )
    assert n.is_self


def test_declined_nominee_is_not_on_the_ballot(homeroom_teacher, tree, october, class_6a1):
    class_round = s.class_round_open(actor=homeroom_teacher, period=october, class_unit=tree["6a1"])
    crit = _criterion(october.program)
    kept = s.nomination_add(
        actor=homeroom_teacher,
        class_round=class_round,
        nominee=class_6a1[0],
        proposer=class_6a1[1],
        criterion=crit,
        reason="Bạn giúp em học bài.",
    )
    dropped = s.nomination_add(
        actor=homeroom_teacher,
        class_round=class_round,
        nominee=class_6a1[5],
        proposer=class_6a1[2],
        criterion=crit,
        reason="Bạn hay kể chuyện cười.",
    )
    s.nomination_decline(
        actor=homeroom_teacher, nomination=dropped, reason="Việc làm chưa gắn với tiêu chí."
    )
    election = s.class_round_start_vote(actor=homeroom_teacher, class_round=class_round)
    assert [c.person_id for c in election.candidates.all()] == [kept.nominee_id]
    assert election.voters.count() == len(class_6a1)


def test_school_round_with_representatives_then_letters(
    principal, homeroom_teacher, tree, october, class_6a1, class_6a2
):
    # given two classes that submitted their honorees
    r1 = run_class_round(homeroom_teacher, october, tree["6a1"], class_6a1, votes=[0] * 8 + [1] * 4)
    s.class_round_submit(actor=homeroom_teacher, class_round=r1)
    r2 = run_class_round(principal, october, tree["6a2"], class_6a2, votes=[1, 1, 1, 1, 0, 2])
    s.class_round_submit(actor=principal, class_round=r2)
    # when the leadership prepares, publishes the list and names 2 representatives per class
    school_round = s.school_round_prepare(actor=principal, period=october)
    assert {n.person for n in school_round.nominees.all()} == {class_6a1[0], class_6a2[1]}
    with pytest.raises(ValidationError):
        s.school_round_start_vote(actor=principal, school_round=school_round)
    s.school_round_publish_list(actor=principal, school_round=school_round)
    s.representatives_set(
        actor=principal, school_round=school_round, class_unit=tree["6a1"], people=class_6a1[5:7]
    )
    s.representatives_set(
        actor=principal, school_round=school_round, class_unit=tree["6a2"], people=class_6a2[2:4]
    )
    with pytest.raises(ValidationError) as exc:
        s.representatives_set(
            actor=principal, school_round=school_round, class_unit=tree["6a2"], people=class_6a2[:3]
        )
    assert exc.value.code == HonorError.TOO_MANY_REPRESENTATIVES
    election = s.school_round_start_vote(actor=principal, school_round=school_round)
    assert election.voters.count() == 4
    codes = [c for _v, c in codes_issue(actor=principal, election=election)]
    winner = election.candidates.get(person=class_6a2[1])
    for code in codes[:3]:
        cast_by_code(code=code, choices=[winner.pk])
    cast_by_code(code=codes[3], choices=[election.candidates.get(person=class_6a1[0]).pk])
    election_close(actor=principal, election=election)
    election_publish(actor=principal, election=Election.objects.get(pk=election.pk))
    s.school_round_decide(actor=principal, school_round=school_round)
    school_round.refresh_from_db()
    assert (school_round.status, school_round.honoree) == (SchoolRoundStatus.DECIDED, class_6a2[1])
    # then a ceremony gathers the honorees and the letters print in one PDF
    ceremony = ceremonies.ceremony_create(
        actor=principal,
        school=tree["tbc"],
        kind="school_flag",
        title="Chào cờ tháng 11",
        held_on=dt.date(2024, 11, 4),
        period=october,
    )
    # two class honorees; the one also elected by the school is honored at school level
    assert sorted(ceremony.honorees.values_list("person__full_name", "level")) == [
        ("Trần Văn Bình", HonorLevel.CLASS),
        ("Đinh Thảo Vy", HonorLevel.SCHOOL),
    ]
    letters = [
        ceremonies.letter_issue(
            actor=principal,
            person=a.person,
            period=october,
            level=a.level,
            issued_on=dt.date(2024, 11, 4),
        )
        for a in ceremony.honorees.all()
    ]
    text = "".join(
        p.extract_text() for p in pypdf.PdfReader(io.BytesIO(ceremonies.letters_pdf(letters))).pages
    )
    assert "THƯ KHEN" in text
    assert "TRẦN VĂN BÌNH" in text and "ĐINH THẢO VY" in text
    assert "Quận 5, ngày 04 tháng 11 năm 2024" in text
    assert "Phạm Văn Hòa" in text  # the principal signs


def test_letter_only_for_an_honoree(principal, october, class_6a1):
    with pytest.raises(ValidationError) as exc:
        ceremonies.letter_issue(
            actor=principal, person=class_6a1[0], period=october, level=HonorLevel.CLASS
        )
    assert exc.value.code == HonorError.NOT_AN_HONOREE


def test_letter_pdf_names_the_student_with_diacritics(
    homeroom_teacher, principal, tree, october, class_6a1
):
    r1 = run_class_round(homeroom_teacher, october, tree["6a1"], class_6a1, votes=[1] * 9 + [0] * 3)
    s.class_round_submit(actor=homeroom_teacher, class_round=r1)
    letter = ceremonies.letter_issue(
        actor=principal,
        person=class_6a1[1],
        period=october,
        level=HonorLevel.CLASS,
        issued_on=dt.date(2024, 5, 20),
    )
    text = pypdf.PdfReader(io.BytesIO(ceremonies.letters_pdf([letter]))).pages[0].extract_text()
    assert "NGUYỄN THỊ ÁNH" in text
    assert "Học sinh lớp 6A1" in text
    assert "Quận 5, ngày 20 tháng 5 năm 2024" in text
    assert "giúp các bạn học Toán" in text  # the classmates' reason becomes the citation


def test_exemplar_is_chosen_among_honorees_and_sent_once(
    homeroom_teacher, principal, tree, october, class_6a1
):
    r1 = run_class_round(homeroom_teacher, october, tree["6a1"], class_6a1, votes=[0] * 12)
    s.class_round_submit(actor=homeroom_teacher, class_round=r1)
    with pytest.raises(ValidationError):
        outreach.exemplar_save(
            actor=principal,
            program=october.program,
            person=class_6a1[5],
            story="Em luôn giúp đỡ bạn bè và tham gia mọi phong trào của lớp.",
        )
    exemplar = outreach.exemplar_save(
        actor=principal,
        program=october.program,
        person=class_6a1[0],
        story="Em Bình giúp ba bạn cùng lớp tiến bộ môn Toán và nhặt được ví trả lại người mất.",
    )
    assert exemplar.recipient == tree["district"]
    outreach.exemplar_send(actor=principal, exemplar=exemplar)
    with pytest.raises(ValidationError) as exc:
        outreach.exemplar_save(
            actor=principal,
            program=october.program,
            person=class_6a1[0],
            story="Đổi câu chuyện sau khi đã gửi lên Phòng Giáo dục.",
        )
    assert exc.value.code == HonorError.EXEMPLAR_SENT


def test_pilot_names_schools_of_the_office_and_shows_progress(
    district_officer, tree, school_year, program
):
    pilot = outreach.pilot_create(
        actor=district_officer,
        office=tree["district"],
        school_year=school_year,
        title="Thí điểm vinh danh học sinh tiêu biểu Quận 5",
        plan_reference="634/KH-GDĐT",
        schools=[tree["tbc"], tree["bausen"]],
        phases=[
            ("roll_out", dt.date(2024, 6, 1), dt.date(2024, 9, 30)),
            ("run", dt.date(2024, 9, 1), dt.date(2025, 5, 31)),
            ("review", dt.date(2025, 6, 1), dt.date(2025, 6, 30)),
        ],
    )
    progress = {row.school.code: row for row in outreach.pilot_progress(pilot)}
    assert progress["THCS-TBC"].program == program and progress["TH-BAUSEN"].program is None
    program.refresh_from_db()
    assert program.pilot == pilot


def test_letters_pdf_prints_each_prize_reading_prizes_once(
    homeroom_teacher, principal, tree, october, class_6a1, class_6a2
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    # given two class honorees at a ceremony, each handed a different prize
    for key, students, actor in (
        ("6a1", class_6a1, homeroom_teacher),
        ("6a2", class_6a2, principal),
    ):
        r = run_class_round(actor, october, tree[key], students, votes=[0] * len(students))
        s.class_round_submit(actor=actor, class_round=r)
    ceremony = ceremonies.ceremony_create(
        actor=principal,
        school=tree["tbc"],
        kind="school_flag",
        title="Chào cờ tháng 11",
        held_on=dt.date(2024, 11, 4),
        period=october,
    )
    prizes = {class_6a1[0]: "Bộ sách Toán nâng cao", class_6a2[0]: "Hộp bút màu"}
    for person, prize in prizes.items():
        ceremonies.ceremony_attach(
            actor=principal, ceremony=ceremony, person=person, level=HonorLevel.CLASS, prize=prize
        )
    letters = [
        ceremonies.letter_issue(actor=principal, person=p, period=october, level=HonorLevel.CLASS)
        for p in prizes
    ]
    # when the letters are printed together
    with CaptureQueriesContext(connection) as queries:
        pdf = ceremonies.letters_pdf(letters)
    # then each page names its own prize, and the prizes are read in one query
    pages = [p.extract_text() for p in pypdf.PdfReader(io.BytesIO(pdf)).pages]
    assert "Bộ sách Toán nâng cao" in pages[0] and "Hộp bút màu" not in pages[0]
    assert "Hộp bút màu" in pages[1]
    assert len([q for q in queries if "honors_ceremonyhonoree" in q["sql"]]) == 1
