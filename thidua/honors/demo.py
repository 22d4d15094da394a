"""Demo content for student honoring (seed 000): the District 5 pilot at Tiểu học Bàu Sen and
THCS Trần Bội Cơ, with past periods already decided (results, ceremonies, letters, honor
wall) and the current one open. Idempotent: a school that has its program is left alone."""

from __future__ import annotations

import datetime as dt
import io
import random

from django.core.files.uploadedfile import SimpleUploadedFile

from thidua.accounts.models import Role, RoleAssignment
from thidua.ballots.models import Election
from thidua.ballots.services import cast_by_code, codes_issue, election_close, election_publish
from thidua.org.models import SchoolYear, Unit, UnitType
from thidua.people.selectors import students_of_class

from . import ceremonies, outreach
from . import services as s
from .models import HonorLevel, HonorProgram, PeriodKind

PILOT_SCHOOLS = ["TH-BAUSEN", "THCS-TBC"]
REASONS = [
    "Bạn giảng bài Toán cho em mỗi giờ ra chơi nên em tiến bộ hơn.",
    "Bạn nhặt được ví tiền và mang trả lại cô lao công.",
    "Bạn luôn đến sớm trực nhật, giữ lớp sạch sẽ.",
    "Bạn hăng hái tập văn nghệ cho lớp dự thi cấp trường.",
    "Bạn động viên, giúp đỡ bạn mới chuyển đến làm quen với lớp.",
    "Bạn tích cực thu gom giấy vụn cho phong trào kế hoạch nhỏ.",
    "Em tự ứng cử vì em đã cố gắng tiến bộ môn Tiếng Việt trong tháng.",
]


def _actor(school: Unit, role: str):  # noqa: ANN202
    assignment = (
        RoleAssignment.objects.filter(unit=school, role=role).select_related("user").first()
    )
    return assignment.user if assignment else None


def _homeroom(class_unit: Unit, school: Unit):  # noqa: ANN202
    assignment = RoleAssignment.objects.filter(unit=class_unit, role=Role.HOMEROOM_TEACHER).first()
    return assignment.user if assignment else _actor(school, Role.PRINCIPAL)


def _png(color: tuple[int, int, int]) -> SimpleUploadedFile:
    from PIL import Image, ImageDraw

    image = Image.new("RGB", (480, 360), color)
    draw = ImageDraw.Draw(image)
    draw.ellipse((170, 60, 310, 200), fill=(255, 224, 189))
    draw.rectangle((150, 210, 330, 360), fill=(255, 255, 255))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return SimpleUploadedFile("anh-vinh-danh.png", buffer.getvalue(), content_type="image/png")


def _run_round(actor, period, class_unit, rng: random.Random, *, finish: bool):  # noqa: ANN001, ANN202
    roster = list(students_of_class(class_unit))
    class_round = s.class_round_open(actor=actor, period=period, class_unit=class_unit)
    nominees = rng.sample(roster, 3)
    others = [p for p in roster if p not in nominees]
    # Two classmates nominate a friend; the third nominee stands for themself.
    proposers = [others[0], others[1], nominees[2]]
    criteria = list(period.program.criteria.filter(grade__isnull=True))
    for index, (nominee, proposer) in enumerate(zip(nominees, proposers, strict=True)):
        reason = REASONS[-1] if proposer == nominee else REASONS[(index + class_unit.pk) % 6]
        s.nomination_add(
            actor=actor,
            class_round=class_round,
            nominee=nominee,
            proposer=proposer,
            criterion=criteria[(index * 4) % len(criteria)],
            reason=reason,
        )
    if not finish:
        return class_round
    election = s.class_round_start_vote(actor=actor, class_round=class_round)
    codes = [code for _v, code in codes_issue(actor=actor, election=election)]
    candidates = list(election.candidates.order_by("position"))
    weights = [5, 3, 2][: len(candidates)]
    for code in codes[: int(len(codes) * 0.9)]:
        choice = rng.choices(candidates, weights=weights)[0]
        cast_by_code(code=code, choices=[choice.pk])
    election_close(actor=actor, election=election)
    last = Election.objects.filter(root=election).order_by("-round_number").first() or election
    if last.pk != election.pk:  # a tie opened a runoff: the class votes again
        for code in codes[: int(len(codes) * 0.8)]:
            cast_by_code(code=code, choices=[rng.choice(list(last.candidates.all())).pk])
        election_close(actor=actor, election=last)
        last.refresh_from_db()
        from thidua.ballots.selectors import tally

        result = tally(last)
        if result.tied_first:
            from thidua.ballots.services import election_decide_tie

            election_decide_tie(
                actor=actor,
                election=last,
                candidate=result.tied_first[0],
                note="Bạn có nhiều việc làm tốt hơn theo nhận xét của tập thể lớp.",
            )
    election_publish(actor=actor, election=Election.objects.get(pk=last.pk))
    s.class_round_submit(actor=actor, class_round=class_round)
    return class_round


def _school_round(principal, period, rng: random.Random) -> None:  # noqa: ANN001
    school_round = s.school_round_prepare(actor=principal, period=period)
    s.school_round_publish_list(actor=principal, school_round=school_round)
    for class_unit in Unit.objects.filter(
        parent=period.program.school, type=UnitType.CLASS, school_year=period.program.school_year
    ):
        roster = list(students_of_class(class_unit))
        s.representatives_set(
            actor=principal,
            school_round=school_round,
            class_unit=class_unit,
            people=rng.sample(roster, 2),
        )
    election = s.school_round_start_vote(actor=principal, school_round=school_round)
    codes = [code for _v, code in codes_issue(actor=principal, election=election)]
    candidates = list(election.candidates.order_by("position"))
    favourite = candidates[0]
    for index, code in enumerate(codes):
        choice = favourite if index % 3 != 2 else rng.choice(candidates)
        cast_by_code(code=code, choices=[choice.pk])
    election_close(actor=principal, election=election)
    last = Election.objects.filter(root=election).order_by("-round_number").first() or election
    if last.pk != election.pk:
        for code in codes:
            cast_by_code(code=code, choices=[last.candidates.order_by("position").first().pk])
        election_close(actor=principal, election=last)
    election_publish(actor=principal, election=Election.objects.get(pk=last.pk))
    s.school_round_decide(actor=principal, school_round=school_round)


def load(today: dt.date) -> list:
    first = today.year if today.month >= 8 else today.year - 1
    year = SchoolYear.objects.filter(code=f"{first}-{first + 1}").first()
    office = Unit.objects.filter(code="PGDDT-Q5").first()
    if year is None or office is None:
        return []
    schools = list(Unit.objects.filter(code__in=PILOT_SCHOOLS).order_by("code"))
    for school in schools:
        if HonorProgram.objects.filter(school=school, school_year=year).exists():
            continue
        principal = _actor(school, Role.PRINCIPAL)
        rng = random.Random(f"honors-{school.code}-{year.code}")
        program = s.program_create(
            actor=principal,
            school=school,
            school_year=year,
            regulation=(
                "Thực hiện Kế hoạch số 634/KH-GDĐT ngày 30/6/2023 của Phòng Giáo dục và "
                "Đào tạo Quận 5 về mô hình thí điểm vinh danh học sinh tiêu biểu.\n"
                "Mỗi tháng, mỗi lớp bình chọn một học sinh tiêu biểu bằng bỏ phiếu kín; "
                "đại diện các lớp bình chọn học sinh tiêu biểu cấp trường.\n"
                "Học sinh tự ứng cử hoặc đề cử bạn có việc làm tốt theo bốn nhóm tiêu chí."
            ),
        )
        s.program_publish(actor=principal, program=program)
        months = list(program.periods.filter(kind=PeriodKind.MONTH).order_by("start_on"))
        past = [p for p in months if p.end_on < today][:2]
        current = next((p for p in months if p.start_on <= today <= p.end_on), None)
        classes = list(
            Unit.objects.filter(parent=school, type=UnitType.CLASS, school_year=year).order_by(
                "grade", "name"
            )
        )
        for period in past:
            for class_unit in classes:
                _run_round(_homeroom(class_unit, school), period, class_unit, rng, finish=True)
            _school_round(principal, period, rng)
            ceremony = ceremonies.ceremony_create(
                actor=principal,
                school=school,
                kind="school_flag",
                title=f"Lễ chào cờ vinh danh học sinh tiêu biểu {period.name.lower()}",
                held_on=period.end_on + dt.timedelta(days=3),
                period=period,
                location="Sân trường",
            )
            for attached in ceremony.honorees.all():
                prize = "Bộ sách và dụng cụ học tập" if attached.level == HonorLevel.SCHOOL else ""
                if prize:
                    ceremonies.ceremony_attach(
                        actor=principal,
                        ceremony=ceremony,
                        person=attached.person,
                        level=attached.level,
                        prize=prize,
                    )
                ceremonies.letter_issue(
                    actor=principal,
                    person=attached.person,
                    period=period,
                    level=attached.level,
                    issued_on=ceremony.held_on,
                )
        if current is not None and classes:
            _run_round(_homeroom(classes[0], school), current, classes[0], rng, finish=False)
            if len(classes) > 1:
                second = _run_round(
                    _homeroom(classes[1], school), current, classes[1], rng, finish=False
                )
                s.class_round_start_vote(actor=_homeroom(classes[1], school), class_round=second)
        _wall(school, principal, year)
        if school.code == "TH-BAUSEN" and past:
            honorees = outreach.honored_in_year(program)
            if honorees:
                exemplar = outreach.exemplar_save(
                    actor=principal,
                    program=program,
                    person=honorees[0],
                    story=(
                        "Em luôn giúp đỡ các bạn trong lớp học bài, hăng hái tham gia phong trào "
                        "kế hoạch nhỏ và được cả lớp tin yêu bầu chọn là học sinh tiêu biểu. "
                        "Em còn nhặt được ví tiền của một cụ bà trước cổng trường và nhờ cô "
                        "giáo trả lại."
                    ),
                )
                outreach.exemplar_send(actor=principal, exemplar=exemplar)
    if not office.honor_pilots.filter(school_year=year).exists():
        outreach.pilot_create(
            actor=None,
            office=office,
            school_year=year,
            title=f"Mô hình thí điểm vinh danh học sinh tiêu biểu năm học {year.code}",
            plan_reference="634/KH-GDĐT",
            schools=schools,
            phases=[
                ("roll_out", year.start_on - dt.timedelta(days=90), year.start_on),
                ("run", year.start_on, year.end_on - dt.timedelta(days=10)),
                ("review", year.end_on - dt.timedelta(days=9), year.end_on),
            ],
        )
    return []


def _wall(school: Unit, principal, year: SchoolYear) -> None:  # noqa: ANN001
    from thidua.honorwall.models import WallEntry
    from thidua.honorwall.services import consent_record, entry_publish, entry_save

    letters = list(
        ceremonies.CommendationLetter.objects.filter(
            school=school, period__program__school_year=year
        )
        .select_related("person", "period")
        .order_by("issued_on", "number")[:3]
    )
    for index, letter in enumerate(letters):
        entry = WallEntry(
            school=school, person=letter.person, class_name=letter.class_name, period=letter.period
        )
        entry_save(
            actor=principal,
            entry=entry,
            photo=_png((40 + index * 60, 120, 200)) if index < 2 else None,
            title=f"{letter.get_level_display()} {letter.period.name.lower()}",
            achievement=letter.citation,
            own_words="Em rất vui và sẽ cố gắng hơn nữa để giúp đỡ các bạn." if index == 0 else "",
        )
        if index < 2:  # the parents of the first two consented; the third only appears as initials
            consent_record(
                actor=principal,
                person=letter.person,
                given_by="Nguyễn Thị Lan",
                relationship="Mẹ",
                given_on=letter.issued_on,
                allows_photo=True,
                allows_clip=False,
                note="Giấy đồng ý lưu tại văn phòng trường",
            )
            entry_publish(actor=principal, entry=entry)
