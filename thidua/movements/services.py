"""Writes on movements: the plan, its status machine (workflows.md §1.2), the cascade to
the units below, adoptions, phases, criteria, targets and measured progress.

Status machine: draft → launched (intake not open yet) → accepting → under review →
closed; a closed movement (or one under review) goes back to accepting only with a
recorded reason. Every write is validated and audited; a refused write changes nothing.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from thidua.core.audit import audit, diff, snapshot
from thidua.core.errors import field_error
from thidua.core.vietnamese import nfc
from thidua.org.models import Unit, UnitType

from .errors import MovementError
from .models import (
    Adoption,
    AdoptionStatus,
    Comparison,
    Criterion,
    Measure,
    Movement,
    MovementDuration,
    MovementKind,
    MovementScope,
    MovementStatus,
    MovementStatusChange,
    Participant,
    Phase,
    ProgressEntry,
    Target,
)
from .policies import LAUNCHERS

AUDIT_ACTIONS = {
    "movements.movement.create": gettext_lazy("Tạo phong trào thi đua"),
    "movements.movement.update": gettext_lazy("Sửa kế hoạch phong trào"),
    "movements.movement.status": gettext_lazy("Chuyển trạng thái phong trào"),
    "movements.adoption.adopt": gettext_lazy("Hưởng ứng phong trào"),
    "movements.phase.add": gettext_lazy("Thêm giai đoạn phong trào"),
    "movements.phase.delete": gettext_lazy("Xóa giai đoạn phong trào"),
    "movements.criterion.add": gettext_lazy("Thêm tiêu chí thi đua"),
    "movements.criterion.delete": gettext_lazy("Xóa tiêu chí thi đua"),
    "movements.target.add": gettext_lazy("Thêm chỉ tiêu"),
    "movements.target.delete": gettext_lazy("Xóa chỉ tiêu"),
    "movements.progress.record": gettext_lazy("Ghi kết quả thực hiện chỉ tiêu"),
    "movements.progress.delete": gettext_lazy("Xóa kết quả thực hiện chỉ tiêu"),
}

PLAN_FIELDS = [
    "kind",
    "name",
    "slogan",
    "plan_number",
    "plan_date",
    "purpose",
    "requirements",
    "content",
    "legal_bases",
    "planned_awards",
    "start_on",
    "end_on",
    "school_year",
    "participants",
    "scope",
    "method",
    "award_timing",
    "is_campaign",
    "parent",
]
TRANSITIONS: dict[str, set[str]] = {
    MovementStatus.DRAFT: {MovementStatus.LAUNCHED, MovementStatus.ACCEPTING},
    MovementStatus.LAUNCHED: {MovementStatus.ACCEPTING},
    MovementStatus.ACCEPTING: {MovementStatus.UNDER_REVIEW, MovementStatus.CLOSED},
    MovementStatus.UNDER_REVIEW: {MovementStatus.CLOSED, MovementStatus.ACCEPTING},
    MovementStatus.CLOSED: {MovementStatus.ACCEPTING},
}
#: Going back needs a recorded reason (re-opening a closed movement, or leaving review).
NEEDS_REASON = {
    (MovementStatus.CLOSED, MovementStatus.ACCEPTING),
    (MovementStatus.UNDER_REVIEW, MovementStatus.ACCEPTING),
}
TIMESTAMPS = {
    MovementStatus.LAUNCHED: "launched_at",
    MovementStatus.ACCEPTING: "accepting_at",
    MovementStatus.UNDER_REVIEW: "review_started_at",
    MovementStatus.CLOSED: "closed_at",
}
#: Which units below a launching unit receive the movement, by the launcher's type.
CASCADE_TYPES: dict[str, set[str]] = {
    UnitType.DEPARTMENT_OF_EDUCATION: {UnitType.DISTRICT_OFFICE, UnitType.WARD, UnitType.SCHOOL},
    UnitType.DISTRICT_OFFICE: {UnitType.WARD, UnitType.SCHOOL},
    UnitType.WARD: {UnitType.SCHOOL},
    UnitType.SCHOOL: {UnitType.SUBJECT_DEPARTMENT, UnitType.OFFICE_TEAM},
}


def _user(actor: Any) -> Any:
    return actor if getattr(actor, "is_authenticated", False) else None


def duration_of(start_on: dt.date, end_on: dt.date) -> str:
    """The form-0601 duration bucket: a school year counts as one year, 2020–2025 as five."""
    months = (end_on.year - start_on.year) * 12 + (end_on.month - start_on.month) + 1
    if months < 6:
        return MovementDuration.UNDER_1
    years = max(1, round(months / 12))
    if years == 1:
        return MovementDuration.ONE
    if years < 3:
        return MovementDuration.FROM_1_TO_3
    if years < 5:
        return MovementDuration.FROM_3_TO_5
    return MovementDuration.FIVE_PLUS


def default_scope(unit: Unit) -> str:
    if unit.type == UnitType.DEPARTMENT_OF_EDUCATION:
        return MovementScope.SECTOR_LOCAL
    return MovementScope.UNIT


def cascade_units(unit: Unit, on: dt.date | None = None) -> QuerySet[Unit]:
    """The active units below `unit` that receive its movements."""
    day = on or timezone.localdate()
    return (
        Unit.objects.filter(
            path__startswith=unit.path, type__in=CASCADE_TYPES.get(unit.type, set())
        )
        .exclude(pk=unit.pk)
        .filter(Q(active_to__isnull=True) | Q(active_to__gte=day))
        .order_by("path")
    )


def _validate_plan(movement: Movement) -> None:
    if movement.unit.type not in LAUNCHERS:
        raise ValidationError(
            _("%(unit)s không thể phát động phong trào thi đua.") % {"unit": movement.unit},
            code=MovementError.NOT_A_LAUNCHER,
        )
    if movement.start_on and movement.end_on and movement.end_on < movement.start_on:
        raise field_error(
            "end_on",
            _("Ngày kết thúc (%(end)s) không thể trước ngày bắt đầu (%(start)s).")
            % {
                "end": movement.end_on.strftime("%d/%m/%Y"),
                "start": movement.start_on.strftime("%d/%m/%Y"),
            },
            MovementError.PERIOD_ORDER,
        )
    known = set(Participant.values)
    unknown = [p for p in movement.participants if p not in known]
    if unknown:
        raise field_error(
            "participants",
            _("Đối tượng tham gia không hợp lệ: %(values)s.") % {"values": ", ".join(unknown)},
            MovementError.PARTICIPANT_UNKNOWN,
        )
    if movement.parent_id and not movement.unit.is_within(movement.parent.unit):
        raise field_error(
            "parent",
            _("Phong trào cấp trên phải do một đơn vị cấp trên của %(unit)s phát động.")
            % {"unit": movement.unit},
            MovementError.PARENT_NOT_ABOVE,
        )


def _clean_text_fields(fields: dict[str, Any]) -> dict[str, Any]:
    out = dict(fields)
    for key in ("name", "slogan", "plan_number"):
        if key in out and isinstance(out[key], str):
            out[key] = nfc(out[key])
    for key in ("purpose", "requirements", "content", "legal_bases", "planned_awards"):
        if key in out and isinstance(out[key], str):
            out[key] = "\n".join(line.rstrip() for line in out[key].strip().splitlines())
    if "participants" in out:
        order = list(Participant.values)
        chosen = list(dict.fromkeys(out["participants"] or []))
        # Keep the catalogue order; unknown values stay for _validate_plan to report.
        out["participants"] = sorted(chosen, key=lambda p: order.index(p) if p in order else 99)
    return out


@transaction.atomic
def movement_create(
    *,
    actor: Any,
    unit: Unit,
    kind: str,
    name: str,
    start_on: dt.date,
    end_on: dt.date,
    **plan: Any,
) -> Movement:
    """Draft a movement launched by `unit` (nothing cascades until it is launched)."""
    plan = _clean_text_fields({"name": name, **plan})
    plan.setdefault("scope", default_scope(unit))
    # Glossary: a thematic campaign's awards never count towards State-level awards.
    plan["is_campaign"] = bool(plan.get("is_campaign")) or kind == MovementKind.CAMPAIGN
    movement = Movement(
        unit=unit,
        kind=kind,
        start_on=start_on,
        end_on=end_on,
        created_by=_user(actor),
        **plan,
    )
    movement.duration = duration_of(start_on, end_on) if start_on and end_on else ""
    _validate_plan(movement)
    movement.full_clean()
    movement.save()
    audit(
        actor,
        "movements.movement.create",
        movement,
        unit_path=unit.path,
        changes=diff({}, snapshot(movement, PLAN_FIELDS)),
    )
    return movement


@transaction.atomic
def movement_update(*, actor: Any, movement: Movement, **fields: Any) -> Movement:
    """Change the plan of a movement that is not closed."""
    movement = Movement.objects.select_for_update().select_related("unit").get(pk=movement.pk)
    if movement.status == MovementStatus.CLOSED:
        raise ValidationError(
            _("Phong trào đã kết thúc: muốn sửa kế hoạch, hãy mở lại phong trào (ghi rõ lý do)."),
            code=MovementError.CLOSED,
        )
    before = snapshot(movement, PLAN_FIELDS)
    for key, value in _clean_text_fields(fields).items():
        if key not in PLAN_FIELDS:
            raise TypeError(f"unknown plan field {key}")
        setattr(movement, key, value)
    movement.duration = duration_of(movement.start_on, movement.end_on)
    if movement.kind == MovementKind.CAMPAIGN:
        movement.is_campaign = True
    _validate_plan(movement)
    movement.full_clean()
    movement.save()
    changes = diff(before, snapshot(movement, PLAN_FIELDS))
    if changes:
        audit(
            actor,
            "movements.movement.update",
            movement,
            unit_path=movement.unit.path,
            changes=changes,
        )
    return movement


def _set_status(actor: Any, movement: Movement, to: str, reason: str = "") -> Movement:
    current = movement.status
    if to not in TRANSITIONS.get(current, set()):
        raise ValidationError(
            _("Không thể chuyển phong trào từ “%(from)s” sang “%(to)s”.")
            % {"from": MovementStatus(current).label, "to": MovementStatus(to).label},
            code=MovementError.TRANSITION_NOT_ALLOWED,
        )
    reason = nfc(reason)
    if (current, to) in NEEDS_REASON and not reason:
        raise field_error(
            "reason",
            _("Phải ghi rõ lý do khi mở lại phong trào."),
            MovementError.REASON_REQUIRED,
        )
    now = timezone.now()
    movement.status = to
    update = ["status", "updated_at"]
    if (current, to) in NEEDS_REASON:
        movement.reopened_at = now
        update.append("reopened_at")
    elif to in TIMESTAMPS:
        setattr(movement, TIMESTAMPS[to], now)
        update.append(TIMESTAMPS[to])
    if current == MovementStatus.DRAFT and "launched_at" not in update:
        movement.launched_at = now
        update.append("launched_at")
    movement.save(update_fields=update)
    MovementStatusChange.objects.create(
        movement=movement, from_status=current, to_status=to, reason=reason, actor=_user(actor)
    )
    audit(
        actor,
        "movements.movement.status",
        movement,
        unit_path=movement.unit.path,
        changes={"status": [current, to]},
        reason=reason,
    )
    return movement


def issues_before_launch(movement: Movement) -> list[str]:
    """What must be completed before the movement can be launched (shown as a checklist)."""
    issues: list[str] = []
    needs_content = movement.kind not in (MovementKind.THEME, MovementKind.EMULATION_WORK)
    if needs_content and not movement.participants:
        issues.append(_("Chưa chọn đối tượng tham gia."))
    if needs_content and not movement.criteria.exists():
        issues.append(_("Chưa có tiêu chí thi đua nào."))
    return issues


@transaction.atomic
def movement_launch(*, actor: Any, movement: Movement) -> Movement:
    """Launch a drafted movement and cascade it: one pending adoption per unit below.

    It starts accepting at once when its period has begun, otherwise it waits as
    "launched" until it is opened.
    """
    movement = Movement.objects.select_for_update().select_related("unit").get(pk=movement.pk)
    if movement.status != MovementStatus.DRAFT:
        raise ValidationError(
            _("Phong trào này đã được phát động."), code=MovementError.TRANSITION_NOT_ALLOWED
        )
    issues = issues_before_launch(movement)
    if issues:
        raise ValidationError(" ".join(str(i) for i in issues), code=MovementError.NOT_LAUNCHED)
    today = timezone.localdate()
    existing = set(movement.adoptions.values_list("unit_id", flat=True))
    Adoption.objects.bulk_create(
        [
            Adoption(movement=movement, unit=unit)
            for unit in cascade_units(movement.unit, today)
            if unit.pk not in existing
        ]
    )
    to = MovementStatus.ACCEPTING if movement.start_on <= today else MovementStatus.LAUNCHED
    return _set_status(actor, movement, to)


@transaction.atomic
def movement_transition(*, actor: Any, movement: Movement, to: str, reason: str = "") -> Movement:
    """Move a launched movement along its status machine (re-opening needs a reason)."""
    movement = Movement.objects.select_for_update().select_related("unit").get(pk=movement.pk)
    if movement.status == MovementStatus.DRAFT:
        raise ValidationError(_("Phong trào chưa được phát động."), code=MovementError.NOT_LAUNCHED)
    return _set_status(actor, movement, to, reason)


# ---------------------------------------------------------------- adoption


@transaction.atomic
def adoption_adopt(
    *,
    actor: Any,
    adoption: Adoption,
    adopted_on: dt.date,
    plan_number: str = "",
    note: str = "",
) -> Adoption:
    """A unit below takes up the movement (its own plan number, the date it started)."""
    adoption = (
        Adoption.objects.select_for_update().select_related("movement", "unit").get(pk=adoption.pk)
    )
    if adoption.status == AdoptionStatus.ADOPTED:
        raise ValidationError(
            _("%(unit)s đã hưởng ứng phong trào này.") % {"unit": adoption.unit},
            code=MovementError.ALREADY_ADOPTED,
        )
    if adoption.movement.status == MovementStatus.CLOSED:
        raise ValidationError(_("Phong trào đã kết thúc."), code=MovementError.CLOSED)
    if adopted_on > timezone.localdate():
        raise field_error(
            "adopted_on", _("Ngày triển khai không thể ở tương lai."), MovementError.DATE_IN_FUTURE
        )
    adoption.status = AdoptionStatus.ADOPTED
    adoption.adopted_on = adopted_on
    adoption.plan_number = nfc(plan_number)
    adoption.note = nfc(note)
    adoption.adopted_by = _user(actor)
    adoption.full_clean()
    adoption.save()
    audit(
        actor,
        "movements.adoption.adopt",
        adoption,
        unit_path=adoption.unit.path,
        changes={
            "status": [AdoptionStatus.PENDING, AdoptionStatus.ADOPTED],
            "plan_number": [None, adoption.plan_number],
        },
    )
    return adoption


def _check_setting_unit(movement: Movement, unit: Unit) -> None:
    """Criteria and targets come from the launching unit or a unit that adopted it."""
    if movement.status == MovementStatus.CLOSED:
        raise ValidationError(_("Phong trào đã kết thúc."), code=MovementError.CLOSED)
    if unit.pk == movement.unit_id:
        return
    adoption = movement.adoptions.filter(unit=unit).first()
    if adoption is None:
        raise ValidationError(
            _("%(unit)s không thuộc phạm vi của phong trào này.") % {"unit": unit},
            code=MovementError.UNIT_NOT_CONCERNED,
        )
    if adoption.status != AdoptionStatus.ADOPTED:
        raise ValidationError(
            _("%(unit)s cần hưởng ứng phong trào trước khi bổ sung tiêu chí, chỉ tiêu riêng.")
            % {"unit": unit},
            code=MovementError.NOT_ADOPTED,
        )


# ---------------------------------------------------------------- phases


@transaction.atomic
def phase_add(
    *,
    actor: Any,
    movement: Movement,
    kind: str,
    name: str,
    start_on: dt.date,
    end_on: dt.date | None = None,
    note: str = "",
) -> Phase:
    """Add a dated step (sơ kết, tổng kết…) inside the movement's period."""
    if movement.status == MovementStatus.CLOSED:
        raise ValidationError(_("Phong trào đã kết thúc."), code=MovementError.CLOSED)
    latest = movement.end_on + dt.timedelta(days=183)
    if start_on < movement.start_on or start_on > latest:
        raise field_error(
            "start_on",
            _("Giai đoạn phải nằm trong thời gian của phong trào (%(start)s – %(end)s).")
            % {
                "start": movement.start_on.strftime("%d/%m/%Y"),
                "end": movement.end_on.strftime("%d/%m/%Y"),
            },
            MovementError.PHASE_OUTSIDE,
        )
    if end_on is not None and end_on < start_on:
        raise field_error(
            "end_on", _("Ngày kết thúc không thể trước ngày bắt đầu."), MovementError.PERIOD_ORDER
        )
    phase = Phase(
        movement=movement,
        kind=kind,
        name=nfc(name),
        start_on=start_on,
        end_on=end_on,
        note=nfc(note),
    )
    phase.full_clean()
    phase.save()
    audit(
        actor,
        "movements.phase.add",
        phase,
        unit_path=movement.unit.path,
        changes={"name": [None, phase.name], "start_on": [None, start_on]},
    )
    return phase


@transaction.atomic
def phase_delete(*, actor: Any, phase: Phase) -> None:
    audit(actor, "movements.phase.delete", phase, unit_path=phase.movement.unit.path)
    phase.delete()


# ---------------------------------------------------------------- criteria


def _decimal(value: Any, field: str, *, allow_none: bool = True) -> Decimal | None:
    if value in (None, ""):
        if allow_none:
            return None
        raise field_error(field, _("Cần nhập một số."), MovementError.VALUE_INVALID)
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError) as exc:
        raise field_error(
            field, _("«%(v)s» không phải là một số.") % {"v": value}, MovementError.VALUE_INVALID
        ) from exc
    if number < 0:
        raise field_error(field, _("Giá trị không thể âm."), MovementError.VALUE_INVALID)
    return number


@transaction.atomic
def criterion_add(
    *,
    actor: Any,
    movement: Movement,
    unit: Unit,
    participant: str,
    text: str,
    points: Any = None,
    weight: Any = None,
    is_mandatory: bool = True,
    evidence_required: bool = False,
    legal_basis: str = "",
    order: int | None = None,
) -> Criterion:
    """Add a criterion for one kind of participant (the launching unit's or an adopter's)."""
    _check_setting_unit(movement, unit)
    if participant not in Participant.values:
        raise field_error(
            "participant",
            _("Đối tượng «%(p)s» không hợp lệ.") % {"p": participant},
            MovementError.PARTICIPANT_UNKNOWN,
        )
    if order is None:
        order = movement.criteria.filter(participant=participant).count() + 1
    criterion = Criterion(
        movement=movement,
        unit=unit,
        participant=participant,
        text=text.strip(),
        points=_decimal(points, "points"),
        weight=_decimal(weight, "weight"),
        is_mandatory=is_mandatory,
        evidence_required=evidence_required,
        legal_basis=nfc(legal_basis),
        order=order,
    )
    criterion.full_clean()
    criterion.save()
    if participant not in movement.participants:
        movement.participants = [*movement.participants, participant]
        movement.save(update_fields=["participants", "updated_at"])
    audit(
        actor,
        "movements.criterion.add",
        criterion,
        unit_path=unit.path,
        changes={"participant": [None, participant], "text": [None, criterion.text]},
    )
    return criterion


@transaction.atomic
def criterion_delete(*, actor: Any, criterion: Criterion) -> None:
    """Remove a criterion that no evidence or achievement refers to yet."""
    audit(
        actor,
        "movements.criterion.delete",
        criterion,
        unit_path=criterion.unit.path,
        changes={"text": [criterion.text, None]},
    )
    try:
        with transaction.atomic():
            criterion.delete()
    except ProtectedError as exc:
        raise ValidationError(
            _("Tiêu chí đã có minh chứng hoặc thành tích gắn vào: không xóa được."),
            code=MovementError.HAS_EVIDENCE,
        ) from exc


# ---------------------------------------------------------------- targets and progress


@transaction.atomic
def target_add(
    *,
    actor: Any,
    movement: Movement,
    unit: Unit,
    text: str,
    measure: str,
    target_value: Any = 1,
    comparison: str = Comparison.AT_LEAST,
    unit_label: str = "",
    per_unit_type: str = "",
    order: int | None = None,
) -> Target:
    """Add a measurable target: a share of people (%), a count, or a yes/no indicator."""
    _check_setting_unit(movement, unit)
    value = _decimal(target_value, "target_value", allow_none=False)
    assert value is not None
    if measure == Measure.SHARE and not (0 < value <= 100):
        raise field_error(
            "target_value",
            _("Tỷ lệ cần đạt phải lớn hơn 0 và không quá 100%."),
            MovementError.VALUE_INVALID,
        )
    if measure == Measure.BOOLEAN:
        value = Decimal("1")
        comparison = Comparison.AT_LEAST
    if order is None:
        order = movement.targets.count() + 1
    target = Target(
        movement=movement,
        unit=unit,
        text=nfc(text),
        measure=measure,
        comparison=comparison,
        target_value=value,
        unit_label=nfc(unit_label),
        per_unit_type=per_unit_type,
        order=order,
    )
    target.full_clean()
    target.save()
    audit(
        actor,
        "movements.target.add",
        target,
        unit_path=unit.path,
        changes={"text": [None, target.text], "target_value": [None, value]},
    )
    return target


@transaction.atomic
def target_delete(*, actor: Any, target: Target) -> None:
    audit(
        actor,
        "movements.target.delete",
        target,
        unit_path=target.unit.path,
        changes={"text": [target.text, None]},
    )
    target.delete()


@transaction.atomic
def progress_record(
    *,
    actor: Any,
    target: Target,
    unit: Unit,
    recorded_on: dt.date,
    value: Any,
    base: Any = None,
    period_label: str = "",
    note: str = "",
) -> ProgressEntry:
    """Record a measured value of a target for a unit on a date."""
    movement = target.movement
    if movement.status in (MovementStatus.DRAFT, MovementStatus.CLOSED):
        raise ValidationError(
            _("Chỉ ghi kết quả khi phong trào đang triển khai hoặc đang xét khen thưởng."),
            code=MovementError.CLOSED,
        )
    if not unit.is_within(target.unit):
        raise field_error(
            "unit",
            _("%(unit)s không thuộc %(owner)s, nơi đặt chỉ tiêu này.")
            % {"unit": unit, "owner": target.unit},
            MovementError.UNIT_NOT_CONCERNED,
        )
    if target.per_unit_type and unit.type != target.per_unit_type:
        raise field_error(
            "unit",
            _("Chỉ tiêu này được tính cho từng %(type)s: hãy chọn một %(type)s.")
            % {"type": target.get_per_unit_type_display().lower()},
            MovementError.UNIT_NOT_CONCERNED,
        )
    if recorded_on > timezone.localdate():
        raise field_error(
            "recorded_on", _("Ngày ghi nhận không thể ở tương lai."), MovementError.DATE_IN_FUTURE
        )
    if recorded_on < movement.start_on:
        raise field_error(
            "recorded_on",
            _("Ngày ghi nhận trước khi phong trào bắt đầu (%(day)s).")
            % {"day": movement.start_on.strftime("%d/%m/%Y")},
            MovementError.PERIOD_ORDER,
        )
    number = _decimal(value, "value", allow_none=False)
    total = _decimal(base, "base")
    assert number is not None
    if target.measure == Measure.SHARE:
        if not total:
            raise field_error(
                "base",
                _("Chỉ tiêu tỷ lệ cần tổng số người được đánh giá (lớn hơn 0)."),
                MovementError.VALUE_INVALID,
            )
        if number > total:
            raise field_error(
                "value",
                _("Số người đạt (%(v)s) không thể lớn hơn tổng số (%(t)s).")
                % {"v": f"{number:g}", "t": f"{total:g}"},
                MovementError.VALUE_INVALID,
            )
    else:
        total = None
    if target.measure == Measure.BOOLEAN and number not in (0, 1):
        raise field_error(
            "value",
            _("Chỉ tiêu đạt/chưa đạt chỉ nhận 1 (đạt) hoặc 0."),
            MovementError.VALUE_INVALID,
        )
    entry = ProgressEntry(
        target=target,
        unit=unit,
        recorded_on=recorded_on,
        value=number,
        base=total,
        period_label=nfc(period_label),
        note=nfc(note),
        recorded_by=_user(actor),
    )
    entry.full_clean()
    entry.save()
    audit(
        actor,
        "movements.progress.record",
        entry,
        unit_path=unit.path,
        changes={"value": [None, number], "base": [None, total]},
    )
    return entry


@transaction.atomic
def progress_delete(*, actor: Any, entry: ProgressEntry) -> None:
    """Remove a value recorded by mistake, while the movement is still open."""
    movement = entry.target.movement
    if movement.status == MovementStatus.CLOSED:
        raise ValidationError(_("Phong trào đã kết thúc."), code=MovementError.CLOSED)
    # Evidence points to the entry through a generic link (no foreign key to protect it).
    if movement.evidence_items.filter(
        target_type=ContentType.objects.get_for_model(ProgressEntry), target_id=entry.pk
    ).exists():
        raise ValidationError(
            _("Lần ghi nhận đã có minh chứng: hãy xóa minh chứng trước khi xóa lần ghi nhận."),
            code=MovementError.HAS_EVIDENCE,
        )
    audit(
        actor,
        "movements.progress.delete",
        entry,
        unit_path=entry.unit.path,
        changes={"value": [entry.value, None]},
    )
    entry.delete()
