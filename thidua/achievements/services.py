"""Writes on achievements, initiatives, research projects and the award history.

`award_record_create` and `award_record_revoke` are the API the decisions module and the
history import use to write titles and award forms; every other app goes through them.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.audit import audit, diff, snapshot
from thidua.core.errors import field_error
from thidua.core.vietnamese import nfc
from thidua.evidence.services import evidence_delete_for_target
from thidua.movements.models import Criterion, Movement
from thidua.org.models import SchoolYear, Unit
from thidua.people.models import Person
from thidua.people.record_selectors import work_unit_during

from .catalog import ANNUAL_TITLES, FOR_COLLECTIVE, FOR_PERSON, label
from .errors import AchievementError
from .models import (
    Achievement,
    AchievementKind,
    AwardRecord,
    AwardSource,
    Initiative,
    ResearchProject,
    Scope,
)

AUDIT_ACTIONS = {
    "achievements.award.create": gettext_lazy("Ghi danh hiệu, khen thưởng"),
    "achievements.award.revoke": gettext_lazy("Hủy bỏ danh hiệu, khen thưởng"),
    "achievements.award.correct": gettext_lazy("Đính chính danh hiệu, khen thưởng theo quyết định"),
    "achievements.award.delete": gettext_lazy("Xóa danh hiệu, khen thưởng nhập nhầm"),
    "achievements.award.import": gettext_lazy("Nhập lịch sử khen thưởng từ Excel"),
    "achievements.rating.import": gettext_lazy("Nhập kết quả xếp loại từ Excel"),
    "achievements.achievement.create": gettext_lazy("Ghi thành tích"),
    "achievements.achievement.delete": gettext_lazy("Xóa thành tích"),
    "achievements.initiative.create": gettext_lazy("Ghi sáng kiến"),
    "achievements.initiative.delete": gettext_lazy("Xóa sáng kiến"),
    "achievements.research.create": gettext_lazy("Ghi đề tài nghiên cứu khoa học"),
    "achievements.research.delete": gettext_lazy("Xóa đề tài nghiên cứu khoa học"),
}

AWARD_FIELDS = [
    "person",
    "collective",
    "award",
    "period_from",
    "period_to",
    "decision_number",
    "decided_on",
    "issued_by",
    "authority_level",
    "is_campaign",
    "achievement",
    "movement",
    "source",
    "note",
    "unit",
]
REVOCATION_FIELDS = ["revoked_on", "revocation_reason", "revocation_decision", "revocation_note"]
ACHIEVEMENT_FIELDS = [
    "person",
    "collective",
    "title",
    "kind",
    "scope",
    "school_year",
    "period_start",
    "period_end",
    "recognised_by",
    "movement",
    "criterion",
]
INITIATIVE_FIELDS = [
    "person",
    "title",
    "subject_area",
    "school_year",
    "scope",
    "is_recognised",
    "recognised_by",
    "decision_number",
    "recognised_on",
]
RESEARCH_FIELDS = [
    "person",
    "title",
    "school_year",
    "scope",
    "is_accepted",
    "accepted_on",
    "recognised_by",
]


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def _subject(person: Person | None, collective: Unit | None) -> None:
    if (person is None) == (collective is None):
        raise ValueError("exactly one of person and collective")


def _not_in_future(field: str, day: dt.date | None, what: str) -> None:
    if day and day > timezone.localdate():
        raise field_error(
            field,
            _("%(what)s %(day)s ở tương lai.") % {"what": what, "day": day.strftime("%d/%m/%Y")},
            AchievementError.DATE_IN_FUTURE,
        )


def _path(unit: Unit | None) -> str:
    return unit.path if unit is not None else ""


def _unit_at(person: Person | None, collective: Unit | None, day: dt.date | None) -> Unit | None:
    if collective is not None:
        return collective
    assert person is not None
    if day is None:
        return None
    return work_unit_during(person, day, day) or work_unit_during(
        person, day - dt.timedelta(days=366), day
    )


def _checked_period(
    award: str,
    *,
    person: Person | None,
    collective: Unit | None,
    period_from: SchoolYear | None,
    period_to: SchoolYear | None,
    decided_on: dt.date | None,
    instead_of: AwardRecord | None = None,
) -> tuple[SchoolYear | None, SchoolYear | None]:
    """Refuse an award that does not fit its subject or its period, else return the period
    (one end given means one year). A yearly title covers exactly one school year and is
    held once per subject and year (`instead_of`: the record being corrected)."""
    allowed = FOR_PERSON if person is not None else FOR_COLLECTIVE
    if award not in allowed:
        raise field_error(
            "award",
            _("“%(award)s” không dùng cho %(who)s.")
            % {"award": label(award), "who": _("cá nhân") if person else _("tập thể")},
            AchievementError.WRONG_SUBJECT_KIND,
        )
    period_to = period_to or period_from
    period_from = period_from or period_to
    if decided_on is None and period_to is None:
        raise field_error(
            "period_to",
            _("Cần ghi năm học lập thành tích hoặc ngày quyết định."),
            AchievementError.DATE_OR_PERIOD_REQUIRED,
        )
    if period_from is not None and period_to is not None and period_from.code > period_to.code:
        raise field_error(
            "period_to",
            _("Năm học kết thúc (%(to)s) không thể trước năm học bắt đầu (%(from)s).")
            % {"to": period_to.code, "from": period_from.code},
            AchievementError.PERIOD_ORDER,
        )
    if award not in ANNUAL_TITLES:
        return period_from, period_to
    if period_to is None:
        raise field_error(
            "period_to",
            _("Danh hiệu thi đua phải ghi năm học được công nhận."),
            AchievementError.DATE_OR_PERIOD_REQUIRED,
        )
    if period_from is not None and period_from.code != period_to.code:
        raise field_error(
            "period_from",
            _("Danh hiệu thi đua được xét cho từng năm học: chỉ ghi một năm học."),
            AchievementError.TITLE_IS_ONE_YEAR,
        )
    held = AwardRecord.objects.filter(
        award=award,
        period_to=period_to,
        revoked_on__isnull=True,
        person=person,
        collective=collective,
    )
    if instead_of is not None:
        held = held.exclude(pk=instead_of.pk)
    if held.exists():
        raise field_error(
            "award",
            _("%(who)s đã có danh hiệu “%(award)s” năm học %(year)s.")
            % {"who": person or collective, "award": label(award), "year": period_to.code},
            AchievementError.TITLE_ALREADY_HELD,
        )
    return period_from, period_to


# ---------------------------------------------------------------- award history


@transaction.atomic
def award_record_create(
    *,
    actor: Any,
    award: str,
    person: Person | None = None,
    collective: Unit | None = None,
    period_from: SchoolYear | None = None,
    period_to: SchoolYear | None = None,
    decision_number: str = "",
    decided_on: dt.date | None = None,
    issued_by: str = "",
    authority_level: str = "",
    is_campaign: bool | None = None,
    achievement: Achievement | None = None,
    movement: Movement | None = None,
    source: str = AwardSource.ENTERED,
    note: str = "",
) -> AwardRecord:
    """Write a title or award form held by a person or a collective into the history.

    A yearly title (LĐTT, CSTĐCS, TTLĐTT…) covers exactly one school year and is held
    once per subject and year; an award form may cover a period of several years. An
    achievement backs at most one award (R-GEN-1). A decision in the future is refused.
    """
    _subject(person, collective)
    _not_in_future("decided_on", decided_on, _("Ngày quyết định"))
    period_from, period_to = _checked_period(
        award,
        person=person,
        collective=collective,
        period_from=period_from,
        period_to=period_to,
        decided_on=decided_on,
    )
    if achievement is not None:
        if achievement.person_id != (
            person.pk if person else None
        ) or achievement.collective_id != (collective.pk if collective else None):
            raise field_error(
                "achievement",
                _("Thành tích “%(a)s” không phải của %(who)s.")
                % {"a": achievement, "who": person or collective},
                AchievementError.ACHIEVEMENT_OTHER_SUBJECT,
            )
        backed = AwardRecord.objects.filter(
            achievement=achievement, revoked_on__isnull=True
        ).first()
        if backed is not None:
            raise field_error(
                "achievement",
                _(
                    "Thành tích “%(a)s” đã được khen thưởng (%(award)s). Không khen thưởng nhiều "
                    "lần, nhiều hình thức cho một thành tích."
                )
                % {"a": achievement, "award": backed.short},
                AchievementError.ACHIEVEMENT_ALREADY_AWARDED,
            )
        if movement is None:
            movement = achievement.movement
    if is_campaign is None:
        is_campaign = bool(movement and movement.is_campaign)
    reference_day = decided_on or (period_to.end_on if period_to else None)
    record = AwardRecord(
        person=person,
        collective=collective,
        award=award,
        period_from=period_from,
        period_to=period_to,
        decision_number=nfc(decision_number),
        decided_on=decided_on,
        issued_by=nfc(issued_by),
        authority_level=authority_level,
        is_campaign=is_campaign,
        achievement=achievement,
        movement=movement,
        source=source,
        note=nfc(note),
        unit=_unit_at(person, collective, reference_day),
        entered_by=_user(actor),
    )
    record.full_clean()
    record.save()
    audit(
        actor,
        "achievements.award.create",
        record,
        unit_path=_path(record.unit),
        changes=diff({}, snapshot(record, AWARD_FIELDS)),
    )
    return record


@transaction.atomic
def award_record_revoke(
    *,
    actor: Any,
    record: AwardRecord,
    reason: str,
    revoked_on: dt.date,
    decision: str = "",
    note: str = "",
) -> AwardRecord:
    """Revoke a title or award form (R-GEN-4): it stays in the history and never counts."""
    record = AwardRecord.objects.select_for_update().get(pk=record.pk)
    if record.revoked_on is not None:
        raise ValidationError(
            _("Danh hiệu, khen thưởng này đã bị hủy bỏ ngày %(day)s.")
            % {"day": record.revoked_on.strftime("%d/%m/%Y")},
            code=AchievementError.ALREADY_REVOKED,
        )
    _not_in_future("revoked_on", revoked_on, _("Ngày hủy bỏ"))
    if record.decided_on and revoked_on < record.decided_on:
        raise field_error(
            "revoked_on",
            _("Ngày hủy bỏ không thể trước ngày quyết định khen thưởng (%(day)s).")
            % {"day": record.decided_on.strftime("%d/%m/%Y")},
            AchievementError.REVOKED_BEFORE_DECISION,
        )
    before = snapshot(record, REVOCATION_FIELDS)
    record.revoked_on = revoked_on
    record.revocation_reason = reason
    record.revocation_decision = nfc(decision)
    record.revocation_note = nfc(note)
    record.revoked_by = _user(actor)
    record.full_clean()
    record.save(update_fields=[*REVOCATION_FIELDS, "revoked_by", "updated_at"])
    audit(
        actor,
        "achievements.award.revoke",
        record,
        unit_path=_path(record.unit),
        changes=diff(before, snapshot(record, REVOCATION_FIELDS)),
    )
    return record


@transaction.atomic
def award_record_correct(
    *,
    actor: Any,
    record: AwardRecord,
    award: str,
    period_from: SchoolYear | None,
    period_to: SchoolYear | None,
    note: str = "",
) -> AwardRecord:
    """Correct the award or the achievement period of a record as a correcting decision says
    (the decisions module calls it); the old values stay in the audit trail."""
    record = AwardRecord.objects.select_for_update().get(pk=record.pk)
    if record.revoked_on is not None:
        raise ValidationError(
            _("Danh hiệu, khen thưởng này đã bị hủy bỏ ngày %(day)s.")
            % {"day": record.revoked_on.strftime("%d/%m/%Y")},
            code=AchievementError.ALREADY_REVOKED,
        )
    period_from, period_to = _checked_period(
        award,
        person=record.person,
        collective=record.collective,
        period_from=period_from,
        period_to=period_to,
        decided_on=record.decided_on,
        instead_of=record,
    )
    before = snapshot(record, AWARD_FIELDS)
    record.award = award
    record.period_from = period_from
    record.period_to = period_to
    if note:
        record.note = nfc(f"{record.note}; {note}" if record.note else note)[:500]
    record.full_clean()
    record.save()
    audit(
        actor,
        "achievements.award.correct",
        record,
        unit_path=_path(record.unit),
        changes=diff(before, snapshot(record, AWARD_FIELDS)),
    )
    return record


@transaction.atomic
def award_record_delete(*, actor: Any, record: AwardRecord) -> None:
    """Remove a record entered or imported by mistake (never one written by a decision)."""
    if record.source == AwardSource.DECISION:
        raise ValidationError(
            _(
                "Danh hiệu, khen thưởng này được ghi từ quyết định khen thưởng: không xóa được, "
                "chỉ có thể hủy bỏ bằng quyết định."
            ),
            code=AchievementError.DECISION_RECORD_FROZEN,
        )
    audit(
        actor,
        "achievements.award.delete",
        record,
        unit_path=_path(record.unit),
        changes=diff(snapshot(record, AWARD_FIELDS), {}),
    )
    evidence_delete_for_target(actor=actor, target=record)
    record.delete()


# ---------------------------------------------------------------- achievements


@transaction.atomic
def achievement_create(
    *,
    actor: Any,
    title: str,
    school_year: SchoolYear,
    person: Person | None = None,
    collective: Unit | None = None,
    kind: str = AchievementKind.MOVEMENT,
    scope: str = Scope.CO_SO,
    description: str = "",
    period_start: dt.date | None = None,
    period_end: dt.date | None = None,
    recognised_by: str = "",
    movement: Movement | None = None,
    criterion: Criterion | None = None,
) -> Achievement:
    """Record an achievement of a person or a collective, optionally in a movement."""
    _subject(person, collective)
    if criterion is not None:
        if movement is None:
            movement = criterion.movement
        elif criterion.movement_id != movement.pk:
            raise field_error(
                "criterion",
                _("Tiêu chí này không thuộc phong trào đã chọn."),
                AchievementError.CRITERION_OTHER_MOVEMENT,
            )
    _not_in_future("period_end", period_end, _("Ngày kết thúc"))
    if period_start and period_end and period_end < period_start:
        raise field_error(
            "period_end",
            _("Ngày kết thúc không thể trước ngày bắt đầu."),
            AchievementError.PERIOD_ORDER,
        )
    achievement = Achievement(
        person=person,
        collective=collective,
        title=nfc(title),
        description=description.strip(),
        kind=kind,
        scope=scope,
        school_year=school_year,
        period_start=period_start,
        period_end=period_end,
        recognised_by=nfc(recognised_by),
        movement=movement,
        criterion=criterion,
        unit=_unit_at(person, collective, min(school_year.end_on, timezone.localdate())),
        entered_by=_user(actor),
    )
    achievement.full_clean()
    achievement.save()
    audit(
        actor,
        "achievements.achievement.create",
        achievement,
        unit_path=_path(achievement.unit),
        changes=diff({}, snapshot(achievement, ACHIEVEMENT_FIELDS)),
    )
    return achievement


@transaction.atomic
def achievement_delete(*, actor: Any, achievement: Achievement) -> None:
    """Remove an achievement and its evidence, unless an award rests on it."""
    if achievement.awards.exists():
        raise ValidationError(
            _("Thành tích này là căn cứ của một danh hiệu, khen thưởng: không xóa được."),
            code=AchievementError.HAS_AWARDS,
        )
    audit(
        actor,
        "achievements.achievement.delete",
        achievement,
        unit_path=_path(achievement.unit),
        changes=diff(snapshot(achievement, ACHIEVEMENT_FIELDS), {}),
    )
    evidence_delete_for_target(actor=actor, target=achievement)
    try:
        achievement.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("Thành tích này đang được dùng ở nơi khác: không xóa được."),
            code=AchievementError.HAS_AWARDS,
        ) from exc


# ---------------------------------------------------------------- initiatives, research


@transaction.atomic
def initiative_create(
    *,
    actor: Any,
    person: Person,
    title: str,
    school_year: SchoolYear,
    scope: str = Scope.CO_SO,
    is_recognised: bool = True,
    recognised_by: str = "",
    decision_number: str = "",
    recognised_on: dt.date | None = None,
    subject_area: str = "",
    coauthors: str = "",
) -> Initiative:
    """Record a sáng kiến and the scope at which it was recognised."""
    _not_in_future("recognised_on", recognised_on, _("Ngày công nhận"))
    initiative = Initiative(
        person=person,
        title=nfc(title),
        school_year=school_year,
        scope=scope,
        is_recognised=is_recognised,
        recognised_by=nfc(recognised_by),
        decision_number=nfc(decision_number),
        recognised_on=recognised_on,
        subject_area=nfc(subject_area),
        coauthors=nfc(coauthors),
        unit=_unit_at(person, None, min(school_year.end_on, timezone.localdate())),
        entered_by=_user(actor),
    )
    initiative.full_clean()
    initiative.save()
    audit(
        actor,
        "achievements.initiative.create",
        initiative,
        unit_path=_path(initiative.unit),
        changes=diff({}, snapshot(initiative, INITIATIVE_FIELDS)),
    )
    return initiative


@transaction.atomic
def initiative_delete(*, actor: Any, initiative: Initiative) -> None:
    audit(
        actor,
        "achievements.initiative.delete",
        initiative,
        unit_path=_path(initiative.unit),
        changes=diff(snapshot(initiative, INITIATIVE_FIELDS), {}),
    )
    evidence_delete_for_target(actor=actor, target=initiative)
    initiative.delete()


@transaction.atomic
def research_project_create(
    *,
    actor: Any,
    person: Person,
    title: str,
    school_year: SchoolYear,
    scope: str = Scope.CO_SO,
    is_accepted: bool = False,
    accepted_on: dt.date | None = None,
    recognised_by: str = "",
) -> ResearchProject:
    """Record a research project; it counts for titles once accepted (nghiệm thu)."""
    _not_in_future("accepted_on", accepted_on, _("Ngày nghiệm thu"))
    project = ResearchProject(
        person=person,
        title=nfc(title),
        school_year=school_year,
        scope=scope,
        is_accepted=is_accepted or accepted_on is not None,
        accepted_on=accepted_on,
        recognised_by=nfc(recognised_by),
        unit=_unit_at(person, None, min(school_year.end_on, timezone.localdate())),
        entered_by=_user(actor),
    )
    project.full_clean()
    project.save()
    audit(
        actor,
        "achievements.research.create",
        project,
        unit_path=_path(project.unit),
        changes=diff({}, snapshot(project, RESEARCH_FIELDS)),
    )
    return project


@transaction.atomic
def research_project_delete(*, actor: Any, project: ResearchProject) -> None:
    audit(
        actor,
        "achievements.research.delete",
        project,
        unit_path=_path(project.unit),
        changes=diff(snapshot(project, RESEARCH_FIELDS), {}),
    )
    evidence_delete_for_target(actor=actor, target=project)
    project.delete()
