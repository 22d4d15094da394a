"""Small template helpers shared by every app."""

from __future__ import annotations

from typing import Any

from django import template

from thidua.core.vietnamese import vn_date as _vn_date

register = template.Library()


@register.filter
def get_item(mapping: Any, key: Any) -> Any:
    """{{ dict|get_item:key }}"""
    if mapping is None:
        return None
    return mapping.get(key)


@register.filter
def vn_date(day: Any, place: str = "") -> str:
    """{{ day|vn_date:"Quận 5" }} → "Quận 5, ngày 20 tháng 5 năm 2024"."""
    return _vn_date(day, place=place) if day else ""
