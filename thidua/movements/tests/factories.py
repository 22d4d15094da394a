"""Build movements for tests (shared by the movements, evidence and achievements tests)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from thidua.movements.models import Movement
from thidua.movements.services import criterion_add, movement_create, movement_launch


def school_movement(
    actor: Any,
    unit: Any,
    *,
    launch: bool = True,
    start_on: dt.date = dt.date(2024, 9, 5),
    end_on: dt.date = dt.date(2025, 5, 31),
    **plan: Any,
) -> Movement:
    """A movement of `unit` with one criterion per staff position, launched by default."""
    movement = movement_create(
        actor=actor,
        unit=unit,
        kind=plan.pop("kind", "standing"),
        name=plan.pop("name", "Đổi mới, sáng tạo trong quản lý, giảng dạy và học tập"),
        start_on=start_on,
        end_on=end_on,
        participants=plan.pop("participants", ["subject_department", "teacher", "staff"]),
        **plan,
    )
    criterion_add(
        actor=actor,
        movement=movement,
        unit=unit,
        participant="teacher",
        text="Có nhiều giải pháp đổi mới, sáng tạo trong giảng dạy, được tập thể ghi nhận.",
        evidence_required=True,
    )
    criterion_add(
        actor=actor,
        movement=movement,
        unit=unit,
        participant="subject_department",
        text="Tổ chức thực hiện phong trào thiết thực, hiệu quả.",
    )
    if launch:
        movement = movement_launch(actor=actor, movement=movement)
    return movement
