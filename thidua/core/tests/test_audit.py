import pytest

from thidua.core.audit import audit, diff
from thidua.core.models import AuditEntry


def test_diff_lists_only_changed_fields():
    assert diff({"a": 1, "b": 2}, {"a": 1, "b": 3, "c": 4}) == {"b": [2, 3], "c": [None, 4]}


def test_audit_records_actor_target_and_changes(tree, principal):
    entry = audit(
        principal,
        "org.unit.update",
        tree["tbc"],
        unit_path=tree["tbc"].path,
        changes={"name": ["A", "B"]},
    )
    stored = AuditEntry.objects.get(pk=entry.pk)
    assert (stored.actor, stored.actor_name, stored.target_type, stored.target_id) == (
        principal,
        "Phạm Văn Hòa",
        "org.unit",
        str(tree["tbc"].pk),
    )
    assert stored.changes == {"name": ["A", "B"]}


def test_unknown_action_is_a_programming_error(tree):
    with pytest.raises(ValueError):
        audit(None, "org.unit.fly", tree["tbc"])
