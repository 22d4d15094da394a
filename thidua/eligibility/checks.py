"""System check: a broken parameter file fails ``manage.py check`` (and so CI and deploys)."""

from __future__ import annotations

from typing import Any

from django.core import checks


@checks.register("eligibility")
def parameters_are_valid(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """Run ``params.validate_all()``: schema, dates, citations, rule bases, required paths."""
    from .params import validate_all

    return [
        checks.Error(
            f"Tham số pháp lý không hợp lệ — {error}",
            hint="Sửa tệp tham số trong thidua/eligibility/parameters/ (xem README.md).",
            obj=error.file,
            id="eligibility.E001",
        )
        for error in validate_all()
    ]
