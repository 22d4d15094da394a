"""Writes on units and school years. Every change is validated and audited."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from thidua.core.audit import audit, diff, snapshot
from thidua.core.errors import field_error
from thidua.core.vietnamese import nfc

from .errors import OrgError
from .models import ALLOWED_CHILDREN, LEVEL_GRADES, SchoolLevel, SchoolYear, Unit, UnitType

CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9._-]{0,39}$")
UNIT_FIELDS = [
    "type",
    "code",
    "name",
    "short_name",
    "parent",
    "school_level",
    "school_year",
    "grade",
    "address",
    "place_name",
    "active_from",
    "active_to",
]


def normalize_code(code: str) -> str:
    return nfc(code).upper().replace(" ", "")


def _validate_unit(unit: Unit) -> None:
    errors: dict[str, list[ValidationError]] = {}
    if not CODE_RE.match(unit.code or ""):
        errors.setdefault("code", []).append(
            ValidationError(
                _(
                    "Mã đơn vị chỉ gồm chữ in hoa không dấu, chữ số, dấu chấm, gạch ngang hoặc gạch "
                    "dưới (tối đa 40 ký tự)."
                ),
                code=OrgError.CODE_FORMAT,
            )
        )
    parent_type = unit.parent.type if unit.parent_id else ""
    if unit.type not in ALLOWED_CHILDREN.get(parent_type, set()):
        parent_label = unit.parent.get_type_display() if unit.parent_id else _("cấp cao nhất")
        errors.setdefault("type", []).append(
            ValidationError(
                _("Không thể đặt %(child)s trực thuộc %(parent)s.")
                % {"child": UnitType(unit.type).label.lower(), "parent": str(parent_label).lower()},
                code=OrgError.CHILD_TYPE_NOT_ALLOWED,
            )
        )
    if unit.type == UnitType.SCHOOL and not unit.school_level:
        errors.setdefault("school_level", []).append(
            ValidationError(_("Trường học phải có cấp học."), code=OrgError.SCHOOL_NEEDS_LEVEL)
        )
    if unit.type == UnitType.CLASS:
        if not unit.school_year_id or unit.grade is None:
            errors.setdefault("grade", []).append(
                ValidationError(
                    _("Lớp học phải thuộc một năm học và một khối lớp."),
                    code=OrgError.CLASS_NEEDS_YEAR_AND_GRADE,
                )
            )
        elif unit.parent_id and unit.parent.school_level:
            grades = LEVEL_GRADES[SchoolLevel(unit.parent.school_level)]
            if unit.grade not in grades:
                errors.setdefault("grade", []).append(
                    ValidationError(
                        _(
                            "Khối %(grade)s không thuộc cấp học của trường (khối %(first)s–%(last)s)."
                        )
                        % {"grade": unit.grade, "first": grades[0], "last": grades[-1]},
                        code=OrgError.GRADE_NOT_IN_LEVEL,
                    )
                )
    else:
        unit.school_year = None
        unit.grade = None
    if unit.type != UnitType.SCHOOL:
        unit.school_level = ""
    if errors:
        raise ValidationError(errors)


def _set_path(unit: Unit) -> None:
    parent_path = unit.parent.path if unit.parent_id else "/"
    unit.path = f"{parent_path}{unit.pk}/"
    unit.depth = parent_path.count("/") - 1


@transaction.atomic
def unit_create(*, actor: Any, **fields: Any) -> Unit:
    """Create a unit under `parent` (or a new root), checking the tree's shape rules."""
    fields["code"] = normalize_code(fields.get("code", ""))
    for key in ("name", "short_name", "address", "place_name"):
        if key in fields:
            fields[key] = nfc(fields[key])
    unit = Unit(**fields)
    _validate_unit(unit)
    unit.full_clean(exclude=["path", "depth"])
    unit.save()
    _set_path(unit)
    unit.save(update_fields=["path", "depth"])
    audit(
        actor,
        "org.unit.create",
        unit,
        unit_path=unit.path,
        changes=diff({}, snapshot(unit, UNIT_FIELDS)),
    )
    return unit


@transaction.atomic
def unit_update(*, actor: Any, unit: Unit, **fields: Any) -> Unit:
    """Change a unit's data; a new parent moves the whole subtree with it."""
    unit = Unit.objects.select_for_update().get(pk=unit.pk)
    before = snapshot(unit, UNIT_FIELDS)
    old_path, old_depth = unit.path, unit.depth
    if "code" in fields:
        fields["code"] = normalize_code(fields["code"])
    for key, value in fields.items():
        if key == "type" and value != unit.type:
            raise ValidationError({"type": _("Không thể đổi loại của một đơn vị đã có.")})
        if isinstance(value, str):
            value = nfc(value)
        setattr(unit, key, value)
    new_parent = unit.parent
    if new_parent is not None and new_parent.path.startswith(old_path):
        raise field_error(
            "parent",
            _("Không thể chuyển đơn vị vào chính nó hoặc đơn vị cấp dưới của nó."),
            OrgError.MOVE_INTO_OWN_SUBTREE,
        )
    _validate_unit(unit)
    unit.full_clean(exclude=["path", "depth"])
    _set_path(unit)
    unit.save()
    if unit.path != old_path:
        depth_shift = unit.depth - old_depth
        descendants = Unit.objects.filter(path__startswith=old_path).exclude(pk=unit.pk)
        for child in descendants:
            child.path = unit.path + child.path[len(old_path) :]
            child.depth = child.depth + depth_shift
        Unit.objects.bulk_update(descendants, ["path", "depth"])
    changes = diff(before, snapshot(unit, UNIT_FIELDS))
    if changes:
        audit(actor, "org.unit.update", unit, unit_path=unit.path, changes=changes)
    return unit


def default_school_year_dates(code: str) -> dict[str, dt.date]:
    """The usual HCMC calendar: early September to the end of May, HK2 from mid-January."""
    first = int(code[:4])
    return {
        "start_on": dt.date(first, 9, 5),
        "hk1_end_on": dt.date(first + 1, 1, 11),
        "hk2_start_on": dt.date(first + 1, 1, 13),
        "end_on": dt.date(first + 1, 5, 31),
    }


@transaction.atomic
def school_year_create(*, actor: Any, code: str, **dates: dt.date) -> SchoolYear:
    """Create a school year with its semester dates (defaults to the usual calendar)."""
    code = nfc(code)
    if SchoolYear.objects.filter(code=code).exists():
        raise field_error(
            "code", _("Năm học %(code)s đã có.") % {"code": code}, OrgError.SCHOOL_YEAR_EXISTS
        )
    year = SchoolYear(code=code)
    try:
        values = {**default_school_year_dates(code), **dates}
    except ValueError:
        values = dict(dates)
    for key, value in values.items():
        setattr(year, key, value)
    year.full_clean()
    year.save()
    audit(actor, "org.school_year.create", year)
    return year
