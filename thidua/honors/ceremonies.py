"""Ceremonies, commendation letters (Thư khen) and their PDF (S6–S7)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max, Q
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.accounts.models import Role, RoleAssignment
from thidua.core.audit import audit, register_actions
from thidua.core.vietnamese import nfc, vn_date
from thidua.documents.pdf import render_pdf
from thidua.org.models import Unit
from thidua.people.models import Enrollment, Membership, Person

from .errors import HonorError
from .models import (
    Ceremony,
    CeremonyHonoree,
    ClassRound,
    ClassRoundStatus,
    CommendationLetter,
    HonorLevel,
    HonorPeriod,
    HonorProgram,
    Nomination,
    NominationStatus,
    SchoolRound,
    SchoolRoundStatus,
)

register_actions(
    {
        "honors.ceremony.create": _("Lập kế hoạch lễ vinh danh"),
        "honors.ceremony.attach": _("Đưa học sinh tiêu biểu vào buổi lễ"),
        "honors.letter.issue": _("Cấp thư khen"),
    }
)


def honorees_by_period(
    program: HonorProgram, period: HonorPeriod | None = None
) -> dict[int, list[tuple[Person, str, str]]]:
    """(person, level, class name) of everyone honored, by period id, classes first: in the
    program's periods (or only ``period``), in three queries whatever their number."""
    periods = {"period": period} if period is not None else {"period__program": program}
    class_rounds = (
        ClassRound.objects.filter(status=ClassRoundStatus.SUBMITTED, **periods)
        .select_related("honoree", "class_unit")
        .order_by("class_unit__grade", "class_unit__name")
    )
    school_rounds = list(
        SchoolRound.objects.filter(status=SchoolRoundStatus.DECIDED, **periods).select_related(
            "honoree"
        )
    )
    class_of: dict[int, str] = {}
    for person_id, name in Enrollment.objects.filter(
        person_id__in={r.honoree_id for r in school_rounds},
        school_year_id=program.school_year_id,
    ).values_list("person_id", "class_unit__name"):
        class_of.setdefault(person_id, name)
    found: dict[int, list[tuple[Person, str, str]]] = {}
    for r in class_rounds:
        found.setdefault(r.period_id, []).append((r.honoree, HonorLevel.CLASS, r.class_unit.name))
    for r in school_rounds:
        found.setdefault(r.period_id, []).append(
            (r.honoree, HonorLevel.SCHOOL, class_of.get(r.honoree_id, ""))
        )
    return found


def honorees_of(period: HonorPeriod) -> list[tuple[Person, str, str]]:
    """(person, level, class name) of everyone honored in a period, classes first."""
    return honorees_by_period(period.program, period).get(period.pk, [])


def is_honoree(person: Person, period: HonorPeriod, level: str) -> bool:
    if level == HonorLevel.CLASS:
        return ClassRound.objects.filter(
            period=period, honoree=person, status=ClassRoundStatus.SUBMITTED
        ).exists()
    return SchoolRound.objects.filter(
        period=period, honoree=person, status=SchoolRoundStatus.DECIDED
    ).exists()


def class_name_of(person: Person, period: HonorPeriod) -> str:
    enrollment = (
        Enrollment.objects.filter(person=person, school_year_id=period.program.school_year_id)
        .select_related("class_unit")
        .first()
    )
    return enrollment.class_unit.name if enrollment else ""


@transaction.atomic
def ceremony_create(
    *,
    actor: Any,
    school: Unit,
    kind: str,
    title: str,
    held_on: dt.date,
    period: HonorPeriod | None = None,
    location: str = "",
    class_unit: Unit | None = None,
    attach_honorees: bool = True,
) -> Ceremony:
    """Plan a ceremony; by default every honoree of the period (of that class) is attached."""
    ceremony = Ceremony(
        school=school,
        kind=kind,
        title=nfc(title),
        held_on=held_on,
        period=period,
        location=nfc(location),
        class_unit=class_unit,
    )
    ceremony.full_clean()
    ceremony.save()
    audit(actor, "honors.ceremony.create", ceremony, unit_path=school.path)
    if attach_honorees and period is not None:
        for person, level, class_name in honorees_of(period):
            if class_unit is not None and class_name != class_unit.name:
                continue
            ceremony_attach(actor=actor, ceremony=ceremony, person=person, level=level)
    return ceremony


@transaction.atomic
def ceremony_attach(
    *, actor: Any, ceremony: Ceremony, person: Person, level: str, prize: str = ""
) -> CeremonyHonoree:
    if ceremony.period is None or not is_honoree(person, ceremony.period, level):
        raise ValidationError(
            _("%(p)s không phải học sinh tiêu biểu của đợt này.") % {"p": person},
            code=HonorError.NOT_AN_HONOREE,
        )
    attached, created = CeremonyHonoree.objects.update_or_create(
        ceremony=ceremony,
        person=person,
        defaults={
            "level": level,
            "prize": nfc(prize),
            "class_name": class_name_of(person, ceremony.period),
        },
    )
    audit(
        actor,
        "honors.ceremony.attach",
        attached,
        unit_path=ceremony.school.path,
        prize=attached.prize,
    )
    return attached


def principal_of(school: Unit, on: dt.date) -> tuple[str, str]:
    """(name, title) of the school's head on a date, for the signature block."""
    assignment = (
        RoleAssignment.objects.filter(unit=school, role=Role.PRINCIPAL)
        .filter(Q(start_on__isnull=True) | Q(start_on__lte=on))
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=on))
        .select_related("user__person")
        .first()
    )
    if assignment and assignment.user.person_id:
        return assignment.user.person.full_name, _("Hiệu trưởng")
    member = (
        Membership.objects.filter(unit=school, job_title__iexact="Hiệu trưởng", start_on__lte=on)
        .filter(Q(end_on__isnull=True) | Q(end_on__gte=on))
        .select_related("person")
        .first()
    )
    if member:
        return member.person.full_name, _("Hiệu trưởng")
    return "", _("Hiệu trưởng")


def citation_for(person: Person, period: HonorPeriod, level: str) -> tuple[str, str]:
    """The letter's citation built from the classmates' nomination reasons, and the criteria."""
    nominations = list(
        Nomination.objects.filter(
            class_round__period=period, nominee=person, status=NominationStatus.ACCEPTED
        )
        .select_related("criterion")
        .order_by("created_at")
    )
    deeds: list[str] = []
    for n in nominations:
        text = n.reason.strip().rstrip(".")
        if text and text not in deeds:
            deeds.append(text)
    criteria: list[str] = []
    for n in nominations:
        label = f"{n.criterion.get_group_display()}: {n.criterion.text}"
        if label not in criteria:
            criteria.append(label)
    who = _("tập thể lớp") if level == HonorLevel.CLASS else _("đại diện học sinh các lớp")
    title = (
        _("học sinh tiêu biểu của lớp")
        if level == HonorLevel.CLASS
        else _("học sinh tiêu biểu của trường")
    )
    citation = _("Em đã được %(who)s bình chọn là %(title)s %(period)s.") % {
        "who": who,
        "title": title,
        "period": period.name.lower(),
    }
    if deeds:
        citation += " " + _("Các bạn ghi nhận: %(deeds)s.") % {"deeds": "; ".join(deeds[:4])}
    citation += " " + _(
        "Thầy cô ghi nhận và khen ngợi sự cố gắng của em, mong em tiếp tục phát "
        "huy và lan tỏa những việc làm tốt đến các bạn."
    )
    return citation, "\n".join(criteria)


@transaction.atomic
def letter_issue(
    *, actor: Any, person: Person, period: HonorPeriod, level: str, issued_on: dt.date | None = None
) -> CommendationLetter:
    """Issue (or return the already issued) principal's letter to an honoree."""
    existing = CommendationLetter.objects.filter(person=person, period=period, level=level).first()
    if existing:
        return existing
    if not is_honoree(person, period, level):
        raise ValidationError(
            _("%(p)s không phải học sinh tiêu biểu của đợt này.") % {"p": person},
            code=HonorError.NOT_AN_HONOREE,
        )
    school = period.program.school
    day = issued_on or timezone.localdate()
    signer, title = principal_of(school, day)
    citation, criteria_text = citation_for(person, period, level)
    number = (
        CommendationLetter.objects.filter(school=school, period=period).aggregate(n=Max("number"))[
            "n"
        ]
        or 0
    ) + 1
    letter = CommendationLetter.objects.create(
        school=school,
        period=period,
        person=person,
        level=level,
        number=number,
        class_name=class_name_of(person, period),
        citation=citation,
        criteria_text=criteria_text,
        issued_on=day,
        place=school.place_name or school.name,
        signer_name=signer,
        signer_title=title,
        issued_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    audit(actor, "honors.letter.issue", letter, unit_path=school.path)
    return letter


def letters_pdf(letters: list[CommendationLetter]) -> bytes:
    """One PDF with one page per letter, in the order given."""
    prizes: dict[tuple[int, int], str] = {}
    for person_id, period_id, prize in (
        CeremonyHonoree.objects.filter(
            person_id__in={lt.person_id for lt in letters},
            ceremony__period_id__in={lt.period_id for lt in letters},
        )
        .exclude(prize="")
        .values_list("person_id", "ceremony__period_id", "prize")
    ):
        prizes.setdefault((person_id, period_id), prize)
    rows = []
    for letter in letters:
        school = letter.school
        rows.append(
            {
                "letter": letter,
                "authority": school.parent.name if school.parent_id else "",
                "school": school.name,
                "date_line": vn_date(letter.issued_on, place=letter.place),
                "criteria": [c for c in letter.criteria_text.splitlines() if c.strip()],
                "prize": prizes.get((letter.person_id, letter.period_id), ""),
            }
        )
    return render_pdf("honors/letter_pdf.html", {"rows": rows})
