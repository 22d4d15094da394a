"""Domain errors are Django ValidationErrors that carry a stable code (asserted by tests/API)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ValidationError


def field_error(field: str, message: Any, code: str) -> ValidationError:
    """A ValidationError attached to one form field, keeping its stable code."""
    return ValidationError({field: ValidationError(message, code=code)})


def error_codes(exc: ValidationError) -> list[str]:
    """Every code inside a ValidationError, field errors included."""
    if hasattr(exc, "error_dict"):
        return [e.code for errors in exc.error_dict.values() for e in errors if e.code]
    return [e.code for e in exc.error_list if e.code]
