"""Beyond the school: the yearly exemplar sent up (S9) and the office's pilot (S11)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from thidua.core.audit import audit, register_actions
from thidua.core.vietnamese import nfc
from thidua.org.models import Unit

from .ceremonies import class_name_of
from .errors import HonorError
from .models import (
    Ceremony,
    ClassRound,
    ClassRoundStatus,
    CommendationLetter,
    DistrictExemplar,
    HonorPeriod,
    HonorProgram,
    Pilot,
    PilotPhase,
    SchoolRound,
    SchoolRoundStatus,
)

register_actions(
    {
        "honors.exemplar.save": _("Chọn gương học sinh tiêu biểu gửi cấp trên"),
        "honors.exemplar.send": _("Gửi gương học sinh tiêu biểu lên cấp trên"),
        "honors.pilot.create": _("Tạo kế hoạch thí điểm vinh danh học sinh"),
    }
)


def honored_in_year(program: HonorProgram) -> list[Any]:
    """Everyone honored (class or school level) in the program's year, for choosing the exemplar."""
    ids = set(
        ClassRound.objects.filter(
            period__program=program, status=ClassRoundStatus.SUBMITTED
        ).values_list("honoree_id", flat=True)
    )
    ids |= set(
        SchoolRound.objects.filter(
            period__program=program, status=SchoolRoundStatus.DECIDED
        ).values_list("honoree_id", flat=True)
    )
    from thidua.people.models import Person

    return list(Person.objects.filter(pk__in=ids).order_by("sort_key"))


@transaction.atomic
def exemplar_save(
    *, actor: Any, program: HonorProgram, person: Any, story: str, recipient: Unit | None = None
) -> DistrictExemplar:
    """Choose (or change, until sent) the school's one exemplar of the year."""
    school = program.school
    current = DistrictExemplar.objects.filter(
        school=school, school_year=program.school_year
    ).first()
    if current and current.sent_at:
        raise ValidationError(
            _("Trường đã gửi gương tiêu biểu năm học này, không thay đổi được."),
            code=HonorError.EXEMPLAR_SENT,
        )
    if person.pk not in {p.pk for p in honored_in_year(program)}:
        raise ValidationError(
            _("Chỉ chọn trong số học sinh đã được vinh danh trong năm học."),
            code=HonorError.NOT_AN_HONOREE,
        )
    recipient = recipient or school.parent
    if recipient is None:
        raise ValidationError(
            _("Trường chưa có đơn vị cấp trên để gửi."), code=HonorError.NO_RECIPIENT
        )
    story = nfc(story)
    if len(story) < 30:
        raise ValidationError(
            _("Hãy kể câu chuyện, thành tích của em (ít nhất 30 ký tự)."),
            code=HonorError.REASON_REQUIRED,
        )
    exemplar, _created = DistrictExemplar.objects.update_or_create(
        school=school,
        school_year=program.school_year,
        defaults={
            "person": person,
            "story": story,
            "recipient": recipient,
            "class_name": class_name_of(person, program.periods.first()),
        },
    )
    audit(actor, "honors.exemplar.save", exemplar, unit_path=school.path)
    return exemplar


@transaction.atomic
def exemplar_send(*, actor: Any, exemplar: DistrictExemplar) -> DistrictExemplar:
    exemplar = DistrictExemplar.objects.select_for_update().get(pk=exemplar.pk)
    if exemplar.sent_at:
        raise ValidationError(_("Đã gửi rồi."), code=HonorError.EXEMPLAR_SENT)
    exemplar.sent_at = timezone.now()
    exemplar.sent_by = actor if getattr(actor, "is_authenticated", False) else None
    exemplar.save(update_fields=["sent_at", "sent_by", "updated_at"])
    audit(
        actor,
        "honors.exemplar.send",
        exemplar,
        unit_path=exemplar.school.path,
        recipient=exemplar.recipient.name,
    )
    return exemplar


@transaction.atomic
def pilot_create(
    *,
    actor: Any,
    office: Unit,
    school_year: Any,
    title: str,
    schools: list[Unit],
    phases: list[tuple[str, dt.date, dt.date]],
    plan_reference: str = "",
) -> Pilot:
    """An office runs the model as a pilot in named schools with phases (S11)."""
    outside = [s for s in schools if not s.path.startswith(office.path)]
    if outside:
        raise ValidationError(
            _("%(s)s không trực thuộc %(o)s.")
            % {"s": ", ".join(s.name for s in outside), "o": office.name},
            code=HonorError.NOT_A_SCHOOL,
        )
    pilot = Pilot.objects.create(
        office=office,
        school_year=school_year,
        title=nfc(title),
        plan_reference=nfc(plan_reference),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    pilot.schools.set(schools)
    for kind, start_on, end_on in phases:
        phase = PilotPhase(pilot=pilot, kind=kind, start_on=start_on, end_on=end_on)
        phase.full_clean()
        phase.save()
    HonorProgram.objects.filter(school__in=schools, school_year=school_year).update(pilot=pilot)
    audit(
        actor,
        "honors.pilot.create",
        pilot,
        unit_path=office.path,
        schools=[s.name for s in schools],
    )
    return pilot


@dataclass
class SchoolProgress:
    school: Unit
    program: HonorProgram | None
    criteria_published: bool
    periods_decided: int
    class_rounds_submitted: int
    school_rounds_decided: int
    ceremonies: int
    letters: int
    exemplar_sent: bool


def pilot_progress(pilot: Pilot) -> list[SchoolProgress]:
    """What each pilot school has done so far."""
    rows = []
    for school in pilot.schools.order_by("name"):
        program = HonorProgram.objects.filter(school=school, school_year=pilot.school_year).first()
        if program is None:
            rows.append(SchoolProgress(school, None, False, 0, 0, 0, 0, 0, False))
            continue
        periods = HonorPeriod.objects.filter(program=program)
        rows.append(
            SchoolProgress(
                school=school,
                program=program,
                criteria_published=program.published_at is not None,
                periods_decided=periods.filter(class_rounds__status=ClassRoundStatus.SUBMITTED)
                .distinct()
                .count(),
                class_rounds_submitted=ClassRound.objects.filter(
                    period__program=program, status=ClassRoundStatus.SUBMITTED
                ).count(),
                school_rounds_decided=SchoolRound.objects.filter(
                    period__program=program, status=SchoolRoundStatus.DECIDED
                ).count(),
                ceremonies=Ceremony.objects.filter(school=school, period__program=program).count(),
                letters=CommendationLetter.objects.filter(
                    school=school, period__program=program
                ).count(),
                exemplar_sent=DistrictExemplar.objects.filter(
                    school=school, school_year=pilot.school_year, sent_at__isnull=False
                ).exists(),
            )
        )
    return rows
