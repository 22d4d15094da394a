"""`audit()` records a change in the same transaction as the change itself.

Action names are dotted (`org.unit.update`) and listed in ACTIONS so that the audit page can
label them in Vietnamese.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .models import AuditEntry

ACTIONS: dict[str, Any] = {
    "org.unit.create": _("Tạo đơn vị"),
    "org.unit.update": _("Sửa đơn vị"),
    "org.unit.deactivate": _("Ngừng hoạt động đơn vị"),
    "org.school_year.create": _("Tạo năm học"),
    "people.staff.create": _("Thêm cán bộ, giáo viên, nhân viên"),
    "people.staff.update": _("Sửa thông tin cán bộ"),
    "people.student.create": _("Thêm học sinh"),
    "people.student.update": _("Sửa thông tin học sinh"),
    "people.membership.start": _("Bắt đầu công tác tại đơn vị"),
    "people.membership.end": _("Kết thúc công tác tại đơn vị"),
    "people.membership.update": _("Sửa quá trình công tác"),
    "people.enrollment.set": _("Xếp lớp học sinh"),
    "people.import.staff": _("Nhập danh sách cán bộ từ Excel"),
    "people.import.students": _("Nhập danh sách học sinh từ Excel"),
    "accounts.role.grant": _("Phân quyền"),
    "accounts.role.revoke": _("Thu hồi quyền"),
    "accounts.user.create": _("Tạo tài khoản"),
    "accounts.user.password_reset": _("Đặt lại mật khẩu"),
}


def register_actions(actions: dict[str, Any]) -> None:
    """Let a domain app add its own action labels."""
    ACTIONS.update(actions)


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return str(value)
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, list | tuple | set):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {str(k): _jsonable(v) for k, v in value.items()}
    return value


def snapshot(obj: models.Model, fields: list[str]) -> dict[str, Any]:
    """The values of `fields` on `obj`, ready to be compared with `diff`."""
    data: dict[str, Any] = {}
    for name in fields:
        field = obj._meta.get_field(name)
        if field.is_relation:
            # Readable in the audit page: the related record's name, not its id.
            related_id = getattr(obj, field.attname)
            data[name] = str(getattr(obj, name)) if related_id is not None else None
        else:
            data[name] = _jsonable(getattr(obj, field.attname))
    return data


def diff(before: dict[str, Any], after: dict[str, Any]) -> dict[str, list[Any]]:
    """Fields whose value changed, as {field: [old, new]}."""
    return {
        key: [before.get(key), after.get(key)]
        for key in sorted(set(before) | set(after))
        if before.get(key) != after.get(key)
    }


def audit(
    actor: Any,
    action: str,
    obj: models.Model,
    *,
    unit_path: str = "",
    changes: dict[str, Any] | None = None,
    **extra: Any,
) -> AuditEntry:
    """Write one audit entry for `action` on `obj` by `actor` (a user or None for the system)."""
    if action not in ACTIONS:
        raise ValueError(f"Unknown audit action {action!r}: add it to ACTIONS")
    is_user = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEntry.objects.create(
        actor=actor if is_user else None,
        actor_name=(actor.get_full_name() or actor.get_username()) if is_user else "hệ thống",
        action=action,
        target_type=obj._meta.label_lower,
        target_id=str(obj.pk),
        target_repr=str(obj)[:300],
        unit_path=unit_path,
        changes=_jsonable(changes or {}),
        extra=_jsonable(extra),
    )
