"""Writes of student honoring: programs, criteria, periods, class rounds and school rounds.

Both rounds use the generic ballot engine (`thidua.ballots`). Every change is audited.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.ballots.models import Election, ElectionMode
from thidua.ballots.services import CandidateSpec, VoterSpec, election_create, election_open
from thidua.core.audit import audit, register_actions
from thidua.core.errors import field_error
from thidua.core.vietnamese import nfc
from thidua.org.models import Unit, UnitType
from thidua.people.models import Enrollment, Person
from thidua.people.selectors import students_of_class

from . import defaults
from .errors import HonorError
from .models import (
    ClassRound,
    ClassRoundStatus,
    HonorCriterion,
    HonorPeriod,
    HonorProgram,
    Nomination,
    NominationStatus,
    Representative,
    SchoolNominee,
    SchoolRound,
    SchoolRoundStatus,
)
from .selectors import round_result

register_actions(
    {
        "honors.program.create": _("Tạo chương trình vinh danh học sinh"),
        "honors.program.update": _("Sửa chương trình vinh danh"),
        "honors.program.publish": _("Công bố tiêu chí vinh danh"),
        "honors.criterion.add": _("Thêm tiêu chí vinh danh"),
        "honors.criterion.remove": _("Xóa tiêu chí vinh danh"),
        "honors.period.add": _("Thêm đợt vinh danh"),
        "honors.class_round.open": _("Mở nhận đề cử của lớp"),
        "honors.nomination.add": _("Đề cử học sinh tiêu biểu"),
        "honors.nomination.decline": _("Không đưa đề cử vào phiếu bầu"),
        "honors.class_round.vote": _("Mở bỏ phiếu kín của lớp"),
        "honors.class_round.submit": _("Gửi kết quả của lớp lên Ban giám hiệu"),
        "honors.school_round.prepare": _("Tổng hợp đề cử các lớp"),
        "honors.school_round.publish_list": _("Công khai danh sách đề cử cấp trường"),
        "honors.school_round.representatives": _("Chọn đại diện lớp bỏ phiếu"),
        "honors.school_round.vote": _("Mở bỏ phiếu kín cấp trường"),
        "honors.school_round.decide": _("Ghi kết quả bầu chọn cấp trường"),
    }
)


def _refuse(message: Any, code: str) -> ValidationError:
    return ValidationError(message, code=code)


# ---------------------------------------------------------------- program


@transaction.atomic
def program_create(
    *,
    actor: Any,
    school: Unit,
    school_year: Any,
    title: str = "",
    regulation: str = "",
    with_defaults: bool = True,
    **settings: Any,
) -> HonorProgram:
    """A school's honoring program for a year, seeded with editable default criteria/periods.

    ``settings`` are the program's other fields (e.g. ``representatives_per_class``)."""
    if school.type != UnitType.SCHOOL:
        raise _refuse(_("Chương trình vinh danh thuộc về một trường học."), HonorError.NOT_A_SCHOOL)
    if HonorProgram.objects.filter(school=school, school_year=school_year).exists():
        raise _refuse(
            _("Trường đã có chương trình vinh danh năm học %(y)s.") % {"y": school_year.code},
            HonorError.PROGRAM_EXISTS,
        )
    program = HonorProgram(
        school=school,
        school_year=school_year,
        title=nfc(title) or f"Vinh danh học sinh tiêu biểu năm học {school_year.code}",
        regulation=regulation,
        **settings,
    )
    program.full_clean()
    program.save()
    if with_defaults:
        criteria = []
        for group, texts in defaults.criteria_for(school.school_level).items():
            for position, text in enumerate(texts):
                criteria.append(
                    HonorCriterion(program=program, group=group, text=text, position=position)
                )
        HonorCriterion.objects.bulk_create(criteria)
        HonorPeriod.objects.bulk_create(
            HonorPeriod(program=program, kind=kind, name=name, start_on=start, end_on=end)
            for kind, name, start, end in defaults.default_periods(
                school_year.start_on,
                school_year.hk1_end_on,
                school_year.hk2_start_on,
                school_year.end_on,
            )
        )
    audit(actor, "honors.program.create", program, unit_path=school.path)
    return program


@transaction.atomic
def program_update(*, actor: Any, program: HonorProgram, **fields: Any) -> HonorProgram:
    before = {k: getattr(program, k) for k in fields}
    for key, value in fields.items():
        setattr(program, key, nfc(value) if isinstance(value, str) and key == "title" else value)
    program.full_clean()
    program.save()
    changes = {
        k: [str(before[k]), str(getattr(program, k))]
        for k in fields
        if before[k] != getattr(program, k)
    }
    if changes:
        audit(
            actor, "honors.program.update", program, unit_path=program.school.path, changes=changes
        )
    return program


@transaction.atomic
def program_publish(*, actor: Any, program: HonorProgram) -> HonorProgram:
    """Publish the regulation and criteria to students, teachers and parents."""
    program.published_at = timezone.now()
    program.save(update_fields=["published_at", "updated_at"])
    audit(actor, "honors.program.publish", program, unit_path=program.school.path)
    return program


@transaction.atomic
def criterion_add(
    *, actor: Any, program: HonorProgram, group: str, text: str, grade: int | None = None
) -> HonorCriterion:
    text = nfc(text)
    if not text:
        raise field_error("text", _("Hãy ghi nội dung tiêu chí."), HonorError.REASON_REQUIRED)
    position = program.criteria.filter(group=group, grade=grade).count()
    criterion = HonorCriterion(
        program=program, group=group, text=text, grade=grade, position=position
    )
    criterion.full_clean()
    criterion.save()
    audit(actor, "honors.criterion.add", criterion, unit_path=program.school.path)
    return criterion


@transaction.atomic
def criterion_remove(*, actor: Any, criterion: HonorCriterion) -> None:
    if Nomination.objects.filter(criterion=criterion).exists():
        raise _refuse(
            _("Tiêu chí đã được dùng trong đề cử, không thể xóa."), HonorError.WRONG_STATE
        )
    audit(actor, "honors.criterion.remove", criterion, unit_path=criterion.program.school.path)
    criterion.delete()


@transaction.atomic
def period_add(
    *, actor: Any, program: HonorProgram, kind: str, name: str, start_on: dt.date, end_on: dt.date
) -> HonorPeriod:
    year = program.school_year
    if start_on < year.start_on or end_on > year.end_on:
        raise _refuse(
            _("Đợt vinh danh phải nằm trong năm học %(y)s (%(a)s – %(b)s).")
            % {
                "y": year.code,
                "a": year.start_on.strftime("%d/%m/%Y"),
                "b": year.end_on.strftime("%d/%m/%Y"),
            },
            HonorError.PERIOD_OUTSIDE_YEAR,
        )
    if end_on < start_on:
        raise field_error(
            "end_on", _("Ngày kết thúc phải sau ngày bắt đầu."), HonorError.PERIOD_OUTSIDE_YEAR
        )
    period = HonorPeriod(
        program=program, kind=kind, name=nfc(name), start_on=start_on, end_on=end_on
    )
    period.full_clean()
    period.save()
    audit(actor, "honors.period.add", period, unit_path=program.school.path)
    return period


# ---------------------------------------------------------------- class round (S3–S4)


def _enrolled(person: Person, class_unit: Unit) -> bool:
    return Enrollment.objects.filter(person=person, class_unit=class_unit).exists()


@transaction.atomic
def class_round_open(*, actor: Any, period: HonorPeriod, class_unit: Unit) -> ClassRound:
    """The homeroom teacher opens nominations for the class in a period."""
    if (
        class_unit.parent_id != period.program.school_id
        or class_unit.school_year_id != period.program.school_year_id
    ):
        raise _refuse(
            _("Lớp không thuộc trường và năm học của chương trình."), HonorError.NOT_IN_CLASS
        )
    if ClassRound.objects.filter(period=period, class_unit=class_unit).exists():
        raise _refuse(
            _("Lớp %(c)s đã mở bầu chọn cho %(p)s.") % {"c": class_unit.name, "p": period.name},
            HonorError.ROUND_EXISTS,
        )
    class_round = ClassRound.objects.create(period=period, class_unit=class_unit)
    audit(actor, "honors.class_round.open", class_round, unit_path=class_unit.path)
    return class_round


@transaction.atomic
def nomination_add(
    *,
    actor: Any,
    class_round: ClassRound,
    nominee: Person,
    criterion: HonorCriterion,
    reason: str,
    proposer: Person | None = None,
) -> Nomination:
    """A student nominates a classmate or themself (or the teacher records it for them)."""
    class_round = ClassRound.objects.select_for_update().get(pk=class_round.pk)
    if class_round.status != ClassRoundStatus.NOMINATING:
        raise _refuse(_("Lớp đã hết thời gian đề cử."), HonorError.NOT_NOMINATING)
    if not _enrolled(nominee, class_round.class_unit):
        raise field_error(
            "nominee",
            _("%(n)s không phải học sinh lớp %(c)s.")
            % {"n": nominee, "c": class_round.class_unit.name},
            HonorError.NOT_IN_CLASS,
        )
    if proposer is not None and not _enrolled(proposer, class_round.class_unit):
        raise field_error(
            "proposer",
            _("Người đề cử phải là học sinh lớp %(c)s.") % {"c": class_round.class_unit.name},
            HonorError.PROPOSER_NOT_IN_CLASS,
        )
    if criterion.program_id != class_round.period.program_id or (
        criterion.grade is not None and criterion.grade != class_round.class_unit.grade
    ):
        raise field_error(
            "criterion",
            _("Tiêu chí không thuộc quy chế của khối lớp này."),
            HonorError.CRITERION_NOT_IN_PROGRAM,
        )
    reason = nfc(reason)
    if len(reason) < 10:
        raise field_error(
            "reason",
            _("Hãy ghi rõ việc làm cụ thể của bạn (ít nhất 10 ký tự)."),
            HonorError.REASON_REQUIRED,
        )
    if proposer is not None and class_round.nominations.filter(proposer=proposer).exists():
        raise _refuse(
            _("%(p)s đã đề cử trong đợt này; mỗi bạn đề cử một lần.") % {"p": proposer},
            HonorError.ALREADY_NOMINATED,
        )
    nomination = Nomination.objects.create(
        class_round=class_round,
        nominee=nominee,
        proposer=proposer,
        is_self=proposer is not None and proposer.pk == nominee.pk,
        criterion=criterion,
        reason=reason,
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(actor, "honors.nomination.add", nomination, unit_path=class_round.class_unit.path)
    return nomination


@transaction.atomic
def nomination_decline(*, actor: Any, nomination: Nomination, reason: str) -> Nomination:
    """The homeroom teacher checks the list: a nomination can be left out, with a reason."""
    if nomination.class_round.status != ClassRoundStatus.NOMINATING:
        raise _refuse(_("Danh sách đề cử đã chốt."), HonorError.NOT_NOMINATING)
    if not nfc(reason):
        raise field_error("reason", _("Hãy ghi lý do."), HonorError.REASON_REQUIRED)
    nomination.status = NominationStatus.DECLINED
    nomination.decline_reason = nfc(reason)
    nomination.save(update_fields=["status", "decline_reason", "updated_at"])
    audit(
        actor,
        "honors.nomination.decline",
        nomination,
        unit_path=nomination.class_round.class_unit.path,
    )
    return nomination


def nominees_of(class_round: ClassRound) -> list[Person]:
    """Distinct accepted nominees, in Vietnamese name order."""
    ids = set(
        class_round.nominations.filter(status=NominationStatus.ACCEPTED).values_list(
            "nominee_id", flat=True
        )
    )
    return list(Person.objects.filter(pk__in=ids).order_by("sort_key", "id"))


@transaction.atomic
def class_round_start_vote(
    *,
    actor: Any,
    class_round: ClassRound,
    mode: str = ElectionMode.ELECTRONIC,
    closes_at: dt.datetime | None = None,
) -> Election:
    """Close nominations and open the class's secret ballot listing every nominee."""
    class_round = ClassRound.objects.select_for_update().get(pk=class_round.pk)
    if class_round.status != ClassRoundStatus.NOMINATING:
        raise _refuse(_("Lớp đã mở bỏ phiếu rồi."), HonorError.WRONG_STATE)
    nominees = nominees_of(class_round)
    if not nominees:
        raise _refuse(_("Chưa có đề cử nào để đưa vào phiếu bầu."), HonorError.NO_NOMINEES)
    reasons: dict[int, str] = {}
    for n in class_round.nominations.filter(status=NominationStatus.ACCEPTED).order_by(
        "created_at"
    ):
        reasons.setdefault(n.nominee_id, n.reason)
    election = election_create(
        actor=actor,
        unit=class_round.class_unit,
        title=_("Bầu học sinh tiêu biểu %(p)s – lớp %(c)s")
        % {"p": class_round.period.name.lower(), "c": class_round.class_unit.name},
        candidates=[CandidateSpec(p.full_name, p, reasons.get(p.pk, "")[:300]) for p in nominees],
        voters=[VoterSpec(p.full_name, p) for p in students_of_class(class_round.class_unit)],
        mode=mode,
        closes_at=closes_at,
    )
    election_open(actor=actor, election=election)
    class_round.election = election
    class_round.status = ClassRoundStatus.VOTING
    class_round.save(update_fields=["election", "status", "updated_at"])
    audit(actor, "honors.class_round.vote", class_round, unit_path=class_round.class_unit.path)
    return election


def decided_winner(election: Election | None) -> Person | None:
    """The winner once the final round's results are published, else None."""
    result = round_result(election)
    return result.winner.person if result and result.winner else None


@transaction.atomic
def class_round_submit(*, actor: Any, class_round: ClassRound) -> ClassRound:
    """The homeroom teacher sends the class honoree (and nominees) to the leadership (S4)."""
    class_round = ClassRound.objects.select_for_update().get(pk=class_round.pk)
    if class_round.status == ClassRoundStatus.SUBMITTED:
        raise _refuse(
            _("Kết quả của lớp %(c)s cho %(p)s đã được gửi Ban giám hiệu, không gửi lại được.")
            % {"c": class_round.class_unit.name, "p": class_round.period.name},
            HonorError.ALREADY_SUBMITTED,
        )
    if class_round.status != ClassRoundStatus.VOTING:
        raise _refuse(_("Lớp chưa bỏ phiếu."), HonorError.NOT_VOTING)
    winner = decided_winner(class_round.election)
    if winner is None:
        raise _refuse(_("Kết quả bỏ phiếu của lớp chưa được công bố."), HonorError.NOT_PUBLISHED)
    class_round.honoree = winner
    class_round.status = ClassRoundStatus.SUBMITTED
    class_round.submitted_at = timezone.now()
    class_round.submitted_by = actor if getattr(actor, "is_authenticated", False) else None
    class_round.save(
        update_fields=["honoree", "status", "submitted_at", "submitted_by", "updated_at"]
    )
    audit(
        actor,
        "honors.class_round.submit",
        class_round,
        unit_path=class_round.class_unit.path,
        honoree=str(winner),
    )
    return class_round


# ---------------------------------------------------------------- school round (S5)


@transaction.atomic
def school_round_prepare(
    *, actor: Any, period: HonorPeriod, grade: int | None = None
) -> SchoolRound:
    """Gather the classes' submitted honorees (and nominees if the school asks) of a period."""
    school = period.program.school
    if SchoolRound.objects.filter(period=period, school=school, grade=grade).exists():
        raise _refuse(_("Đã có vòng bầu chọn cấp trường cho đợt này."), HonorError.ROUND_EXISTS)
    rounds = ClassRound.objects.filter(period=period, status=ClassRoundStatus.SUBMITTED)
    if grade is not None:
        rounds = rounds.filter(class_unit__grade=grade)
    rounds = list(rounds.select_related("class_unit"))
    if not rounds:
        raise _refuse(_("Chưa có lớp nào gửi kết quả cho đợt này."), HonorError.NO_CLASS_RESULTS)
    school_round = SchoolRound.objects.create(period=period, school=school, grade=grade)
    nominees = [
        SchoolNominee(school_round=school_round, person_id=r.honoree_id, class_round=r)
        for r in rounds
    ]
    if period.program.send_nominees:
        for r in rounds:
            for person in nominees_of(r):
                if person.pk != r.honoree_id:
                    nominees.append(
                        SchoolNominee(
                            school_round=school_round,
                            person=person,
                            class_round=r,
                            is_class_honoree=False,
                        )
                    )
    SchoolNominee.objects.bulk_create(nominees)
    audit(
        actor,
        "honors.school_round.prepare",
        school_round,
        unit_path=school.path,
        nominees=len(nominees),
    )
    return school_round


@transaction.atomic
def school_round_publish_list(*, actor: Any, school_round: SchoolRound) -> SchoolRound:
    """Make the school nominee list public within the school."""
    if school_round.status != SchoolRoundStatus.PREPARING:
        raise _refuse(_("Danh sách đề cử đã được công khai."), HonorError.WRONG_STATE)
    school_round.status = SchoolRoundStatus.LIST_PUBLISHED
    school_round.list_published_at = timezone.now()
    school_round.save(update_fields=["status", "list_published_at", "updated_at"])
    audit(
        actor, "honors.school_round.publish_list", school_round, unit_path=school_round.school.path
    )
    return school_round


@transaction.atomic
def representatives_set(
    *, actor: Any, school_round: SchoolRound, class_unit: Unit, people: list[Person]
) -> list[Representative]:
    """Name the class's voting representatives for the school round (e.g. 2 per class)."""
    if school_round.status not in (SchoolRoundStatus.PREPARING, SchoolRoundStatus.LIST_PUBLISHED):
        raise _refuse(
            _("Đã bắt đầu bỏ phiếu, không thay đổi đại diện được nữa."), HonorError.WRONG_STATE
        )
    limit = school_round.period.program.representatives_per_class
    if len(people) > limit:
        raise _refuse(
            _("Mỗi lớp có tối đa %(n)s đại diện.") % {"n": limit},
            HonorError.TOO_MANY_REPRESENTATIVES,
        )
    for person in people:
        if not _enrolled(person, class_unit):
            raise _refuse(
                _("%(p)s không phải học sinh lớp %(c)s.") % {"p": person, "c": class_unit.name},
                HonorError.REPRESENTATIVE_NOT_IN_CLASS,
            )
    school_round.representatives.filter(class_unit=class_unit).delete()
    created = Representative.objects.bulk_create(
        Representative(school_round=school_round, class_unit=class_unit, person=p) for p in people
    )
    audit(
        actor,
        "honors.school_round.representatives",
        school_round,
        unit_path=school_round.school.path,
        class_unit=class_unit.name,
        people=[str(p) for p in people],
    )
    return created


@transaction.atomic
def school_round_start_vote(
    *, actor: Any, school_round: SchoolRound, mode: str = ElectionMode.ELECTRONIC
) -> Election:
    """Open the school's secret ballot: candidates are the nominees, voters the representatives."""
    school_round = SchoolRound.objects.select_for_update().get(pk=school_round.pk)
    if school_round.status != SchoolRoundStatus.LIST_PUBLISHED:
        raise _refuse(
            _("Hãy công khai danh sách đề cử trước khi bỏ phiếu."), HonorError.WRONG_STATE
        )
    representatives = list(school_round.representatives.select_related("person", "class_unit"))
    if not representatives:
        raise _refuse(_("Chưa có đại diện lớp nào để bỏ phiếu."), HonorError.NO_REPRESENTATIVES)
    nominees = list(school_round.nominees.select_related("person", "class_round__class_unit"))
    scope = _(" – khối %(g)s") % {"g": school_round.grade} if school_round.grade else ""
    election = election_create(
        actor=actor,
        unit=school_round.school,
        title=_("Bầu học sinh tiêu biểu cấp trường %(p)s%(s)s")
        % {"p": school_round.period.name.lower(), "s": scope},
        candidates=[
            CandidateSpec(
                n.person.full_name, n.person, _("Lớp %(c)s") % {"c": n.class_round.class_unit.name}
            )
            for n in nominees
        ],
        voters=[
            VoterSpec(f"{r.person.full_name} ({r.class_unit.name})", r.person)
            for r in representatives
        ],
        mode=mode,
    )
    election_open(actor=actor, election=election)
    school_round.election = election
    school_round.status = SchoolRoundStatus.VOTING
    school_round.save(update_fields=["election", "status", "updated_at"])
    audit(actor, "honors.school_round.vote", school_round, unit_path=school_round.school.path)
    return election


@transaction.atomic
def school_round_decide(*, actor: Any, school_round: SchoolRound) -> SchoolRound:
    """Record the school honoree once the ballot's results are published."""
    school_round = SchoolRound.objects.select_for_update().get(pk=school_round.pk)
    if school_round.status != SchoolRoundStatus.VOTING:
        raise _refuse(
            _("Vòng cấp trường chưa bỏ phiếu hoặc đã có kết quả."), HonorError.WRONG_STATE
        )
    winner = decided_winner(school_round.election)
    if winner is None:
        raise _refuse(_("Kết quả bỏ phiếu cấp trường chưa được công bố."), HonorError.NOT_PUBLISHED)
    school_round.honoree = winner
    school_round.status = SchoolRoundStatus.DECIDED
    school_round.decided_at = timezone.now()
    school_round.save(update_fields=["honoree", "status", "decided_at", "updated_at"])
    audit(
        actor,
        "honors.school_round.decide",
        school_round,
        unit_path=school_round.school.path,
        honoree=str(winner),
    )
    return school_round
