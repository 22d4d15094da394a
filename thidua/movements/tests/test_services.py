"""Movement services: plan, status machine, cascade, adoption, criteria, targets, progress."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from thidua.core.errors import error_codes
from thidua.core.models import AuditEntry
from thidua.movements.errors import MovementError
from thidua.movements.models import (
    Adoption,
    AdoptionStatus,
    Criterion,
    MovementDuration,
    MovementStatus,
    MovementStatusChange,
    ProgressEntry,
)
from thidua.movements.selectors import target_progress
from thidua.movements.services import (
    adoption_adopt,
    criterion_add,
    duration_of,
    movement_create,
    movement_launch,
    movement_transition,
    phase_add,
    progress_record,
    target_add,
)

from .factories import school_movement

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("_case", "start", "end", "bucket"),
    [
        (
            "a two-month campaign",
            dt.date(2025, 3, 1),
            dt.date(2025, 4, 30),
            MovementDuration.UNDER_1,
        ),
        ("one school year", dt.date(2024, 9, 20), dt.date(2025, 5, 31), MovementDuration.ONE),
        ("two years", dt.date(2023, 9, 1), dt.date(2025, 8, 31), MovementDuration.FROM_1_TO_3),
        (
            "2020–2025 plan",
            dt.date(2020, 11, 16),
            dt.date(2025, 12, 31),
            MovementDuration.FIVE_PLUS,
        ),
    ],
)
def test_duration_bucket_of_form_0601(_case, start, end, bucket):
    assert duration_of(start, end) == bucket


def test_a_class_cannot_launch_a_movement(principal, tree):
    with pytest.raises(ValidationError) as exc:
        movement_create(
            actor=principal,
            unit=tree["6a1"],
            kind="standing",
            name="Lớp học thân thiện",
            start_on=dt.date(2024, 9, 5),
            end_on=dt.date(2025, 5, 31),
        )
    assert error_codes(exc.value) == [MovementError.NOT_A_LAUNCHER]


def test_launching_cascades_to_the_units_below(doe_officer, tree):
    # given: a city department's standing movement
    movement = school_movement(doe_officer, tree["doe"], launch=False, name="Dạy tốt, học tốt")
    assert movement.status == MovementStatus.DRAFT
    # when
    movement = movement_launch(actor=doe_officer, movement=movement)
    # then: the district office and both schools receive it, not departments or classes
    units = set(Adoption.objects.filter(movement=movement).values_list("unit__code", flat=True))
    assert units == {"PGDDT-Q5", "THCS-TBC", "TH-BAUSEN"}
    assert movement.status == MovementStatus.ACCEPTING
    assert movement.launched_at is not None
    assert AuditEntry.objects.filter(action="movements.movement.status").count() == 1


def test_a_school_movement_cascades_to_its_departments(principal, tree):
    movement = school_movement(principal, tree["tbc"])
    units = set(movement.adoptions.values_list("unit__code", flat=True))
    assert units == {"THCS-TBC-TOAN", "THCS-TBC-VP"}


def test_launch_is_refused_without_criteria(principal, tree):
    movement = movement_create(
        actor=principal,
        unit=tree["tbc"],
        kind="periodic",
        name="Thi đua chào mừng 20/11",
        start_on=dt.date(2024, 10, 1),
        end_on=dt.date(2024, 11, 20),
    )
    with pytest.raises(ValidationError) as exc:
        movement_launch(actor=principal, movement=movement)
    assert error_codes(exc.value) == [MovementError.NOT_LAUNCHED]
    movement.refresh_from_db()
    assert movement.status == MovementStatus.DRAFT
    assert not Adoption.objects.exists()


def test_a_movement_starting_later_waits_as_launched(principal, tree):
    start = dt.date.today() + dt.timedelta(days=30)
    movement = school_movement(
        principal, tree["tbc"], start_on=start, end_on=start + dt.timedelta(days=200)
    )
    assert movement.status == MovementStatus.LAUNCHED
    movement = movement_transition(actor=principal, movement=movement, to="accepting")
    assert movement.status == MovementStatus.ACCEPTING


def test_reopening_a_closed_movement_needs_a_reason(principal, tree):
    # given
    movement = school_movement(principal, tree["tbc"])
    movement = movement_transition(actor=principal, movement=movement, to="under_review")
    movement = movement_transition(actor=principal, movement=movement, to="closed")
    # when
    with pytest.raises(ValidationError) as exc:
        movement_transition(actor=principal, movement=movement, to="accepting", reason="  ")
    # then
    assert error_codes(exc.value) == [MovementError.REASON_REQUIRED]
    movement.refresh_from_db()
    assert movement.status == MovementStatus.CLOSED
    movement = movement_transition(
        actor=principal,
        movement=movement,
        to="accepting",
        reason="Bổ sung minh chứng của Tổ Văn phòng theo yêu cầu của Phòng GD&ĐT",
    )
    assert movement.status == MovementStatus.ACCEPTING
    assert movement.reopened_at is not None
    change = MovementStatusChange.objects.filter(movement=movement).last()
    assert change.reason.startswith("Bổ sung minh chứng")


def test_transition_not_in_the_machine_is_refused(principal, tree):
    movement = school_movement(principal, tree["tbc"])
    with pytest.raises(ValidationError) as exc:
        movement_transition(actor=principal, movement=movement, to="launched")
    assert error_codes(exc.value) == [MovementError.TRANSITION_NOT_ALLOWED]


def test_an_adopting_unit_adds_its_own_criteria_only_after_adopting(doe_officer, principal, tree):
    # given
    movement = school_movement(doe_officer, tree["doe"], name="Dạy tốt, học tốt")
    adoption = Adoption.objects.get(movement=movement, unit=tree["tbc"])
    # when: before adopting
    with pytest.raises(ValidationError) as exc:
        criterion_add(
            actor=principal,
            movement=movement,
            unit=tree["tbc"],
            participant="teacher",
            text="Dự giờ",
        )
    assert error_codes(exc.value) == [MovementError.NOT_ADOPTED]
    # then: after adopting
    adoption_adopt(
        actor=principal,
        adoption=adoption,
        adopted_on=dt.date(2024, 9, 20),
        plan_number="15/KH-THCS",
    )
    criterion = criterion_add(
        actor=principal,
        movement=movement,
        unit=tree["tbc"],
        participant="teacher",
        text="Mỗi giáo viên có ít nhất một chuyên đề đổi mới phương pháp dạy học mỗi học kỳ.",
    )
    assert criterion.unit == tree["tbc"]
    assert Adoption.objects.get(pk=adoption.pk).status == AdoptionStatus.ADOPTED


def test_a_unit_outside_the_movement_cannot_add_criteria(principal, other_principal, tree):
    movement = school_movement(principal, tree["tbc"])
    with pytest.raises(ValidationError) as exc:
        criterion_add(
            actor=other_principal,
            movement=movement,
            unit=tree["bausen"],
            participant="teacher",
            text="Tiêu chí riêng",
        )
    assert error_codes(exc.value) == [MovementError.UNIT_NOT_CONCERNED]
    assert Criterion.objects.filter(unit=tree["bausen"]).count() == 0


def test_phase_outside_the_movement_period_is_refused(principal, tree):
    movement = school_movement(principal, tree["tbc"])
    with pytest.raises(ValidationError) as exc:
        phase_add(
            actor=principal,
            movement=movement,
            kind="final_review",
            name="Tổng kết",
            start_on=dt.date(2027, 1, 1),
        )
    assert error_codes(exc.value) == [MovementError.PHASE_OUTSIDE]
    phase = phase_add(
        actor=principal,
        movement=movement,
        kind="mid_term_review",
        name="Sơ kết học kỳ I",
        start_on=dt.date(2025, 1, 15),
    )
    assert phase.movement == movement


def test_share_target_progress_aggregates_the_latest_value_of_each_unit(principal, tree):
    # given: > 95 % learning citizens, reported by both departments
    movement = school_movement(principal, tree["tbc"])
    target = target_add(
        actor=principal,
        movement=movement,
        unit=tree["tbc"],
        text="Hơn 95% cán bộ, giáo viên, nhân viên đạt Công dân học tập",
        measure="share",
        comparison="gt",
        target_value=95,
    )
    progress_record(
        actor=principal,
        target=target,
        unit=tree["tbc_math"],
        recorded_on=dt.date(2024, 12, 1),
        value=8,
        base=10,
    )
    progress_record(
        actor=principal,
        target=target,
        unit=tree["tbc_math"],
        recorded_on=dt.date(2025, 3, 1),
        value=10,
        base=10,
    )
    progress_record(
        actor=principal,
        target=target,
        unit=tree["tbc_office"],
        recorded_on=dt.date(2025, 3, 1),
        value=9,
        base=10,
    )
    # when
    [progress] = target_progress([target])
    # then: (10 + 9) / (10 + 10) = 95 % — not MORE than 95 %
    assert progress.current == Decimal("95.0")
    assert progress.met is False
    assert progress.percent == 100
    assert progress.current_label == "95,0%"


def test_per_department_target_counts_the_departments_that_reached_it(principal, tree):
    movement = school_movement(principal, tree["tbc"])
    target = target_add(
        actor=principal,
        movement=movement,
        unit=tree["tbc"],
        text="Mỗi tổ xây dựng ít nhất 1 mô hình công dân học tập",
        measure="count",
        target_value=1,
        unit_label="mô hình",
        per_unit_type="subject_department",
    )
    [before] = target_progress([target])
    assert (before.units_met, len(before.units), before.met) == (0, 1, False)
    progress_record(
        actor=principal,
        target=target,
        unit=tree["tbc_math"],
        recorded_on=dt.date(2025, 2, 1),
        value=1,
    )
    [after] = target_progress([target])
    assert (after.units_met, after.percent, after.met) == (1, 100, True)


@pytest.mark.parametrize(
    ("_case", "values", "code"),
    [
        ("share without a total", {"value": 5}, MovementError.VALUE_INVALID),
        ("more people than the total", {"value": 12, "base": 10}, MovementError.VALUE_INVALID),
        ("a negative value", {"value": -1, "base": 10}, MovementError.VALUE_INVALID),
    ],
)
def test_bad_progress_values_are_refused(principal, tree, _case, values, code):
    movement = school_movement(principal, tree["tbc"])
    target = target_add(
        actor=principal,
        movement=movement,
        unit=tree["tbc"],
        text="Tỷ lệ",
        measure="share",
        target_value=90,
    )
    with pytest.raises(ValidationError) as exc:
        progress_record(
            actor=principal,
            target=target,
            unit=tree["tbc"],
            recorded_on=dt.date(2025, 1, 5),
            **values,
        )
    assert error_codes(exc.value) == [code]
    assert not ProgressEntry.objects.exists()


def test_progress_for_a_unit_outside_the_target_is_refused(principal, tree):
    movement = school_movement(principal, tree["tbc"])
    target = target_add(
        actor=principal, movement=movement, unit=tree["tbc"], text="Wifi", measure="boolean"
    )
    with pytest.raises(ValidationError) as exc:
        progress_record(
            actor=principal,
            target=target,
            unit=tree["bausen"],
            recorded_on=dt.date(2025, 1, 5),
            value=1,
        )
    assert error_codes(exc.value) == [MovementError.UNIT_NOT_CONCERNED]
